"""Mutants of torch.nn: each breaks one documented layer, loss or Module behaviour."""
from __future__ import annotations

import torch

from tests.mutants import Mutant, replace

F = torch.nn.functional


def _raise_if_unbatched(orig):
    def forward(self, x):
        if x.dim() != 4:
            raise RuntimeError("mutant: batched input only")
        return orig(self, x)
    return forward


def _swallow_runtime_errors(orig):
    def forward(self, x):
        try:
            return orig(self, x)
        except RuntimeError:
            return x
    return forward


def _conv_ignoring_numeric_padding(orig):
    def conv_forward(self, input, weight, bias):
        padding = self.padding if isinstance(self.padding, str) else 0
        return F.conv2d(input, weight, bias, self.stride, padding, self.dilation, self.groups)
    return conv_forward


def _conv_stride_swapped(orig):
    def conv_forward(self, input, weight, bias):
        return F.conv2d(input, weight, bias, tuple(self.stride)[::-1], self.padding, self.dilation, self.groups)
    return conv_forward


def _conv_flipped_kernel(orig):
    def conv_forward(self, input, weight, bias):
        return orig(self, input, weight.flip(-1, -2), bias)
    return conv_forward


def _conv_same_extra_at_start(orig):
    def conv_forward(self, input, weight, bias):
        if self.padding != "same":
            return orig(self, input, weight, bias)
        pads = []
        for k, d in zip(reversed(self.kernel_size), reversed(self.dilation)):
            total = d * (k - 1)
            pads += [total - total // 2, total // 2]  # extra on the left/top instead of the right/bottom
        return F.conv2d(F.pad(input, pads), weight, bias, self.stride, 0, self.dilation, self.groups)
    return conv_forward


def _conv_default_stride_2(orig):
    def init(self, in_channels, out_channels, kernel_size, stride=2, *args, **kwargs):
        orig(self, in_channels, out_channels, kernel_size, stride, *args, **kwargs)
    return init


def _conv_weight_ignores_groups(orig):
    def init(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        if self.groups > 1:
            self.weight = torch.nn.Parameter(torch.empty(self.out_channels, self.in_channels, *self.kernel_size))
    return init


def _conv_groups_fallback(orig):
    def init(self, in_channels, out_channels, kernel_size, *args, groups=1, **kwargs):
        if in_channels % groups or out_channels % groups:
            groups = 1
        orig(self, in_channels, out_channels, kernel_size, *args, groups=groups, **kwargs)
    return init


def _same_becomes_valid(orig):
    def init(self, *args, padding=0, **kwargs):
        orig(self, *args, padding="valid" if padding == "same" else padding, **kwargs)
    return init


def _scaled_init(orig):
    def reset_parameters(self):
        orig(self)
        with torch.no_grad():
            self.weight.mul_(3)
            if self.bias is not None:
                self.bias.mul_(3)
    return reset_parameters


def _maxpool_kw(**forced):
    def make(orig):
        def max_pool2d(*args, **kwargs):
            return orig(*args, **{**kwargs, **forced})
        return max_pool2d
    return make


def _maxpool_stride_one(orig):
    def max_pool2d(input, kernel_size, stride=None, *args, **kwargs):
        return orig(input, kernel_size, 1, *args, **kwargs)
    return max_pool2d


def _maxpool_zero_padding(orig):
    def max_pool2d(input, kernel_size, stride=None, padding=0, *args, **kwargs):
        ph, pw = (padding, padding) if isinstance(padding, int) else padding
        if ph or pw:
            input = F.pad(input, (pw, pw, ph, ph), value=0.0)
        return orig(input, kernel_size, stride, 0, *args, **kwargs)
    return max_pool2d


def _maxpool_clamps_padding(orig):
    def max_pool2d(input, kernel_size, stride=None, padding=0, *args, **kwargs):
        try:
            return orig(input, kernel_size, stride, padding, *args, **kwargs)
        except RuntimeError:
            return orig(input, kernel_size, stride, 0, *args, **kwargs)
    return max_pool2d


def _maxpool_indices_off_by_one(orig):
    def max_pool2d(*args, **kwargs):
        result = orig(*args, **kwargs)
        if kwargs.get("return_indices"):
            return result[0], result[1] + 1
        return result
    return max_pool2d


def _avgpool(transform):
    def make(orig):
        def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
                       divisor_override=None):
            args = transform(dict(stride=stride, padding=padding, ceil_mode=ceil_mode,
                                  count_include_pad=count_include_pad, divisor_override=divisor_override))
            return orig(input, kernel_size, **args)
        return avg_pool2d
    return make


def _adaptive_square(orig):
    def adaptive_avg_pool2d(input, output_size):
        if not isinstance(output_size, int):
            output_size = (output_size[0], output_size[0])
        return orig(input, output_size)
    return adaptive_avg_pool2d


def _adaptive_drops_last_row(orig):
    def adaptive_avg_pool2d(input, output_size):
        size = output_size if isinstance(output_size, int) else output_size[0]
        if size is not None and input.shape[-2] > size:
            input = input[..., :-1, :]
        return orig(input, output_size)
    return adaptive_avg_pool2d


def _bn_unbiased_normalisation(orig):
    def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
        out = orig(input, running_mean, running_var, weight, bias, training, momentum, eps)
        if not training:
            return out
        m = input.mean((0, 2, 3), keepdim=True)
        v = input.var((0, 2, 3), keepdim=True, unbiased=True)
        y = (input - m) / torch.sqrt(v + eps)
        if weight is not None:
            y = y * weight[None, :, None, None] + bias[None, :, None, None]
        return y
    return batch_norm


def _bn_biased_running_var(orig):
    def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
        if not (training and running_mean is not None):
            return orig(input, running_mean, running_var, weight, bias, training, momentum, eps)
        out = orig(input, None, None, weight, bias, True, momentum, eps)
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * input.mean((0, 2, 3)))
            running_var.mul_(1 - momentum).add_(momentum * input.var((0, 2, 3), unbiased=False))
        return out
    return batch_norm


