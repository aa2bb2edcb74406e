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


@pytest.mark.parametrize("name", dtypes.ALL_DTYPES)
def test_categories_signs_and_python_types_agree_with_numpy(name: str) -> None:
    kind = dtypes.numpy_dtype(name).kind
    assert dtypes.category_rank(name) == {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}[kind]
    assert dtypes.is_signed(name) is (kind not in "bu")
    assert dtypes.itemsize(name) == dtypes.numpy_dtype(name).itemsize
    assert dtypes.component_bits(name) * (2 if kind == "c" else 1) == 8 * dtypes.itemsize(name)
    assert type(np.zeros(1, dtypes.numpy_dtype(name)).item()) is dtypes.python_type(name)


def test_named_tables_name_known_dtypes() -> None:
    named = [*dtypes.ALIASES.values(), *dtypes.CAST_METHODS.values(), *dtypes.LEGACY_TENSOR_TYPES, *dtypes.LINALG_ATOL,
             *dtypes.COMPLEX_OF_FLOAT, dtypes.DEFAULT_FLOAT, dtypes.DEFAULT_COMPLEX, dtypes.DEFAULT_INT]
    assert set(named) <= set(dtypes.INFO)
    sets = [v for k, v in vars(dtypes).items() if k.endswith("_DTYPES")]
    assert all(set(s) <= set(dtypes.INFO) and len(set(s)) == len(s) for s in sets)


def test_require_rejects_an_example_with_a_declared_dtype_and_records_it() -> None:
    from hypothesis import example, given, strategies as st

    ran: list[str] = []

    @given(st.sampled_from(["int8"]))
    @example("float64")
    def check(name: str) -> None:
        dtypes.require(name)
        ran.append(name)

    previous = assertions.bind(Adapter(name="fake", namespace=SimpleNamespace(), unsupported_dtypes=("float64",)))
    try:
        dtypes.start_check()
        check()
        assert set(ran) == {"int8"} and dtypes.dropped() == ("float64",)
    finally:
        assertions.bind(previous)


def test_unsupported_stops_hypothesis_at_once() -> None:
    """An example that finds none of its dtypes supported ends the check: hypothesis neither shrinks it nor
    tries more examples (which made adapters declaring dtypes unsupported run slower than full ones)."""
    from hypothesis import given, strategies as st

    tried: list[int] = []

    @given(st.integers())
    def check(n: int) -> None:
        tried.append(n)
        dtypes.supported(("float64",))

    previous = assertions.bind(Adapter(name="fake", namespace=SimpleNamespace(), unsupported_dtypes=("float64",)))
    try:
        with pytest.raises(dtypes.Unsupported):
            check()
        assert len(tried) == 1
    finally:
        assertions.bind(previous)


def test_default_for_kind_follows_torchs_defaults() -> None:
    cases = [(np.array([True]), "bool"), (np.arange(2), dtypes.DEFAULT_INT), (np.ones(2, "float64"), dtypes.DEFAULT_FLOAT)]
    assert [dtypes.default_for_kind(a.dtype.kind) for a, _ in cases] == [want for _, want in cases]
