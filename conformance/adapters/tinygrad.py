"""tinygrad (``pip install 'torch-conformance[tinygrad]'``): torch names routed to tinygrad's Tensor, dtypes and nn.

Its CPU device compiles kernels with clang; ``DEV=PYTHON`` runs them in pure Python instead (slow).
Routing only: tinygrad's factories are Tensor static methods, its dtypes live in ``dtypes``.
"""
from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import numpy as np

from conformance.adapters.routing import Routed
from conformance.backend import Adapter

DEVIATIONS = Path(__file__).resolve().parent.parent / "deviations" / "tinygrad.toml"
TORCH_DTYPES = ("bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
                "float16", "bfloat16", "float32", "float64")
TORCH_DTYPE_ALIASES = ("float", "double", "half", "int", "long", "short")  # the same dtypes in tinygrad's dtypes
ROUTES = {"tensor": "Tensor", "as_tensor": "Tensor", "from_numpy": "Tensor"}


def adapter() -> Adapter:
    import tinygrad
    from tinygrad import Tensor, dtypes, nn

    def dtype_name(dtype: Any) -> str:
        """tinygrad names dtypes after C (``long``); say the torch name of the same dtype (``int64``)."""
        return next((n for n in TORCH_DTYPES if getattr(dtypes, n) == dtype), str(dtype))

    def to_numpy(tensor: Any) -> np.ndarray:
        if tensor.dtype == dtypes.bfloat16:
            tensor = tensor.cast(dtypes.float32)  # NumPy has no bfloat16; float32 holds each value exactly
        return np.array(tensor.numpy(), copy=True)

    # dtype names first: Tensor has cast methods of the same names (Tensor.float, Tensor.bool, ...)
    dtype_routes = {n: getattr(dtypes, n) for n in (*TORCH_DTYPES, *TORCH_DTYPE_ALIASES)}
    namespace = Routed("tinygrad", (Tensor, dtypes, tinygrad), {**dtype_routes, **ROUTES, "nn": nn, "optim": nn.optim})
    return Adapter(
        name="tinygrad", namespace=namespace, version=importlib.metadata.version("tinygrad"),
        to_numpy=to_numpy, dtype_name=dtype_name,
        unsupported=("data.*",),  # tinygrad has no datasets, samplers or loaders
        deviations_file=DEVIATIONS,
    )
