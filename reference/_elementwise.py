"""Element-wise unary, binary and ternary ops beyond the arithmetic core (ops.unary.*, ops.binary.*).

Each op is its NumPy (or ``math``) formula plus one of four result-dtype rules, built by the
small factories below on ``_ops.unary`` / ``_ops.binary`` (promotion, broadcasting, ``out=``):

* float-valued: bool and integer inputs compute in the default float dtype;
* same dtype as the (promoted) input;
* bool results (predicates, logical ops);
* a fixed dtype (float_power: float64).

The new ops record no autograd formulas (no check differentiates them); core ops given ``out=`` here
(floor, sign, where, clamp...) delegate to the core versions and keep theirs. Binds the Tensor methods,
in-place variants and operators of every op here; ``reference/__init__.py`` imports this module after
``_ops``, so these versions replace the core names.
"""
from __future__ import annotations

import builtins
import math
from statistics import NormalDist
from typing import Any, Callable

import numpy as np

from reference import _dtype as D
from reference import _ops
from reference._methods import _make_inplace
from reference._tensor import Tensor

Array = Callable[..., Any]


def _tensor(x: Any) -> Tensor:
    return x if isinstance(x, Tensor) else _ops._as_tensor(x)


def _float_target(*operands: Any) -> D.dtype:
    promoted = D.result_type(*operands)
    return promoted if promoted.category >= D.FLOAT else D.get_default_dtype()


# -- factories ---------------------------------------------------------------------------------------
def _float_unary(name: str, compute: Array) -> Callable[..., Tensor]:
    """Computed in float64 and rounded once to the result dtype."""
    def op(x: Tensor, *, out: Tensor | None = None) -> Tensor:
        return _ops.unary("", x, lambda v: compute(v.astype(np.float64)), None, float_only=True, out=out)

    op.__name__ = name
    return op


def _same_unary(name: str, compute: Array, *, floats_only: bool = False) -> Callable[..., Tensor]:
    def op(x: Tensor, *, out: Tensor | None = None) -> Tensor:
        x = _tensor(x)
        if floats_only and x.dtype.category < D.FLOAT:
            raise RuntimeError(f"{name} is only implemented for floating point tensors, got {x.dtype}")
        return _ops.unary("", x, compute, None, out=out)

    op.__name__ = name
    return op


def _predicate(name: str, compute: Array) -> Callable[..., Tensor]:
    def op(x: Tensor, *, out: Tensor | None = None) -> Tensor:
        x = _tensor(x)
        with np.errstate(all="ignore"):
            return _ops.finish(_ops.make(compute(x._a), D.bool_, (x,)), out)

    op.__name__ = name
    return op


def _float_binary(name: str, compute: Array, *, floats_only: bool = False) -> Callable[..., Tensor]:
    def op(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
        if floats_only and D.result_type(a, b).category < D.FLOAT:
            raise RuntimeError(f"{name} is only implemented for floating point tensors")
        target = _float_target(a, b)
        return _ops.binary("", a, b, compute, out=out, dtype=target, compute_dtype=target)

    op.__name__ = name
    return op


def _same_binary(name: str, compute: Array, *, ints_only: bool = False) -> Callable[..., Tensor]:
    def op(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
        if ints_only and D.result_type(a, b).category != D.INT:
            raise RuntimeError(f"{name} is only implemented for integer tensors")
        return _ops.binary("", a, b, compute, out=out)

    op.__name__ = name
    return op


# -- special-function formulas (plain math, vectorised) -----------------------------------------------
def _vectorised(fn: Callable[[float], float]) -> Array:
    def compute(v: np.ndarray) -> np.ndarray:
        flat = [fn(float(x)) for x in np.asarray(v, dtype=np.float64).reshape(-1)]
        return np.array(flat, dtype=np.float64).reshape(np.shape(v)).astype(v.dtype)

    return compute


def _lgamma(x: float) -> float:
    if math.isnan(x):
        return x
    try:
        return math.lgamma(x)
    except ValueError:  # poles
        return math.inf


def _digamma(x: float) -> float:
    """psi(x): the reflection formula below 0, the recurrence up to 6, then the asymptotic series."""
    if math.isnan(x) or math.isinf(x):
        return math.nan if math.isnan(x) or x < 0 else math.inf
    if x == 0:
        return -math.inf if math.copysign(1, x) > 0 else math.inf
    if x < 0:
        if x == math.floor(x):
            return math.nan
        return _digamma(1 - x) - math.pi / math.tan(math.pi * x)
    acc = 0.0
    while x < 6:
        acc -= 1 / x
        x += 1
    inv2 = 1 / (x * x)
    series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))))
    return acc + math.log(x) - 0.5 / x - series


