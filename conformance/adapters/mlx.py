"""Apple's mlx (``pip install 'torch-conformance[mlx]'``): torch names routed to mlx.core, mlx.nn, mlx.optimizers.

mlx differs by design (functional autograd, NHWC convolutions, int32 default integers); the adapter
routes names and calling conventions only, so every difference shows up as a failure, a declared
deviation or, for whole capabilities mlx leaves to other packages, ``unsupported``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from conformance.adapters.routing import Routed, same
from conformance.backend import Adapter

DEVIATIONS = Path(__file__).resolve().parent.parent / "deviations" / "mlx.toml"

ROUTES = {
    "tensor": "array", "Tensor": "array", "as_tensor": "asarray", "from_numpy": "array",
    "cat": "concatenate", "div": "divide", "true_divide": "divide", "mul": "multiply", "sub": "subtract",
    "clamp": "clip", "permute": "transpose", "manual_seed": "random.seed",
    "bool": "bool_", "float": "float32", "double": "float64", "half": "float16", "int": "int32", "long": "int64",
    "short": "int16",
}


def adapter() -> Adapter:
    import mlx.core as mx
    import mlx.nn
    import mlx.optimizers

    def stream(device: Any) -> Any:
        """torch device names to mlx devices: "cpu" -> mx.cpu, "gpu" -> mx.gpu."""
        return {"cpu": mx.cpu, "gpu": mx.gpu}.get(str(device), device)

    def to_numpy(array: Any) -> np.ndarray:
        if isinstance(array, mx.array) and array.dtype == mx.bfloat16:
            array = array.astype(mx.float32)  # NumPy has no bfloat16; float32 holds each value exactly
        return np.array(array, copy=True)

    namespace = Routed("mlx", (mx,), {**ROUTES, "nn": mlx.nn, "optim": mlx.optimizers},
                       keywords={"dim": ("axis", same), "keepdim": ("keepdims", same), "device": ("stream", stream)})
    return Adapter(
        name="mlx", namespace=namespace, version=str(getattr(mx, "__version__")),  # untyped in mlx.core stubs
        devices=("cpu", "gpu"), device_available=lambda d: d == "cpu" or (d == "gpu" and mx.is_available(mx.gpu)),
        to_numpy=to_numpy,
        # mlx's autograd is functional (mx.grad of a function): no requires_grad, backward() or .grad on arrays;
        # it has no datasets or loaders (mlx-data is a separate package)
        unsupported=("autograd.*", "data.*"),
        deviations_file=DEVIATIONS,
    )
