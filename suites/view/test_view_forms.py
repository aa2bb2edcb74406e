"""The function forms of the view ops (``torch.permute(x, dims)`` is ``x.permute(dims)``: the same view,
sharing memory) and the ``*_copy`` functions (the same values, in freshly allocated tensors that share
nothing with the input). Both reuse the rows of suites/view/test_shares_memory.py: a row's drawn shape and
arguments, and its NumPy index map as the oracle."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_values, describe
from suites.inputs import tensor_of
from suites.view import oracles
from suites.view.helpers import as_list
from suites.view.test_shares_memory import REORDER, RESHAPE, SPLITS, SUB_REGIONS, ViewOp, _run

ROWS = {op.name: op for op in REORDER + RESHAPE + SUB_REGIONS + SPLITS}

FUNCTION_FORMS = ("permute", "transpose", "swapaxes", "swapdims", "t", "adjoint", "squeeze", "squeeze(dim)",
                  "unsqueeze", "unflatten", "narrow", "select", "diagonal", "unbind", "split", "split(list)", "chunk",
                  "tensor_split", "hsplit", "vsplit")
"""Rows whose op is also documented as a ``torch.<op>(input, ...)`` function."""

COPIES = ("permute", "transpose", "t", "squeeze", "squeeze(dim)", "unsqueeze", "view", "narrow", "select", "diagonal",
          "unfold", "as_strided", "unbind", "split", "split_with_sizes")
"""Rows whose op has a documented ``torch.<op>_copy`` function."""


def _function(name: str) -> Callable[..., Any]:
    return lambda xp, t, *args: getattr(xp, name)(t, *args)


def _as_function(op: ViewOp) -> ViewOp:
    name = op.name.split("(")[0]
    return ViewOp(op.name.replace(name, f"torch.{name}", 1), op.draw, _function(name), op.oracle)


@check("view.forms.functions")
@pytest.mark.parametrize("op", [_as_function(ROWS[n]) for n in FUNCTION_FORMS], ids=FUNCTION_FORMS)
@settings(max_examples=10)
@given(data=st.data())
def test_function_forms_are_the_same_views(xp, op, data):
    _run(xp, op, data)


def _assert_fresh(xp: Any, base: Any, shape: tuple[int, ...], results: list[Any], maps: list[np.ndarray],
                  call: str) -> None:
    """Each result holds the base elements its map names, and writes to the base or to a result reach no other."""
    n = int(np.prod(shape)) if shape else 1
    start = np.arange(n, dtype=np.float64)
    for k, (result, index) in enumerate(zip(results, maps)):
        assert_values(result, start[index], call=f"{call}[{k}]", rtol=0, atol=0)
    base.copy_(tensor_of(xp, (1000.0 + start).reshape(shape), "float64"))
    for k, (result, index) in enumerate(zip(results, maps)):
        assert_values(result, start[index], call=f"{call}[{k}] read after base.copy_(1000 + base)", rtol=0, atol=0)
        result.copy_(tensor_of(xp, np.full(index.shape, -1.0), "float64"))
    assert_values(base, (1000.0 + start).reshape(shape), call=f"{call}: base read after writing -1 to every result",
                  rtol=0, atol=0)


@check("view.forms.copies")
@pytest.mark.parametrize("row", COPIES)
@settings(max_examples=10)
@given(data=st.data())
def test_copy_functions_return_fresh_tensors(xp, row, data):
    op = ROWS[row]
    name = row.split("(")[0] + "_copy"
    shape, args = op.draw(data)
    base = tensor_of(xp, oracles.positions(shape), "float64")
    results = as_list(getattr(xp, name)(base, *args))
    maps = [np.asarray(m) for m in as_list(op.oracle(oracles.positions(shape), *args))]
    _assert_fresh(xp, base, shape, results, maps, describe(f"torch.{name}", base, *args))


@check("view.forms.copies")
@settings(max_examples=10)
@given(data=st.data())
def test_narrow_copy_method_returns_a_fresh_tensor(xp, data):
    op = ROWS["narrow"]
    shape, args = op.draw(data)
    base = tensor_of(xp, oracles.positions(shape), "float64")
    result = base.narrow_copy(*args)
    _assert_fresh(xp, base, shape, [result], [np.asarray(op.oracle(oracles.positions(shape), *args))],
                  describe("Tensor.narrow_copy", base, *args))