def _erfinv(y: float) -> float:
    if math.isnan(y) or builtins.abs(y) > 1:
        return math.nan
    if builtins.abs(y) == 1:
        return math.copysign(math.inf, y)
    x = NormalDist().inv_cdf((1 + y) / 2) / math.sqrt(2)
    for _ in range(2):  # Newton steps on erf(x) = y restore precision near 0
        x -= (math.erf(x) - y) / (2 / math.sqrt(math.pi) * math.exp(-x * x))
    return x


def _erfcx(x: float) -> float:
    if x < 25:
        return math.exp(x * x) * math.erfc(x)
    return 1 / (x * math.sqrt(math.pi)) * (1 - 1 / (2 * x * x))  # asymptotic, exact to float64 here


def _ndtri(p: float) -> float:
    if math.isnan(p) or p < 0 or p > 1:
        return math.nan
    if p in (0.0, 1.0):
        return -math.inf if p == 0 else math.inf
    return NormalDist().inv_cdf(p)


def _log_ndtr(x: float) -> float:
    value = 0.5 * math.erfc(-x / math.sqrt(2))
    if value > 0:
        return math.log(value)
    return -x * x / 2 - math.log(-x) - 0.5 * math.log(2 * math.pi)


def _logit(eps: float | None) -> Array:
    def compute(v: np.ndarray) -> np.ndarray:
        z = v if eps is None else np.clip(v, eps, 1 - eps)
        return np.log(z / (1 - z))

    return compute


def _round(decimals: int) -> Array:
    def compute(v: np.ndarray) -> np.ndarray:
        if decimals == 0 or v.dtype.kind not in "fc":
            return np.round(v)
        scale = v.dtype.type(10.0 ** decimals)
        return np.round(v * scale) / scale  # as PyTorch: scale, round half to even, unscale

    return compute


def _entr(v: np.ndarray) -> np.ndarray:
    """-v log v above 0, 0 at 0, -inf below, NaN at NaN."""
    below = np.where(np.isnan(v), v, np.where(v == 0, 0.0, -np.inf))
    return np.where(v > 0, -v * np.log(np.where(v > 0, v, 1)), below)


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """0 where x == 0 (unless y is NaN), else x * log(y)."""
    return np.where(np.isnan(y), np.nan, np.where(x == 0, 0, x * np.log(y)))


def _xlog1py(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(y), np.nan, np.where(x == 0, 0, x * np.log1p(y)))


