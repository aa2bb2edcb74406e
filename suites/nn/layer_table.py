"""Layer rows: constructor cases, the documented output-shape formula, parameter shapes and a
NumPy forward from the module's own parameters (reading them is fine: they are inputs).

Oracles follow the shape formulas and definitions on each layer's docs page; loops are plain
and meant for the tiny shapes used here.
"""
from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from suites.nn.activation_table import softmax
from suites.nn.functional_table import cosine_similarity, interpolate, pad, pairwise_distance
from suites.nn.modulespec import Case, ModuleSpec


def _tuple(v: Any, n: int) -> tuple[int, ...]:
    return (v,) * n if isinstance(v, int) else tuple(v)


def _conv_args(case: Case, n: int) -> dict[str, Any]:
    """Conv{n}d / ConvTranspose{n}d arguments with their documented defaults."""
    in_c, out_c, k = case.args[:3]
    kw = case.kwargs
    return {"in": in_c, "out": out_c, "k": _tuple(k, n), "s": _tuple(kw.get("stride", 1), n),
            "p": _tuple(kw.get("padding", 0), n), "d": _tuple(kw.get("dilation", 1), n),
            "op": _tuple(kw.get("output_padding", 0), n), "g": kw.get("groups", 1), "bias": kw.get("bias", True)}


def conv_shape(case: Case, n: int) -> tuple[int, ...]:
    """floor((L + 2p - d(k - 1) - 1) / s + 1) per spatial dim."""
    a = _conv_args(case, n)
    spatial = [(size + 2 * p - d * (k - 1) - 1) // s + 1
               for size, k, s, p, d in zip(case.input_shape[2:], a["k"], a["s"], a["p"], a["d"])]
    return (case.input_shape[0], a["out"], *spatial)


def transposed_shape(case: Case, n: int) -> tuple[int, ...]:
    """(L - 1) s - 2p + d (k - 1) + output_padding + 1 per spatial dim."""
    a = _conv_args(case, n)
    spatial = [(size - 1) * s - 2 * p + d * (k - 1) + op + 1
               for size, k, s, p, d, op in zip(case.input_shape[2:], a["k"], a["s"], a["p"], a["d"], a["op"])]
    return (case.input_shape[0], a["out"], *spatial)


