"""Tensor.T and Tensor.mT (3.22): T reverses every dim (deprecated unless 2-D), mT swaps the last two."""
from __future__ import annotations

import warnings

import numpy as np
from hypothesis import given

from conformance import check
from conformance.assertions import assert_values, describe, expect
from conformance.strategies import shapes
from suites.view import oracles
from suites.inputs import tensor_of


@check("view.t-property.reverses-dims")
@given(shape=shapes(0, 4, 0, 4))
def test_T_reverses_all_dims(xp, shape):
    values = oracles.positions(shape).astype(np.float64)
    t = tensor_of(xp, values, "float64")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the deprecation on non-2-D input is another check's business
        got = t.T
    assert_values(got, values.transpose(), call=f"{describe('t', t)}.T", rtol=0, atol=0)


def _warnings_of_T(xp, t):
    """Categories of the warnings ``t.T`` emits, with every warning shown each time.

    PyTorch may emit a warning once per process only; ``set_warn_always(True)`` (documented)
    makes it emit every time, so the check does not depend on which check ran first.
    """
    previous = xp.is_warn_always_enabled()
    xp.set_warn_always(True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t.T
    finally:
        xp.set_warn_always(previous)
    return [w.category for w in caught]


@check("view.t-property.non-2d-deprecated")
@given(shape=shapes(0, 4, 0, 3).filter(lambda s: len(s) != 2))
def test_T_on_non_2d_warns(xp, shape):
    t = xp.zeros(shape)
    kinds = _warnings_of_T(xp, t)
    expect(any(issubclass(k, UserWarning) for k in kinds), call=f"zeros({shape}).T",
           expected="a UserWarning (deprecated on non-2-D tensors)", got=f"warnings {[k.__name__ for k in kinds]}")


@check("view.t-property.non-2d-deprecated")
@given(shape=shapes(2, 2, 0, 4))
def test_T_on_2d_does_not_warn(xp, shape):
    t = xp.zeros(shape)
    kinds = _warnings_of_T(xp, t)
    expect(not kinds, call=f"zeros({shape}).T", expected="no warning", got=f"warnings {[k.__name__ for k in kinds]}")


@check("view.mt-property.swaps-last-two")
@given(shape=shapes(2, 5, 0, 3))
def test_mT_swaps_last_two_dims(xp, shape):
    values = oracles.positions(shape).astype(np.float64)
    t = tensor_of(xp, values, "float64")
    assert_values(t.mT, np.swapaxes(values, -2, -1), call=f"{describe('t', t)}.mT", rtol=0, atol=0)
