"""Small helpers shared by the nn checks: seeds, parameter reads and writes, tolerances.

Tensors are built by ``suites.inputs`` (the one builder); this module only reads them back or
overwrites a parameter's values."""
from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from conformance import dtypes
from conformance.assertions import dtype_name, expect, to_numpy
from suites.inputs import tensor_of

seeds = st.integers(0, 2**16)


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def as_f32(arr) -> np.ndarray:
    """``arr`` rounded to float32 and back to float64, the values the backend really sees."""
    return np.asarray(arr, dtype=np.float32).astype(np.float64)


def param(t) -> np.ndarray:
    """A parameter's values read through the adapter (reading is fine; the oracle is NumPy)."""
    return to_numpy(t).astype(np.float64)


def shape_of(t) -> tuple[int, ...]:
    return tuple(int(s) for s in t.shape)


def expect_parameter_shapes(module, want: dict[str, tuple[int, ...]], call: str) -> None:
    """named_parameters() gives exactly ``want``'s names with these shapes, in any order (the order is a
    behaviour of its own, nn.module.named-parameters-order)."""
    got = {name: shape_of(p) for name, p in module.named_parameters()}
    expect(got == want, call=call + ".named_parameters()", expected=f"names and shapes {want}", got=got)


def in_mode(module, training: bool):
    """``module`` after ``module.train(training)``, whatever train() returns (that is nn.module.train-eval's)."""
    module.train(training)
    return module


def set_param(xp, p, arr) -> None:
    """Overwrite a parameter or buffer in place, outside autograd."""
    with xp.no_grad():
        p.copy_(tensor_of(xp, arr, dtype_name(p)))


F32_TOL = dict(zip(("rtol", "atol"), dtypes.tolerance("float32")))
"""float32's default tolerance, for float32 results read back as float64 or compared with NumPy's isclose."""
TOL = {"rtol": 1e-4, "atol": F32_TOL["atol"]}
"""float32 layers summing a few dozen products: the rounding accumulates beyond float32's default rtol."""
NORM_TOL = {"rtol": 1e-4, "atol": 1e-4}
"""Normalised outputs (x - mean) / sqrt(var + eps): float32 batch statistics' rounding, divided by the std, exceeds TOL's atol."""
TINY_SPREAD_TOL = {"rtol": 1e-3, "atol": 1e-3}
"""Normalising a spread near sqrt(eps) (randn * 3e-3): float32 statistics of tiny values lose relative precision; eps's
effect there is tens of percent, far above this."""
NET_TOL = {"rtol": 1e-4, "atol": 1e-4}
"""The tutorial net's output: conv, pool and a 1350-long float32 dot product accumulate rounding."""
NET_GRAD_TOL = {"rtol": 1e-3, "atol": 1e-4}
"""The tutorial net's gradients: sums over the batch and 1350 inputs, backwards through float32 relu and pooling."""
LOSS_GRAD_TOL = {"rtol": 1e-3, "atol": 1e-5}
"""The tutorial net's gradients through MSELoss: its 2 / 10 scales them down, and the atol with them."""
ORTHONORMAL_TOL = {"rtol": 1e-5, "atol": 1e-5}
"""The Gram matrix of a float32 orthogonal matrix: a float32 QR is orthonormal to a few ulps, times gain**2."""
EXACT = {"rtol": 0.0, "atol": 0.0}
"""Identities (eval-mode dropout): the input's values exactly."""
