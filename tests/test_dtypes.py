"""The dtype module agrees with NumPy where NumPy has the dtype, and supported() drops and records."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from conformance import Adapter, assertions, dtypes


def test_named_sets_and_tolerances_cover_known_dtypes() -> None:
    named = set(dtypes.ALL_DTYPES) | set(dtypes.REDUCED_FLOAT_DTYPES)
    assert named == set(dtypes.INFO)
    inexact = {n for n in dtypes.INFO if dtypes.is_floating(n) or dtypes.is_complex(n)}
    assert set(dtypes.TOLERANCES) == inexact
    assert all(dtypes.tolerance(n) == (0.0, 0.0) for n in dtypes.INFO if n not in inexact)


@pytest.mark.parametrize("name", dtypes.ALL_DTYPES)
def test_numpy_mapping_bits_and_ranges(name: str) -> None:
    info, np_dtype = dtypes.info(name), dtypes.numpy_dtype(name)
    assert np_dtype.name == name and info.itemsize == np_dtype.itemsize
    if dtypes.is_integral(name):
        assert (info.min, info.max) == (np.iinfo(np_dtype).min, np.iinfo(np_dtype).max)


def test_bfloat16_is_read_through_float32() -> None:
    assert dtypes.numpy_dtype("bfloat16") == np.float32 and dtypes.info("bfloat16").itemsize == 2


def test_supported_drops_and_records_declared_dtypes() -> None:
    previous = assertions.bind(Adapter(name="fake", namespace=SimpleNamespace(), unsupported_dtypes=("complex128", "float64")))
    try:
        dtypes.start_check()
        assert dtypes.supported(dtypes.FLOAT_DTYPES + dtypes.COMPLEX_DTYPES) == ("float16", "float32", "complex64")
        assert dtypes.dropped() == ("float64", "complex128")
        with pytest.raises(dtypes.Unsupported, match="complex128"):
            dtypes.supported(("complex128",))
        dtypes.start_check()
        assert dtypes.dropped() == ()
    finally:
        assertions.bind(previous)
