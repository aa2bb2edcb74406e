"""nn.functional: the stateless layer functions.

conv2d and the pools live in ``_convolution`` and ``_pooling``; the functions here are written
with reference tensor ops, so autograd records them op by op:

* linear: ``x A^T + b`` for an input of shape (*, in) (nn.linear.affine-map, nn.linear.input-errors).
* relu (nn.tutorial-net.values), dropout (nn.dropout.train-eval).
* batch_norm: per-channel normalisation with the biased batch variance in training, updating the
  running statistics with the unbiased one; the running statistics in eval
  (nn.batchnorm2d.train-normalises, nn.batchnorm2d.running-stats, nn.batchnorm2d.eval-mode,
  nn.batchnorm2d.input-errors).
* mse_loss: squared differences, averaged, summed or kept (nn.mseloss.reductions, nn.mseloss.grad,
  nn.mseloss.errors).
"""
from __future__ import annotations

import warnings
from typing import Any
from reference import _dtype as D
from reference import _grad_mode as grad_mode
from reference import _ops
from reference import _random
from reference._tensor import Tensor
from reference._views import reshape, transpose
from reference.nn._convolution import conv2d
from reference.nn._pooling import adaptive_avg_pool2d, avg_pool2d, max_pool2d

__all__ = ["adaptive_avg_pool2d", "avg_pool2d", "batch_norm", "conv2d", "dropout", "linear", "max_pool2d",
            "mse_loss", "relu"]


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``; the last dim must be weight's in-features and the dtypes must match."""
    if input.ndim == 0 or input.shape[-1] != weight.shape[-1]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied (input of shape {list(input.shape)}, weight "
                           f"of shape {list(weight.shape)})")
    result = _ops.matmul(input, transpose(weight, 0, 1))
    return result if bias is None else _ops.add(result, bias)


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    return input.relu_() if inplace else _ops.relu(input)


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """In training, zero each element with probability p and scale the rest by 1/(1-p); else the input."""
    if not 0 <= p <= 1:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training:
        return input
    keep = _random.rng(None).random(tuple(input.shape)) >= p
    scale = 0.0 if p == 1 else 1 / (1 - p)
    mask = _ops.make(keep * scale, input.dtype, (input,))
    return input.mul_(mask) if inplace else _ops.mul(input, mask)


def batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, weight: Tensor | None = None,
               bias: Tensor | None = None, training: bool = False, momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """``(x - mean) / sqrt(var + eps) * weight + bias`` per channel (dim 1) over every other dim."""
    dims = (0,) + tuple(range(2, input.ndim))
    per_channel = (1, input.shape[1]) + (1,) * (input.ndim - 2)
    if training:
        count = check_batch_size(input)
        mean = _ops.mean(input, dims, keepdim=True)
        var = _ops.var(input, dims, keepdim=True, correction=0)
        if running_mean is not None and running_var is not None:
            _update_running(running_mean, running_var, mean, var * (count / (count - 1)), momentum)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
        mean, var = reshape(running_mean, per_channel), reshape(running_var, per_channel)
    result = (input - mean) / _ops.sqrt(var + eps)
    if weight is not None:
        result = result * reshape(weight, per_channel)
    return result if bias is None else result + reshape(bias, per_channel)


def check_batch_size(input: Tensor) -> int:
    """The number of values per channel, which training needs to be more than 1."""
    count = input.numel() // input.shape[1]
    if count <= 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.shape}")
    return count


def _update_running(running_mean: Tensor, running_var: Tensor, mean: Tensor, unbiased_var: Tensor,
                    momentum: float) -> None:
    """running = (1 - momentum) * running + momentum * batch statistic, in place and outside autograd."""
    with grad_mode.no_grad():
        running_mean.copy_(running_mean * (1 - momentum) + reshape(mean, (-1,)) * momentum)
        running_var.copy_(running_var * (1 - momentum) + reshape(unbiased_var, (-1,)) * momentum)


REDUCTIONS = ("none", "mean", "sum")


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Squared differences (broadcast, with a UserWarning when the shapes differ), reduced by ``reduction``."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if tuple(input.shape) != tuple(target.shape):
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
                      "This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
                      "same size.", UserWarning, stacklevel=2)
    if input.dtype.category < D.FLOAT or target.dtype.category < D.FLOAT:
        raise RuntimeError(f"mse_loss is not implemented for {input.dtype} and {target.dtype} inputs")
    diff = input - target
    squared = diff * diff
    if reduction == "mean":
        return _ops.mean(squared)
    return _ops.sum(squared) if reduction == "sum" else squared


# the activations (nn.activations.*), losses (nn.losses.*) and extras (nn.functional.*)
from reference.nn._activation_functions import (  # noqa: E402
    celu, celu_, elu, elu_, gelu, glu, hardshrink, hardsigmoid, hardswish, hardtanh, hardtanh_, leaky_relu,
    leaky_relu_, log_softmax, logsigmoid, mish, prelu, relu6, relu_, selu, selu_, sigmoid, silu, softmax,
    softmin, softplus, softshrink, softsign, tanh, tanhshrink, threshold, threshold_)
