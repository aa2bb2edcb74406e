"""Mutants of the reductions and scans family: each row's function off by one, and the rules a row
relies on broken (dtype=, keepdim, correction, ord, interpolation ignored; the upper middle taken)."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, replace
from tests.mutants._family import ignores, wrong_values

WRONG = {
    "ops.reduce.prod": ("prod",), "ops.reduce.nansum": ("nansum",), "ops.reduce.nanmean": ("Tensor.nanmean",),
    "ops.reduce.median": ("median",), "ops.reduce.median-dim": ("Tensor.median",),
    "ops.reduce.nanmedian": ("nanmedian",),
    "ops.reduce.mode": ("mode",), "ops.reduce.var-std-dims": ("std",), "ops.reduce.var-mean": ("var_mean",),
    "ops.reduce.aminmax": ("aminmax",), "ops.reduce.all-any": ("any",), "ops.reduce.count-nonzero": ("count_nonzero",),
    "ops.reduce.logsumexp": ("logsumexp",), "ops.reduce.vector-norm": ("linalg.vector_norm",),
    "ops.reduce.norm": ("Tensor.norm",), "ops.scan.cumsum": ("Tensor.cumsum_",), "ops.scan.cumprod": ("cumprod",),
    "ops.scan.cummax-cummin": ("cummin",), "ops.scan.logcumsumexp": ("logcumsumexp",), "ops.scan.diff": ("diff",),
    "ops.reduce.quantile": ("quantile",), "ops.reduce.nanquantile": ("nanquantile",),
}


def _upper_middle(orig: Callable[..., Any]) -> Callable[..., Any]:
    """median() of all elements picks the upper of the two middles (the wrong tie rule)."""
    def median(x: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return orig(x, *args, **kwargs)
        return x.flatten().sort().values[x.numel() // 2]
    return median


def _indices_of_minimum(orig: Callable[..., Any]) -> Callable[..., Any]:
    """mode's indices point at each slice's minimum instead of at the mode."""
    def mode(x: Any, dim: int = -1, keepdim: bool = False) -> Any:
        return orig(x, dim, keepdim)[0], x.argmin(dim, keepdim)
    return mode


MUTANTS = [wrong_values(bid, *targets) for bid, targets in WRONG.items()] + [
    ignores("ops.reduce.prod", "prod", "dtype"),
    ignores("ops.reduce.nansum", "nansum", "keepdim"),
    Mutant("reduce.mode-indices-at-minimum", ("ops.reduce.mode-indices",), replace("mode", _indices_of_minimum)),
    Mutant("reduce.median-upper-middle", ("ops.reduce.median",), replace("median", _upper_middle)),
    ignores("ops.reduce.var-std-dims", "var", "correction"),
    ignores("ops.reduce.vector-norm", "linalg.vector_norm", "ord", 1),
    ignores("ops.reduce.quantile", "quantile", "interpolation"),
    ignores("ops.reduce.all-any", "all", "keepdim"),
    ignores("ops.scan.cumsum", "cumsum", "dtype"),
    ignores("ops.scan.diff", "diff", "prepend"),
    ignores("ops.reduce.median-dim", "median", "keepdim", 2),
]
