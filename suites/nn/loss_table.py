"""The loss rows: each module, its nn.functional name, inputs and the formula its docs page states.

``inputs(rng, n)`` draws a batch of ``n`` samples (``C`` classes, ``D`` features); float arrays
become float32 tensors and integer arrays int64 ones. Options holding arrays (``weight``,
``pos_weight``) become float32 tensors for the backend. Oracles take float64 arrays and return
the reduced loss.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from suites.nn.activation_table import softmax, softplus
from suites.nn.modulespec import LossSpec, reduce

C, D = 3, 4
WEIGHT = np.array([0.5, 2.0, 1.0])


def per_element(loss: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """An oracle from an unreduced formula: the reduction applies to its every element."""
    return lambda *args, reduction, **opts: reduce(loss(*args, **opts), reduction)


def _pair(r: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    return r.standard_normal((n, D)) * 2, r.standard_normal((n, D)) * 2


def _classes(r: np.random.Generator, n: int) -> np.ndarray:
    """Every class appears once n >= C (so ignore_index and weights always matter)."""
    return ((np.arange(n) + r.integers(C)) % C).astype(np.int64)


def _signs(r: np.random.Generator, *shape: int) -> np.ndarray:
    """+1 and -1 in equal shares (both present from two elements on), in random places."""
    signs = np.where(np.arange(math.prod(shape)) % 2 == 0, 1.0, -1.0)
    return r.permutation(signs).reshape(shape)


def _triplets(r: np.random.Generator, n: int) -> tuple[np.ndarray, ...]:
    """Anchors, positives and negatives; every other negative lies near its positive, so swap matters."""
    anchor, positive = _pair(r, n)
    near = np.arange(n)[:, None] % 2 == 0
    return anchor, positive, np.where(near, positive + 0.1 * r.standard_normal((n, D)), r.standard_normal((n, D)) * 2)


def _log_softmax(x: np.ndarray) -> np.ndarray:
    return np.log(softmax(x, -1))


# ---- class-index losses: the mean is weighted by the target's class weight ---------------

def nll(logp: np.ndarray, target: np.ndarray, reduction: str, weight: np.ndarray | None = None,
        ignore_index: int = -100, label_smoothing: float = 0.0) -> np.ndarray:
    """-w[y] logp[y] per sample (0 where y == ignore_index); 'mean' divides by the kept samples' weights.

    With label smoothing (unweighted): (1 - eps) of that plus eps times the mean over classes of -logp.
    """
    w = np.ones(logp.shape[1]) if weight is None else weight
    kept = target != ignore_index
    safe = np.where(kept, target, 0)
    picked = -logp[np.arange(len(target)), safe] * w[safe] * kept
    smooth = -logp.mean(axis=1) * kept
    losses = (1 - label_smoothing) * picked + label_smoothing * smooth
    if reduction == "mean":
        return np.asarray(losses.sum() / (w[safe] * kept).sum())
    return reduce(losses, reduction)


def cross_entropy_indices(x: np.ndarray, target: np.ndarray, reduction: str, **opts: Any) -> np.ndarray:
    return nll(_log_softmax(x), target, reduction, **opts)


def cross_entropy_probabilities(x: np.ndarray, target: np.ndarray, reduction: str, weight: np.ndarray | None = None,
                                label_smoothing: float = 0.0) -> np.ndarray:
    """-sum_c w_c q_c log softmax(x)_c with q the smoothed target; 'mean' divides by the batch size."""
    q = target * (1 - label_smoothing) + label_smoothing / x.shape[1]
    w = np.ones(x.shape[1]) if weight is None else weight
    return reduce(-(w * q * _log_softmax(x)).sum(axis=1), reduction)


# ---- element-wise and per-sample formulas --------------------------------------------------

def bce(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> np.ndarray:
    """Logs clamped at -100, as documented."""
    w = 1.0 if weight is None else weight
    return -w * (y * np.maximum(np.log(x), -100) + (1 - y) * np.maximum(np.log(1 - x), -100))


def bce_logits(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None,
               pos_weight: np.ndarray | None = None) -> np.ndarray:
    w = 1.0 if weight is None else weight
    p = 1.0 if pos_weight is None else pos_weight
    return -w * (p * y * -softplus(-x) + (1 - y) * -softplus(x))


def kl_div(logp: np.ndarray, target: np.ndarray, reduction: str, log_target: bool = False) -> np.ndarray:
    """target (log target - input) point-wise; 'batchmean' divides the sum by the batch size."""
    losses = np.exp(target) * (target - logp) if log_target else target * (np.log(target) - logp)
    return np.asarray(losses.sum() / len(logp)) if reduction == "batchmean" else reduce(losses, reduction)


def smooth_l1(x: np.ndarray, y: np.ndarray, beta: float = 1.0) -> np.ndarray:
    d = np.abs(x - y)
    return np.where(d < beta, 0.5 * d ** 2 / beta, d - 0.5 * beta)


def huber(x: np.ndarray, y: np.ndarray, delta: float = 1.0) -> np.ndarray:
    d = np.abs(x - y)
    return np.where(d <= delta, 0.5 * d ** 2, delta * (d - 0.5 * delta))


def cosine_embedding(x1: np.ndarray, x2: np.ndarray, y: np.ndarray, margin: float = 0.0) -> np.ndarray:
    cos = (x1 * x2).sum(1) / np.sqrt((x1 ** 2).sum(1) * (x2 ** 2).sum(1))
    return np.where(y == 1, 1 - cos, np.maximum(0, cos - margin))


def distance(a: np.ndarray, b: np.ndarray, p: float, eps: float) -> np.ndarray:
    """pairwise_distance: the p-norm of a - b + eps over the last dim."""
    return (np.abs(a - b + eps) ** p).sum(-1) ** (1 / p)


def triplet(a: np.ndarray, pos: np.ndarray, neg: np.ndarray, margin: float = 1.0, p: float = 2.0,
            eps: float = 1e-6, swap: bool = False) -> np.ndarray:
    d_neg = distance(a, neg, p, eps)
    if swap:
        d_neg = np.minimum(d_neg, distance(pos, neg, p, eps))
    return np.maximum(distance(a, pos, p, eps) - d_neg + margin, 0)


def multilabel_margin(x: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per sample: the targets are the indices before the first -1; sum over target j and non-target i
    of max(0, 1 - (x_j - x_i)), divided by C."""
    losses = []
    for row, labels in zip(x, target):
        stop = list(labels).index(-1) if -1 in labels else len(labels)
        js = set(int(j) for j in labels[:stop])
        others = [i for i in range(len(row)) if i not in js]
        losses.append(sum(max(0.0, 1 - (row[j] - row[i])) for j in js for i in others) / len(row))
    return np.array(losses)


