"""Mutants of the losses: each breaks one row of the loss table in nn.functional (which the loss
modules call with keyword options): an ignored option, a wrong reduction, a wrong formula."""
from __future__ import annotations

from typing import Any, Callable

import torch

from tests.mutants import Mutant, replace

F = torch.nn.functional
Kwargs = dict[str, Any]


def _keywords(function: str, change: Callable[[Kwargs], Kwargs]):
    """``nn.functional.<function>`` called with its keyword options rewritten by ``change``."""
    return replace(f"nn.functional.{function}", lambda orig: lambda *args, **kwargs: orig(*args, **change(kwargs)))


def _ignores(function: str, option: str, default: Any):
    return _keywords(function, lambda kwargs: {**kwargs, option: default})


def _batchmean_is_mean(kwargs: Kwargs) -> Kwargs:
    return {**kwargs, "reduction": "mean"} if kwargs.get("reduction") == "batchmean" else kwargs


def _sum_is_mean(kwargs: Kwargs) -> Kwargs:
    return {**kwargs, "reduction": "mean"} if kwargs.get("reduction") == "sum" else kwargs


def _probabilities_unsmoothed(orig):
    def cross_entropy(input, target, *args, **kwargs):
        if target.is_floating_point():
            kwargs["label_smoothing"] = 0.0
        return orig(input, target, *args, **kwargs)
    return cross_entropy


def _mutant(name: str, behaviour: str, patch) -> Mutant:
    return Mutant(f"loss-{name}", (f"nn.losses.{behaviour}",), patch)


MUTANTS = [
    _mutant("l1-squares", "l1", replace("nn.functional.l1_loss", lambda orig: lambda input, target, *a, **k:
                                        F.mse_loss(input, target, reduction=k.get("reduction", "mean")))),
    _mutant("mse-ignores-reduction", "mse", _ignores("mse_loss", "reduction", "mean")),
    _mutant("cross-entropy-ignores-ignore-index", "cross-entropy-indices",
            _ignores("cross_entropy", "ignore_index", -100)),
    _mutant("cross-entropy-probabilities-unsmoothed", "cross-entropy-probabilities",
            replace("nn.functional.cross_entropy", _probabilities_unsmoothed)),
    _mutant("nll-ignores-weight", "nll", _ignores("nll_loss", "weight", None)),
    _mutant("bce-ignores-weight", "bce", _ignores("binary_cross_entropy", "weight", None)),
    _mutant("bce-logits-ignores-pos-weight", "bce-with-logits",
            _ignores("binary_cross_entropy_with_logits", "pos_weight", None)),
    _mutant("kldiv-batchmean-is-mean", "kldiv", _keywords("kl_div", _batchmean_is_mean)),
    _mutant("kldiv-ignores-log-target", "kldiv-log-target", _ignores("kl_div", "log_target", False)),
    _mutant("smooth-l1-ignores-beta", "smooth-l1", _ignores("smooth_l1_loss", "beta", 1.0)),
    _mutant("huber-ignores-delta", "huber", _ignores("huber_loss", "delta", 1.0)),
    _mutant("cosine-embedding-ignores-margin", "cosine-embedding", _ignores("cosine_embedding_loss", "margin", 0.0)),
    _mutant("margin-ranking-ignores-margin", "margin-ranking", _ignores("margin_ranking_loss", "margin", 0.0)),
    _mutant("triplet-ignores-swap", "triplet-margin", _ignores("triplet_margin_loss", "swap", False)),
    _mutant("hinge-embedding-ignores-margin", "hinge-embedding", _ignores("hinge_embedding_loss", "margin", 1.0)),
    _mutant("multilabel-margin-sum-is-mean", "multilabel-margin", _keywords("multilabel_margin_loss", _sum_is_mean)),
    _mutant("multilabel-soft-margin-ignores-weight", "multilabel-soft-margin",
            _ignores("multilabel_soft_margin_loss", "weight", None)),
    _mutant("multi-margin-ignores-p", "multi-margin", _ignores("multi_margin_loss", "p", 1)),
    _mutant("soft-margin-sign-flipped", "soft-margin", replace("nn.functional.soft_margin_loss", lambda orig:
                                                               lambda input, target, *a, **k: orig(-input, target, *a,
                                                                                                   **k))),
    _mutant("poisson-nll-ignores-full", "poisson-nll", _ignores("poisson_nll_loss", "full", False)),
    _mutant("gaussian-nll-ignores-eps", "gaussian-nll", _ignores("gaussian_nll_loss", "eps", 1e-6)),
]
