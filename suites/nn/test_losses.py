"""Losses: each module, its nn.functional counterpart and the documented formula agree, in every
reduction mode, and the default reduction is 'mean'.

One generic check driven by the rows of ``loss_table``; each row cites its own behaviour.
"""
from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_values, show
from suites.nn.common import TOL, rng, seeds
from suites.nn.loss_table import LOSSES
from suites.nn.modulespec import LossSpec, as_seen, call_text, options_text, rows, to_backend


def check_loss(xp: Any, row: LossSpec, args: tuple[np.ndarray, ...], what: str) -> None:
    """Module and function, every option set and reduction (and none given: 'mean'), against the oracle."""
    tensors = [to_backend(xp, a) for a in args]
    oracle_args = [as_seen(a) for a in args]
    for opts in row.options:
        oracle_opts = {k: as_seen(v) for k, v in opts.items()}
        module_opts = {k: to_backend(xp, v) for k, v in opts.items()}
        for reduction in (None, *row.reductions):
            chosen = {} if reduction is None else {"reduction": reduction}
            want = row.oracle(*oracle_args, reduction=reduction or "mean", **oracle_opts)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # KLDivLoss warns that 'mean' is not the KL divergence
                module = getattr(xp.nn, row.module)(**module_opts, **chosen)
                got_module = module(*tensors)
                function_opts = {**row.function_kwargs(xp, module_opts), **chosen}
                got_function = getattr(xp.nn.functional, row.functional)(*tensors, **function_opts)
            shown = {**opts, **chosen}
            assert_values(got_module, want, call=f"nn.{row.module}({options_text(shown)})({what})", **TOL)
            assert_values(got_function, want, call=call_text(f"nn.functional.{row.functional}", what, shown), **TOL)


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
LOSS_ROWS = rows(
    LOSSES,
    ("L1Loss", check("nn.losses.l1")),
    ("MSELoss", check("nn.losses.mse")),
    ("CrossEntropyLoss-indices", check("nn.losses.cross-entropy-indices")),
    ("CrossEntropyLoss-probabilities", check("nn.losses.cross-entropy-probabilities")),
    ("NLLLoss", check("nn.losses.nll")),
    ("BCELoss", check("nn.losses.bce")),
    ("BCEWithLogitsLoss", check("nn.losses.bce-with-logits")),
    ("KLDivLoss", check("nn.losses.kldiv")),
    ("KLDivLoss-log-target", check("nn.losses.kldiv-log-target")),
    ("SmoothL1Loss", check("nn.losses.smooth-l1")),
    ("HuberLoss", check("nn.losses.huber")),
    ("CosineEmbeddingLoss", check("nn.losses.cosine-embedding")),
    ("MarginRankingLoss", check("nn.losses.margin-ranking")),
    ("TripletMarginLoss", check("nn.losses.triplet-margin")),
    ("TripletMarginWithDistanceLoss", check("nn.losses.triplet-margin-with-distance")),
    ("HingeEmbeddingLoss", check("nn.losses.hinge-embedding")),
    ("MultiLabelMarginLoss", check("nn.losses.multilabel-margin")),
    ("MultiLabelSoftMarginLoss", check("nn.losses.multilabel-soft-margin")),
    ("MultiMarginLoss", check("nn.losses.multi-margin")),
    ("SoftMarginLoss", check("nn.losses.soft-margin")),
    ("PoissonNLLLoss", check("nn.losses.poisson-nll")),
    ("GaussianNLLLoss", check("nn.losses.gaussian-nll")),
)


@pytest.mark.parametrize("row", LOSS_ROWS)
@settings(max_examples=1)
@given(seed=seeds, n=st.integers(2, 5))
@example(seed=0, n=4)
def test_loss_module_function_formula(xp, row, seed, n):
    args = row.inputs(rng(seed), n)
    check_loss(xp, row, args, ", ".join(f"{show(a)}" for a in args) + f" [seed {seed}, batch {n}]")