def multilabel_soft_margin(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> np.ndarray:
    w = 1.0 if weight is None else weight
    return -(w * (y * -softplus(-x) + (1 - y) * -softplus(x))).mean(axis=1)


def multi_margin(x: np.ndarray, target: np.ndarray, p: int = 1, margin: float = 1.0,
                 weight: np.ndarray | None = None) -> np.ndarray:
    """Per sample: sum over i != y of w[y] max(0, margin - x_y + x_i)^p, divided by C."""
    picked = x[np.arange(len(x)), target][:, None]
    hinge = np.maximum(0, margin - picked + x) ** p
    hinge[np.arange(len(x)), target] = 0
    w = 1.0 if weight is None else weight[target]
    return w * hinge.sum(axis=1) / x.shape[1]


def poisson_nll(x: np.ndarray, y: np.ndarray, log_input: bool = True, full: bool = False,
                eps: float = 1e-8) -> np.ndarray:
    losses = np.exp(x) - y * x if log_input else x - y * np.log(x + eps)
    if full:
        with np.errstate(divide="ignore", invalid="ignore"):
            stirling = y * np.log(y) - y + 0.5 * np.log(2 * math.pi * y)
        losses = losses + np.where(y > 1, stirling, 0)
    return losses


def gaussian_nll(x: np.ndarray, y: np.ndarray, var: np.ndarray, full: bool = False, eps: float = 1e-6) -> np.ndarray:
    v = np.maximum(var, eps)
    return 0.5 * (np.log(v) + (x - y) ** 2 / v) + (0.5 * math.log(2 * math.pi) if full else 0)


def _probabilities(r: np.random.Generator, n: int) -> np.ndarray:
    return softmax(r.standard_normal((n, C)), -1)


def _multilabel_targets(r: np.random.Generator, n: int) -> np.ndarray:
    """Each row: a random number of distinct labels, then -1 padding (and junk after it)."""
    rows = []
    for _ in range(n):
        k = int(r.integers(0, C + 1))
        labels = list(r.permutation(C)[:k]) + [-1] * (C - k)
        if k < C - 1:
            labels[k + 1] = int(r.integers(C))  # after the first -1: must be ignored
        rows.append(labels)
    return np.array(rows, dtype=np.int64)


LOSSES: dict[str, LossSpec] = {row_id: row for row_id, row in [
    ("L1Loss", LossSpec("L1Loss", "l1_loss", _pair, per_element(lambda x, y: np.abs(x - y)))),
    ("MSELoss", LossSpec("MSELoss", "mse_loss", _pair, per_element(lambda x, y: (x - y) ** 2))),
    ("CrossEntropyLoss-indices", LossSpec(
        "CrossEntropyLoss", "cross_entropy", lambda r, n: (r.standard_normal((n, C)) * 2, _classes(r, n)),
        cross_entropy_indices, options=({}, {"label_smoothing": 0.2}, {"weight": WEIGHT}, {"ignore_index": 1},
                                        {"weight": WEIGHT, "ignore_index": 2}))),
    ("CrossEntropyLoss-probabilities", LossSpec(
        "CrossEntropyLoss", "cross_entropy", lambda r, n: (r.standard_normal((n, C)) * 2, _probabilities(r, n)),
        cross_entropy_probabilities, options=({}, {"label_smoothing": 0.2}, {"weight": WEIGHT}))),
    ("NLLLoss", LossSpec(
        "NLLLoss", "nll_loss", lambda r, n: (_log_softmax(r.standard_normal((n, C))), _classes(r, n)), nll,
        options=({}, {"weight": WEIGHT}, {"ignore_index": 0}, {"weight": WEIGHT, "ignore_index": 1}))),
    ("BCELoss", LossSpec(
        "BCELoss", "binary_cross_entropy", lambda r, n: (r.uniform(0.05, 0.95, (n, C)), r.uniform(0, 1, (n, C))),
        per_element(bce), options=({}, {"weight": WEIGHT}))),
    ("BCEWithLogitsLoss", LossSpec(
        "BCEWithLogitsLoss", "binary_cross_entropy_with_logits",
        lambda r, n: (r.standard_normal((n, C)) * 2, r.uniform(0, 1, (n, C))), per_element(bce_logits),
        options=({}, {"weight": WEIGHT}, {"pos_weight": np.array([3.0, 0.5, 1.5])}))),
    ("KLDivLoss", LossSpec(
        "KLDivLoss", "kl_div", lambda r, n: (_log_softmax(r.standard_normal((n, C))), _probabilities(r, n)), kl_div,
        reductions=("none", "mean", "sum", "batchmean"))),
    ("KLDivLoss-log-target", LossSpec(
        "KLDivLoss", "kl_div",
        lambda r, n: (_log_softmax(r.standard_normal((n, C))), _log_softmax(r.standard_normal((n, C)))), kl_div,
        options=({"log_target": True},), reductions=("none", "mean", "sum", "batchmean"))),
    ("SmoothL1Loss", LossSpec("SmoothL1Loss", "smooth_l1_loss", _pair, per_element(smooth_l1),
                              options=({}, {"beta": 2.5}))),
    ("HuberLoss", LossSpec("HuberLoss", "huber_loss", _pair, per_element(huber), options=({}, {"delta": 2.5}))),
    ("CosineEmbeddingLoss", LossSpec(
        "CosineEmbeddingLoss", "cosine_embedding_loss", lambda r, n: (*_pair(r, n), _signs(r, n)),
        per_element(cosine_embedding), options=({}, {"margin": -0.3}))),
    ("MarginRankingLoss", LossSpec(
        "MarginRankingLoss", "margin_ranking_loss",
        lambda r, n: (r.standard_normal(n), r.standard_normal(n), _signs(r, n)),
        per_element(lambda x1, x2, y, margin=0.0: np.maximum(0, -y * (x1 - x2) + margin)),
        options=({}, {"margin": 0.5}))),
    ("TripletMarginLoss", LossSpec(
        "TripletMarginLoss", "triplet_margin_loss", _triplets,
        per_element(triplet), options=({}, {"margin": 3.0}, {"p": 1.0}, {"swap": True}))),
    ("TripletMarginWithDistanceLoss", LossSpec(
        "TripletMarginWithDistanceLoss", "triplet_margin_with_distance_loss", _triplets,
        per_element(lambda a, pos, neg, margin=1.0, swap=False: triplet(a, pos, neg, margin=margin, swap=swap)),
        options=({}, {"margin": 3.0}, {"swap": True}))),
    ("HingeEmbeddingLoss", LossSpec(
        "HingeEmbeddingLoss", "hinge_embedding_loss", lambda r, n: (r.standard_normal((n, D)), _signs(r, n, D)),
        per_element(lambda x, y, margin=1.0: np.where(y == 1, x, np.maximum(0, margin - x))),
        options=({}, {"margin": 0.5}))),
    ("MultiLabelMarginLoss", LossSpec(
        "MultiLabelMarginLoss", "multilabel_margin_loss",
        lambda r, n: (r.standard_normal((n, C)), _multilabel_targets(r, n)), per_element(multilabel_margin))),
    ("MultiLabelSoftMarginLoss", LossSpec(
        "MultiLabelSoftMarginLoss", "multilabel_soft_margin_loss",
        lambda r, n: (r.standard_normal((n, C)) * 2, r.integers(0, 2, (n, C)).astype(np.float64)),
        per_element(multilabel_soft_margin), options=({}, {"weight": WEIGHT}))),
    ("MultiMarginLoss", LossSpec(
        "MultiMarginLoss", "multi_margin_loss", lambda r, n: (r.standard_normal((n, C)), _classes(r, n)),
        per_element(multi_margin), options=({}, {"p": 2}, {"margin": 0.5}, {"weight": WEIGHT}))),
    ("SoftMarginLoss", LossSpec(
        "SoftMarginLoss", "soft_margin_loss", lambda r, n: (r.standard_normal((n, D)) * 2, _signs(r, n, D)),
        per_element(lambda x, y: softplus(-y * x)))),
    ("PoissonNLLLoss", LossSpec(
        "PoissonNLLLoss", "poisson_nll_loss",
        lambda r, n: (r.uniform(0.1, 2.0, (n, C)), r.integers(0, 5, (n, C)).astype(np.float64)),
        per_element(poisson_nll), options=({}, {"log_input": False}, {"full": True}))),
    ("GaussianNLLLoss", LossSpec(
        "GaussianNLLLoss", "gaussian_nll_loss",
        lambda r, n: (r.standard_normal((n, C)), r.standard_normal((n, C)), r.uniform(0.0, 2.0, (n, C))),
        per_element(gaussian_nll), options=({}, {"full": True}, {"eps": 0.5}))),
]}