from reference.nn._loss_functions import (  # noqa: E402
    binary_cross_entropy, binary_cross_entropy_with_logits, cosine_embedding_loss, cross_entropy,
    gaussian_nll_loss, hinge_embedding_loss, huber_loss, kl_div, l1_loss, margin_ranking_loss,
    multi_margin_loss, multilabel_margin_loss, multilabel_soft_margin_loss, nll_loss, poisson_nll_loss,
    smooth_l1_loss, soft_margin_loss, triplet_margin_loss)
from reference.nn._functional_extras import (  # noqa: E402
    cosine_similarity, embedding, interpolate, normalize, one_hot, pad, pairwise_distance, scaled_dot_product_attention)

__all__ += ["celu", "elu", "gelu", "glu", "hardshrink", "hardsigmoid", "hardswish", "hardtanh", "leaky_relu",
            "log_softmax", "logsigmoid", "mish", "prelu", "relu6", "selu", "sigmoid", "silu", "softmax",
            "softmin", "softplus", "softshrink", "softsign", "tanh", "tanhshrink", "threshold",
            "binary_cross_entropy", "binary_cross_entropy_with_logits", "cosine_embedding_loss",
            "cross_entropy", "gaussian_nll_loss", "hinge_embedding_loss", "huber_loss", "kl_div", "l1_loss",
            "margin_ranking_loss", "multi_margin_loss", "multilabel_margin_loss",
            "multilabel_soft_margin_loss", "nll_loss", "poisson_nll_loss", "smooth_l1_loss",
            "soft_margin_loss", "triplet_margin_loss", "cosine_similarity", "embedding", "interpolate", "normalize",
            "one_hot", "pad", "pairwise_distance", "scaled_dot_product_attention"]
# the layers' functional counterparts (nn.functional.conv1d, ...)
from reference.nn._layer_functional import (  # noqa: E402
    adaptive_avg_pool1d, adaptive_avg_pool3d, adaptive_max_pool1d, adaptive_max_pool2d, adaptive_max_pool3d,
    avg_pool1d, lp_pool2d, rms_norm,
    avg_pool3d, bilinear, channel_shuffle, conv1d, conv3d, conv_transpose1d, conv_transpose2d,
    conv_transpose3d, fold, group_norm, instance_norm, layer_norm, local_response_norm, lp_pool1d,
    max_pool1d, max_pool3d, pixel_shuffle, pixel_unshuffle, unfold)

__all__ += ["adaptive_avg_pool1d", "adaptive_avg_pool3d", "adaptive_max_pool1d", "adaptive_max_pool2d",
            "avg_pool1d", "avg_pool3d", "bilinear", "channel_shuffle", "conv1d", "conv3d",
            "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "fold", "group_norm",
            "instance_norm", "layer_norm", "local_response_norm", "lp_pool1d", "max_pool1d", "max_pool3d",
            "pixel_shuffle", "pixel_unshuffle", "unfold"]
__all__ += ["celu_", "elu_", "hardtanh_", "leaky_relu_", "relu_", "selu_", "threshold_", "adaptive_max_pool3d",
            "lp_pool2d", "rms_norm"]
# the pools with indices and max_unpool (nn.functional.max-pool-with-indices, nn.layers.maxunpool*)
from reference.nn._pool_indices import (  # noqa: E402
    adaptive_max_pool1d_with_indices, adaptive_max_pool2d_with_indices, adaptive_max_pool3d_with_indices,
    max_pool1d_with_indices, max_pool2d_with_indices, max_pool3d_with_indices, max_unpool1d, max_unpool2d,
    max_unpool3d)

__all__ += ["adaptive_max_pool1d_with_indices", "adaptive_max_pool2d_with_indices", "adaptive_max_pool3d_with_indices",
            "max_pool1d_with_indices", "max_pool2d_with_indices", "max_pool3d_with_indices", "max_unpool1d",
            "max_unpool2d", "max_unpool3d"]


def _channel_dropout(n: int) -> Any:
    def channel_dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
        """Whole (sample, channel) slices zeroed with probability p in training (nn.functional.dropout-family)."""
        from reference.nn import layers_nd

        return getattr(layers_nd, f"Dropout{n}d")(p).train(training)(input)
    channel_dropout.__name__ = f"dropout{n}d"
    return channel_dropout


dropout1d, dropout2d, dropout3d = _channel_dropout(1), _channel_dropout(2), _channel_dropout(3)
__all__ += ["dropout1d", "dropout2d", "dropout3d"]
from reference.nn.alpha_dropout import alpha_dropout, feature_alpha_dropout  # noqa: E402 - nn.layers.*alpha-dropout

__all__ += ["alpha_dropout", "feature_alpha_dropout"]
from reference.nn._losses_more import triplet_margin_with_distance_loss  # noqa: E402 - nn.losses.*

__all__ += ["triplet_margin_with_distance_loss"]
from reference.nn.rrelu import rrelu, rrelu_  # noqa: E402 - nn.activations.rrelu

__all__ += ["rrelu", "rrelu_"]
from reference.nn.embedding_bag import embedding_bag  # noqa: E402 - nn.layers.embedding-bag

__all__ += ["embedding_bag"]
