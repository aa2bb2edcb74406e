"""Mutants of the stateless nn.functional functions: each breaks one documented rule."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, replace

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
