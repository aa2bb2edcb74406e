"""The dtypes the tutorial names, their aliases, element sizes and legacy type names.

Element sizes and signedness are from the dtype table of docs/stable/tensors.html.
"""
from hypothesis import given, strategies as st

from conformance import check, dtypes
from conformance.assertions import describe, dtype_name, expect
from conformance.dtypes import ALIASES, ALL_DTYPES, LEGACY_TENSOR_TYPES as LEGACY
from conformance.strategies import dtype_names

from suites.creation.helpers import dt


@check("creation.dtypes.names-and-sizes")
@given(name=dtype_names(ALL_DTYPES))
def test_dtype_properties(xp, name):
    t = xp.zeros(2, dtype=dt(xp, name))
    call = describe("zeros", 2, dtype=name)
    expect(dtype_name(t) == name, call=call, expected=f"dtype {name}", got=f"dtype {dtype_name(t)}")
    size = dtypes.itemsize(name)
    expect(t.element_size() == size, call=call + ".element_size()", expected=size, got=t.element_size())
    floating = dtypes.is_floating(name)
    expect(t.is_floating_point() is floating, call=call + ".is_floating_point()", expected=floating, got=t.is_floating_point())
    expect(t.is_complex() is dtypes.is_complex(name), call=call + ".is_complex()", expected=dtypes.is_complex(name),
           got=t.is_complex())
    expect(t.is_signed() is dtypes.is_signed(name), call=call + ".is_signed()", expected=dtypes.is_signed(name), got=t.is_signed())


@check("creation.dtypes.names-and-sizes")
@given(alias=st.sampled_from(sorted(ALIASES)))
def test_dtype_aliases(xp, alias):
    dtypes.require(ALIASES[alias])
    got = getattr(xp, alias)
    expect(got == dt(xp, ALIASES[alias]), call=f"torch.{alias}", expected=f"torch.{ALIASES[alias]}", got=dtype_name(got))


@check("creation.dtypes.legacy-type-names")
@given(name=dtype_names(tuple(LEGACY)))
def test_legacy_type_names(xp, name):
    t = xp.zeros(2, dtype=dt(xp, name))
    call = describe("zeros", 2, dtype=name) + ".type()"
    expect(t.type() == f"torch.{LEGACY[name]}", call=call, expected=f"torch.{LEGACY[name]}", got=t.type())


@check("creation.dtypes.legacy-type-names")
def test_default_is_float_tensor(xp):
    """T09: the default type is FloatTensor: a float tensor built from data reports it."""
    t = xp.tensor([5.5, 3])
    expect(t.type() == "torch.FloatTensor", call="tensor([5.5, 3]).type()", expected="torch.FloatTensor", got=t.type())
