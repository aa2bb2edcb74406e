"""torch.Size and the size accessors: a tuple subclass; size(), size(d) and shape."""
import math

from hypothesis import given

from conformance import check
from conformance.dtypes import CORE_DTYPES
from conformance.assertions import describe, expect
from conformance.strategies import dtype_names, shapes


@check("creation.size.tuple")
@given(shape=shapes(max_dims=5), extra=shapes(max_dims=2))
def test_size_is_a_tuple(xp, shape, extra):
    size = xp.Size(shape)
    call = f"Size({list(shape)})"
    expect(isinstance(size, tuple), call=call, expected="an instance of tuple",
           got=f"{type(size).__name__} (bases {[b.__name__ for b in type(size).__mro__]})")
    expect(len(size) == len(shape), call=f"len({call})", expected=len(shape), got=len(size))
    for i, side in enumerate(shape):
        expect(size[i] == side and size[-len(shape) + i] == side, call=f"{call}[{i}]", expected=side, got=size[i])
    expect(tuple(size) == shape and size == shape, call=f"{call} == {shape}", expected=True, got=tuple(size))
    expect(not (size == list(shape)), call=f"{call} == {list(shape)}", expected="False (a Size is not equal to a list)", got=True)
    expect(size.numel() == math.prod(shape), call=f"{call}.numel()", expected=math.prod(shape), got=size.numel())
    sliced = size[1:]
    expect(isinstance(sliced, xp.Size) and tuple(sliced) == shape[1:], call=f"{call}[1:]",
           expected=f"torch.Size({list(shape[1:])})", got=f"{type(sliced).__name__} {tuple(sliced)}")
    added = size + tuple(extra)
    expect(isinstance(added, xp.Size) and tuple(added) == shape + tuple(extra), call=f"{call} + {tuple(extra)}",
           expected=f"torch.Size({list(shape + tuple(extra))})", got=f"{type(added).__name__} {tuple(added)}")


@check("creation.size.tuple")
def test_tutorial_size_of_5x3(xp):
    """T07: x.size() is torch.Size([5, 3]) and supports tuple operations (unpacking, count, index)."""
    x = xp.rand(5, 3)
    size = x.size()
    rows, cols = size
    expect((rows, cols) == (5, 3), call="rows, cols = rand(5, 3).size()", expected=(5, 3), got=(rows, cols))
    expect(size.index(3) == 1 and size.count(5) == 1, call="rand(5, 3).size().index(3), .count(5)", expected=(1, 1),
           got=(size.index(3), size.count(5)))
    expect(size == xp.Size([5, 3]), call="rand(5, 3).size() == Size([5, 3])", expected=True, got=size)


@check("creation.size.accessors")
@given(shape=shapes(max_dims=5), dtype=dtype_names(CORE_DTYPES))
def test_size_accessors(xp, shape, dtype):
    t = xp.zeros(shape, dtype=getattr(xp, dtype))
    call = describe("zeros", shape, dtype=dtype)
    size = t.size()
    expect(isinstance(size, xp.Size) and tuple(size) == shape, call=call + ".size()", expected=f"torch.Size({list(shape)})",
           got=f"{type(size).__name__} {tuple(size)}")
    expect(isinstance(t.shape, xp.Size) and t.shape == size, call=call + ".shape", expected=f"torch.Size({list(shape)})",
           got=f"{type(t.shape).__name__} {tuple(t.shape)}")
    for d in range(-len(shape), len(shape)):
        got = t.size(d)
        expect(type(got) is int and got == shape[d], call=f"{call}.size({d})", expected=f"int {shape[d]}",
               got=f"{type(got).__name__} {got!r}")
