"""The documented view ops share memory with their base (facts 3.1-3.3, 3.14).

Each op is a property over shapes and arguments: the base holds 0..n-1 (float64), the
expected view is the NumPy counterpart of the op applied to the base's index array, and
memory sharing is observed by writing through the base and through the view with ``copy_``
(``helpers.assert_shares_memory``). Ops are grouped by behaviour.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_values, describe
from conformance.strategies import shapes
from suites.view import oracles
from suites.view.helpers import as_list, assert_shares_memory
from suites.inputs import tensor_of


@dataclass(frozen=True)
class ViewOp:
    name: str
    draw: Callable[[Any], tuple[tuple[int, ...], tuple[Any, ...]]]  # data -> (shape, args)
    apply: Callable[..., Any]  # (xp, base, *args) -> tensor or tuple of tensors
    oracle: Callable[..., Any]  # (index array, *args) -> index map or list of maps


def _shape(data: Any, min_dims: int = 0, max_dims: int = 4, min_side: int = 0, max_side: int = 4) -> tuple[int, ...]:
    return data.draw(shapes(min_dims, max_dims, min_side, max_side), label="shape")


def _dim(data: Any, ndim: int, label: str = "dim") -> int:
    """A valid dim of an ``ndim``-D tensor, negative or not."""
    return data.draw(st.integers(-ndim, ndim - 1), label=label)


def _run(xp: Any, op: ViewOp, data: Any) -> None:
    shape, args = op.draw(data)
    base = tensor_of(xp, oracles.positions(shape), "float64")
    name = op.name.split('(')[0]
    call = describe(name if name.startswith("torch.") else f"Tensor.{name}", base, *args)
    views = as_list(op.apply(xp, base, *args))
    maps = [np.asarray(m) for m in as_list(op.oracle(oracles.positions(shape), *args))]
    assert_shares_memory(xp, base, shape, views, maps, call=call)


# ------------------------------------------------------------------ reordering dims (3.2, 3.3)

def _permute(data):
    shape = _shape(data)
    return shape, (tuple(data.draw(st.permutations(range(len(shape))), label="dims")),)


def _two_dims(data):
    shape = _shape(data, min_dims=1)
    return shape, (_dim(data, len(shape), "dim0"), _dim(data, len(shape), "dim1"))


def _at_most_2d(data):
    return _shape(data, max_dims=2), ()


def _exactly_2d(data):
    return _shape(data, min_dims=2, max_dims=2), ()


def _at_least_2d(data):
    return _shape(data, min_dims=2), ()


def _last_two(index):
    return np.swapaxes(index, -2, -1)


REORDER = [
    ViewOp("permute", _permute, lambda xp, t, dims: t.permute(dims), lambda a, dims: np.transpose(a, dims)),
    ViewOp("transpose", _two_dims, lambda xp, t, d0, d1: t.transpose(d0, d1), np.swapaxes),
    ViewOp("swapaxes", _two_dims, lambda xp, t, d0, d1: t.swapaxes(d0, d1), np.swapaxes),
    ViewOp("swapdims", _two_dims, lambda xp, t, d0, d1: t.swapdims(d0, d1), np.swapaxes),
    ViewOp("movedim", _two_dims, lambda xp, t, s, d: t.movedim(s, d), np.moveaxis),
    ViewOp("t", _at_most_2d, lambda xp, t: t.t(), lambda a: a.T),
    ViewOp("T", _exactly_2d, lambda xp, t: t.T, lambda a: a.T),
    ViewOp("H", _exactly_2d, lambda xp, t: t.H, lambda a: a.T),
    ViewOp("mT", _at_least_2d, lambda xp, t: t.mT, _last_two),
    ViewOp("mH", _at_least_2d, lambda xp, t: t.mH, _last_two),
    ViewOp("adjoint", _at_least_2d, lambda xp, t: t.adjoint(), _last_two),
]


@check("view.shares-memory.reorder-dims")
@pytest.mark.parametrize("op", REORDER, ids=[op.name for op in REORDER])
@given(data=st.data())
def test_reorder_views_share_memory(xp, op, data):
    _run(xp, op, data)


# ------------------------------------------------------------------ reshaping dims (3.2, 3.3)

def _new_shape(data):
    shape = _shape(data)
    return shape, (data.draw(oracles.factorisations(math.prod(shape)), label="new_shape"),)


def _squeeze_dim(data):
    shape = _shape(data, min_dims=1, max_side=2)
    return shape, (_dim(data, len(shape)),)


def _squeeze_all(data):
    return _shape(data, max_side=2), ()


def _unsqueeze(data):
    shape = _shape(data, max_dims=3)
    return shape, (data.draw(st.integers(-len(shape) - 1, len(shape)), label="dim"),)


def _unflatten(data):
    shape = _shape(data, min_dims=1, min_side=1, max_side=6)
    dim = _dim(data, len(shape))
    return shape, (dim, data.draw(oracles.factorisations(shape[dim], min_dims=1, max_dims=3), label="sizes"))


def _unflatten_map(a, dim, sizes):
    dim %= a.ndim
    return a.reshape(a.shape[:dim] + tuple(sizes) + a.shape[dim + 1:])


def _squeeze_dim_map(a, dim):
    return np.squeeze(a, axis=dim) if a.shape[dim] == 1 else a


RESHAPE = [
    ViewOp("view", _new_shape, lambda xp, t, s: t.view(*s) if s else t.view(()), lambda a, s: a.reshape(s)),
    ViewOp("view_as", _new_shape, lambda xp, t, s: t.view_as(xp.zeros(s)), lambda a, s: a.reshape(s)),
    ViewOp("squeeze", _squeeze_all, lambda xp, t: t.squeeze(), np.squeeze),
    ViewOp("squeeze(dim)", _squeeze_dim, lambda xp, t, d: t.squeeze(d), _squeeze_dim_map),
    ViewOp("unsqueeze", _unsqueeze, lambda xp, t, d: t.unsqueeze(d), np.expand_dims),
    ViewOp("unflatten", _unflatten, lambda xp, t, d, s: t.unflatten(d, s), _unflatten_map),
]


@check("view.shares-memory.reshape-dims")
@pytest.mark.parametrize("op", RESHAPE, ids=[op.name for op in RESHAPE])
@given(data=st.data())
def test_reshaping_views_share_memory(xp, op, data):
    _run(xp, op, data)


# ------------------------------------------------------------------ sub-regions (3.2)

def _narrow(data):
    shape = _shape(data, min_dims=1)
    dim = _dim(data, len(shape))
    start = data.draw(st.integers(0, shape[dim]), label="start")
    return shape, (dim, start, data.draw(st.integers(0, shape[dim] - start), label="length"))


def _select(data):
    shape = _shape(data, min_dims=1, min_side=1)
    dim = _dim(data, len(shape))
    return shape, (dim, data.draw(st.integers(-shape[dim], shape[dim] - 1), label="index"))


def _diagonal(data):
    shape = _shape(data, min_dims=2)
    d1 = _dim(data, len(shape), "dim1")
    d2 = data.draw(st.sampled_from([d for d in range(len(shape)) if d != d1 % len(shape)]), label="dim2")
    return shape, (data.draw(st.integers(-3, 3), label="offset"), d1, d2)


def _unfold(data):
    shape = _shape(data, min_dims=1, min_side=1)
    dim = _dim(data, len(shape))
    size = data.draw(st.integers(1, shape[dim]), label="size")
    return shape, (dim, size, data.draw(st.integers(1, 3), label="step"))


def _as_strided(data):
    shape = _shape(data, min_side=1)
    n = math.prod(shape)
    size = data.draw(shapes(0, 3, 0, 3), label="size")
    stride = tuple(data.draw(st.integers(0, 3), label="stride") for _ in size)
    reach = sum((s - 1) * k for s, k in zip(size, stride)) if all(size) else 0
    if reach >= n:  # keep inside the base
        size = tuple(1 for _ in size)
        reach = 0
    offset = data.draw(st.integers(0, n - 1 - reach), label="offset")
    return shape, (size, stride, offset)


def _narrow_map(a, dim, start, length):
    return np.take(a, np.arange(start, start + length), axis=dim)


SUB_REGIONS = [
    ViewOp("narrow", _narrow, lambda xp, t, d, s, n: t.narrow(d, s, n), _narrow_map),
    ViewOp("select", _select, lambda xp, t, d, i: t.select(d, i), lambda a, d, i: np.asarray(np.take(a, i, axis=d))),
    ViewOp("diagonal", _diagonal, lambda xp, t, o, d1, d2: t.diagonal(o, d1, d2),
           lambda a, o, d1, d2: np.diagonal(a, o, d1, d2)),
    ViewOp("unfold", _unfold, lambda xp, t, d, s, k: t.unfold(d, s, k), oracles.unfold_map),
    ViewOp("as_strided", _as_strided, lambda xp, t, size, stride, off: t.as_strided(size, stride, off),
           lambda a, size, stride, off: oracles.as_strided_map(a.shape, size, stride, off)),
]


@check("view.shares-memory.sub-regions")
@pytest.mark.parametrize("op", SUB_REGIONS, ids=[op.name for op in SUB_REGIONS])
@given(data=st.data())
def test_sub_region_views_share_memory(xp, op, data):
    _run(xp, op, data)


# ------------------------------------------------------------------ splits (3.2, 3.3)

def _dim_with_size(data, min_dims=1):
    shape = _shape(data, min_dims=min_dims, min_side=1, max_side=5)
    return shape, _dim(data, len(shape))


def _split_size(data):
    shape, dim = _dim_with_size(data)
    return shape, (data.draw(st.integers(1, shape[dim] + 1), label="split_size"), dim)


def _sizes(data, total):
    """Up to four piece lengths (zeros allowed) adding up to ``total``."""
    cuts = sorted(data.draw(st.lists(st.integers(0, total), max_size=3), label="cuts"))
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:])]


def _split_sizes(data):
    shape, dim = _dim_with_size(data)
    return shape, (_sizes(data, shape[dim]), dim)


def _chunk(data):
    shape, dim = _dim_with_size(data)
    return shape, (data.draw(st.integers(1, shape[dim] + 1), label="chunks"), dim)


def _unbind(data):
    shape, dim = _dim_with_size(data)
    return shape, (dim,)


def _tensor_split(data):
    shape, dim = _dim_with_size(data)
    how = data.draw(st.one_of(st.integers(1, 4), st.lists(st.integers(0, shape[dim]), max_size=3).map(sorted)),
                    label="indices_or_sections")
    return shape, (how, dim)


def _even_sections(data, dim):
    """hsplit (dim 1, or 0 for 1-D input) and vsplit (dim 0, input of 2+ dims) need even sections."""
    shape = _shape(data, min_dims=1 if dim else 2, min_side=1, max_side=4)
    axis = dim if len(shape) > 1 else 0
    sections = data.draw(st.sampled_from([k for k in range(1, shape[axis] + 1) if shape[axis] % k == 0]),
                         label="sections")
    return shape, (sections,)


def _np_tensor_split(a, how, dim):
    return np.array_split(a, how, axis=dim) if isinstance(how, int) else np.split(a, how, axis=dim)


SPLITS = [
    ViewOp("unbind", _unbind, lambda xp, t, d: t.unbind(d),
           lambda a, d: [np.asarray(np.take(a, i, axis=d)) for i in range(a.shape[d])]),
    ViewOp("split", _split_size, lambda xp, t, s, d: t.split(s, d), oracles.split_size_map),
    ViewOp("split(list)", _split_sizes, lambda xp, t, s, d: t.split(s, d), oracles.split_map),
    ViewOp("split_with_sizes", _split_sizes, lambda xp, t, s, d: t.split_with_sizes(s, d), oracles.split_map),
    ViewOp("chunk", _chunk, lambda xp, t, c, d: t.chunk(c, d), oracles.chunk_map),
    ViewOp("tensor_split", _tensor_split, lambda xp, t, h, d: t.tensor_split(h, d), _np_tensor_split),
    ViewOp("hsplit", lambda data: _even_sections(data, 1), lambda xp, t, s: t.hsplit(s), np.hsplit),
    ViewOp("vsplit", lambda data: _even_sections(data, 0), lambda xp, t, s: t.vsplit(s), np.vsplit),
]


@check("view.shares-memory.splits")
@pytest.mark.parametrize("op", SPLITS, ids=[op.name for op in SPLITS])
@given(data=st.data())
def test_split_views_share_memory(xp, op, data):
    _run(xp, op, data)


# ------------------------------------------------------------------ broadcasts (3.2, 3.14)

def _expand(data):
    shape = _shape(data, max_dims=3, max_side=3)
    lead = data.draw(shapes(0, 2, 0, 3), label="new_leading_dims")
    sizes = tuple(data.draw(st.integers(0, 3), label="size") if s == 1 else s for s in shape)
    return shape, (lead + sizes,)


BROADCASTS = [
    ViewOp("expand", _expand, lambda xp, t, s: t.expand(*s) if s else t.expand(()),
           lambda a, s: np.broadcast_to(a, s)),
    ViewOp("expand_as", _expand, lambda xp, t, s: t.expand_as(xp.zeros(s)), lambda a, s: np.broadcast_to(a, s)),
]


@check("view.shares-memory.broadcasts")
@pytest.mark.parametrize("op", BROADCASTS, ids=[op.name for op in BROADCASTS])
@given(data=st.data())
def test_broadcast_views_share_memory(xp, op, data):
    _run(xp, op, data)


# ------------------------------------------------------------------ complex parts (3.2, 3.3)

def _complex_base(shape):
    """A complex128 array whose real and imaginary parts are all distinct."""
    n = math.prod(shape)
    return (np.arange(n) + 1j * (np.arange(n) + 0.5 + n)).reshape(shape)


COMPLEX_PARTS = ["real", "imag", "view_as_real", "view_as_complex"]


@check("view.shares-memory.complex-parts")
@pytest.mark.parametrize("op", COMPLEX_PARTS)
@given(shape=shapes(0, 3, 0, 4))
def test_complex_part_views_share_memory(xp, op, shape):
    c = _complex_base(shape)
    pairs = np.stack([c.real, c.imag], axis=-1)  # the float64 layout: (..., 2)

    def read(arr):  # what the view shows of a complex base (or of its (..., 2) float layout)
        if op == "real":
            return arr.real
        if op == "imag":
            return arr.imag
        if op == "view_as_real":
            return np.stack([arr.real, arr.imag], axis=-1)
        return arr

    if op == "view_as_complex":
        base = tensor_of(xp, pairs, "float64")
        view = xp.view_as_complex(base)
        call = describe("view_as_complex", base)
    else:
        base = tensor_of(xp, c, "complex128")
        view = getattr(xp, op)(base)
        call = describe(op, base)
    assert_values(view, read(c), call=call, rtol=0, atol=0)

    # write the base, read the view
    c2 = c * 2 + (1000 + 2000j)
    if op == "view_as_complex":
        base.copy_(tensor_of(xp, np.stack([c2.real, c2.imag], axis=-1), "float64"))
    else:
        base.copy_(tensor_of(xp, c2, "complex128"))
    assert_values(view, read(c2), call=f"{call} read after writing the base", rtol=0, atol=0)

    # write the view, read the base
    if op in ("real", "imag"):
        new = -1.0 - np.arange(c.size, dtype=np.float64).reshape(shape)
        view.copy_(tensor_of(xp, new, "float64"))
        c3 = (new + 1j * c2.imag) if op == "real" else (c2.real + 1j * new)
    else:
        c3 = -c2 - (5 + 7j)
        if op == "view_as_real":
            view.copy_(tensor_of(xp, np.stack([c3.real, c3.imag], axis=-1), "float64"))
        else:
            view.copy_(tensor_of(xp, c3, "complex128"))
    want = np.stack([c3.real, c3.imag], axis=-1) if op == "view_as_complex" else c3
    assert_values(base, want, call=f"{call}.copy_(...), then reading the base", rtol=0, atol=0)


CONJ_TRANSPOSES = {"mH": (2, 4), "adjoint": (2, 4), "H": (2, 2)}


@check("view.shares-memory.complex-parts")
@pytest.mark.parametrize("op", list(CONJ_TRANSPOSES))
@given(data=st.data())
def test_conjugate_transpose_views_read_base(xp, op, data):
    low, high = CONJ_TRANSPOSES[op]
    shape = data.draw(shapes(low, high, 0, 3), label="shape")
    c = _complex_base(shape)
    base = tensor_of(xp, c, "complex128")
    view = base.adjoint() if op == "adjoint" else getattr(base, op)
    call = describe(f"Tensor.{op}", base)
    # Read through clone(): the default adapter's to_numpy cannot read a lazily conjugated view
    # (torch's numpy() refuses tensors with the conjugate bit set).
    assert_values(view.clone(), np.conj(np.swapaxes(c, -2, -1)), call=call, rtol=0, atol=0)
    c2 = c * 3 - (10 + 20j)
    base.copy_(tensor_of(xp, c2, "complex128"))
    assert_values(view.clone(), np.conj(np.swapaxes(c2, -2, -1)), call=f"{call} read after writing the base", rtol=0, atol=0)
