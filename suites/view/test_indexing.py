"""Indexing: basic indexing returns views, advanced indexing copies, assignment writes the base (3.4, 3.5).

The NumPy oracle is NumPy's own indexing, whose basic and advanced rules match the documented
ones for the index kinds drawn here (positive-step slices; one advanced index at a time;
no repeated positions when assigning, where the order of writes is unspecified).
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, describe
from conformance.strategies import shapes
from suites.view import oracles
from suites.view.helpers import assert_shares_memory
from suites.inputs import tensor_of


@st.composite
def basic_indices(draw: st.DrawFn, shape: tuple[int, ...]) -> tuple:
    """A tuple of ints, positive-step slices, None and at most one Ellipsis valid for ``shape``."""
    parts: list = []
    explicit = draw(st.integers(0, len(shape)))
    for n in shape[:explicit]:
        if n > 0 and draw(st.booleans()):
            parts.append(draw(st.integers(-n, n - 1)))
        else:
            bound = st.none() | st.integers(-n - 1, n + 1)
            parts.append(slice(draw(bound), draw(bound), draw(st.none() | st.integers(1, 3))))
        if draw(st.integers(0, 3)) == 0:
            parts.append(None)
    if draw(st.booleans()):
        parts.append(Ellipsis)
        if explicit < len(shape) and shape[-1] > 0 and draw(st.booleans()):
            parts.append(draw(st.integers(-shape[-1], shape[-1] - 1)))
    return tuple(parts)


def _show_index(index: tuple) -> str:
    def one(p):
        if isinstance(p, slice):
            return ":".join("" if v is None else str(v) for v in (p.start, p.stop, p.step))
        return "..." if p is Ellipsis else repr(p)
    return "[" + ", ".join(one(p) for p in index) + "]"


@check("view.indexing.basic-is-view")
@given(data=st.data())
def test_basic_indexing_returns_view(xp, data):
    shape = data.draw(shapes(0, 4, 0, 4), label="shape")
    index = data.draw(basic_indices(shape), label="index")
    base = tensor_of(xp, oracles.positions(shape), "float64")
    view = base[index]
    expected = np.asarray(oracles.positions(shape)[index])
    assert_shares_memory(xp, base, shape, [view], [expected], call=f"{describe('t', base)}{_show_index(index)}")


@check("view.indexing.basic-is-view")
def test_full_integer_index_is_zero_dim_view(xp):
    base = tensor_of(xp, np.arange(6.0).reshape(2, 3), "float64")
    view = base[1, 2]
    call = f"{describe('t', base)}[1, 2]"
    assert_shares_memory(xp, base, (2, 3), [view], [np.asarray(5)], call=call)


@st.composite
def advanced_indices(draw: st.DrawFn, shape: tuple[int, ...], unique: bool) -> tuple[str, int, list]:
    """(kind, dim, payload): an index list for one dim, or a bool mask of dim 0 or of the whole shape."""
    kind = draw(st.sampled_from(["list", "tensor", "mask-dim0", "mask-full"]))
    dim = draw(st.integers(0, len(shape) - 1))
    if kind in ("list", "tensor"):
        n = shape[dim]
        positions = st.integers(-n, n - 1)
        if unique:
            chosen = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
            payload = [p - n if draw(st.booleans()) else p for p in chosen]
        else:
            payload = draw(st.lists(positions, min_size=1, max_size=4))
        return kind, dim, payload
    mask_shape = shape[:1] if kind == "mask-dim0" else shape
    size = int(np.prod(mask_shape))
    return kind, 0, np.array(draw(st.lists(st.booleans(), min_size=size, max_size=size))).reshape(mask_shape).tolist()


def _apply(xp, kind, dim, payload):
    """The backend index and the NumPy index for one drawn advanced index."""
    if kind == "list":
        return (slice(None),) * dim + (payload,), (slice(None),) * dim + (payload,)
    if kind == "tensor":
        return (slice(None),) * dim + (tensor_of(xp, payload, "int64"),), (slice(None),) * dim + (payload,)
    mask = np.array(payload, dtype=bool)
    return tensor_of(xp, payload, "bool"), mask


@check("view.indexing.advanced-is-copy")
@given(data=st.data())
def test_advanced_indexing_returns_copy(xp, data):
    shape = data.draw(shapes(1, 3, 1, 4), label="shape")
    kind, dim, payload = data.draw(advanced_indices(shape, unique=False), label="index")
    base_np = oracles.positions(shape).astype(np.float64)
    base = tensor_of(xp, base_np, "float64")
    index, np_index = _apply(xp, kind, dim, payload)
    call = f"{describe('t', base)}[{kind} index {payload!r} on dim {dim}]"
    result = base[index]
    expected = base_np[np_index]
    assert_values(result, expected, call=call, rtol=0, atol=0)
    if expected.size:
        result.copy_(tensor_of(xp, -1.0 - expected, "float64"))
    assert_values(base, base_np, call=f"{call}.copy_(...), then reading the base (must be unchanged)", rtol=0, atol=0)


@check("view.indexing.advanced-is-copy")
@pytest.mark.parametrize("index", [[0, 1], [1, 2], [0], [2, 0]], ids=str)
def test_consecutive_index_list_still_copies(xp, index):
    """A list of consecutive positions selects the same elements as a slice, yet must copy."""
    base_np = np.arange(12.0).reshape(3, 4)
    base = tensor_of(xp, base_np, "float64")
    result = base[index]
    call = f"{describe('t', base)}[{index!r}]"
    assert_values(result, base_np[index], call=call, rtol=0, atol=0)
    result.copy_(tensor_of(xp, np.full(result.shape, -1.0), "float64"))
    assert_values(base, base_np, call=f"{call}.copy_(-1), then reading the base (must be unchanged)", rtol=0, atol=0)


@check("view.indexing.setitem-writes-base")
@given(data=st.data(), advanced=st.booleans(), scalar=st.booleans())
def test_setitem_writes_into_original(xp, data, advanced, scalar):
    if advanced:
        shape = data.draw(shapes(1, 3, 1, 4), label="shape")
        kind, dim, payload = data.draw(advanced_indices(shape, unique=True), label="index")
        index, np_index = _apply(xp, kind, dim, payload)
        shown = f"[{kind} index {payload!r} on dim {dim}]"
    else:
        shape = data.draw(shapes(0, 3, 0, 4), label="shape")
        index = np_index = data.draw(basic_indices(shape), label="index")
        shown = _show_index(index)
    want = oracles.positions(shape).astype(np.float64)
    base = tensor_of(xp, want, "float64")
    selected = want[np_index].shape
    value = -7.5 if scalar else -1.0 - np.arange(int(np.prod(selected)), dtype=np.float64).reshape(selected)
    base[index] = value if scalar else tensor_of(xp, value, "float64")
    want[np_index] = value
    assert_values(base, want, call=f"{describe('t', tensor_of(xp, oracles.positions(shape), 'float64'))}{shown} = "
                                   f"{value if scalar else 'tensor of ' + str(selected)}", rtol=0, atol=0)


@check("view.indexing.negative-step-raises")
@given(shape=shapes(1, 3, 1, 4), data=st.data())
def test_negative_slice_step_raises(xp, shape, data):
    dim = data.draw(st.integers(0, len(shape) - 1), label="dim")
    step = data.draw(st.integers(-3, -1), label="step")
    index = (slice(None),) * dim + (slice(None, None, step),)
    base = tensor_of(xp, oracles.positions(shape), "float64")
    assert_raises(ValueError, lambda: base[index], call=f"{describe('t', base)}{_show_index(index)}")
