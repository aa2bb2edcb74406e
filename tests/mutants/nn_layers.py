"""Mutants of the layer rows: each breaks one layer's shape formula, parameter use or forward
(an ignored stride, padding, dilation or output_padding, a wrong axis, a swapped order)."""
from __future__ import annotations

import torch

from tests.mutants import Mutant, replace

F = torch.nn.functional


def _forward(layer: str, forward) -> Mutant:
    """Replace ``nn.<layer>.forward`` (set on that class only) by ``forward``."""
    return replace(f"nn.{layer}.forward", lambda orig: forward)


def _mutant(name: str, layer: str, patch) -> Mutant:
    return Mutant(f"layer-{name}", (f"nn.layers.{layer.lower()}",), patch)


def _conv_forward(function, **overrides):
    def forward(self, input):
        args = {"stride": self.stride, "padding": self.padding, "dilation": self.dilation, "groups": self.groups}
        return function(input, self.weight, self.bias, **{**args, **overrides})
    return forward


def _no_output_padding(orig):
    return lambda self, input, output_size, *args, **kwargs: [0] * (input.dim() - 2)


def _running_stats(self, input):
    """Always the running statistics (0 and 1 at first), as if in eval mode."""
    return F.batch_norm(input, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, self.eps)


def _centred_only(self, input):
    return input - input.mean(-1, keepdim=True)


def _last_dim_only(self, input):
    return (input - input.mean(-1, keepdim=True)) / torch.sqrt(input.var(-1, keepdim=True, unbiased=False) + 1e-5)


MUTANTS = [
    _mutant("conv1d-ignores-dilation", "Conv1d", _forward("Conv1d", _conv_forward(F.conv1d, dilation=1))),
    _mutant("conv3d-ignores-padding", "Conv3d", _forward("Conv3d", _conv_forward(F.conv3d, padding=0))),
    _mutant("conv-transpose1d-no-output-padding", "ConvTranspose1d",
            replace("nn.ConvTranspose1d._output_padding", _no_output_padding)),
    _mutant("conv-transpose2d-no-output-padding", "ConvTranspose2d",
            replace("nn.ConvTranspose2d._output_padding", _no_output_padding)),
    _mutant("conv-transpose3d-ignores-stride", "ConvTranspose3d", _forward(
        "ConvTranspose3d", lambda self, input: F.conv_transpose3d(input, self.weight, self.bias, 1, self.padding))),
    _mutant("bilinear-drops-bias", "Bilinear", _forward("Bilinear", lambda self, a, b: F.bilinear(a, b, self.weight))),
    _mutant("identity-rejects-arguments", "Identity",
            replace("nn.Identity.__init__", lambda orig: lambda self: orig(self))),
    _mutant("flatten-ignores-start-dim", "Flatten", _forward("Flatten", lambda self, x: x.flatten(1, self.end_dim))),
    _mutant("unflatten-reversed-sizes", "Unflatten", _forward(
        "Unflatten", lambda self, x: x.unflatten(self.dim, tuple(self.unflattened_size)[::-1]))),
    _mutant("batchnorm1d-running-stats-in-training", "BatchNorm1d", _forward("BatchNorm1d", _running_stats)),
    _mutant("batchnorm3d-running-stats-in-training", "BatchNorm3d", _forward("BatchNorm3d", _running_stats)),
    _mutant("layernorm-ignores-weight", "LayerNorm", _forward(
        "LayerNorm", lambda self, x: F.layer_norm(x, self.normalized_shape, None, self.bias, self.eps))),
    _mutant("groupnorm-one-group", "GroupNorm", _forward(
        "GroupNorm", lambda self, x: F.group_norm(x, 1, self.weight, self.bias, self.eps))),
    _mutant("instancenorm1d-not-scaled", "InstanceNorm1d", _forward("InstanceNorm1d", _centred_only)),
    _mutant("instancenorm2d-last-dim-only", "InstanceNorm2d", _forward("InstanceNorm2d", _last_dim_only)),
    _mutant("embedding-off-by-one", "Embedding", _forward(
        "Embedding", lambda self, x: F.embedding((x + 1) % self.num_embeddings, self.weight))),
    _mutant("pixel-shuffle-channel-order", "PixelShuffle", _forward(
        "PixelShuffle", lambda self, x: F.pixel_shuffle(x.flip(-3), self.upscale_factor))),
    _mutant("pixel-unshuffle-channel-order", "PixelUnshuffle", _forward(
        "PixelUnshuffle", lambda self, x: F.pixel_unshuffle(x, self.downscale_factor).flip(-3))),
    _mutant("zeropad2d-reversed-padding", "ZeroPad2d", _forward(
        "ZeroPad2d", lambda self, x: F.pad(x, tuple(self.padding)[::-1]))),
    _mutant("constantpad1d-ignores-value", "ConstantPad1d", _forward(
        "ConstantPad1d", lambda self, x: F.pad(x, self.padding))),
    _mutant("reflectionpad1d-replicates", "ReflectionPad1d", _forward(
        "ReflectionPad1d", lambda self, x: F.pad(x, self.padding, mode="replicate"))),
    _mutant("replicationpad2d-reflects", "ReplicationPad2d", _forward(
        "ReplicationPad2d", lambda self, x: F.pad(x, self.padding, mode="reflect"))),
    _mutant("circularpad1d-zeros", "CircularPad1d", _forward("CircularPad1d", lambda self, x: F.pad(x, self.padding))),
    _mutant("upsample-last-dim-only", "Upsample", _forward(
        "Upsample", lambda self, x: F.interpolate(x, scale_factor=(1.0, float(self.scale_factor))))),
    _mutant("maxpool1d-ignores-padding", "MaxPool1d", _forward(
        "MaxPool1d", lambda self, x: F.max_pool1d(x, self.kernel_size, self.stride, 0))),
    _mutant("avgpool1d-ignores-stride", "AvgPool1d", _forward(
        "AvgPool1d", lambda self, x: F.avg_pool1d(x, self.kernel_size))),
    _mutant("maxpool3d-takes-min", "MaxPool3d", _forward(
        "MaxPool3d", lambda self, x: -F.max_pool3d(-x, self.kernel_size, self.stride))),
    _mutant("adaptive-avgpool1d-takes-max", "AdaptiveAvgPool1d", _forward(
        "AdaptiveAvgPool1d", lambda self, x: F.adaptive_max_pool1d(x, self.output_size))),
    _mutant("adaptive-maxpool2d-averages", "AdaptiveMaxPool2d", _forward(
        "AdaptiveMaxPool2d", lambda self, x: F.adaptive_avg_pool2d(x, self.output_size))),
    Mutant("layer-dropout2d-drops-elements", ("nn.layers.dropout-family",), _forward(
        "Dropout2d", lambda self, x: F.dropout(x, self.p, self.training))),
]


