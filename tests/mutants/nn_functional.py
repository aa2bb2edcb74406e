"""Mutants of the stateless nn.functional functions: each breaks one documented rule."""
from __future__ import annotations

from typing import Any, Callable

import torch

from tests.mutants import Mutant, replace

F = torch.nn.functional

Kwargs = dict[str, Any]


def _keywords(function: str, change: Callable[[Kwargs], Kwargs]):
    return replace(f"nn.functional.{function}", lambda orig: lambda *args, **kwargs: orig(*args, **change(kwargs)))


def _mutant(name: str, behaviour: str, patch) -> Mutant:
    return Mutant(f"functional-{name}", (f"nn.functional.{behaviour}",), patch)


def _reflect_as_replicate(kwargs: Kwargs) -> Kwargs:
    return {**kwargs, "mode": "replicate"} if kwargs.get("mode") == "reflect" else kwargs


MUTANTS = [
    _mutant("one-hot-ignores-num-classes", "one-hot", _keywords("one_hot", lambda k: {})),
    _mutant("pad-reflect-replicates", "pad", _keywords("pad", _reflect_as_replicate)),
    _mutant("normalize-ignores-p", "normalize", _keywords("normalize", lambda k: {**k, "p": 2.0})),
    _mutant("linear-drops-bias", "linear", replace("nn.functional.linear", lambda orig: lambda input, weight, bias=None:
                                                   orig(input, weight))),
    _mutant("embedding-off-by-one", "embedding", replace("nn.functional.embedding", lambda orig: lambda input, weight,
                                                         *a, **k: orig((input + 1) % len(weight), weight, *a, **k))),
    _mutant("cosine-similarity-ignores-dim", "cosine-similarity",
            _keywords("cosine_similarity", lambda k: {key: v for key, v in k.items() if key != "dim"})),
    _mutant("pairwise-distance-ignores-p", "pairwise-distance",
            _keywords("pairwise_distance", lambda k: {**k, "p": 2.0})),
    _mutant("sdpa-ignores-causal", "scaled-dot-product-attention",
            _keywords("scaled_dot_product_attention", lambda k: {**k, "is_causal": False})),
    _mutant("sdpa-ignores-scale", "scaled-dot-product-attention",
            _keywords("scaled_dot_product_attention", lambda k: {**k, "scale": None})),
    _mutant("sdpa-ignores-mask", "scaled-dot-product-attention",
            _keywords("scaled_dot_product_attention", lambda k: {**k, "attn_mask": None})),
]


def _forcing(function: str, **forced):
    """``nn.functional.<function>`` with some keyword arguments forced to other values."""
    return _keywords(function, lambda kwargs: {**kwargs, **forced})


def _instead(function: str, other):
    """``nn.functional.<function>`` computing ``other(*args, **kwargs)`` instead."""
    return replace(f"nn.functional.{function}", lambda orig: other)


def _counterpart(function: str, name: str, patch) -> Mutant:
    return Mutant(f"functional-{function.replace('_', '-')}-{name}", (f"nn.functional.{function.replace('_', '-')}",),
                  patch)


MUTANTS += [
    _counterpart("conv1d", "ignores-dilation", _forcing("conv1d", dilation=1)),
    _counterpart("conv3d", "ignores-padding", _forcing("conv3d", padding=0)),
    _counterpart("conv_transpose1d", "no-output-padding", _forcing("conv_transpose1d", output_padding=0)),
    _counterpart("conv_transpose2d", "no-output-padding", _forcing("conv_transpose2d", output_padding=0)),
    _counterpart("conv_transpose3d", "ignores-stride", _forcing("conv_transpose3d", stride=1)),
    _counterpart("bilinear", "drops-bias", _forcing("bilinear", bias=None)),
    _counterpart("layer_norm", "drops-weight", _forcing("layer_norm", weight=None)),
    _counterpart("group_norm", "one-group", _forcing("group_norm", num_groups=1)),
    _counterpart("instance_norm", "unbiased-variance", _instead(
        "instance_norm", lambda input, *a, **k: (input - input.mean((2, 3), keepdim=True))
        / (input.var((2, 3), keepdim=True) + 1e-5).sqrt())),
    _counterpart("pixel_shuffle", "channel-order", replace(
        "nn.functional.pixel_shuffle", lambda orig: lambda input, upscale_factor:
        orig(input.flip(-3), upscale_factor))),
    _counterpart("pixel_unshuffle", "channel-order", replace(
        "nn.functional.pixel_unshuffle", lambda orig: lambda input, downscale_factor:
        orig(input, downscale_factor).flip(-3))),
    _counterpart("channel_shuffle", "identity", _instead("channel_shuffle", lambda input, groups: input.clone())),
    _counterpart("unfold", "ignores-stride", _forcing("unfold", stride=1)),
    _counterpart("fold", "ignores-stride", _forcing("fold", stride=1)),
    _counterpart("local_response_norm", "ignores-alpha", _forcing("local_response_norm", alpha=1e-4)),
    _counterpart("max_pool1d", "ignores-padding", _forcing("max_pool1d", padding=0)),
    _counterpart("avg_pool1d", "ignores-stride", _forcing("avg_pool1d", stride=None)),
    _counterpart("max_pool3d", "takes-min", replace(
        "nn.functional.max_pool3d", lambda orig: lambda input, *args, **kwargs: -orig(-input, *args, **kwargs))),
    _counterpart("avg_pool3d", "takes-max", _instead(
        "avg_pool3d", lambda input, kernel_size, stride=None, padding=0, *a, **k:
        F.max_pool3d(input, kernel_size, stride, padding))),
    _counterpart("lp_pool1d", "ignores-norm", _forcing("lp_pool1d", norm_type=2.0)),
    _counterpart("adaptive_avg_pool1d", "takes-max", _instead(
        "adaptive_avg_pool1d", lambda input, output_size: F.adaptive_max_pool1d(input, output_size))),
    _counterpart("adaptive_max_pool1d", "averages", _instead(
        "adaptive_max_pool1d", lambda input, output_size, *a, **k: F.adaptive_avg_pool1d(input, output_size))),
    _counterpart("adaptive_max_pool2d", "averages", _instead(
        "adaptive_max_pool2d", lambda input, output_size, *a, **k: F.adaptive_avg_pool2d(input, output_size))),
    _counterpart("adaptive_avg_pool3d", "takes-max", _instead(
        "adaptive_avg_pool3d", lambda input, output_size: F.adaptive_max_pool3d(input, output_size))),
]
MUTANTS += [
    _mutant("interpolate-ignores-align-corners", "interpolate",
            _keywords("interpolate", lambda k: {**k, "align_corners": False if k.get("align_corners") else None})),
    _mutant("interpolate-nearest-rounds", "interpolate", replace(
        "nn.functional.interpolate", lambda orig: lambda input, size=None, scale_factor=None, mode="nearest", *a, **k:
        orig(input, size, scale_factor, "nearest-exact" if mode == "nearest" else mode, *a, **k))),
]
MUTANTS += [
    _counterpart("adaptive_max_pool3d", "averages", _instead(
        "adaptive_max_pool3d", lambda input, output_size, *a, **k: F.adaptive_avg_pool3d(input, output_size))),
    _counterpart("lp_pool2d", "ignores-norm", _forcing("lp_pool2d", norm_type=1.0)),
    _counterpart("rms_norm", "ignores-weight", _forcing("rms_norm", weight=None)),
]
