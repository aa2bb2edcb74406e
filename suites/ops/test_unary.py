"""Element-wise unary ops (ops.unary.*): one OpSpec row per op, every row run through each
generic protocol of ``suites/ops/opspec.py`` (values, result dtype, in-place, out=, 0-d/empty).

Domains keep values where the op is defined and well conditioned; each row pins the edge
values its documentation states (NaN, +-inf, -0.0, halves for rounding, poles).
"""
from __future__ import annotations

import operator

import numpy as np
import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.dtypes import (FULL_FLOAT_DTYPES as F32_64, FLOAT_DTYPES as FLOATS, INT_DTYPES as INTS,
                                INTEGRAL_DTYPES, REAL_DTYPES as REAL)
from suites.ops import elementwise_oracles as O
from suites.ops import opspec
from suites.ops import series_oracles as S
from suites.ops.opspec import OpSpec, bool_result, first_operand, unary

INF, NAN = float("inf"), float("nan")
SAME = first_operand
NUMERIC = INTS + FLOATS
ROUND_PINS = ((-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -0.0),)
NON_FINITE = ((NAN, INF, -INF, 0.0, -0.0, 1.5),)
SPECIAL = frozenset({"function", "out"})


def row(op: OpSpec, mark: pytest.MarkDecorator) -> object:
    return pytest.param(op, id=op.id, marks=mark)


