"""default_collate (docs facts 9.9-9.14): tensors and arrays stack, numbers become int64/float64/bool
tensors, strings pass through, mappings/namedtuples/sequences are collated per field, bad batches raise."""
import collections

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, describe, expect, show
from conformance.strategies import NUMERIC_DTYPES, dtype_names, shapes
from suites.inputs import tensor_of

Point = collections.namedtuple("Point", ["x", "y"])

DTYPES = NUMERIC_DTYPES + ("bool",)


def _arrays(shape, dtype, k):
    size = int(np.prod(shape))
    return [((np.arange(size) * (j + 2) + j) % 7).reshape(shape).astype(dtype) for j in range(k)]


@check("data.collate.tensors")
@given(shape=shapes(0, 3, 0, 3), dtype=dtype_names(DTYPES), k=st.integers(1, 4))
def test_collate_tensors_stack(xp, shape, dtype, k):
    arrays = _arrays(shape, dtype, k)
    batch = [tensor_of(xp, a) for a in arrays]
    call = describe("default_collate", batch)
    assert_tensor(xp.utils.data.default_collate(batch), np.stack(arrays), dtype=dtype, call=call)


@check("data.collate.tensors")
@given(first=shapes(1, 3, 1, 3), second=shapes(1, 3, 1, 3))
def test_collate_tensors_unequal_shapes(xp, first, second):
    if first == second:
        second = second + (2,)
    batch = [xp.zeros(first), xp.zeros(second)]
    assert_raises(RuntimeError, xp.utils.data.default_collate, batch, call=describe("default_collate", batch))


@check("data.collate.numpy-arrays")
@given(shape=shapes(0, 3, 0, 3), dtype=dtype_names(DTYPES), k=st.integers(1, 4))
def test_collate_numpy_arrays(xp, shape, dtype, k):
    arrays = _arrays(shape, dtype, k)
    call = describe("default_collate", arrays)
    assert_tensor(xp.utils.data.default_collate(arrays), np.stack(arrays), dtype=dtype, call=call)


@check("data.collate.numbers")
@given(ints=st.lists(st.integers(-(2**63), 2**63 - 1), min_size=1, max_size=6),
       floats=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=6),
       bools=st.lists(st.booleans(), min_size=1, max_size=6))
def test_collate_python_numbers(xp, ints, floats, bools):
    collate = xp.utils.data.default_collate
    assert_tensor(collate(ints), np.array(ints, dtype="int64"), dtype="int64", call=describe("default_collate", ints))
    assert_tensor(collate(floats), np.array(floats, dtype="float64"), dtype="float64", rtol=0, atol=0,
                  call=describe("default_collate", floats))
    assert_tensor(collate(bools), np.array(bools, dtype="bool"), dtype="bool", call=describe("default_collate", bools))


@check("data.collate.numbers")
@given(dtype=dtype_names(DTYPES), values=st.lists(st.integers(0, 100), min_size=1, max_size=6))
def test_collate_numpy_scalars(xp, dtype, values):
    scalars = [np.dtype(dtype).type(v) for v in values]
    call = describe("default_collate", [f"numpy.{dtype}({v})" for v in values])
    assert_tensor(xp.utils.data.default_collate(scalars), np.array(scalars, dtype=dtype), dtype=dtype, call=call)


@check("data.collate.strings")
@given(texts=st.lists(st.text(max_size=5), min_size=1, max_size=5),
       raw=st.lists(st.binary(max_size=5), min_size=1, max_size=5))
def test_collate_strings_and_bytes(xp, texts, raw):
    for batch in (texts, raw):
        got = xp.utils.data.default_collate(list(batch))
        expect(type(got) is list and got == batch, call=describe("default_collate", batch),
               expected=f"the list {batch!r} unchanged", got=show(got))


@check("data.collate.mappings")
@given(keys=st.lists(st.text(min_size=1, max_size=3), min_size=1, max_size=3, unique=True), k=st.integers(1, 4))
def test_collate_mappings(xp, keys, k):
    batch = [{key: (i * 10 + j if j % 2 == 0 else i + j / 4) for j, key in enumerate(keys)} for i in range(k)]
    call = describe("default_collate", batch)
    got = xp.utils.data.default_collate(batch)
    expect(isinstance(got, dict) and list(got) == keys, call=call, expected=f"a dict with keys {keys}", got=show(got))
    for j, key in enumerate(keys):
        dtype = "int64" if j % 2 == 0 else "float64"
        assert_tensor(got[key], np.array([b[key] for b in batch], dtype=dtype), dtype=dtype, call=f"{call}[{key!r}]")


@check("data.collate.namedtuples")
@given(xs=st.lists(st.integers(-100, 100), min_size=1, max_size=5))
def test_collate_namedtuples(xp, xs):
    batch = [Point(x, x / 2) for x in xs]
    call = describe("default_collate", batch)
    got = xp.utils.data.default_collate(batch)
    expect(type(got) is Point, call=call, expected="a Point(x=..., y=...) namedtuple", got=f"{type(got).__name__}: {show(got)}")
    assert_tensor(got.x, np.array(xs, dtype="int64"), dtype="int64", call=f"{call}.x")
    assert_tensor(got.y, np.array([x / 2 for x in xs], dtype="float64"), dtype="float64", call=f"{call}.y")


@check("data.collate.sequences")
@given(rows=st.lists(st.lists(st.integers(-100, 100), min_size=3, max_size=3), min_size=1, max_size=5),
       width=st.integers(1, 3), as_tuple=st.booleans())
def test_collate_sequences_transpose(xp, rows, width, as_tuple):
    batch = [tuple(r[:width]) if as_tuple else list(r[:width]) for r in rows]
    call = describe("default_collate", batch)
    got = xp.utils.data.default_collate(batch)
    expect(type(got) is list and len(got) == width, call=call, expected=f"a list of {width} tensors",
           got=f"{type(got).__name__}: {show(got)}")
    for j in range(width):
        assert_tensor(got[j], np.array([r[j] for r in rows], dtype="int64"), dtype="int64", call=f"{call}[{j}]")


@check("data.collate.sequences")
def test_tensor_dataset_batches_are_lists(xp):
    x = xp.tensor([[0.5, 1.0], [2.0, 3.0], [4.0, 5.5]])
    y = xp.tensor([1, 0, 1])
    call = describe("DataLoader", describe("TensorDataset", x, y), batch_size=2)
    first = next(iter(xp.utils.data.DataLoader(xp.utils.data.TensorDataset(x, y), batch_size=2)))
    expect(type(first) is list and len(first) == 2, call=f"{call}, batch 0", expected="a list [x_batch, y_batch]",
           got=f"{type(first).__name__}: {show(first)}")
    assert_tensor(first[0], np.array([[0.5, 1.0], [2.0, 3.0]]), dtype="float32", call=f"{call}, batch 0 [0]")
    assert_tensor(first[1], np.array([1, 0]), dtype="int64", call=f"{call}, batch 0 [1]")


@check("data.collate.errors")
def test_collate_errors(xp):
    collate = xp.utils.data.default_collate
    for batch in ([[1, 2], [3]], [(1, 2, 3), (4, 5)]):
        assert_raises(RuntimeError, collate, batch, call=describe("default_collate", batch))
    for batch in ([None, None], [object(), object()], [np.array(["a"]), np.array(["b"])]):
        assert_raises(TypeError, collate, batch, call=describe("default_collate", batch))