def _heaviside(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    return np.where(x == 0, values, (x > 0).astype(x.dtype))


# -- unary -------------------------------------------------------------------------------------------
FLOAT_UNARY: dict[str, Array] = {
    "rsqrt": lambda v: 1 / np.sqrt(v), "exp2": np.exp2, "expm1": np.expm1, "log2": np.log2, "log10": np.log10,
    "log1p": np.log1p, "tan": np.tan, "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "sinh": np.sinh,
    "cosh": np.cosh, "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
    "erf": _vectorised(math.erf), "erfc": _vectorised(math.erfc), "erfinv": _vectorised(_erfinv),
    "reciprocal": lambda v: 1 / v, "deg2rad": np.deg2rad, "rad2deg": np.rad2deg, "lgamma": _vectorised(_lgamma),
    "digamma": _vectorised(_digamma), "sinc": np.sinc, "i0": np.i0,
    "angle": lambda v: np.where(np.isnan(v), v, np.where(v < 0, np.pi, 0.0)),
}
SAME_UNARY: dict[str, tuple[Array, dict[str, bool]]] = {
    "sgn": (lambda v: v if v.dtype == bool else np.sign(v), {}),
    "frac": (lambda v: v - np.trunc(v), {"floats_only": True}),
    "bitwise_not": (lambda v: np.logical_not(v) if v.dtype == bool else np.invert(v), {}),
}
PREDICATES: dict[str, Array] = {
    "isposinf": np.isposinf, "isneginf": np.isneginf, "signbit": np.signbit,
    "isreal": lambda v: np.isreal(v) if v.dtype.kind == "c" else np.ones(v.shape, bool),
    "logical_not": lambda v: v == 0,
}
SPECIAL_ONLY: dict[str, Array] = {
    "erfcx": _vectorised(_erfcx), "ndtr": lambda v: 0.5 * _vectorised(math.erfc)(-v / np.sqrt(2)),
    "ndtri": _vectorised(_ndtri), "log_ndtr": _vectorised(_log_ndtr), "i0e": lambda v: np.i0(v) * np.exp(-np.abs(v)),
    "entr": _entr,
}

_made: dict[str, Callable[..., Tensor]] = {}
_made.update({name: _float_unary(name, f) for name, f in FLOAT_UNARY.items()})
_made.update({name: _same_unary(name, f, **flags) for name, (f, flags) in SAME_UNARY.items()})
_made.update({name: _predicate(name, f) for name, f in PREDICATES.items()})


def round(x: Tensor, *, decimals: int = 0, out: Tensor | None = None) -> Tensor:  # noqa: A001
    """Round half to even; ``decimals`` rounds to that many decimal places (floats only)."""
    if decimals == 0:
        return _ops.finish(_ops.round(x), out)
    return _same_unary("round", _round(decimals), floats_only=True)(x, out=out)


def logit(x: Tensor, eps: float | None = None, *, out: Tensor | None = None) -> Tensor:
    return _float_unary("logit", _logit(eps))(x, out=out)


def nan_to_num(x: Tensor, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None, *,
               out: Tensor | None = None) -> Tensor:
    """NaN, +inf, -inf replaced; the infinities by default by the dtype's greatest and least finite values."""
    x = _tensor(x)
    if x.dtype.category < D.FLOAT:
        return _ops.finish(_ops.make(x._a.copy(), x.dtype, (x,)), out)
    info = np.finfo(x.dtype.np if x.dtype is not D.bfloat16 else np.float32)
    high = float(info.max) if posinf is None else posinf
    low = float(info.min) if neginf is None else neginf
    return _same_unary("nan_to_num", lambda v: np.nan_to_num(v, nan=nan, posinf=high, neginf=low))(x, out=out)


# -- binary and ternary -------------------------------------------------------------------------------
FLOAT_BINARY: dict[str, tuple[Array, bool]] = {
    "atan2": (np.arctan2, False), "hypot": (np.hypot, True), "logaddexp": (np.logaddexp, True),
    "logaddexp2": (np.logaddexp2, True), "copysign": (np.copysign, False), "nextafter": (np.nextafter, True),
    "xlogy": (_xlogy, False),
}
SAME_BINARY: dict[str, tuple[Array, bool]] = {
    "fmax": (np.fmax, False), "fmin": (np.fmin, False), "heaviside": (_heaviside, False),
    "gcd": (np.gcd, True), "lcm": (np.lcm, True), "bitwise_left_shift": (np.left_shift, True),
    "bitwise_right_shift": (np.right_shift, True),
}
_made.update({name: _float_binary(name, f, floats_only=only) for name, (f, only) in FLOAT_BINARY.items()})
_made.update({name: _same_binary(name, f, ints_only=only) for name, (f, only) in SAME_BINARY.items()})


def ldexp(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """input * 2 ** other, in the float result dtype."""
    target = _float_target(a, b)
    return _ops.binary("", a, b, lambda x, y: x * np.exp2(y), out=out, dtype=target, compute_dtype=D.float64)


def float_power(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """Always in double precision: float64 (complex128 for complex operands)."""
    target = D.complex128 if D.result_type(a, b).category == D.COMPLEX else D.float64
    return _ops.binary("", a, b, np.power, out=out, dtype=target, compute_dtype=target)


def isclose(a: Tensor, b: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> Tensor:
    return _ops.binary("", a, b, lambda x, y: np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan),
                       dtype=D.bool_)


def clamp(x: Tensor, min: Any = None, max: Any = None, *, out: Tensor | None = None) -> Tensor:  # noqa: A002
    """min(max(x, min), max): where min > max every element becomes max. Scalar bounds: the core clamp
    (with its gradient); tensor bounds broadcast and promote as maximum/minimum do."""
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if not isinstance(min, Tensor) and not isinstance(max, Tensor):
        return _ops.clamp(x, min, max, out=out)
    result = _ops.maximum(x, min) if min is not None else x
    return _ops.finish(_ops.minimum(result, max) if max is not None else result, out)


def _ternary(name: str, compute: Callable[..., Any], operands: tuple[Any, ...], out: Tensor | None,
             floats_only: bool = False) -> Tensor:
    dtype = D.result_type(*operands)
    if floats_only and dtype.category < D.FLOAT:
        raise RuntimeError(f"{name}: integer inputs are not supported")
    shape = _ops.broadcast_shape(*(tuple(t.shape) if isinstance(t, Tensor) else () for t in operands))
    _ops.check_device(*operands)
    with np.errstate(all="ignore"):
        result = np.broadcast_to(compute(*(_ops.values(t, dtype) for t in operands)), shape)
    return _ops.finish(_ops.make(result, dtype, operands), out)


def lerp(start: Tensor, end: Tensor, weight: Any, *, out: Tensor | None = None) -> Tensor:
    return _ternary("lerp", lambda s, e, w: s + w * (e - s), (start, end, weight), out, floats_only=True)


def addcmul(x: Tensor, t1: Tensor, t2: Tensor, *, value: Any = 1, out: Tensor | None = None) -> Tensor:
    return _ternary("addcmul", lambda a, b, c: a + value * b * c, (x, t1, t2), out)


def addcdiv(x: Tensor, t1: Tensor, t2: Tensor, *, value: Any = 1, out: Tensor | None = None) -> Tensor:
    return _ternary("addcdiv", lambda a, b, c: a + value * b / c, (x, t1, t2), out, floats_only=True)


def where(condition: Tensor, a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """The core where (with its gradient), the condition broadcasting with both operands too."""
    from reference._views import expand

    full = _ops.broadcast_shape(*(tuple(t.shape) if isinstance(t, Tensor) else () for t in (condition, a, b)))
    if isinstance(a, Tensor) and tuple(a.shape) != full:
        a = expand(a, full)
    elif not isinstance(a, Tensor) and isinstance(b, Tensor) and tuple(b.shape) != full:
        b = expand(b, full)
    return _ops.finish(_ops.where(condition, a, b), out)


def _with_out(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """A core op given ``out=`` (the core versions of these take none)."""

    def op(*args: Any, out: Tensor | None = None, **kwargs: Any) -> Tensor:
        return _ops.finish(fn(*args, **kwargs), out)

    op.__name__ = fn.__name__
    return op


_made.update({name: _with_out(getattr(_ops, name)) for name in ("isnan", "isinf", "isfinite", "floor", "ceil",
                                                                  "trunc", "sign", "square")})
_made.update({"round": round, "logit": logit, "nan_to_num": nan_to_num, "ldexp": ldexp, "float_power": float_power,
              "isclose": isclose, "where": where, "clamp": clamp, "lerp": lerp, "addcmul": addcmul, "addcdiv": addcdiv})

ALIASES = {"arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsinh": "asinh", "arccosh": "acosh",
           "arctanh": "atanh", "arctan2": "atan2", "absolute": "abs", "negative": "neg", "divide": "div",
           "clip": "clamp", "fix": "trunc"}

_core = {"abs": _ops.abs, "neg": _ops.neg, "div": _ops.div, "sqrt": _ops.sqrt, "exp": _ops.exp, "log": _ops.log,
         "sin": _ops.sin, "cos": _ops.cos, "tanh": _ops.tanh, "sigmoid": _ops.sigmoid}
for _alias, _target in ALIASES.items():
    _made[_alias] = _made.get(_target) or _core[_target]

globals().update(_made)

# -- Tensor methods, in-place variants, operators ---------------------------------------------------
_NO_INPLACE = {"isnan", "isinf", "isfinite", "isposinf", "isneginf", "isreal", "signbit", "angle", "isclose", "where",
               "logaddexp", "logaddexp2", "fmax", "fmin"}
for _name, _fn in _made.items():
    setattr(Tensor, _name, _fn)
    if _name not in _NO_INPLACE:
        setattr(Tensor, _name + "_", _make_inplace(_fn))
for _name in ("eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_xor", "bitwise_and",
              "bitwise_or", "bitwise_xor", "maximum", "minimum", "absolute", "negative"):
    if not hasattr(Tensor, _name + "_") and hasattr(_ops, _name):
        setattr(Tensor, _name + "_", _make_inplace(getattr(_ops, _name)))
Tensor.where = lambda self, condition, other: _made["where"](condition, self, other)
Tensor.__lshift__ = lambda self, other: _made["bitwise_left_shift"](self, other)
Tensor.__rshift__ = lambda self, other: _made["bitwise_right_shift"](self, other)


# -- torch.special --------------------------------------------------------------------------------------
def special_namespace() -> dict[str, Callable[..., Tensor]]:
    """The functions of ``reference.special``: aliases of the ops above and the special-only functions."""
    names = {"erf": "erf", "erfc": "erfc", "erfinv": "erfinv", "expit": "sigmoid", "logit": "logit",
             "gammaln": "lgamma", "digamma": "digamma", "psi": "digamma", "sinc": "sinc", "round": "round",
             "exp2": "exp2", "expm1": "expm1", "log1p": "log1p", "i0": "i0", "xlogy": "xlogy"}
    found = {alias: _made.get(name) or _core[name] for alias, name in names.items()}
    found.update({name: _float_unary(name, f) for name, f in SPECIAL_ONLY.items()})
    found["xlog1py"] = _float_binary("xlog1py", _xlog1py)
    return found


__all__ = [*_made, "special"]

from reference import special  # noqa: E402 - reference.special reads special_namespace above
