"""Mutants of the further functional counterparts, the dropout and alpha-dropout functions, TripletMarginWithDistanceLoss,
RReLU and EmbeddingBag: each breaks one documented rule."""
from __future__ import annotations

from tests.mutants import Mutant, replace
from tests.mutants.nn_functional import F, _counterpart, _forcing, _instead

MUTANTS = [
    _counterpart("conv2d", "ignores-dilation", _forcing("conv2d", dilation=1)),
    _counterpart("avg_pool2d", "ignores-stride", _forcing("avg_pool2d", stride=None)),
    _counterpart("adaptive_avg_pool2d", "takes-max", _instead(
        "adaptive_avg_pool2d", lambda input, output_size: F.adaptive_max_pool2d(input, output_size))),
    _counterpart("batch_norm", "drops-weight", _forcing("batch_norm", weight=None)),
]
MUTANTS += [
    Mutant("functional-dropout-ignores-training", ("nn.functional.dropout-family",), replace(
        "nn.functional.dropout", lambda orig: lambda input, p=0.5, training=True, inplace=False: orig(input, p, True))),
    Mutant("functional-dropout2d-drops-elements", ("nn.functional.dropout-family",), _instead(
        "dropout2d", lambda input, p=0.5, training=True, inplace=False: F.dropout(input, p, training))),
]
MUTANTS += [
    Mutant(f"functional-{name.replace('_', '-')}-plain-dropout", (behaviour,), _instead(
        name, lambda input, p=0.5, training=False, inplace=False: F.dropout(input, p, training)))
    for name, behaviour in (("alpha_dropout", "nn.layers.alpha-dropout"),
                            ("feature_alpha_dropout", "nn.layers.feature-alpha-dropout"))
]
MUTANTS += [
    Mutant("loss-triplet-with-distance-ignores-margin", ("nn.losses.triplet-margin-with-distance",),
           _forcing("triplet_margin_with_distance_loss", margin=1.0)),
]
MUTANTS += [
    Mutant("activation-rrelu-upper-is-lower", ("nn.activations.rrelu",), replace(
        "nn.functional.rrelu", lambda orig: lambda input, lower=1 / 8, upper=1 / 3, training=False, inplace=False:
        orig(input, lower, lower, training, inplace))),
]
MUTANTS += [
    Mutant("layer-embedding-bag-bags-shifted", ("nn.layers.embedding-bag",), replace(
        "nn.functional.embedding_bag", lambda orig: lambda *args, **kwargs: orig(*args, **kwargs).roll(1, 0))),
]