def _lstm_states_swapped(orig):
    def forward(self, input, hx=None):
        output, (h, c) = orig(self, input, hx)
        return output, (c, h)
    return forward


def _gru_time_reversed(orig):
    def forward(self, input, hx=None):
        output, h = orig(self, input, hx)
        return output.flip(1 if self.batch_first else 0), h
    return forward


MUTANTS += [
    _mutant("rnn-ignores-h0", "RNN", replace("nn.RNN.forward", lambda orig: lambda self, input, hx=None:
                                              orig(self, input))),
    _mutant("lstm-states-swapped", "LSTM", replace("nn.LSTM.forward", _lstm_states_swapped)),
    _mutant("gru-output-time-reversed", "GRU", replace("nn.GRU.forward", _gru_time_reversed)),
    _mutant("rnncell-ignores-state", "RNNCell", replace("nn.RNNCell.forward", lambda orig: lambda self, input, hx=None:
                                                        orig(self, input))),
    _mutant("lstmcell-returns-c-h", "LSTMCell", replace("nn.LSTMCell.forward", lambda orig: lambda self, input,
                                                        hx=None: orig(self, input, hx)[::-1])),
    _mutant("grucell-halves-state", "GRUCell", replace("nn.GRUCell.forward", lambda orig: lambda self, input, hx=None:
                                                       orig(self, input, None if hx is None else hx * 0.5))),
]


def _first_pair_swapped(orig):
    """The padding layer with (left, right) of the last dim swapped."""
    def forward(self, input):
        saved = self.padding
        self.padding = (saved[1], saved[0], *saved[2:])
        try:
            return orig(self, input)
        finally:
            self.padding = saved
    return forward


PAD_LAYERS = ("ZeroPad1d", "ZeroPad3d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad2d", "ReflectionPad3d",
              "ReplicationPad1d", "ReplicationPad3d", "CircularPad2d", "CircularPad3d")

MUTANTS += [_mutant(f"{layer.lower()}-swaps-left-right", layer, replace(f"nn.{layer}.forward", _first_pair_swapped))
            for layer in PAD_LAYERS]