def conv_params(case: Case, n: int, transposed: bool = False) -> dict[str, tuple[int, ...]]:
    """weight (out, in/groups, *k), or (in, out/groups, *k) transposed; bias (out,)."""
    a = _conv_args(case, n)
    weight = (a["in"], a["out"] // a["g"], *a["k"]) if transposed else (a["out"], a["in"] // a["g"], *a["k"])
    return {"weight": weight, **({"bias": (a["out"],)} if a["bias"] else {})}


def _offsets(kernel: tuple[int, ...]) -> Any:
    return itertools.product(*(range(k) for k in kernel))


def conv_forward(x: np.ndarray, p: dict[str, np.ndarray], case: Case, n: int) -> np.ndarray:
    """Cross-correlation of each group's channels with its weights, zero padding, stride, dilation, bias."""
    a = _conv_args(case, n)
    out_shape = conv_shape(case, n)
    x = np.pad(x, [(0, 0), (0, 0)] + [(q, q) for q in a["p"]])
    w, groups = p["weight"], a["g"]
    cin, cout = a["in"] // groups, a["out"] // groups
    out = np.zeros(out_shape)
    for offset in _offsets(a["k"]):
        window = x[(slice(None), slice(None), *(slice(o * d, o * d + s * (m - 1) + 1, s) for o, d, s, m in
                                                zip(offset, a["d"], a["s"], out_shape[2:])))]
        for g in range(groups):
            taps = w[(slice(g * cout, (g + 1) * cout), slice(None), *offset)]
            out[:, g * cout:(g + 1) * cout] += np.einsum("nc...,oc->no...", window[:, g * cin:(g + 1) * cin], taps)
    return out + (p["bias"].reshape((1, -1) + (1,) * n) if "bias" in p else 0)


def transposed_forward(x: np.ndarray, p: dict[str, np.ndarray], case: Case, n: int) -> np.ndarray:
    """Each input position scatters weight * value to stride-spaced outputs; then padding is cropped from both
    ends (output_padding only adds at the end)."""
    a = _conv_args(case, n)
    w, groups = p["weight"], a["g"]
    cin, cout = a["in"] // groups, a["out"] // groups
    sizes = x.shape[2:]
    full = [(m - 1) * s + d * (k - 1) + 1 + op for m, s, d, k, op in zip(sizes, a["s"], a["d"], a["k"], a["op"])]
    out = np.zeros((x.shape[0], a["out"], *full))
    for offset in _offsets(a["k"]):
        target = (slice(None), slice(None), *(slice(o * d, o * d + s * (m - 1) + 1, s) for o, d, s, m in
                                              zip(offset, a["d"], a["s"], sizes)))
        for g in range(groups):
            taps = w[(slice(g * cin, (g + 1) * cin), slice(None), *offset)]
            out[target][:, g * cout:(g + 1) * cout] += np.einsum("nc...,co->no...", x[:, g * cin:(g + 1) * cin], taps)
    crop = (slice(None), slice(None), *(slice(q, f - q) for q, f in zip(a["p"], full)))
    return out[crop] + (p["bias"].reshape((1, -1) + (1,) * n) if "bias" in p else 0)


def normalise(x: np.ndarray, axes: tuple[int, ...], eps: float = 1e-5) -> np.ndarray:
    """(x - mean) / sqrt(biased var + eps) over ``axes``."""
    return (x - x.mean(axis=axes, keepdims=True)) / np.sqrt(x.var(axis=axes, keepdims=True) + eps)


def _channel(v: np.ndarray, ndim: int) -> np.ndarray:
    return v.reshape((1, -1) + (1,) * (ndim - 2))


def batch_norm(x: np.ndarray, p: dict[str, np.ndarray], case: Case) -> np.ndarray:
    axes = (0, *range(2, x.ndim))
    return normalise(x, axes) * _channel(p["weight"], x.ndim) + _channel(p["bias"], x.ndim)


def layer_norm(x: np.ndarray, p: dict[str, np.ndarray], case: Case) -> np.ndarray:
    dims = len(_tuple(case.args[0], 1))
    return normalise(x, tuple(range(x.ndim - dims, x.ndim))) * p["weight"] + p["bias"]


def group_norm(x: np.ndarray, p: dict[str, np.ndarray], case: Case) -> np.ndarray:
    groups = case.args[0]
    grouped = normalise(x.reshape(x.shape[0], groups, -1), (2,)).reshape(x.shape)
    return grouped * _channel(p["weight"], x.ndim) + _channel(p["bias"], x.ndim)


def pixel_shuffle(x: np.ndarray, r: int) -> np.ndarray:
    """(N, C r^2, H, W) -> (N, C, H r, W r): out[n, c, h r + i, w r + j] = x[n, c r^2 + i r + j, h, w]."""
    n, c, h, w = x.shape
    return x.reshape(n, c // r ** 2, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c // r ** 2, h * r, w * r)


def pixel_unshuffle(x: np.ndarray, r: int) -> np.ndarray:
    n, c, h, w = x.shape
    return x.reshape(n, c, h // r, r, w // r, r).transpose(0, 1, 3, 5, 2, 4).reshape(n, c * r * r, h // r, w // r)


def _windows(x: np.ndarray, k: tuple[int, ...], s: tuple[int, ...]) -> np.ndarray:
    """(N, C, *out, *k) windows over the trailing dims."""
    n = len(k)
    view = np.lib.stride_tricks.sliding_window_view(x, k, axis=tuple(range(x.ndim - n, x.ndim)))
    return view[(Ellipsis, *(slice(None, None, step) for step in s), *(slice(None),) * n)]


def pool(x: np.ndarray, case: Case, n: int, reduce: Any, fill: float = 0.0) -> np.ndarray:
    k = _tuple(case.args[0], n)
    s = _tuple(case.kwargs.get("stride", case.args[0]), n)
    p = _tuple(case.kwargs.get("padding", 0), n)
    padded = np.pad(x, [(0, 0)] * (x.ndim - n) + [(q, q) for q in p], constant_values=fill)
    win = _windows(padded, k, s)
    return reduce(win, axis=tuple(range(win.ndim - n, win.ndim)))


def pool_shape(case: Case, n: int) -> tuple[int, ...]:
    k = _tuple(case.args[0], n)
    s = _tuple(case.kwargs.get("stride", case.args[0]), n)
    p = _tuple(case.kwargs.get("padding", 0), n)
    spatial = [(size + 2 * q - kk) // ss + 1 for size, kk, ss, q in zip(case.input_shape[-n:], k, s, p)]
    return (*case.input_shape[:-n], *spatial)


def adaptive(x: np.ndarray, out: tuple[int, ...], reduce: Any) -> np.ndarray:
    """Bin i of a dim of size L spans [floor(i L / out), ceil((i + 1) L / out))."""
    n = len(out)
    result = np.zeros(x.shape[:-n] + out)
    for index in itertools.product(*(range(o) for o in out)):
        bins = tuple(slice(i * size // o, -(-(i + 1) * size // o)) for i, size, o in zip(index, x.shape[-n:], out))
        result[(Ellipsis, *index)] = reduce(x[(Ellipsis, *bins)], axis=tuple(range(-n, 0)))
    return result


def unfold(x: np.ndarray, k: tuple[int, int], stride: int = 1, padding: int = 0) -> np.ndarray:
    """(N, C, H, W) -> (N, C kh kw, L): column (c, i, j) holds x[c, s h + i, s w + j] of block (h, w), blocks
    row-major."""
    x = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    win = _windows(x, k, (stride, stride))  # (N, C, oh, ow, kh, kw)
    n, c, oh, ow = win.shape[:4]
    return win.transpose(0, 1, 4, 5, 2, 3).reshape(n, c * k[0] * k[1], oh * ow)


def fold(cols: np.ndarray, size: tuple[int, int], k: tuple[int, int], stride: int = 1) -> np.ndarray:
    """The inverse placement of unfold, overlapping values summed."""
    n, ckk, _ = cols.shape
    c = ckk // (k[0] * k[1])
    oh, ow = (size[0] - k[0]) // stride + 1, (size[1] - k[1]) // stride + 1
    blocks = cols.reshape(n, c, k[0], k[1], oh, ow)
    out = np.zeros((n, c, *size))
    for i, j in itertools.product(range(k[0]), range(k[1])):
        out[:, :, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride] += blocks[:, :, i, j]
    return out


def local_response_norm(x: np.ndarray, size: int, alpha: float = 1e-4, beta: float = 0.75,
                        k: float = 1.0) -> np.ndarray:
    """x_c / (k + alpha / size * sum of x^2 over channels c - size//2 .. c + (size-1)//2)^beta."""
    squares = np.pad(x ** 2, [(0, 0), (size // 2, (size - 1) // 2)] + [(0, 0)] * (x.ndim - 2))
    window = sum(squares[:, i:i + x.shape[1]] for i in range(size))
    return x / (k + alpha / size * window) ** beta


def rms_norm(x: np.ndarray, p: dict[str, np.ndarray], case: Case) -> np.ndarray:
    """x / sqrt(mean of x^2 over the normalised dims + eps) * weight; eps defaults to float32's machine epsilon."""
    dims = len(_tuple(case.args[0], 1))
    eps = case.kwargs.get("eps", float(np.finfo(np.float32).eps))
    mean_square = (x ** 2).mean(axis=tuple(range(x.ndim - dims, x.ndim)), keepdims=True)
    return x / np.sqrt(mean_square + eps) * p["weight"]


def _case(*args: Any, input_shape: tuple[int, ...], **kwargs: Any) -> Case:
    return Case(args, kwargs, input_shape)


def _no_params(case: Case) -> dict[str, tuple[int, ...]]:
    return {}


def _same_shape(case: Case) -> tuple[int, ...]:
    return case.input_shape


def _affine(size_of: Any) -> Any:
    """weight and bias, each of shape ``size_of(case)``."""
    return lambda case: {"weight": size_of(case), "bias": size_of(case)}


def _two_normals(r: np.random.Generator, shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    return r.standard_normal(shape), r.standard_normal(shape)


def _padded_shape(case: Case) -> tuple[int, ...]:
    widths = _tuple(case.args[0], 2 * (len(case.input_shape) - 2))
    shape = list(case.input_shape)
    for i in range(len(widths) // 2):
        shape[-1 - i] += widths[2 * i] + widths[2 * i + 1]
    return tuple(shape)


def _pad_row(module: str, mode: str, n: int, cases: tuple[Case, ...], value: Any = None) -> ModuleSpec:
    def forward(x: np.ndarray, p: dict[str, np.ndarray], case: Case) -> np.ndarray:
        widths = _tuple(case.args[0], 2 * n)
        fill = case.args[1] if value == "arg" else 0.0
        return pad(x, widths, mode, fill)
    return ModuleSpec(module, cases, _padded_shape, _no_params, forward)


CONV1 = (_case(4, 6, 3, input_shape=(2, 4, 9)), _case(4, 6, 3, input_shape=(1, 4, 10), stride=2, padding=2,
                                                       dilation=2, groups=2, bias=False))
CONV3 = (_case(2, 3, (2, 3, 1), input_shape=(1, 2, 4, 5, 3), stride=(1, 2, 1), padding=(1, 0, 1)),)
TCONV1 = (_case(4, 2, 3, input_shape=(2, 4, 5)), _case(4, 6, 3, input_shape=(1, 4, 4), stride=3, padding=1,
                                                        output_padding=2, dilation=2, groups=2, bias=False))
TCONV2 = (_case(3, 2, (2, 3), input_shape=(1, 3, 3, 4), stride=(2, 1), padding=(0, 1), output_padding=(1, 0)),)
TCONV3 = (_case(2, 2, 2, input_shape=(1, 2, 2, 3, 2), stride=2),)

LAYERS: dict[str, ModuleSpec] = {row.module: row for row in [
    ModuleSpec("Conv1d", CONV1, lambda c: conv_shape(c, 1), lambda c: conv_params(c, 1),
               lambda x, p, c: conv_forward(x, p, c, 1)),
    ModuleSpec("Conv3d", CONV3, lambda c: conv_shape(c, 3), lambda c: conv_params(c, 3),
               lambda x, p, c: conv_forward(x, p, c, 3)),
    ModuleSpec("ConvTranspose1d", TCONV1, lambda c: transposed_shape(c, 1), lambda c: conv_params(c, 1, True),
               lambda x, p, c: transposed_forward(x, p, c, 1)),
    ModuleSpec("ConvTranspose2d", TCONV2, lambda c: transposed_shape(c, 2), lambda c: conv_params(c, 2, True),
               lambda x, p, c: transposed_forward(x, p, c, 2)),
    ModuleSpec("ConvTranspose3d", TCONV3, lambda c: transposed_shape(c, 3), lambda c: conv_params(c, 3, True),
               lambda x, p, c: transposed_forward(x, p, c, 3)),
    ModuleSpec("Bilinear", (_case(3, 2, 4, input_shape=(5, 3)),),
               lambda c: (*c.input_shape[:-1], c.args[2]),
               lambda c: {"weight": (c.args[2], c.args[0], c.args[1]), "bias": (c.args[2],)},
               lambda x1, x2, p, c: np.einsum("ni,oij,nj->no", x1, p["weight"], x2) + p["bias"],
               make_input=lambda r, shape: (r.standard_normal(shape), r.standard_normal((shape[0], 2)))),
    ModuleSpec("Identity", (_case(input_shape=(2, 3)), _case(7, input_shape=(4,), unused=1)), _same_shape, _no_params,
               lambda x, p, c: x),
    ModuleSpec("Flatten", (_case(input_shape=(2, 3, 4)), _case(0, 1, input_shape=(2, 3, 4, 2))),
               lambda c: (c.input_shape[0], math.prod(c.input_shape[1:])) if not c.args else
               (math.prod(c.input_shape[:2]), *c.input_shape[2:]), _no_params,
               lambda x, p, c: x.reshape(x.shape[0], -1) if not c.args else x.reshape(-1, *x.shape[2:])),
    ModuleSpec("Unflatten", (_case(1, (2, 3), input_shape=(4, 6, 2)),), lambda c: (4, 2, 3, 2), _no_params,
               lambda x, p, c: x.reshape(4, 2, 3, 2)),
    ModuleSpec("BatchNorm1d", (_case(3, input_shape=(4, 3)), _case(3, input_shape=(2, 3, 5))), _same_shape,
               _affine(lambda c: (c.args[0],)), batch_norm),
    ModuleSpec("BatchNorm3d", (_case(2, input_shape=(2, 2, 3, 2, 2)),), _same_shape, _affine(lambda c: (c.args[0],)),
               batch_norm),
    ModuleSpec("LayerNorm", (_case(4, input_shape=(3, 4)), _case((2, 3), input_shape=(2, 2, 3))), _same_shape,
               _affine(lambda c: _tuple(c.args[0], 1)), layer_norm),
    ModuleSpec("GroupNorm", (_case(2, 4, input_shape=(3, 4, 5)), _case(1, 3, input_shape=(2, 3, 2, 2))), _same_shape,
               _affine(lambda c: (c.args[1],)), group_norm),
    ModuleSpec("InstanceNorm1d", (_case(3, input_shape=(2, 3, 6)),), _same_shape, _no_params,
               lambda x, p, c: normalise(x, (2,))),
    ModuleSpec("InstanceNorm2d", (_case(2, input_shape=(2, 2, 3, 4)),), _same_shape, _no_params,
               lambda x, p, c: normalise(x, (2, 3))),
    ModuleSpec("Embedding", (_case(6, 3, input_shape=(2, 4)),), lambda c: (*c.input_shape, c.args[1]),
               lambda c: {"weight": (c.args[0], c.args[1])}, lambda idx, p, c: p["weight"][idx],
               make_input=lambda r, shape: (r.integers(0, 6, shape).astype(np.int64),)),
    ModuleSpec("PixelShuffle", (_case(2, input_shape=(1, 8, 2, 3)),), lambda c: (1, 2, 4, 6), _no_params,
               lambda x, p, c: pixel_shuffle(x, 2)),
    ModuleSpec("PixelUnshuffle", (_case(2, input_shape=(1, 2, 4, 6)),), lambda c: (1, 8, 2, 3), _no_params,
               lambda x, p, c: pixel_unshuffle(x, 2)),
    _pad_row("ZeroPad2d", "constant", 2, (_case((1, 0, 2, 1), input_shape=(1, 2, 3, 3)),)),
    _pad_row("ConstantPad1d", "constant", 1, (_case((2, 1), 3.5, input_shape=(1, 2, 4)),), value="arg"),
    _pad_row("ReflectionPad1d", "reflect", 1, (_case((2, 1), input_shape=(1, 2, 4)),)),
    _pad_row("ReplicationPad2d", "replicate", 2, (_case((1, 2, 0, 1), input_shape=(1, 1, 3, 3)),)),
    _pad_row("CircularPad1d", "circular", 1, (_case((1, 2), input_shape=(1, 2, 4)),)),
    _pad_row("ZeroPad1d", "constant", 1, (_case((2, 1), input_shape=(1, 2, 3)),)),
    _pad_row("ZeroPad3d", "constant", 3, (_case((1, 0, 0, 2, 1, 1), input_shape=(1, 1, 2, 2, 2)),)),
    _pad_row("ConstantPad2d", "constant", 2, (_case((2, 0, 1, 1), -2.0, input_shape=(1, 2, 2, 3)),), value="arg"),
    _pad_row("ConstantPad3d", "constant", 3, (_case((1, 0, 0, 1, 2, 0), 0.5, input_shape=(1, 1, 2, 2, 2)),),
             value="arg"),
    _pad_row("ReflectionPad2d", "reflect", 2, (_case((2, 0, 1, 2), input_shape=(1, 2, 3, 4)),)),
    _pad_row("ReflectionPad3d", "reflect", 3, (_case((1, 0, 0, 1, 1, 1), input_shape=(1, 1, 2, 2, 3)),)),
    _pad_row("ReplicationPad1d", "replicate", 1, (_case((3, 1), input_shape=(1, 2, 3)),)),
    _pad_row("ReplicationPad3d", "replicate", 3, (_case((2, 0, 1, 0, 0, 1), input_shape=(1, 1, 2, 2, 2)),)),
    _pad_row("CircularPad2d", "circular", 2, (_case((2, 1, 0, 1), input_shape=(1, 1, 3, 3)),)),
    _pad_row("CircularPad3d", "circular", 3, (_case((1, 0, 1, 0, 0, 1), input_shape=(1, 1, 2, 2, 2)),)),
    ModuleSpec("CosineSimilarity", (_case(input_shape=(3, 4)), _case(dim=0, input_shape=(3, 4))),
               lambda c: (4,) if c.kwargs.get("dim") == 0 else (3,), _no_params,
               lambda x1, x2, p, c: cosine_similarity(x1, x2, c.kwargs.get("dim", 1)), make_input=_two_normals),
    ModuleSpec("PairwiseDistance", (_case(input_shape=(3, 4)), _case(p=1.0, keepdim=True, input_shape=(3, 4))),
               lambda c: (3, 1) if c.kwargs.get("keepdim") else (3,), _no_params,
               lambda x1, x2, p, c: pairwise_distance(x1, x2, **c.kwargs), make_input=_two_normals),
    ModuleSpec("Softmax2d", (_case(input_shape=(2, 3, 2, 2)), _case(input_shape=(3, 2, 4))), _same_shape, _no_params,
               lambda x, p, c: softmax(x, -3)),
    ModuleSpec("ChannelShuffle", (_case(2, input_shape=(1, 6, 2, 2)),), _same_shape, _no_params,
               lambda x, p, c: x.reshape(1, 2, 3, 2, 2).swapaxes(1, 2).reshape(x.shape)),
    ModuleSpec("UpsamplingNearest2d", (_case(scale_factor=3, input_shape=(1, 1, 2, 2)),), lambda c: (1, 1, 6, 6),
               _no_params, lambda x, p, c: x.repeat(3, axis=2).repeat(3, axis=3)),
    ModuleSpec("AvgPool3d", (_case(2, input_shape=(1, 2, 4, 4, 5)),), lambda c: pool_shape(c, 3), _no_params,
               lambda x, p, c: pool(x, c, 3, np.mean)),
    ModuleSpec("LPPool1d", (_case(2.0, 3, input_shape=(1, 2, 7)), _case(1.0, 2, stride=1, input_shape=(1, 2, 5))),
               lambda c: pool_shape(Case(c.args[1:], c.kwargs, c.input_shape), 1), _no_params,
               lambda x, p, c: pool(x ** c.args[0], Case(c.args[1:], c.kwargs, c.input_shape), 1, np.sum)
               ** (1 / c.args[0])),
    ModuleSpec("AdaptiveMaxPool1d", (_case(3, input_shape=(2, 2, 8)),), lambda c: (2, 2, 3), _no_params,
               lambda x, p, c: adaptive(x, (3,), np.max)),
    ModuleSpec("AdaptiveAvgPool3d", (_case((1, 2, 3), input_shape=(1, 1, 3, 4, 5)),), lambda c: (1, 1, 1, 2, 3),
               _no_params, lambda x, p, c: adaptive(x, (1, 2, 3), np.mean)),
    ModuleSpec("Unfold", (_case((2, 3), input_shape=(2, 3, 4, 5)), _case(2, stride=2, padding=1,
                                                                          input_shape=(1, 2, 4, 4))),
               lambda c: (c.input_shape[0], c.input_shape[1] * math.prod(_tuple(c.args[0], 2)),
                          math.prod((size + 2 * c.kwargs.get("padding", 0) - k) // c.kwargs.get("stride", 1) + 1
                                    for size, k in zip(c.input_shape[2:], _tuple(c.args[0], 2)))), _no_params,
               lambda x, p, c: unfold(x, _tuple(c.args[0], 2), c.kwargs.get("stride", 1), c.kwargs.get("padding", 0))),
    ModuleSpec("Fold", (_case((4, 5), (2, 3), input_shape=(2, 18, 9)), _case((4, 4), 2, stride=2,
                                                                             input_shape=(1, 8, 4))),
               lambda c: (c.input_shape[0], c.input_shape[1] // math.prod(_tuple(c.args[1], 2)), *c.args[0]),
               _no_params, lambda x, p, c: fold(x, c.args[0], _tuple(c.args[1], 2), c.kwargs.get("stride", 1))),
    ModuleSpec("LocalResponseNorm", (_case(3, input_shape=(2, 5, 2, 2)), _case(2, alpha=0.5, beta=0.5, k=2.0,
                                                                             input_shape=(1, 4, 3))),
               _same_shape, _no_params, lambda x, p, c: local_response_norm(x, *c.args, **c.kwargs)),
    ModuleSpec("RMSNorm", (_case(4, input_shape=(3, 4)), _case((2, 3), eps=0.5, input_shape=(2, 2, 3))), _same_shape,
               lambda c: {"weight": _tuple(c.args[0], 1)}, rms_norm),
    ModuleSpec("InstanceNorm3d", (_case(2, input_shape=(2, 2, 2, 3, 2)),), _same_shape, _no_params,
               lambda x, p, c: normalise(x, (2, 3, 4))),
    ModuleSpec("LPPool2d", (_case(2.0, 2, input_shape=(1, 2, 4, 5)),),
               lambda c: pool_shape(Case(c.args[1:], c.kwargs, c.input_shape), 2), _no_params,
               lambda x, p, c: pool(x ** 2, Case(c.args[1:], c.kwargs, c.input_shape), 2, np.sum) ** 0.5),
    ModuleSpec("AdaptiveMaxPool3d", (_case((2, 1, 3), input_shape=(1, 2, 3, 4, 5)),), lambda c: (1, 2, 2, 1, 3),
               _no_params, lambda x, p, c: adaptive(x, (2, 1, 3), np.max)),
    ModuleSpec("UpsamplingBilinear2d", (_case(scale_factor=2, input_shape=(1, 2, 2, 3)),), lambda c: (1, 2, 4, 6),
               _no_params, lambda x, p, c: interpolate(x, (4, 6), mode="bilinear", align_corners=True)),
    ModuleSpec("Upsample", (_case(input_shape=(1, 2, 2, 3), scale_factor=2),),
               lambda c: (1, 2, 4, 6), _no_params, lambda x, p, c: x.repeat(2, axis=2).repeat(2, axis=3)),
    ModuleSpec("MaxPool1d", (_case(3, input_shape=(2, 3, 8)), _case(2, input_shape=(1, 2, 7), stride=1, padding=1)),
               lambda c: pool_shape(c, 1), _no_params, lambda x, p, c: pool(x, c, 1, np.max, -np.inf)),
    ModuleSpec("AvgPool1d", (_case(3, input_shape=(2, 3, 8)), _case(2, input_shape=(1, 2, 7), stride=1)),
               lambda c: pool_shape(c, 1), _no_params, lambda x, p, c: pool(x, c, 1, np.mean)),
    ModuleSpec("MaxPool3d", (_case(2, input_shape=(1, 2, 4, 5, 4)),), lambda c: pool_shape(c, 3), _no_params,
               lambda x, p, c: pool(x, c, 3, np.max, -np.inf)),
    ModuleSpec("AdaptiveAvgPool1d", (_case(3, input_shape=(2, 2, 7)),), lambda c: (2, 2, 3), _no_params,
               lambda x, p, c: adaptive(x, (3,), np.mean)),
    ModuleSpec("AdaptiveMaxPool2d", (_case((2, 3), input_shape=(1, 2, 5, 7)),), lambda c: (1, 2, 2, 3), _no_params,
               lambda x, p, c: adaptive(x, (2, 3), np.max)),
    ModuleSpec("Conv2d", (_case(4, 6, (2, 3), input_shape=(1, 4, 5, 6), stride=(2, 1), padding=(1, 0), dilation=(1, 2),
                                groups=2),), lambda c: conv_shape(c, 2), lambda c: conv_params(c, 2),
               lambda x, p, c: conv_forward(x, p, c, 2)),
    ModuleSpec("AvgPool2d", (_case(2, input_shape=(1, 2, 5, 4), stride=1),), lambda c: pool_shape(c, 2), _no_params,
               lambda x, p, c: pool(x, c, 2, np.mean)),
    ModuleSpec("AdaptiveAvgPool2d", (_case((2, 3), input_shape=(1, 2, 5, 7)),), lambda c: (1, 2, 2, 3), _no_params,
               lambda x, p, c: adaptive(x, (2, 3), np.mean)),
    ModuleSpec("MaxPool2d", (_case(2, input_shape=(1, 2, 5, 4), stride=1, padding=1),), lambda c: pool_shape(c, 2),
               _no_params, lambda x, p, c: pool(x, c, 2, np.max, -np.inf)),
    ModuleSpec("Linear", (_case(4, 3, input_shape=(2, 4)),), lambda c: (2, 3),
               lambda c: {"weight": (c.args[1], c.args[0]), "bias": (c.args[1],)},
               lambda x, p, c: x @ p["weight"].T + p["bias"]),
    ModuleSpec("BatchNorm2d", (_case(3, input_shape=(2, 3, 2, 2)),), _same_shape, _affine(lambda c: (c.args[0],)),
               batch_norm),
]}


def _conv_kwargs(case: Case, p: dict[str, Any]) -> dict[str, Any]:
    keys = ("stride", "padding", "dilation", "groups", "output_padding")
    return {"weight": p["weight"], "bias": p.get("bias"), **{k: v for k, v in case.kwargs.items() if k in keys}}


def _window_kwargs(case: Case, first: str) -> dict[str, Any]:
    """A pool's or unfold's constructor arguments as the function's keywords (the first positional one named)."""
    return {first: case.args[0], **case.kwargs}


# nn.functional name -> (the layer row whose cases and forward it shares, its arguments from a case and the
# module's parameters as backend tensors)
COUNTERPARTS: dict[str, tuple[str, Any]] = {
    "conv1d": ("Conv1d", _conv_kwargs),
    "conv3d": ("Conv3d", _conv_kwargs),
    "conv_transpose1d": ("ConvTranspose1d", _conv_kwargs),
    "conv_transpose2d": ("ConvTranspose2d", _conv_kwargs),
    "conv_transpose3d": ("ConvTranspose3d", _conv_kwargs),
    "bilinear": ("Bilinear", lambda c, p: {"weight": p["weight"], "bias": p["bias"]}),
    "layer_norm": ("LayerNorm", lambda c, p: {"normalized_shape": _tuple(c.args[0], 1), "weight": p["weight"],
                                              "bias": p["bias"]}),
    "group_norm": ("GroupNorm", lambda c, p: {"num_groups": c.args[0], "weight": p["weight"], "bias": p["bias"]}),
    "instance_norm": ("InstanceNorm2d", lambda c, p: {}),
    "pixel_shuffle": ("PixelShuffle", lambda c, p: {"upscale_factor": c.args[0]}),
    "pixel_unshuffle": ("PixelUnshuffle", lambda c, p: {"downscale_factor": c.args[0]}),
    "channel_shuffle": ("ChannelShuffle", lambda c, p: {"groups": c.args[0]}),
    "unfold": ("Unfold", lambda c, p: _window_kwargs(c, "kernel_size")),
    "fold": ("Fold", lambda c, p: {"output_size": c.args[0], "kernel_size": c.args[1], **c.kwargs}),
    "local_response_norm": ("LocalResponseNorm", lambda c, p: {"size": c.args[0], **c.kwargs}),
    "max_pool1d": ("MaxPool1d", lambda c, p: _window_kwargs(c, "kernel_size")),
    "avg_pool1d": ("AvgPool1d", lambda c, p: _window_kwargs(c, "kernel_size")),
    "max_pool3d": ("MaxPool3d", lambda c, p: _window_kwargs(c, "kernel_size")),
    "avg_pool3d": ("AvgPool3d", lambda c, p: _window_kwargs(c, "kernel_size")),
    "lp_pool1d": ("LPPool1d", lambda c, p: {"norm_type": c.args[0], "kernel_size": c.args[1], **c.kwargs}),
    "adaptive_avg_pool1d": ("AdaptiveAvgPool1d", lambda c, p: {"output_size": c.args[0]}),
    "adaptive_max_pool1d": ("AdaptiveMaxPool1d", lambda c, p: {"output_size": c.args[0]}),
    "adaptive_max_pool2d": ("AdaptiveMaxPool2d", lambda c, p: {"output_size": c.args[0]}),
    "adaptive_avg_pool3d": ("AdaptiveAvgPool3d", lambda c, p: {"output_size": c.args[0]}),
    "adaptive_max_pool3d": ("AdaptiveMaxPool3d", lambda c, p: {"output_size": c.args[0]}),
    "lp_pool2d": ("LPPool2d", lambda c, p: {"norm_type": c.args[0], "kernel_size": c.args[1], **c.kwargs}),
    "rms_norm": ("RMSNorm", lambda c, p: {"normalized_shape": _tuple(c.args[0], 1), "weight": p["weight"], **c.kwargs}),
    "conv2d": ("Conv2d", _conv_kwargs),
    "avg_pool2d": ("AvgPool2d", lambda c, p: _window_kwargs(c, "kernel_size")),
    "adaptive_avg_pool2d": ("AdaptiveAvgPool2d", lambda c, p: {"output_size": c.args[0]}),
    "batch_norm": ("BatchNorm1d", lambda c, p: {"running_mean": None, "running_var": None, "weight": p["weight"],
                                                "bias": p["bias"], "training": True}),
}
