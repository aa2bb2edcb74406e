"""Window functions (creation.window.*) as spec rows run by the family protocol (suites/ops/family.py): each
row draws a window length, ``periodic`` and a floating dtype; the oracle is NumPy's symmetric window of the
documented formula, one point longer with its last point dropped when periodic, and ``[1.]`` for length 1."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.dtypes import FULL_FLOAT_DTYPES
from conformance.strategies import dtype_names
from suites.ops.family import Dtype, case, check_row, row


def _window_in(data: Any) -> tuple[tuple, dict]:
    return (data.draw(st.integers(0, 8), label="window_length"),), {
        "periodic": data.draw(st.booleans(), label="periodic"),
        "dtype": Dtype(data.draw(dtype_names(FULL_FLOAT_DTYPES), label="dtype"))}


def _window(symmetric: Callable[[int], np.ndarray]) -> Callable[..., np.ndarray]:
    def oracle(n: int, periodic: bool = True, dtype: str = "float32") -> np.ndarray:
        if n == 1:
            return np.ones(1, dtype)
        return (symmetric(n + 1)[:-1] if periodic else symmetric(n)).astype(dtype)
    return oracle


PINNED = [case(5, periodic=True, dtype=Dtype("float64")), case(1, periodic=False, dtype=Dtype("float32"))]


@pytest.mark.parametrize("spec", [
    row("hann_window", ("hann_window",), _window_in, _window(np.hanning), check("creation.window.hann"), pinned=PINNED),
    row("hamming_window", ("hamming_window",), _window_in, _window(np.hamming), check("creation.window.hamming"),
        pinned=PINNED),
    row("bartlett_window", ("bartlett_window",), _window_in, _window(np.bartlett), check("creation.window.bartlett"),
        pinned=PINNED),
    row("blackman_window", ("blackman_window",), _window_in, _window(np.blackman), check("creation.window.blackman"),
        pinned=PINNED),
    row("kaiser_window", ("kaiser_window",), _window_in, _window(lambda n: np.kaiser(n, 12.0)),
        check("creation.window.kaiser"), pinned=PINNED),
])
@settings(max_examples=10)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_window_rows(xp, spec, data):
    check_row(xp, spec, data)
