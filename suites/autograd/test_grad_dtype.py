"""The dtype of a leaf's accumulated gradient (autograd.backward.grad-has-leaf-dtype): the value checks of
backward leave it out, so a wrong dtype fails here and only here."""
from hypothesis import given

from conformance import check, dtypes
from conformance.assertions import assert_dtype, describe
from conformance.dtypes import FULL_FLOAT_DTYPES
from conformance.strategies import shapes
from suites.autograd.helpers import float_arrays
from suites.inputs import leaf


@check("autograd.backward.grad-has-leaf-dtype")
@given(x=shapes(1, 2, 1, 3).flatmap(float_arrays))
def test_grad_has_the_leafs_dtype(xp, x):
    """Each float dtype, computing in the leaf's own dtype and in the other one (a cast inside the graph)."""
    names = dtypes.supported(FULL_FLOAT_DTYPES)
    for name in names:
        for through in names:
            a = leaf(xp, x, dtype=name)
            (a.to(getattr(xp, through)) * 3).sum().backward()
            assert_dtype(a.grad, name, call=describe(f"(x.to({through}) * 3).sum().backward()", a) + "; x.grad")
