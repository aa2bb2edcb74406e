"""NumPy oracles for the nn topic: output-size formulas and small reference layers.

Everything here follows the formulas written in the PyTorch docs (``torch/nn/modules/conv.py``,
``pooling.py``, ``batchnorm.py``, ``loss.py``); nothing is computed by the backend. Inputs are
NumPy arrays in NCHW layout; loops are plain and meant for tiny cases only.
"""
from __future__ import annotations

import math

import numpy as np


def pair(v):
    """An int applies to both H and W; a tuple is ``(H, W)``."""
    return (v, v) if isinstance(v, int) else tuple(v)


# ---- output sizes -------------------------------------------------------------------------

def conv_out(size: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> int:
    """Conv2d: ``floor((H + 2p - d(k-1) - 1)/s + 1)``."""
    return math.floor((size + 2 * p - d * (k - 1) - 1) / s + 1)


def pool_out(size: int, k: int, s: int, p: int = 0, d: int = 1, ceil_mode: bool = False) -> int:
    """MaxPool2d / AvgPool2d (d=1): floor, or ceil with the last-window rule.

    With ``ceil_mode`` a window that would start in the right/bottom padding is dropped:
    if ``(out - 1)*s >= size + p`` the size shrinks by one.
    """
    span = (size + 2 * p - d * (k - 1) - 1) / s
    out = (math.ceil(span) if ceil_mode else math.floor(span)) + 1
    if ceil_mode and (out - 1) * s >= size + p:
        out -= 1
    return out


# ---- convolution ---------------------------------------------------------------------------

def conv2d(x, w, b=None, stride=1, padding=0, dilation=1, groups=1):
    """Cross-correlation of ``x (N, C, H, W)`` with ``w (O, C/groups, kH, kW)``, plus bias.

    ``padding`` is an int, an ``(H, W)`` tuple, or explicit ``(top, bottom, left, right)``.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    sh, sw = pair(stride)
    dh, dw = pair(dilation)
    if isinstance(padding, int) or len(padding) == 2:
        ph, pw = pair(padding)
        top, bottom, left, right = ph, ph, pw, pw
    else:
        top, bottom, left, right = padding
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    xp_ = np.zeros((n, c, h + top + bottom, wd + left + right))
    xp_[:, :, top:top + h, left:left + wd] = x
    win = np.lib.stride_tricks.sliding_window_view(xp_, (dh * (kh - 1) + 1, dw * (kw - 1) + 1), axis=(2, 3))
    win = win[:, :, ::sh, ::sw, ::dh, ::dw]              # (N, C, H_out, W_out, kH, kW)
    og = o // groups
    out = np.concatenate([
        np.einsum("nchwij,ocij->nohw", win[:, g * cg:(g + 1) * cg], w[g * og:(g + 1) * og])
        for g in range(groups)], axis=1)
    if b is not None:
        out += np.asarray(b, dtype=np.float64)[None, :, None, None]
    return out


def same_padding(k: int, d: int = 1) -> tuple[int, int]:
    """'same' padding for stride 1: total ``d(k-1)``, the odd extra going to the end."""
    total = d * (k - 1)
    return total // 2, total - total // 2


# ---- pooling -------------------------------------------------------------------------------

def _windows(size, k, s, p, d, ceil_mode):
    """(start, [positions inside the input]) for each output index along one axis."""
    out = pool_out(size, k, s, p, d, ceil_mode)
    result = []
    for i in range(out):
        start = i * s - p
        result.append([start + t * d for t in range(k) if 0 <= start + t * d < size])
    return result


def max_pool2d(x, k, s=None, p=0, d=1, ceil_mode=False):
    """Max over each (dilated) window, padding counting as -inf; returns (values, flat indices)."""
    x = np.asarray(x, dtype=np.float64)
    kh, kw = pair(k)
    sh, sw = pair(k if s is None else s)
    ph, pw = pair(p)
    dh, dw = pair(d)
    n, c, h, w = x.shape
    rows = _windows(h, kh, sh, ph, dh, ceil_mode)
    cols = _windows(w, kw, sw, pw, dw, ceil_mode)
    vals = np.full((n, c, len(rows), len(cols)), -np.inf)
    idx = np.zeros((n, c, len(rows), len(cols)), dtype=np.int64)
    for i, rs in enumerate(rows):
        for j, cs in enumerate(cols):
            block = x[:, :, rs][:, :, :, cs].reshape(n, c, -1)
            arg = block.argmax(axis=2)
            vals[:, :, i, j] = block.max(axis=2)
            flat = np.array([r * w + q for r in rs for q in cs])
            idx[:, :, i, j] = flat[arg]
    return vals, idx


def avg_pool2d(x, k, s=None, p=0, ceil_mode=False, count_include_pad=True, divisor_override=None):
    """Mean over each window, zero padding; the divisor counts the padding when asked.

    With ``count_include_pad`` the divisor is the window clipped to the padded input.
    """
    x = np.asarray(x, dtype=np.float64)
    kh, kw = pair(k)
    sh, sw = pair(k if s is None else s)
    ph, pw = pair(p)
    n, c, h, w = x.shape
    oh = pool_out(h, kh, sh, ph, 1, ceil_mode)
    ow = pool_out(w, kw, sw, pw, 1, ceil_mode)
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            h0, w0 = i * sh - ph, j * sw - pw
            h1, w1 = min(h0 + kh, h + ph), min(w0 + kw, w + pw)
            padded_count = (h1 - h0) * (w1 - w0)
            a0, b0, a1, b1 = max(h0, 0), max(w0, 0), min(h1, h), min(w1, w)
            total = x[:, :, a0:a1, b0:b1].sum(axis=(2, 3))
            if divisor_override:
                div = divisor_override
            elif count_include_pad:
                div = padded_count
            else:
                div = (a1 - a0) * (b1 - b0)
            out[:, :, i, j] = total / div
    return out


def adaptive_bins(size_in: int, size_out: int) -> list[tuple[int, int]]:
    """Bin ``i`` covers ``[floor(i*H_in/H_out), ceil((i+1)*H_in/H_out))``."""
    return [((i * size_in) // size_out, -((-(i + 1) * size_in) // size_out)) for i in range(size_out)]


def adaptive_avg_pool2d(x, out_hw):
    x = np.asarray(x, dtype=np.float64)
    n, c, h, w = x.shape
    oh, ow = out_hw
    rows, cols = adaptive_bins(h, oh), adaptive_bins(w, ow)
    out = np.zeros((n, c, oh, ow))
    for i, (r0, r1) in enumerate(rows):
        for j, (c0, c1) in enumerate(cols):
            out[:, :, i, j] = x[:, :, r0:r1, c0:c1].mean(axis=(2, 3))
    return out


# ---- batch norm, linear, loss --------------------------------------------------------------

def batch_norm_train(x, gamma, beta, eps):
    """Normalise per channel over (N, H, W) with the biased batch variance."""
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=(0, 2, 3))
    var = x.var(axis=(0, 2, 3))  # ddof=0: biased
    y = (x - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + eps)
    return y * np.asarray(gamma)[None, :, None, None] + np.asarray(beta)[None, :, None, None]


def batch_norm_eval(x, mean, var, gamma, beta, eps):
    x = np.asarray(x, dtype=np.float64)
    c = (None, slice(None), None, None)
    return (x - np.asarray(mean)[c]) / np.sqrt(np.asarray(var)[c] + eps) * np.asarray(gamma)[c] + np.asarray(beta)[c]


def linear(x, w, b=None):
    y = np.asarray(x, dtype=np.float64) @ np.asarray(w, dtype=np.float64).T
    return y if b is None else y + np.asarray(b, dtype=np.float64)


def mse(a, b, reduction="mean"):
    sq = (np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) ** 2
    return {"none": sq, "sum": sq.sum(), "mean": sq.mean()}[reduction]


# ---- the tutorial's network ----------------------------------------------------------------

def tutorial_net(x, cw, cb, fw, fb, grad_out=None):
    """conv(1->6, 3) -> relu -> max_pool 2x2 -> relu -> flatten -> linear(1350 -> 10).

    Returns the output and, given ``grad_out``, the gradients of
    ``sum(out * grad_out)`` for ``(cw, cb, fw, fb)``.
    """
    z = conv2d(x, cw, cb)                    # (N, 6, 30, 30)
    r = np.maximum(z, 0)
    pooled, idx = max_pool2d(r, 2, 2)         # (N, 6, 15, 15)
    a = np.maximum(pooled, 0)
    flat = a.reshape(a.shape[0], -1)
    out = linear(flat, fw, fb)
    if grad_out is None:
        return out, None
    g = np.asarray(grad_out, dtype=np.float64)
    g_fw = g.T @ flat
    g_fb = g.sum(axis=0)
    g_a = (g @ np.asarray(fw, dtype=np.float64)).reshape(a.shape) * (pooled > 0)
    g_r = np.zeros_like(r)
    n, c, h, w = r.shape
    for b_ in range(n):
        for ch in range(c):
            np.add.at(g_r[b_, ch].reshape(-1), idx[b_, ch].reshape(-1), g_a[b_, ch].reshape(-1))
    g_z = g_r * (z > 0)
    g_cb = g_z.sum(axis=(0, 2, 3))
    xx = np.asarray(x, dtype=np.float64)
    kh, kw = np.asarray(cw).shape[2:]
    g_cw = np.zeros(np.asarray(cw).shape)
    for i in range(kh):
        for j in range(kw):
            patch = xx[:, :, i:i + z.shape[2], j:j + z.shape[3]]   # (N, 1, 30, 30)
            g_cw[:, :, i, j] = np.einsum("nohw,nchw->oc", g_z, patch)
    return out, (g_cw, g_cb, g_fw, g_fb)
