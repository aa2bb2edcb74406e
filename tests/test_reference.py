"""The reference backend stays an independent implementation."""
from __future__ import annotations

from pathlib import Path

from tests.test_catalogue import ROOT, _imports


def test_reference_backend_is_pure_numpy() -> None:
    """Nothing under reference/ imports torch or the harness."""
    offenders = {str(p.relative_to(ROOT)): sorted(_imports(p) & {"torch", "conformance"})
                 for p in (ROOT / "reference").rglob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}, offenders


def test_reference_is_registered() -> None:
    from conformance import load_backend

    adapter = load_backend("reference")
    assert adapter.devices == ("cpu", "fake") and adapter.deviations == ()
    assert Path(adapter.namespace.__file__).parent == ROOT / "reference"
