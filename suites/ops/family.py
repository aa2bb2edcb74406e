"""Spec-table rows for op families (joining, indexing, sorting, reductions) and the one protocol
that checks every row.

A row names the call forms of one behaviour (``"cat"`` is ``torch.cat``, ``".flip"`` the method
on the first argument, ``".tril_"`` the in-place method, which must return its very self), draws
NumPy inputs, and states the expected result with a NumPy oracle written from the documented
rule. ``check_row`` builds the same inputs on the backend, calls every form and compares values,
shape and result dtype (the oracle's dtype: oracles cast to the documented result dtype).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import strategies as st

from conformance.dtypes import GENERIC_DTYPES
from conformance.assertions import assert_same_object, assert_tensor, describe, expect
from conformance.strategies import dtype_names, shapes
from suites.inputs import tensor_of
from suites.ops.helpers import arrays

Draw = Callable[[Any], tuple[tuple[Any, ...], dict[str, Any]]]
"""hypothesis ``data`` -> (positional, keyword) arguments, NumPy arrays standing for tensors."""


@dataclass(frozen=True)
class Row:
    name: str
    forms: tuple[str, ...]
    draw: Draw
    oracle: Callable[..., Any]
    items: tuple[int, ...] | None = None
    """For tuple results: the items to compare (the others are left open by the documentation)."""
    pinned: tuple[tuple[tuple[Any, ...], dict[str, Any]], ...] = ()
    """Cases always checked (``case(...)``), whatever hypothesis draws: those the row's mutants rely on."""


def row(name: str, forms: tuple[str, ...], draw: Draw, oracle: Callable[..., Any], mark: Any,
        items: tuple[int, ...] | None = None, pinned: Any = ()) -> Any:
    """A table entry: the row as a pytest param citing its behaviour (``mark=check("<id>")``)."""
    return pytest.param(Row(name, forms, draw, oracle, items, tuple(pinned)), id=name, marks=mark)


def case(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """A pinned case: the arguments as the row's oracle takes them (arrays standing for tensors)."""
    return args, kwargs


def _items(result: Any, items: tuple[int, ...] | None) -> Any:
    return result if items is None or not isinstance(result, (tuple, list)) else tuple(result[i] for i in items)


class Dtype(str):
    """A dtype argument: the backend gets ``getattr(xp, name)``, the oracle the name."""


class Shape(tuple):
    """An expected ``torch.Size`` (compared as a tuple of ints), not a tuple of results."""


def _backend(xp: Any, value: Any) -> Any:
    """The argument as the backend takes it: arrays become tensors, inside lists and tuples too."""
    if isinstance(value, np.ndarray):
        return tensor_of(xp, value)
    if isinstance(value, Dtype):
        return getattr(xp, value)
    if isinstance(value, (list, tuple)) and not isinstance(value, Shape):
        return type(value)(_backend(xp, v) for v in value)
    return value


def compare(got: Any, want: Any, *, call: str) -> None:
    """Tensors against arrays (values, shape and dtype), tuples item by item, sizes as tuples."""
    if isinstance(want, Shape):
        sizes = tuple(int(s) for s in got) if isinstance(got, (tuple, list)) else got
        expect(sizes == tuple(want), call=call, expected=f"size {tuple(want)}", got=repr(got))
    elif isinstance(want, (tuple, list)):
        expect(isinstance(got, (tuple, list)) and len(got) == len(want), call=call,
               expected=f"a sequence of {len(want)} results", got=type(got).__name__)
        for i, (g, w) in enumerate(zip(got, want)):
            compare(g, w, call=f"{call}[{i}]")
    else:
        want = np.asarray(want)
        assert_tensor(got, want, dtype=want.dtype.name, call=call, equal_nan=True)


def _resolve(xp: Any, dotted: str) -> Any:
    return functools.reduce(getattr, dotted.split("."), xp)


def check_row(xp: Any, row: Row, data: Any) -> None:
    """Every form of the row, on fresh backend inputs, against the row's oracle: for drawn inputs, or for
    the row's pinned cases when ``data`` is None (the check's ``@example(data=None)``)."""
    for args, kwargs in row.pinned if data is None else (row.draw(data),):
        _check_case(xp, row, args, kwargs)


def _check_case(xp: Any, row: Row, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    want = _items(row.oracle(*args, **kwargs), row.items)
    for form in row.forms:
        targs, tkwargs = _backend(xp, args), {k: _backend(xp, v) for k, v in kwargs.items()}
        if form.startswith("."):
            self, *rest = targs
            call = f"[{row.name}] " + describe(f"Tensor{form}", self, *rest, **tkwargs)
            got = getattr(self, form[1:])(*rest, **tkwargs)
            if form.endswith("_"):
                assert_same_object(got, self, call=call)
        else:
            call = f"[{row.name}] " + describe(f"torch.{form}", *targs, **tkwargs)
            got = _resolve(xp, form)(*targs, **tkwargs)
        compare(_items(got, row.items), want, call=call)


# -- drawing inputs --------------------------------------------------------------------------------
def array(data: Any, dtypes: tuple[str, ...] = GENERIC_DTYPES, *, shape: tuple[int, ...] | None = None,
          min_dims: int = 1, max_dims: int = 3, min_side: int = 1, max_side: int = 4, low: int = -9, high: int = 9,
          label: str = "a") -> np.ndarray:
    """A small array of small integer values (exact in every dtype) in one of ``dtypes``."""
    dtype = data.draw(dtype_names(dtypes), label=f"{label} dtype")
    if shape is None:
        shape = data.draw(shapes(min_dims, max_dims, min_side, max_side), label=f"{label} shape")
    return data.draw(arrays(dtype, shape, low, high), label=label)


def dim(data: Any, ndim: int, label: str = "dim") -> int:
    """A valid dim of an ``ndim``-D array, negative or not."""
    return data.draw(st.integers(-ndim, ndim - 1), label=label)
