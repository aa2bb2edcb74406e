"""Mutants of the numeric rows (suites/ops/test_numeric.py): each row's function (or one of its forms) off by
one, and the arguments a row relies on ignored."""
from __future__ import annotations

from tests.mutants._family import ignores, wrong_values

WRONG = {
    "ops.reduce.cov": ("Tensor.cov",), "ops.reduce.corrcoef": ("corrcoef",), "ops.scan.trapezoid": ("trapz",),
    "ops.scan.cumulative-trapezoid": ("cumulative_trapezoid",), "ops.unary.frexp": ("frexp",),
    "ops.unary.mvlgamma": ("special.multigammaln",), "ops.reduce.renorm": ("Tensor.renorm_",),
    "ops.reduce.softmax": ("softmax",), "ops.reduce.special-log-softmax": ("special.log_softmax",),
    "ops.sort.histogram": ("histogram",),
}

MUTANTS = [wrong_values(bid, *targets) for bid, targets in WRONG.items()] + [
    ignores("ops.reduce.cov", "cov", "correction"),
    ignores("ops.scan.trapezoid", "trapezoid", "dim"),
    ignores("ops.unary.mvlgamma", "mvlgamma", "p"),
]
