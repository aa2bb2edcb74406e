"""nn.functional losses (nn.losses.*), each the formula on its docs page in NumPy.

Each computes the unreduced loss (per element or per sample) in float64 and reduces it: 'none'
keeps it, 'mean' averages, 'sum' adds; the class-index losses divide 'mean' by the summed
target weights and kl_div knows 'batchmean'. No backward is recorded: the loss checks compare
values (mse_loss, in ``functional``, keeps its autograd).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from reference import _dtype as D
from reference import _ops
from reference._tensor import Tensor

__all__ = ["binary_cross_entropy", "binary_cross_entropy_with_logits", "cosine_embedding_loss", "cross_entropy",
           "gaussian_nll_loss", "hinge_embedding_loss", "huber_loss", "kl_div", "l1_loss", "margin_ranking_loss",
           "multi_margin_loss", "multilabel_margin_loss", "multilabel_soft_margin_loss", "nll_loss",
           "poisson_nll_loss", "smooth_l1_loss", "soft_margin_loss", "triplet_margin_loss"]

REDUCTIONS = ("none", "mean", "sum")


def _np(t: Any) -> Any:
    """A tensor's values in float64 (class indices stay integers); None and numbers pass through."""
    if not isinstance(t, Tensor):
        return t
    return t._a if t._a.dtype.kind in "iu" else t._a.astype(np.float64)


def _result(values: np.ndarray, reduction: str, like: Tensor, *inputs: Any) -> Tensor:
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if reduction == "mean":
        values = np.asarray(values.mean())
    elif reduction == "sum":
        values = np.asarray(values.sum())
    return _ops.make(values, like.dtype, (like, *inputs))


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0, -x)


def _log_softmax(x: np.ndarray, axis: int = 1) -> np.ndarray:
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def l1_loss(input: Tensor, target: Tensor, reduction: str = "mean", weight: Tensor | None = None) -> Tensor:
    w = 1.0 if weight is None else _np(weight)
    return _result(w * np.abs(_np(input) - _np(target)), reduction, input, target)


def _class_index_loss(like: Tensor, logp: np.ndarray, y: np.ndarray, weight: Tensor | None, ignore_index: int,
                      reduction: str, label_smoothing: float = 0.0) -> Tensor:
    """-w[y] logp[y] per sample (mixed with eps times the mean of -logp under label smoothing), 0 where
    y == ignore_index; 'mean' divides by the kept targets' weights."""
    w = np.ones(logp.shape[1]) if weight is None else _np(weight)
    kept = y != ignore_index
    safe = np.where(kept, y, 0)
    picked = -logp[np.arange(len(y)), safe] * w[safe] * kept
    losses = (1 - label_smoothing) * picked + label_smoothing * -logp.mean(axis=1) * kept
    if reduction == "mean":
        return _ops.make(np.asarray(losses.sum() / (w[safe] * kept).sum()), like.dtype, (like,))
    return _result(losses, reduction, like)


def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None, ignore_index: int = -100,
             reduction: str = "mean") -> Tensor:
    return _class_index_loss(input, _np(input), _np(target), weight, ignore_index, reduction)


def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, ignore_index: int = -100,
                  reduction: str = "mean", label_smoothing: float = 0.0) -> Tensor:
    """Class indices: nll of log_softmax. Class probabilities: -sum_c w_c q_c log_softmax_c, q smoothed."""
    logp = _log_softmax(_np(input))
    if target.dtype.category >= D.FLOAT:
        q = _np(target) * (1 - label_smoothing) + label_smoothing / logp.shape[1]
        w = 1.0 if weight is None else _np(weight)
        return _result(-(w * q * logp).sum(axis=1), reduction, input, target)
    return _class_index_loss(input, logp, _np(target), weight, ignore_index, reduction, label_smoothing)


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,
                         reduction: str = "mean") -> Tensor:
    x, y = _np(input), _np(target)
    w = 1.0 if weight is None else _np(weight)
    with np.errstate(divide="ignore"):
        losses = -w * (y * np.maximum(np.log(x), -100) + (1 - y) * np.maximum(np.log(1 - x), -100))
    return _result(losses, reduction, input, target)


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Tensor | None = None,
                                     reduction: str = "mean", pos_weight: Tensor | None = None) -> Tensor:
    x, y = _np(input), _np(target)
    w = 1.0 if weight is None else _np(weight)
    p = 1.0 if pos_weight is None else _np(pos_weight)
    losses = -w * (p * y * _log_sigmoid(x) + (1 - y) * _log_sigmoid(-x))
    return _result(losses, reduction, input, target)


def kl_div(input: Tensor, target: Tensor, reduction: str = "mean", log_target: bool = False) -> Tensor:
    x, t = _np(input), _np(target)
    with np.errstate(divide="ignore", invalid="ignore"):
        losses = np.exp(t) * (t - x) if log_target else np.where(t > 0, t * (np.log(t) - x), 0.0)
    if reduction == "batchmean":
        return _ops.make(np.asarray(losses.sum() / x.shape[0]), input.dtype, (input, target))
    return _result(losses, reduction, input, target)


