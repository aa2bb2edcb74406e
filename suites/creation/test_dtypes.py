"""The dtypes the tutorial names, their aliases, element sizes and legacy type names.

Element sizes and signedness are from the dtype table of docs/stable/tensors.html.
"""
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import describe, dtype_name, expect

from suites.creation.helpers import ITEMSIZE, dt

ALIASES = {"float": "float32", "double": "float64", "half": "float16", "long": "int64", "int": "int32",
           "short": "int16", "cfloat": "complex64", "cdouble": "complex128"}
SIGNED = {"bool": False, "uint8": False, "int8": True, "int16": True, "int32": True, "int64": True,
          "float16": True, "float32": True, "float64": True, "complex64": True, "complex128": True}
LEGACY = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor", "int64": "LongTensor",
          "int32": "IntTensor", "int16": "ShortTensor", "uint8": "ByteTensor", "int8": "CharTensor", "bool": "BoolTensor"}


@check("creation.dtypes.names-and-sizes")
@given(name=st.sampled_from(sorted(SIGNED)))
def test_dtype_properties(xp, name):
    t = xp.zeros(2, dtype=dt(xp, name))
    call = describe("zeros", 2, dtype=name)
    expect(dtype_name(t) == name, call=call, expected=f"dtype {name}", got=f"dtype {dtype_name(t)}")
    expect(t.element_size() == ITEMSIZE[name], call=call + ".element_size()", expected=ITEMSIZE[name], got=t.element_size())
    floating = name.startswith("float")
    expect(t.is_floating_point() is floating, call=call + ".is_floating_point()", expected=floating, got=t.is_floating_point())
    expect(t.is_complex() is name.startswith("complex"), call=call + ".is_complex()", expected=name.startswith("complex"),
           got=t.is_complex())
    expect(t.is_signed() is SIGNED[name], call=call + ".is_signed()", expected=SIGNED[name], got=t.is_signed())


@check("creation.dtypes.names-and-sizes")
@given(alias=st.sampled_from(sorted(ALIASES)))
def test_dtype_aliases(xp, alias):
    got = getattr(xp, alias)
    expect(got == dt(xp, ALIASES[alias]), call=f"torch.{alias}", expected=f"torch.{ALIASES[alias]}", got=dtype_name(got))


@check("creation.dtypes.legacy-type-names")
@given(name=st.sampled_from(sorted(LEGACY)))
def test_legacy_type_names(xp, name):
    t = xp.zeros(2, dtype=dt(xp, name))
    call = describe("zeros", 2, dtype=name) + ".type()"
    expect(t.type() == f"torch.{LEGACY[name]}", call=call, expected=f"torch.{LEGACY[name]}", got=t.type())


@check("creation.dtypes.legacy-type-names")
def test_default_is_float_tensor(xp):
    """T09: the default type is FloatTensor: a float tensor built from data reports it."""
    t = xp.tensor([5.5, 3])
    expect(t.type() == "torch.FloatTensor", call="tensor([5.5, 3]).type()", expected="torch.FloatTensor", got=t.type())
