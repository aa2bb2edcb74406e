"""Reductions and scans beyond sum/mean/max (test_reductions.py): prod, nansum, nanmean, median and
nanmedian (the lower middle), mode, var/std/var_mean/std_mean (correction, dim tuples), aminmax,
all/any, count_nonzero, logsumexp, norm and linalg.vector_norm, cumsum/cumprod (dtype),
cummax/cummin, logcumsumexp, diff, quantile/nanquantile. One spec row per call family
(``reductions_spec`` holds the inputs and NumPy oracles)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.dtypes import GENERIC_DTYPES
from conformance.assertions import assert_dtype, assert_shape, describe, expect, to_numpy
from suites.ops import reductions_spec as S
from suites.ops.family import Dtype, case, check_row, row
from suites.inputs import tensor_of


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
ROWS = [
    row("prod", ("prod", ".prod"), S.prod_in, S.prod, check("ops.reduce.prod"),
        pinned=[case(np.array([2, 3], "int32"), dtype=Dtype("float64"))]),
    row("nansum", ("nansum", ".nansum"), S.nan_in, S.nansum, check("ops.reduce.nansum"),
        pinned=[case(np.array([[1.0, np.nan], [2.0, 3.0]]), dim=1, keepdim=True)]),
    row("nanmean", ("nanmean", ".nanmean"), S.nan_in, S.nanmean, check("ops.reduce.nanmean")),
    row("median", ("median", ".median"), S.median_in, S.median, check("ops.reduce.median"),
        pinned=[case(np.array([1.0, 4.0, 2.0, 3.0]))]),
    row("median-dim", ("median", ".median", "nanmedian", ".nanmedian"), S.along_dim_in, S.median_dim, check("ops.reduce.median-dim"),
        pinned=[case(np.array([[1, 4], [3, 2]]), dim=0, keepdim=True)]),
    row("nanmedian", ("nanmedian", ".nanmedian"), S.nanmedian_in, S.nanmedian, check("ops.reduce.nanmedian")),
    row("mode", ("mode", ".mode"), S.mode_in, S.mode, check("ops.reduce.mode"), items=(0,)),
    row("var", ("var", ".var"), S.var_in, S.var, check("ops.reduce.var-std-dims"),
        pinned=[case(np.array([1.0, 2.0, 3.0, 4.0]), dim=0, correction=0)]),
    row("std", ("std", ".std"), S.var_in, S.std, check("ops.reduce.var-std-dims")),
    row("var_mean", ("var_mean",), S.var_in, S.var_mean, check("ops.reduce.var-mean")),
    row("std_mean", ("std_mean",), S.var_in, S.std_mean, check("ops.reduce.var-mean")),
    row("aminmax", ("aminmax", ".aminmax"), S.aminmax_in, S.aminmax, check("ops.reduce.aminmax")),
    row("all", ("all", ".all"), S.logical_in, S.all_, check("ops.reduce.all-any"),
        pinned=[case(np.array([[1, 0]], "uint8"), dim=1, keepdim=True)]),
    row("any", ("any", ".any"), S.logical_in, S.any_, check("ops.reduce.all-any")),
    row("count_nonzero", ("count_nonzero", ".count_nonzero"), S.count_nonzero_in, S.count_nonzero,
        check("ops.reduce.count-nonzero")),
    row("logsumexp", ("logsumexp", ".logsumexp"), S.logsumexp_in, S.logsumexp, check("ops.reduce.logsumexp")),
    row("vector_norm", ("linalg.vector_norm",), S.vector_norm_in, S.vector_norm, check("ops.reduce.vector-norm"),
        pinned=[case(np.array([3.0, -4.0]), ord=1)]),
    row("norm", ("norm", ".norm"), S.norm_in, S.norm, check("ops.reduce.norm")),
    row("cumsum", ("cumsum", ".cumsum"), S.scan_in(S.NUMERIC + ("bool",), with_dtype=True), S.cumsum,
        check("ops.scan.cumsum"), pinned=[case(np.array([1, 2], "int32"), dim=0, dtype=Dtype("float64"))]),
    row("cumsum_", (".cumsum_",), S.scan_in(GENERIC_DTYPES), S.cumsum, check("ops.scan.cumsum")),
    row("cumprod", ("cumprod", ".cumprod"), S.scan_in(S.NUMERIC + ("bool",), with_dtype=True), S.cumprod,
        check("ops.scan.cumprod")),
    row("cumprod_", (".cumprod_",), S.scan_in(GENERIC_DTYPES), S.cumprod, check("ops.scan.cumprod")),
    row("cummax", ("cummax", ".cummax"), S.cum_extreme_in, S.cummax, check("ops.scan.cummax-cummin")),
    row("cummin", ("cummin", ".cummin"), S.cum_extreme_in, S.cummin, check("ops.scan.cummax-cummin")),
    row("logcumsumexp", ("logcumsumexp", ".logcumsumexp"), S.scan_in(S.FLOATS), S.logcumsumexp,
        check("ops.scan.logcumsumexp")),
    row("diff", ("diff", ".diff"), S.diff_in, S.diff, check("ops.scan.diff"),
        pinned=[case(np.array([1, 4]), prepend=np.array([0]))]),
    row("quantile", ("quantile", ".quantile"), S.quantile_in(False), S.quantile, check("ops.reduce.quantile"),
        pinned=[case(np.array([0.0, 1.0, 2.0, 3.0]), 0.5, interpolation="lower")]),
    row("nanquantile", ("nanquantile", ".nanquantile"), S.quantile_in(True), S.nanquantile,
        check("ops.reduce.nanquantile")),
]


@pytest.mark.parametrize("spec", ROWS)
@settings(max_examples=12)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_reduction_rows(xp, spec, data):
    check_row(xp, spec, data)



@check("ops.reduce.mode-indices")
@settings(max_examples=12)
@given(data=st.data())
def test_mode_indices_point_at_the_mode(xp, data):
    """Which occurrence of the mode the index names is left open: it must hold the mode value."""
    (a,), kwargs = S.mode_in(data)
    x = tensor_of(xp, a)
    call = describe("torch.mode", x, **kwargs) + ".indices"
    indices = xp.mode(x, **kwargs)[1]
    (want,) = S.mode(a, **kwargs)
    assert_dtype(indices, "int64", call=call)
    assert_shape(indices, want.shape, call=call)
    index = to_numpy(indices)
    d = kwargs["dim"]
    picked = np.take_along_axis(a, index if kwargs["keepdim"] else np.expand_dims(index, d), axis=d).reshape(want.shape)
    expect(np.array_equal(picked, want), call=call, expected=f"indices of the modes {want.tolist()}",
           got=f"indices {index.tolist()} holding {picked.tolist()}")