def smooth_l1_loss(input: Tensor, target: Tensor, reduction: str = "mean", beta: float = 1.0) -> Tensor:
    d = np.abs(_np(input) - _np(target))
    return _result(np.where(d < beta, 0.5 * d ** 2 / beta, d - 0.5 * beta), reduction, input, target)


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean", delta: float = 1.0,
               weight: Tensor | None = None) -> Tensor:
    d = np.abs(_np(input) - _np(target))
    w = 1.0 if weight is None else _np(weight)
    return _result(w * np.where(d <= delta, 0.5 * d ** 2, delta * (d - 0.5 * delta)), reduction, input, target)


def cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0,
                          reduction: str = "mean") -> Tensor:
    a, b, y = _np(input1), _np(input2), _np(target)
    cos = (a * b).sum(-1) / np.sqrt((a ** 2).sum(-1) * (b ** 2).sum(-1))
    return _result(np.where(y == 1, 1 - cos, np.maximum(0, cos - margin)), reduction, input1, input2)


def margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0,
                        reduction: str = "mean") -> Tensor:
    losses = np.maximum(0, -_np(target) * (_np(input1) - _np(input2)) + margin)
    return _result(losses, reduction, input1, input2)


def _distance(a: np.ndarray, b: np.ndarray, p: float, eps: float) -> np.ndarray:
    return (np.abs(a - b + eps) ** p).sum(-1) ** (1 / p)


def triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, margin: float = 1.0, p: float = 2,
                        eps: float = 1e-6, swap: bool = False, reduction: str = "mean") -> Tensor:
    a, pos, neg = _np(anchor), _np(positive), _np(negative)
    d_neg = _distance(a, neg, p, eps)
    if swap:
        d_neg = np.minimum(d_neg, _distance(pos, neg, p, eps))
    return _result(np.maximum(_distance(a, pos, p, eps) - d_neg + margin, 0), reduction, anchor)


def hinge_embedding_loss(input: Tensor, target: Tensor, margin: float = 1.0, reduction: str = "mean") -> Tensor:
    x, y = _np(input), _np(target)
    return _result(np.where(y == 1, x, 0) + np.where(y == -1, np.maximum(0, margin - x), 0), reduction, input)


def multilabel_margin_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Targets: the indices before the first -1 of each row."""
    x, labels = np.atleast_2d(_np(input)), np.atleast_2d(_np(target))
    losses = np.zeros(len(x))
    for n, (row, row_labels) in enumerate(zip(x, labels)):
        ends = np.flatnonzero(row_labels < 0)
        targets = set(row_labels[:ends[0] if len(ends) else len(row_labels)].tolist())
        others = [i for i in range(len(row)) if i not in targets]
        losses[n] = sum(max(0.0, 1 - (row[j] - row[i])) for j in targets for i in others) / len(row)
    return _result(losses.reshape(_np(input).shape[:-1]), reduction, input)


def multilabel_soft_margin_loss(input: Tensor, target: Tensor, weight: Tensor | None = None,
                                reduction: str = "mean") -> Tensor:
    x, y = _np(input), _np(target)
    w = 1.0 if weight is None else _np(weight)
    losses = -(w * (y * _log_sigmoid(x) + (1 - y) * _log_sigmoid(-x))).mean(axis=-1)
    return _result(losses, reduction, input)


def multi_margin_loss(input: Tensor, target: Tensor, p: int = 1, margin: float = 1.0, weight: Tensor | None = None,
                      reduction: str = "mean") -> Tensor:
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    x, y = np.atleast_2d(_np(input)), np.atleast_1d(_np(target))
    rows = np.arange(len(x))
    hinge = np.maximum(0, margin - x[rows, y][:, None] + x) ** p
    hinge[rows, y] = 0
    w = 1.0 if weight is None else _np(weight)[y]
    return _result(w * hinge.sum(axis=1) / x.shape[1], reduction, input)


def soft_margin_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    return _result(np.logaddexp(0, -_np(target) * _np(input)), reduction, input, target)


def poisson_nll_loss(input: Tensor, target: Tensor, log_input: bool = True, full: bool = False, eps: float = 1e-8,
                     reduction: str = "mean") -> Tensor:
    x, y = _np(input), _np(target)
    losses = np.exp(x) - y * x if log_input else x - y * np.log(x + eps)
    if full:
        with np.errstate(divide="ignore", invalid="ignore"):
            stirling = y * np.log(y) - y + 0.5 * np.log(2 * math.pi * y)
        losses = losses + np.where(y > 1, stirling, 0)
    return _result(losses, reduction, input, target)


def gaussian_nll_loss(input: Tensor, target: Tensor, var: Any, full: bool = False, eps: float = 1e-6,
                      reduction: str = "mean") -> Tensor:
    variance = _np(var)
    if np.any(np.asarray(variance) < 0):
        raise ValueError("var has negative entry/entries")
    v = np.maximum(variance, eps)
    losses = 0.5 * (np.log(v) + (_np(input) - _np(target)) ** 2 / v) + (0.5 * math.log(2 * math.pi) if full else 0)
    return _result(losses, reduction, input, target)
