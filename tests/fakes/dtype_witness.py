"""A pytest plugin for tests/fakes/adapters.py:reference_without_double: appends, per check, the unsupported
dtypes it read from the namespace (``nodeid<TAB>names``) to the file named by $DTYPE_WITNESS."""
from __future__ import annotations

import os
from typing import Any

import pytest

from tests.fakes.adapters import TOUCHED


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    TOUCHED.clear()
    try:
        return (yield)
    finally:
        with open(os.environ["DTYPE_WITNESS"], "a", encoding="utf-8") as out:
            out.write(f"{item.nodeid}\t{','.join(sorted(TOUCHED))}\n")
