"""Mutants of the element-wise op tables (ops.unary.*, ops.binary.*), derived per table row.

Every row of ``suites/ops/test_unary.py`` and ``suites/ops/test_binary.py`` gets a "wrong values"
mutant: its function returns a perturbed result (bool results negated, others plus one). A few
generic factories then break one aspect each on a chosen row, proving each protocol can fail
(in-place returns a copy, out= ignored, wrong result dtype, mixed dtypes not promoted, no broadcasting,
0-d made 1-d), and
targeted mutants break the documented edge rules the rows pin (NaN propagation, halves to even,
min > max, -0.0, digamma at 0).
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Callable

from tests.mutants import Mutant, replace

TABLES = [Path(__file__).resolve().parents[2] / "suites" / "ops" / f"test_{kind}.py" for kind in ("unary", "binary")]


def _torch() -> Any:
    import torch

    return torch


def _perturb(result: Any) -> Any:
    """A visibly wrong answer of the same type and dtype."""
    torch = _torch()
    if isinstance(result, bool):
        return not result
    if result.dtype == torch.bool:
        return torch.logical_not(result)
    return torch.add(result, 1)


def _wrong_values(orig: Callable[..., Any]) -> Callable[..., Any]:
    return lambda *a, **k: _perturb(orig(*a, **k))


def _rows() -> dict[str, tuple[str, ...]]:
    """Each function the tables call -> the behaviours its rows cite, read statically from the table files
    (``row(unary("sqrt", ...), check("ops.unary.sqrt"))``): importing them here would build their hypothesis
    settings before the harness loads its profile."""
    found: dict[str, tuple[str, ...]] = {}
    for path in TABLES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "row":
                spec, mark = node.args
                name, bid = spec.args[0].value, mark.args[0].value
                found[name] = tuple(dict.fromkeys(found.get(name, ()) + (bid,)))
    return found


WRONG_VALUES = [Mutant(f"ew-{name.replace('.', '-')}-wrong-values", breaks, replace(name, _wrong_values))
                for name, breaks in _rows().items()]


# ---------------------------------------------------------------- one protocol each
def _inplace_returns_copy(orig):
    return lambda self, *a, **k: orig(self.clone(), *a, **k)


def _ignores_out(orig):
    def bad(*a, out=None, **k):
        return orig(*a, **k)
    return bad


def _integers_to_double(orig):
    def bad(x, *a, **k):
        r = orig(x, *a, **k)
        return r if x.is_floating_point() or "out" in k else r.double()
    return bad


def _no_broadcasting(orig):
    def bad(a, b, *rest, **k):
        if tuple(a.shape) != tuple(b.shape):
            raise RuntimeError("mutant: operands must have the same shape")
        return orig(a, b, *rest, **k)
    return bad


def _zero_dim_as_1d(orig):
    return lambda x, *a, **k: orig(x.reshape(1), *a, **k) if x.dim() == 0 else orig(x, *a, **k)


def _takes_first_dtype(orig):
    return lambda a, b, **k: orig(a, b.to(a.dtype), **k)


def _method_wrong(orig):
    return lambda self, *a, **k: _perturb(orig(self, *a, **k))


def _alias_missing(orig):
    def bad(*a, **k):
        raise AttributeError("mutant: alias not provided")
    return bad


# ---------------------------------------------------------------- documented edge rules
def _nan_ignored(orig):
    return lambda a, b, **k: _torch().fmax(a, b, **k)


def _nan_propagates(orig):
    return lambda a, b, **k: _torch().minimum(a, b, **k)


def _min_above_max_swapped(orig):
    def bad(x, min=None, max=None, **k):  # noqa: A002
        if min is not None and max is not None and not isinstance(min, _torch().Tensor) and min > max:
            min, max = max, min  # noqa: A001
        return orig(x, min, max, **k)
    return bad


def _halves_away_from_zero(orig):
    def bad(x, *a, **k):
        torch = _torch()
        if not x.is_floating_point() or a or k:
            return orig(x, *a, **k)
        return torch.trunc(x + 0.5 * torch.sign(x))
    return bad


def _signbit_ignores_negative_zero(orig):
    return lambda x, **k: orig(x, **k) if not x.is_floating_point() else _torch().lt(x, 0)


def _digamma_nan_at_zero(orig):
    def bad(x, **k):
        r = orig(x, **k)
        return _torch().where(x == 0, _torch().full_like(r, float("nan")), r)
    return bad


def _infinities_to_double_range(orig):
    def bad(x, nan=0.0, posinf=None, neginf=None, **k):
        big = _torch().finfo(_torch().float64).max
        return orig(x, nan, big if posinf is None else posinf, -big if neginf is None else neginf, **k)
    return bad


def _gcd_signed(orig):
    return lambda a, b, **k: _torch().mul(orig(a, b, **k), _torch().sign(a))


ASPECTS = [
    Mutant("ew-sqrt-inplace-returns-copy", ("ops.unary.sqrt",), replace("Tensor.sqrt_", _inplace_returns_copy)),
    Mutant("ew-bitwise-left-shift-inplace-returns-copy", ("ops.binary.bitwise-shifts",),
           replace("Tensor.bitwise_left_shift_", _inplace_returns_copy)),
    Mutant("ew-atan2-ignores-out", ("ops.binary.atan2",), replace("atan2", _ignores_out)),
    Mutant("ew-isposinf-ignores-out", ("ops.unary.isposinf",), replace("isposinf", _ignores_out)),
    Mutant("ew-exp-integers-to-double", ("ops.unary.exp",), replace("exp", _integers_to_double)),
    Mutant("ew-hypot-no-broadcasting", ("ops.binary.hypot",), replace("hypot", _no_broadcasting)),
    Mutant("ew-lerp-no-broadcasting", ("ops.binary.lerp",), replace("lerp", _no_broadcasting)),
    Mutant("ew-gcd-result-takes-first-dtype", ("ops.binary.gcd-lcm",), replace("gcd", _takes_first_dtype)),
    Mutant("ew-sigmoid-zero-dim-as-1d", ("ops.unary.sigmoid",), replace("sigmoid", _zero_dim_as_1d)),
    Mutant("ew-tan-method-wrong", ("ops.unary.tan",), replace("Tensor.tan", _method_wrong)),
    Mutant("ew-arccos-alias-missing", ("ops.unary.acos",), replace("arccos", _alias_missing)),
    Mutant("ew-special-expit-missing", ("ops.unary.sigmoid",), replace("special.expit", _alias_missing)),
    Mutant("ew-maximum-ignores-nan", ("ops.binary.maximum-minimum",), replace("maximum", _nan_ignored)),
    Mutant("ew-fmin-propagates-nan", ("ops.binary.fmax-fmin",), replace("fmin", _nan_propagates)),
    Mutant("ew-clamp-min-above-max-swapped", ("ops.binary.clamp",), replace("clamp", _min_above_max_swapped)),
    Mutant("ew-round-halves-away-from-zero", ("ops.unary.round",), replace("round", _halves_away_from_zero)),
    Mutant("ew-signbit-ignores-negative-zero", ("ops.unary.signbit",),
           replace("signbit", _signbit_ignores_negative_zero)),
    Mutant("ew-digamma-nan-at-zero", ("ops.unary.digamma",), replace("digamma", _digamma_nan_at_zero)),
    Mutant("ew-nan-to-num-default-ignores-dtype", ("ops.unary.nan-to-num",),
           replace("nan_to_num", _infinities_to_double_range)),
    Mutant("ew-gcd-takes-sign", ("ops.binary.gcd-lcm",), replace("gcd", _gcd_signed)),
]

MUTANTS: list[Mutant] = WRONG_VALUES + ASPECTS + [
    Mutant("ew-equal-negated", ("ops.binary.equal",), replace("equal", _wrong_values)),
    Mutant("ew-allclose-negated", ("ops.binary.allclose",), replace("allclose", _wrong_values)),
]
