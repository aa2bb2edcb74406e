"""Broadcasting of element-wise ops: the result shape, the repeated values, incompatible shapes,
0-dim tensors and size-0 dims (facts 2.8-2.10, 2.12). The expected shape comes from the
documented rule in ``oracles.broadcast_shape``, the values from NumPy broadcasting."""
import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_shape, assert_tensor, describe
from conformance.strategies import broadcastable_pair, shapes
from suites.ops.helpers import arrays, incompatible_pair
from suites.ops.oracles import broadcast_shape
from suites.inputs import tensor_of

OPS = {"+": np.add, "*": np.multiply, "-": np.subtract}


def _apply(op, x, y):
    return {"+": lambda: x + y, "*": lambda: x * y, "-": lambda: x - y}[op]()


@check("ops.broadcast.shape")
@given(pair=broadcastable_pair(), op=st.sampled_from(sorted(OPS)))
@example(pair=((5, 1, 4, 1), (3, 1, 1)), op="+")
@example(pair=((1,), (3, 1, 7)), op="+")
@example(pair=((4, 1), (1, 3)), op="*")
def test_broadcast_result_shape(xp, pair, op):
    a_shape, b_shape = pair
    x, y = xp.ones(a_shape, dtype=xp.float32), xp.ones(b_shape, dtype=xp.float32)
    call = f"ones{tuple(a_shape)} {op} ones{tuple(b_shape)}"
    assert_shape(_apply(op, x, y), broadcast_shape(a_shape, b_shape), call=call)
    assert_shape(xp.add(x, y), broadcast_shape(a_shape, b_shape), call=f"torch.add(ones{tuple(a_shape)}, ones{tuple(b_shape)})")


@check("ops.broadcast.values")
@given(pair=broadcastable_pair(max_dims=3), op=st.sampled_from(sorted(OPS)), data=st.data())
def test_broadcast_values(xp, pair, op, data):
    a = data.draw(arrays("int64", pair[0]), label="a")
    b = data.draw(arrays("int64", pair[1]), label="b")
    x, y = tensor_of(xp, a, "int64"), tensor_of(xp, b, "int64")
    assert_tensor(_apply(op, x, y), OPS[op](a, b), dtype="int64", call=describe(f"x {op} y", x, y))


@check("ops.broadcast.incompatible-raises")
@given(pair=incompatible_pair(), op=st.sampled_from(sorted(OPS)))
@example(pair=((5, 2, 4, 1), (3, 1, 1)), op="+")
def test_incompatible_shapes_raise(xp, pair, op):
    a_shape, b_shape = pair
    x, y = xp.ones(a_shape, dtype=xp.float32), xp.ones(b_shape, dtype=xp.float32)
    assert_raises(RuntimeError, _apply, op, x, y, call=f"ones{tuple(a_shape)} {op} ones{tuple(b_shape)}")


@check("ops.broadcast.zero-dim")
@given(shape=shapes(0, 4, 0, 4), value=st.integers(-9, 9), scalar_first=st.booleans(), data=st.data())
def test_zero_dim_tensor_broadcasts_like_a_scalar(xp, shape, value, scalar_first, data):
    a = data.draw(arrays("int64", shape), label="a")
    x, s = tensor_of(xp, a, "int64"), xp.tensor(value, dtype=xp.int64)
    call = describe("tensor(value) + x" if scalar_first else "x + tensor(value)", x, value)
    got = s + x if scalar_first else x + s
    assert_tensor(got, a + value, dtype="int64", call=call)


@check("ops.broadcast.size-zero")
@given(rest=shapes(0, 2, 1, 3), other=st.sampled_from([0, 1, 2, 3]), zero_first=st.booleans())
@example(rest=(), other=1, zero_first=True)
@example(rest=(), other=2, zero_first=True)
def test_size_zero_dims_broadcast_only_with_one(xp, rest, other, zero_first):
    a_shape, b_shape = (0,) + tuple(rest), (other,) + tuple(rest)
    if not zero_first:
        a_shape, b_shape = b_shape, a_shape
    x, y = xp.ones(a_shape, dtype=xp.float32), xp.ones(b_shape, dtype=xp.float32)
    call = f"ones{a_shape} + ones{b_shape}"
    if other in (0, 1):
        assert_tensor(x + y, np.ones((0,) + tuple(rest), "float32"), dtype="float32", call=call)
    else:
        assert_raises(RuntimeError, lambda: x + y, call=call)