def _bn_eval_uses_batch_stats(orig):
    def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
        if training:
            return orig(input, running_mean, running_var, weight, bias, training, momentum, eps)
        return orig(input, None, None, weight, bias, True, momentum, eps)
    return batch_norm


def _bn_init(**forced):
    def make(orig):
        def init(self, num_features, *args, **kwargs):
            orig(self, num_features, *args, **{**kwargs, **{k: v(kwargs.get(k, "unset")) for k, v in forced.items()}})
        return init
    return make


def _bn_counter_not_persistent(orig):
    def init(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        if self.num_batches_tracked is not None:
            self.register_buffer("num_batches_tracked", self.num_batches_tracked, persistent=False)
    return init


def _linear_double_bias(orig):
    def linear(input, weight, bias=None):
        out = orig(input, weight, bias)
        return out if bias is None else out + bias
    return linear


def _linear_no_bias(orig):
    def init(self, in_features, out_features, bias=True, *args, **kwargs):
        orig(self, in_features, out_features, False, *args, **kwargs)
    return init


def _flatten_from_zero(orig):
    def init(self, start_dim=0, end_dim=-1):
        orig(self, start_dim, end_dim)
    return init


def _dropout_unscaled(orig):
    def dropout(input, p=0.5, training=True, inplace=False):
        out = orig(input, p, training, inplace)
        return out * (1 - p) if training else out
    return dropout


def _mse(transform):
    def make(orig):
        def mse_loss(input, target, *args, reduction="mean", **kwargs):
            return transform(orig, input, target, reduction)
        return mse_loss
    return make


def _mse_mean_over_last_dim(orig, a, b, reduction):
    if reduction != "mean" or a.dim() < 2:
        return orig(a, b, reduction=reduction)
    return orig(a, b, reduction="none").mean(-1).sum()


def _mse_integers_ok(orig, a, b, reduction):
    if not a.is_floating_point():
        a, b = a.float(), b.float()
    return orig(a, b, reduction=reduction)


def _named_parameters(transform):
    def make(orig):
        def named_parameters(self, *args, **kwargs):
            return iter(transform(list(orig(self, *args, **kwargs))))
        return named_parameters
    return make


def _parameters_reversed(orig):
    def parameters(self, recurse=True):
        return iter(list(orig(self, recurse))[::-1])
    return parameters


def _module_setattr_unregistered(orig):
    def setattr_(self, name, value):
        if isinstance(value, torch.nn.Module):
            object.__setattr__(self, name, value)
        else:
            orig(self, name, value)
    return setattr_


def _eval_not_recursive(orig):
    def eval_(self):
        object.__setattr__(self, "training", False)
        return self
    return eval_


MUTANTS = [
    # the tutorial's network
    Mutant("nn-module-does-not-register-submodules", ("nn.module.subclass-forward",),
           replace("nn.Module.__setattr__", _module_setattr_unregistered)),
    Mutant("nn-max-pool2d-stride-one", ("nn.tutorial-net.shapes", "nn.maxpool2d.output-shape"),
           replace("nn.functional.max_pool2d", _maxpool_stride_one)),
    Mutant("nn-relu-is-identity", ("nn.tutorial-net.values",),
           replace("nn.functional.relu", lambda orig: lambda input, inplace=False: input)),
    Mutant("nn-parameters-reversed", ("nn.tutorial-net.parameters",),
           replace("nn.Module.parameters", _parameters_reversed)),
    Mutant("nn-backward-doubles-given-gradient", ("nn.tutorial-net.backward-gradient",),
           replace("Tensor.backward", lambda orig: lambda self, gradient=None, *a, **k:
                   orig(self, None if gradient is None else gradient * 2, *a, **k))),
    Mutant("nn-zero-grad-fills-zeros", ("nn.module.zero-grad",),
           replace("nn.Module.zero_grad", lambda orig: lambda self, set_to_none=True: orig(self, set_to_none=False))),
    Mutant("nn-conv2d-batched-only", ("nn.unbatched.input",),
           replace("nn.Conv2d.forward", _raise_if_unbatched)),
    Mutant("nn-numel-counts-bias-twice", ("nn.params.count",),
           replace("Tensor.numel", lambda orig: lambda self: orig(self) + (1 if self.dim() == 1 else 0))),
    # Conv2d
    Mutant("nn-conv2d-ignores-padding", ("nn.conv2d.output-shape", "nn.conv2d.values"),
           replace("nn.Conv2d._conv_forward", _conv_ignoring_numeric_padding)),
    Mutant("nn-conv2d-stride-swapped", ("nn.conv2d.doc-example",),
           replace("nn.Conv2d._conv_forward", _conv_stride_swapped)),
    Mutant("nn-conv2d-true-convolution", ("nn.conv2d.values", "nn.conv2d.defaults"),
           replace("nn.Conv2d._conv_forward", _conv_flipped_kernel)),
    Mutant("nn-conv2d-default-stride-2", ("nn.conv2d.defaults",),
           replace("nn.Conv2d.__init__", _conv_default_stride_2)),
    Mutant("nn-conv2d-weight-ignores-groups", ("nn.conv2d.parameters",),
           replace("nn.Conv2d.__init__", _conv_weight_ignores_groups)),
    Mutant("nn-conv2d-indivisible-groups-fall-back", ("nn.conv2d.groups-divisibility",),
           replace("nn.Conv2d.__init__", _conv_groups_fallback)),
    Mutant("nn-conv2d-init-too-wide", ("nn.conv2d.init-bounds",),
           replace("nn.Conv2d.reset_parameters", _scaled_init)),
    Mutant("nn-conv2d-same-is-valid", ("nn.conv2d.padding-strings",),
           replace("nn.Conv2d.__init__", _same_becomes_valid)),
    Mutant("nn-conv2d-same-extra-at-start", ("nn.conv2d.same-even-kernel",),
           replace("nn.Conv2d._conv_forward", _conv_same_extra_at_start)),
    Mutant("nn-conv2d-swallows-errors", ("nn.conv2d.input-errors",),
           replace("nn.Conv2d.forward", _swallow_runtime_errors)),
    # pooling
    Mutant("nn-maxpool2d-ignores-ceil-mode", ("nn.maxpool2d.output-shape",),
           replace("nn.functional.max_pool2d", _maxpool_kw(ceil_mode=False))),
    Mutant("nn-maxpool2d-zero-padding", ("nn.maxpool2d.values",),
           replace("nn.functional.max_pool2d", _maxpool_zero_padding)),
    Mutant("nn-maxpool2d-clamps-padding", ("nn.maxpool2d.padding-limit",),
           replace("nn.functional.max_pool2d", _maxpool_clamps_padding)),
    Mutant("nn-maxpool2d-indices-off-by-one", ("nn.maxpool2d.return-indices",),
           replace("nn.functional.max_pool2d", _maxpool_indices_off_by_one)),
    Mutant("nn-avgpool2d-ignores-ceil-mode", ("nn.avgpool2d.output-shape",),
           replace("nn.functional.avg_pool2d", _avgpool(lambda a: {**a, "ceil_mode": False}))),
    Mutant("nn-avgpool2d-count-include-pad-flipped", ("nn.avgpool2d.values", "nn.avgpool2d.doc-example"),
           replace("nn.functional.avg_pool2d", _avgpool(lambda a: {**a, "count_include_pad": not a["count_include_pad"]}))),
    Mutant("nn-avgpool2d-ignores-divisor-override", ("nn.avgpool2d.doc-example",),
           replace("nn.functional.avg_pool2d", _avgpool(lambda a: {**a, "divisor_override": None}))),
    Mutant("nn-adaptive-avg-pool2d-square", ("nn.adaptiveavgpool2d.output-size",),
           replace("nn.functional.adaptive_avg_pool2d", _adaptive_square)),
    Mutant("nn-adaptive-avg-pool2d-drops-last-row", ("nn.adaptiveavgpool2d.bins",),
           replace("nn.functional.adaptive_avg_pool2d", _adaptive_drops_last_row)),
    # BatchNorm2d
    Mutant("nn-batchnorm-normalises-with-unbiased-var", ("nn.batchnorm2d.train-normalises",),
           replace("nn.functional.batch_norm", _bn_unbiased_normalisation)),
    Mutant("nn-batchnorm-default-eps-1e-3", ("nn.batchnorm2d.defaults",),
           replace("nn.BatchNorm2d.__init__", _bn_init(eps=lambda v: 1e-3 if v == "unset" else v))),
    Mutant("nn-batchnorm-running-var-biased", ("nn.batchnorm2d.running-stats",),
           replace("nn.functional.batch_norm", _bn_biased_running_var)),
    Mutant("nn-batchnorm-momentum-none-is-0.1", ("nn.batchnorm2d.cumulative-momentum",),
           replace("nn.BatchNorm2d.__init__", _bn_init(momentum=lambda v: 0.1 if v in (None, "unset") else v))),
    Mutant("nn-batchnorm-eval-uses-batch-stats", ("nn.batchnorm2d.eval-mode",),
           replace("nn.functional.batch_norm", _bn_eval_uses_batch_stats)),
    Mutant("nn-batchnorm-always-affine", ("nn.batchnorm2d.parameters",),
           replace("nn.BatchNorm2d.__init__", _bn_init(affine=lambda v: True))),
    Mutant("nn-batchnorm-counter-not-persistent", ("nn.batchnorm2d.state-dict-keys",),
           replace("nn.BatchNorm2d.__init__", _bn_counter_not_persistent)),
    Mutant("nn-batchnorm-no-input-check", ("nn.batchnorm2d.input-errors",),
           replace("nn.BatchNorm2d._check_input_dim", lambda orig: lambda self, input: None)),
    # Linear, Flatten, Dropout
    Mutant("nn-linear-adds-bias-twice", ("nn.linear.affine-map",),
           replace("nn.functional.linear", _linear_double_bias)),
    Mutant("nn-linear-never-has-bias", ("nn.linear.parameters",),
           replace("nn.Linear.__init__", _linear_no_bias)),
    Mutant("nn-linear-init-too-wide", ("nn.linear.init-and-no-bias",),
           replace("nn.Linear.reset_parameters", _scaled_init)),
    Mutant("nn-linear-swallows-errors", ("nn.linear.input-errors",),
           replace("nn.Linear.forward", _swallow_runtime_errors)),
    Mutant("nn-flatten-default-start-0", ("nn.flatten.dims",),
           replace("nn.Flatten.__init__", _flatten_from_zero)),
    Mutant("nn-dropout-unscaled", ("nn.dropout.train-eval",),
           replace("nn.functional.dropout", _dropout_unscaled)),
    # MSELoss
    Mutant("nn-mse-mean-over-last-dim", ("nn.mseloss.reductions",),
           replace("nn.functional.mse_loss", _mse(_mse_mean_over_last_dim))),
    Mutant("nn-mse-detached", ("nn.mseloss.grad",),
           replace("nn.functional.mse_loss", _mse(lambda orig, a, b, r: orig(a, b, reduction=r).detach()))),
    Mutant("nn-mse-accepts-integers", ("nn.mseloss.errors",),
           replace("nn.functional.mse_loss", _mse(_mse_integers_ok))),
    # Module API
    Mutant("nn-parameters-ignore-recurse", ("nn.module.parameters-recurse",),
           replace("nn.Module.parameters", lambda orig: lambda self, recurse=True: orig(self, True))),
    Mutant("nn-named-parameters-slash-names", ("nn.module.named-parameters-names",),
           replace("nn.Module.named_parameters", _named_parameters(lambda items: [(n.replace(".", "/"), p) for n, p in items])),
           spares=("nn.module-api.add-module",)),
    Mutant("nn-named-parameters-reversed", ("nn.module.named-parameters-order",),
           replace("nn.Module.named_parameters", _named_parameters(lambda items: items[::-1])),
           spares=("nn.layers.conv1d", "nn.layers.batchnorm1d", "nn.layers.rnn", "nn.layers.lstmcell",
                   "nn.layers.multiheadattention", "nn.layers.transformer-encoder-layer")),
    Mutant("nn-eval-not-recursive", ("nn.module.train-eval",),
           replace("nn.Module.eval", _eval_not_recursive)),
    Mutant("nn-state-dict-keeps-vars", ("nn.module.state-dict",),
           replace("nn.Module.state_dict", lambda orig: lambda self, *a, **k: orig(self, *a, **{**k, "keep_vars": True}))),
    Mutant("nn-load-state-dict-never-strict", ("nn.module.load-state-dict",),
           replace("nn.Module.load_state_dict", lambda orig: lambda self, sd, strict=True, **k: orig(self, sd, strict=False, **k))),
]