UNARY = [
    row(unary("abs", np.abs, dtypes=NUMERIC, result=SAME, aliases=("absolute",), operator=operator.abs,
              pinned=((-0.0, -INF, NAN),)), check("ops.unary.abs")),
    row(unary("neg", np.negative, dtypes=NUMERIC, result=SAME, aliases=("negative",), operator=operator.neg,
              domain=((0, 4),)), check("ops.unary.neg")),
    row(unary("positive", lambda x: x, dtypes=NUMERIC, result=SAME, variants=frozenset({"function", "method"}),
              operator=operator.pos, pinned=((-0.0, NAN, -INF),)), check("ops.unary.positive")),
    row(unary("sign", np.sign, dtypes=NUMERIC, result=SAME, pinned=((-0.0, -INF, INF),)), check("ops.unary.sign")),
    row(unary("sgn", np.sign, dtypes=NUMERIC, result=SAME, pinned=((-INF, INF),)), check("ops.unary.sgn")),
    row(unary("sqrt", np.sqrt, domain=((0, 9),), pinned=((-1.0, -0.0, INF, NAN),)), check("ops.unary.sqrt")),
    row(unary("rsqrt", lambda x: 1 / np.sqrt(x), domain=((0, 9),), pinned=((-1.0, 0.0, INF),)), check("ops.unary.rsqrt")),
    row(unary("square", np.square, dtypes=NUMERIC, result=SAME, domain=((-3, 3),)), check("ops.unary.square")),
    row(unary("exp", np.exp, domain=((-9, 9),), pinned=((-INF, INF, NAN),)), check("ops.unary.exp")),
    row(unary("exp2", np.exp2, domain=((-9, 9),), aliases=("special.exp2",)), check("ops.unary.exp2")),
    row(unary("expm1", np.expm1, domain=((-9, 9),), aliases=("special.expm1",), pinned=((1e-10, -0.0),)),
        check("ops.unary.expm1")),
    row(unary("log", np.log, domain=((0, 9),), pinned=((-1.0, 0.0, INF),)), check("ops.unary.log")),
    row(unary("log2", np.log2, domain=((0, 9),), pinned=((0.0, 0.25),)), check("ops.unary.log2")),
    row(unary("log10", np.log10, domain=((0, 9),), pinned=((0.0, 1e-3),)), check("ops.unary.log10")),
    row(unary("log1p", np.log1p, domain=((-0.9, 9),), aliases=("special.log1p",), pinned=((-1.0, 1e-10),)),
        check("ops.unary.log1p")),
    row(unary("sin", np.sin), check("ops.unary.sin")),
    row(unary("cos", np.cos), check("ops.unary.cos")),
    row(unary("tan", np.tan, domain=((-1.4, 1.4),)), check("ops.unary.tan")),
    row(unary("asin", np.arcsin, domain=((-1, 1),), aliases=("arcsin",), pinned=((2.0,),)), check("ops.unary.asin")),
    row(unary("acos", np.arccos, domain=((-1, 1),), aliases=("arccos",), pinned=((2.0,),)), check("ops.unary.acos")),
    row(unary("atan", np.arctan, domain=((-9, 9),), aliases=("arctan",), pinned=((INF, -INF),)), check("ops.unary.atan")),
    row(unary("sinh", np.sinh, domain=((-9, 9),)), check("ops.unary.sinh")),
    row(unary("cosh", np.cosh, domain=((-9, 9),)), check("ops.unary.cosh")),
    row(unary("tanh", np.tanh, domain=((-9, 9),), pinned=((INF, -INF),)), check("ops.unary.tanh")),
    row(unary("asinh", np.arcsinh, domain=((-9, 9),), aliases=("arcsinh",)), check("ops.unary.asinh")),
    row(unary("acosh", np.arccosh, domain=((1, 9),), aliases=("arccosh",), pinned=((0.5, 1.0),)),
        check("ops.unary.acosh")),
    row(unary("atanh", np.arctanh, domain=((-0.99, 0.99),), aliases=("arctanh",), pinned=((-1.0, 1.0, 2.0),)),
        check("ops.unary.atanh")),
    row(unary("erf", O.erf, aliases=("special.erf",), pinned=((INF, -INF),)), check("ops.unary.erf")),
    row(unary("erfc", O.erfc, aliases=("special.erfc",), pinned=((INF, -INF),)), check("ops.unary.erfc")),
    row(unary("erfinv", O.erfinv, domain=((-0.99, 0.99),), aliases=("special.erfinv",), pinned=((-1.0, 1.0, 2.0),)),
        check("ops.unary.erfinv")),
    row(unary("sigmoid", O.sigmoid, domain=((-9, 9),), aliases=("special.expit",), pinned=((INF, -INF),)),
        check("ops.unary.sigmoid")),
    row(unary("logit", O.logit, domain=((0.01, 0.99),), aliases=("special.logit",), pinned=((0.0, 1.0, 0.5),)),
        check("ops.unary.logit")),
    row(unary("logit", O.logit, domain=((0, 1),), kwargs={"eps": 0.25}, label="logit(eps)", variants=SPECIAL | {"method"},
              pinned=((0.0, 0.1, 0.9, 1.0),)), check("ops.unary.logit")),
    row(unary("floor", np.floor, dtypes=NUMERIC, result=SAME, pinned=ROUND_PINS), check("ops.unary.floor")),
    row(unary("ceil", np.ceil, dtypes=NUMERIC, result=SAME, pinned=ROUND_PINS), check("ops.unary.ceil")),
    row(unary("round", np.round, dtypes=NUMERIC, result=SAME, pinned=ROUND_PINS), check("ops.unary.round")),
    row(unary("special.round", np.round, dtypes=FLOATS, result=SAME, variants=SPECIAL, pinned=ROUND_PINS),
        check("ops.unary.round")),
    # float64 only: in float32 the scaled value x * 10**d rounds before the halves-to-even step,
    # so a float64 oracle may differ by one unit in the last decimal.
    row(unary("round", O.round_decimals, dtypes=("float64",), result=SAME, kwargs={"decimals": 1},
              label="round(decimals)", pinned=((0.25, 0.35, -0.25, 1.05),)), check("ops.unary.round")),
    row(unary("trunc", np.trunc, dtypes=NUMERIC, result=SAME, aliases=("fix",), pinned=ROUND_PINS),
        check("ops.unary.trunc")),
    row(unary("frac", lambda x: x - np.trunc(x), dtypes=FLOATS, result=SAME, pinned=ROUND_PINS), check("ops.unary.frac")),
    row(unary("reciprocal", np.reciprocal, pinned=((0.0, -0.0, INF),)), check("ops.unary.reciprocal")),
    row(unary("nan_to_num", lambda x, **k: np.nan_to_num(x, **k), dtypes=REAL, result=SAME, pinned=NON_FINITE,
              kwargs={"nan": 0.5, "posinf": 2.0, "neginf": -3.0}), check("ops.unary.nan-to-num")),
    # The defaults depend on the dtype (its greatest and least finite values): the oracle runs in the input's dtype.
    row(unary("nan_to_num", np.nan_to_num, dtypes=REAL, result=SAME, pinned=NON_FINITE, native=True,
              label="nan_to_num(defaults)"), check("ops.unary.nan-to-num")),
    row(unary("isnan", np.isnan, result=bool_result, variants=frozenset({"function", "method"}), pinned=NON_FINITE),
        check("ops.unary.isnan")),
    row(unary("isinf", np.isinf, result=bool_result, variants=frozenset({"function", "method"}), pinned=NON_FINITE),
        check("ops.unary.isinf")),
    row(unary("isfinite", np.isfinite, result=bool_result, variants=frozenset({"function", "method"}),
              pinned=NON_FINITE), check("ops.unary.isfinite")),
    row(unary("isposinf", np.isposinf, dtypes=NUMERIC, result=bool_result, variants=SPECIAL | {"method"},
              pinned=NON_FINITE), check("ops.unary.isposinf")),
    row(unary("isneginf", np.isneginf, dtypes=NUMERIC, result=bool_result, variants=SPECIAL | {"method"},
              pinned=NON_FINITE), check("ops.unary.isneginf")),
    row(unary("isreal", lambda x: np.ones(np.shape(x), bool), result=bool_result,
              variants=frozenset({"function", "method"}), pinned=NON_FINITE), check("ops.unary.isreal")),
    row(unary("signbit", np.signbit, dtypes=NUMERIC, result=bool_result, variants=SPECIAL | {"method"},
              pinned=((-0.0, 0.0, -1.0, INF, -INF),)), check("ops.unary.signbit")),
    row(unary("angle", O.angle, variants=SPECIAL | {"method"}, pinned=((-1.0, 0.0, -0.5, NAN),)),
        check("ops.unary.angle")),
    row(unary("deg2rad", np.deg2rad, domain=((-360, 360),)), check("ops.unary.deg2rad")),
    row(unary("rad2deg", np.rad2deg), check("ops.unary.rad2deg")),
    row(unary("lgamma", O.lgamma, domain=((0.1, 9),), aliases=("special.gammaln",), pinned=((0.0, -1.0, -0.5, 1.0),)),
        check("ops.unary.lgamma")),
    row(unary("digamma", O.digamma, domain=((0.2, 9),), aliases=("special.digamma", "special.psi"),
              pinned=((0.0, -1.0, -0.5, 1.0),)), check("ops.unary.digamma")),
    row(unary("sinc", np.sinc, aliases=("special.sinc",), pinned=((0.0, 0.5, -1.0),)), check("ops.unary.sinc")),
    row(unary("i0", np.i0, aliases=("special.i0",)), check("ops.unary.i0")),
    row(unary("special.i1", S.modified_bessel_i1, domain=((-9, 9),), dtypes=F32_64, variants=SPECIAL,
              aliases=("special.modified_bessel_i1",)), check("ops.unary.special-i1")),
    row(unary("special.i1e", S.i1e, domain=((-9, 9),), dtypes=F32_64, variants=SPECIAL), check("ops.unary.special-i1e")),
    row(unary("special.modified_bessel_i0", S.modified_bessel_i0, domain=((-9, 9),), dtypes=F32_64, variants=SPECIAL),
        check("ops.unary.i0")),
    row(unary("special.bessel_j0", S.bessel_j0, domain=((-5, 5),), dtypes=F32_64, variants=SPECIAL), check("ops.unary.special-bessel-j")),
    row(unary("special.bessel_j1", S.bessel_j1, domain=((-5, 5),), dtypes=F32_64, variants=SPECIAL), check("ops.unary.special-bessel-j")),
    row(unary("special.spherical_bessel_j0", S.spherical_bessel_j0, domain=((-9, 9),), dtypes=F32_64, variants=SPECIAL,
              pinned=((0.0, -0.0),)), check("ops.unary.special-spherical-bessel-j0")),
    row(unary("bitwise_not", np.invert, dtypes=INTEGRAL_DTYPES, result=SAME, operator=operator.invert),
        check("ops.unary.bitwise-not")),
    row(unary("logical_not", np.logical_not, result=bool_result, pinned=NON_FINITE), check("ops.unary.logical-not")),
    row(unary("special.erfcx", O.erfcx, dtypes=INTEGRAL_DTYPES + F32_64, domain=((-2, 9),),
              variants=SPECIAL), check("ops.unary.special-erfcx")),
    row(unary("special.ndtr", O.ndtr, variants=SPECIAL, pinned=((INF, -INF),)), check("ops.unary.special-ndtr")),
    row(unary("special.ndtri", O.ndtri, dtypes=INTEGRAL_DTYPES + F32_64, domain=((0.01, 0.99),),
              variants=SPECIAL, pinned=((0.0, 1.0, 0.5),)), check("ops.unary.special-ndtri")),
    row(unary("special.log_ndtr", O.log_ndtr, dtypes=INTEGRAL_DTYPES + F32_64, domain=((-8, 5),),
              variants=SPECIAL), check("ops.unary.special-log-ndtr")),
    row(unary("special.i0e", lambda x: np.i0(x) * np.exp(-np.abs(x)), domain=((-9, 9),), variants=SPECIAL),
        check("ops.unary.special-i0e")),
    row(unary("special.entr", O.entr, variants=SPECIAL, pinned=((0.0, -1.0, INF),)), check("ops.unary.special-entr")),
]


@pytest.mark.parametrize("op", UNARY)
@opspec.DRAWN
@given(data=st.data())
def test_unary_values_match_oracle(xp, op, data):
    opspec.check_values(xp, op, data)


@pytest.mark.parametrize("op", UNARY)
def test_unary_result_dtype(xp, op):
    opspec.check_result_dtype(xp, op)


@pytest.mark.parametrize("op", opspec.having(UNARY, "inplace"))
def test_unary_inplace_writes_self(xp, op):
    opspec.check_inplace(xp, op)


@pytest.mark.parametrize("op", opspec.having(UNARY, "out"))
def test_unary_out_writes_out(xp, op):
    opspec.check_out(xp, op)


@pytest.mark.parametrize("op", UNARY)
def test_unary_zero_dim_and_empty(xp, op):
    opspec.check_zero_dim_and_empty(xp, op)
