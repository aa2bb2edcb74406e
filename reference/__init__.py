"""The NumPy reference backend: a readable, executable statement of the catalogue.

Pure Python + NumPy; imports neither torch nor the harness. Use it as
``--backend reference``. Each module states the behaviour IDs it implements.
"""
from __future__ import annotations

import builtins as _builtins

from reference import _methods  # noqa: F401 - binds Tensor methods and operators
from reference import autograd, cuda  # noqa: F401 - reference.cuda (device.cuda.*)
from reference import nn  # noqa: F401 - reference.nn (nn.*)
from reference import optim  # noqa: F401 - reference.optim (optim.*)
from reference import utils  # noqa: F401 - reference.utils.data (data.*)
from reference._conversions import clone, conj, resolve_conj
from reference._creation import (arange, as_tensor, empty, empty_like, eye, full, full_like, linspace, ones,
                                 ones_like, rand, rand_like, randint, randint_like, randn, randn_like, randperm,
                                 scalar_tensor, tensor, zeros, zeros_like)
from reference._creation import range  # noqa: A004 - torch.range, deprecated and inclusive
from reference._device import device
from reference._dtype import (bfloat16, can_cast, complex64, complex128, dtype, float16, float32, float64,
                              get_default_dtype, int8, int16, int32, int64, promote_types, set_default_dtype, uint8)
from reference._dtype import bool_ as bool  # noqa: A001 - torch's name
from reference._joining import cat, concat, concatenate, flip, hstack, stack, vstack
from reference._indexing import *  # noqa: F401,F403 - indexing, gather and scatter family (ops.indexing.*)
from reference._sorting import *  # noqa: F401,F403 - sorting and searching family (ops.sort.*)
from reference._reductions import *  # noqa: F401,F403 - reductions and scans family (ops.reduce.*, ops.scan.*)
from reference import linalg  # noqa: F401 - reference.linalg (ops.linalg.*, and vector_norm for ops.reduce.*)
from reference._rearranging import *  # noqa: F401,F403 - joining and rearranging family (ops.join.*, ops.rearrange.*)
from reference._numpy_bridge import from_numpy
from reference._warnings import is_warn_always_enabled, set_warn_always
from reference._ops import (abs, add, all, allclose, amax, amin, any, argmax, argmin, bitwise_and, bitwise_or,
                            bitwise_xor, ceil, clamp, clip, cos, div, eq, equal, exp, floor, floor_divide,
                            fmod, ge, greater, greater_equal, gt, isfinite, isinf, isnan, le, less, less_equal, log,
                            logical_and, logical_not, logical_or, logical_xor, lt, matmul, max, maximum, mean, min,
                            minimum, mul, ne, neg, not_equal, pow, prod, relu, remainder, round, sigmoid, sign,
                            sin, sqrt, square, std, sub, sum, tanh, true_divide, trunc, var, where)
from reference._elementwise import *  # noqa: F401,F403 - ops.unary.*, ops.binary.*; after _ops: replaces some
from reference._forms import multiply, positive, subtract  # noqa: F401 - aliases and extra call forms
from reference._view_copies import *  # noqa: F401,F403 - view.forms.copies
from reference._structural import *  # noqa: F401,F403 - stack-like, combinatorial and *_scatter ops
from reference._numeric import *  # noqa: F401,F403 - cov, trapezoid, frexp, mvlgamma, renorm, softmax...
from reference._windows import *  # noqa: F401,F403 - creation.window.*
from reference import _polynomials  # noqa: F401 - binds reference.special's orthogonal polynomials
from reference._special_series import igamma, igammac  # noqa: F401 - and special.gammainc, i1, bessel_j0...
from reference._linalg_ops import (addbmm, addmm, addmv, addr, baddbmm, bmm, cdist, cross, dist, dot, einsum, inner, kron,
                                   mm, mv, outer, pairwise_distance, pdist, tensordot, trace, vander, vdot)
from reference.linalg import (cholesky_inverse, cholesky_solve, det, geqrf, inv as inverse, logdet, lu_unpack, matrix_exp,
                              matrix_power, orgqr, ormqr, pinv as pinverse, slogdet)
from reference._random import Generator, default_generator, initial_seed, manual_seed, seed
from reference._interop import from_dlpack, to_dlpack
from reference._creation_more import (asarray, bernoulli, complex, empty_strided, frombuffer, get_rng_state,  # noqa: A004
                                     logspace, multinomial, normal, poisson, polar, set_default_device, set_rng_state,
                                     tril_indices, triu_indices, empty_permuted)
from reference._tensor import Size, Tensor
from reference._views import (adjoint, chunk, diagonal, expand, flatten, hsplit, imag, movedim, narrow,
                              permute, real, reshape, select, split, squeeze, swapaxes, swapdims, t, tensor_split,
                              transpose, unbind, unflatten, unsqueeze, view_as_complex, view_as_real, vsplit)
from reference._memory import UntypedStorage, as_strided
from reference.autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from reference._dtype import result_type as _result_type

__version__ = "0.1.0"

float = float32  # noqa: A001 - torch's aliases
double = float64
half = float16
long = int64
int = int32  # noqa: A001
short = int16
cfloat = complex64
cdouble = complex128


class layout:
    """Only strided (dense) tensors exist here."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"reference.{self.name}"


class memory_format(layout):
    pass


strided = layout("strided")
preserve_format = memory_format("preserve_format")
contiguous_format = memory_format("contiguous_format")


def result_type(*operands: object) -> dtype:
    return _result_type(*operands)


def is_tensor(obj: object) -> bool:
    return isinstance(obj, Tensor)


def is_floating_point(x: Tensor) -> bool:
    return x.is_floating_point()


def is_complex(x: Tensor) -> bool:
    return x.is_complex()


def numel(x: Tensor) -> "_builtins.int":
    return x.numel()


def get_default_device() -> device:
    from reference._device import as_device

    return as_device(None)
