"""Keep ``--dist loadgroup`` grouping on pytest >= 9.2 (pytest-dev/pytest-xdist#1386).

An xdist worker names a test's ``xdist_group`` by a node-ID suffix (``...[x]@group``) that the
controller's scheduler reads, but pytest-xdist <= 3.8 writes it to ``item._nodeid``, which pytest
9.2's structured node IDs ignore: groups were silently spread over the workers, so each batch of
mutants ran its subprocess on every worker (the sweep did its work twice at ``-n 2``). Where the
suffix is missing, this plugin writes it where pytest now reads the node ID; with an xdist that
does it itself, it does nothing.
"""
from __future__ import annotations

import pytest

try:
    from _pytest.nodeid import NodeId  # pytest >= 9.2
except ImportError:  # older pytest reads item._nodeid: xdist's own suffix works
    NodeId = None


@pytest.hookimpl(trylast=True)  # after xdist's own suffixing
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if NodeId is None or not getattr(config.option, "loadgroup", False):  # set on xdist workers only
        return
    for item in items:
        groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")})
        if groups and item.nodeid.rfind("@") <= item.nodeid.rfind("]"):  # no suffix yet
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")
