"""Mutants proving the nn one-check-one-behaviour audit: each breaks a behaviour an nn check used to assert
besides its own, and spares that check's behaviour (``spares``), or breaks a behaviour split out of one."""
from __future__ import annotations

from tests.mutants import Mutant, replace
from tests.mutants.autograd import _backward_with, _returns_self


def _conv_always_biased(orig):
    return lambda self, *args, bias=True, **kwargs: orig(self, *args, **kwargs)


def _modules_without_self(orig):
    return lambda self: (m for m in orig(self) if m is not self)


def _relu_copy_in_float64(orig):
    """relu into a fresh float64 tensor: right values, but never in place and not the input's dtype."""
    return lambda input, inplace=False: orig(input.double())


def _state_dict_reversed(orig):
    """The outermost state_dict() lists its keys last registered first (same entries, same tensors)."""
    def state_dict(self, *args, destination=None, **kwargs):
        out = orig(self, *args, destination=destination, **kwargs)
        if destination is None:
            items = list(out.items())
            out.clear()
            out.update(reversed(items))
        return out
    return state_dict


def _mean_mse_keeps_a_dim(orig):
    def mse_loss(input, target, *args, reduction="mean", **kwargs):
        loss = orig(input, target, *args, reduction=reduction, **kwargs)
        return loss.reshape(1) if reduction == "mean" else loss
    return mse_loss


MUTANTS = [
    Mutant("nn-conv2d-always-biased", ("nn.conv2d.no-bias",), replace("nn.Conv2d.__init__", _conv_always_biased),
           spares=("nn.conv2d.parameters",)),
    Mutant("nn-split-backward-returns-self", ("autograd.backward.tutorial-example",),
           replace("Tensor.backward", _backward_with(_returns_self)), spares=("nn.tutorial-net.backward-gradient",)),
    Mutant("nn-modules-without-self", ("nn.module-api.children-modules",),
           replace("nn.Module.modules", _modules_without_self), spares=("nn.module.subclass-forward",)),
    Mutant("nn-relu-copy-in-float64", ("nn.activations.inplace",),
           replace("nn.functional.relu", _relu_copy_in_float64), spares=("nn.activations.relu",)),
    Mutant("nn-mse-mean-keeps-a-dim", ("nn.mseloss.reductions", "nn.losses.mse"),
           replace("nn.functional.mse_loss", _mean_mse_keeps_a_dim), spares=("nn.mseloss.grad",)),
    Mutant("nn-state-dict-reversed", ("nn.module-api.state-dict-keys",), replace("nn.Module.state_dict", _state_dict_reversed),
           spares=("nn.module.state-dict",)),
    Mutant("nn-eval-returns-none", ("nn.module.train-eval",),
           replace("nn.Module.eval", lambda orig: lambda self: (orig(self), None)[1]),
           spares=("nn.batchnorm2d.eval-mode",)),
    Mutant("nn-train-returns-none", ("nn.module.train-eval",),
           replace("nn.Module.train", lambda orig: lambda self, mode=True: (orig(self, mode), None)[1]),
           spares=("nn.layers.dropout-family", "nn.layers.alpha-dropout", "nn.activations.rrelu", "nn.utils.fuse-bn-eval")),
]
