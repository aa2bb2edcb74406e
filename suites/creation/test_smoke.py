import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_tensor, describe
from conformance.strategies import shapes


@check("creation.zeros.dtype-keyword")
@given(shape=shapes(), dtype=st.sampled_from(["int64", "float64", "uint8"]))
def test_zeros_dtype_keyword(xp, shape, dtype):
    call = describe("zeros", shape, dtype=dtype)
    got = xp.zeros(shape, dtype=getattr(xp, dtype))
    assert_tensor(got, np.zeros(shape, dtype=dtype), dtype=dtype, call=call)