MUTANTS += [
    _mutant("cosine-similarity-ignores-dim", "CosineSimilarity", _forward(
        "CosineSimilarity", lambda self, a, b: F.cosine_similarity(a, b, 1, self.eps))),
    _mutant("pairwise-distance-ignores-keepdim", "PairwiseDistance", _forward(
        "PairwiseDistance", lambda self, a, b: F.pairwise_distance(a, b, self.norm, self.eps))),
    _mutant("softmax2d-last-dim", "Softmax2d", _forward("Softmax2d", lambda self, x: F.softmax(x, -1))),
    _mutant("channel-shuffle-identity", "ChannelShuffle", _forward("ChannelShuffle", lambda self, x: x.clone())),
    _mutant("upsampling-nearest2d-bilinear", "UpsamplingNearest2d", _forward(
        "UpsamplingNearest2d", lambda self, x: F.interpolate(x, scale_factor=self.scale_factor, mode="bilinear"))),
    _mutant("avgpool3d-takes-max", "AvgPool3d", _forward(
        "AvgPool3d", lambda self, x: F.max_pool3d(x, self.kernel_size, self.stride))),
    _mutant("lppool1d-ignores-norm", "LPPool1d", _forward(
        "LPPool1d", lambda self, x: F.lp_pool1d(x, 2.0, self.kernel_size, self.stride))),
    _mutant("adaptive-maxpool1d-averages", "AdaptiveMaxPool1d", _forward(
        "AdaptiveMaxPool1d", lambda self, x: F.adaptive_avg_pool1d(x, self.output_size))),
    _mutant("adaptive-avgpool3d-takes-max", "AdaptiveAvgPool3d", _forward(
        "AdaptiveAvgPool3d", lambda self, x: F.adaptive_max_pool3d(x, self.output_size))),
]
MUTANTS += [
    _mutant("unfold-ignores-stride", "Unfold", _forward(
        "Unfold", lambda self, x: F.unfold(x, self.kernel_size, self.dilation, self.padding, 1))),
    _mutant("fold-overwrites-overlaps", "Fold", replace("nn.Fold.forward", lambda orig: lambda self, x: orig(
        self, x) / F.fold(torch.ones_like(x), self.output_size, self.kernel_size, self.dilation, self.padding,
                          self.stride).clamp(min=1))),
    _mutant("local-response-norm-ignores-alpha", "LocalResponseNorm", _forward(
        "LocalResponseNorm", lambda self, x: F.local_response_norm(x, self.size, 1e-4, self.beta, self.k))),
]
MUTANTS += [
    _mutant("mha-ignores-key-padding-mask", "MultiheadAttention", replace(
        "nn.MultiheadAttention.forward", lambda orig: lambda self, query, key, value, key_padding_mask=None, *args,
        **kwargs: orig(self, query, key, value, None, *args, **kwargs))),
]
MUTANTS += [
    Mutant("layer-embedding-no-renorm", ("nn.layers.embedding-padding-max-norm",), replace(
        "nn.Embedding.forward", lambda orig: lambda self, x: F.embedding(x, self.weight, self.padding_idx))),
]
MUTANTS += [
    _mutant("transformer-encoder-drops-feed-forward", "transformer-encoder-layer", replace(
        "nn.TransformerEncoderLayer._ff_block", lambda orig: lambda self, x: x * 0)),
    _mutant("transformer-decoder-drops-cross-attention", "transformer-decoder-layer", replace(
        "nn.TransformerDecoderLayer._mha_block", lambda orig: lambda self, x, *args, **kwargs: x * 0)),
]
MUTANTS += [
    _mutant("rmsnorm-ignores-eps", "RMSNorm", _forward(
        "RMSNorm", lambda self, x: F.rms_norm(x, self.normalized_shape, self.weight, None))),
    _mutant("instancenorm3d-last-dim-only", "InstanceNorm3d", _forward("InstanceNorm3d", _last_dim_only)),
    _mutant("lppool2d-averages", "LPPool2d", _forward(
        "LPPool2d", lambda self, x: F.avg_pool2d(x, self.kernel_size, self.stride))),
    _mutant("adaptive-maxpool3d-averages", "AdaptiveMaxPool3d", _forward(
        "AdaptiveMaxPool3d", lambda self, x: F.adaptive_avg_pool3d(x, self.output_size))),
    _mutant("upsampling-bilinear2d-half-pixel", "UpsamplingBilinear2d", _forward(
        "UpsamplingBilinear2d", lambda self, x: F.interpolate(x, scale_factor=self.scale_factor, mode="bilinear"))),
]
