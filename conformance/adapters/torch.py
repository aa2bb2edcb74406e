"""PyTorch itself: the namespace ``torch``, on the CPU and, where present, CUDA."""
from __future__ import annotations

from pathlib import Path

from conformance.backend import Adapter

DEVIATIONS = Path(__file__).resolve().parent.parent / "deviations" / "torch.toml"


def adapter() -> Adapter:
    import os

    import torch

    if os.environ.get("PYTEST_XDIST_WORKER"):
        torch.set_num_threads(1)  # parallel workers already use every core; more threads only contend

    def available(device: str) -> bool:
        if device == "cpu":
            return True
        if device == "cuda":
            return torch.cuda.is_available()
        return False

    return Adapter(
        name="torch",
        namespace=torch,
        version=torch.__version__,
        devices=("cpu", "cuda"),
        device_available=available,
        device_model=lambda device: torch.cuda.get_device_name() if device == "cuda" else None,
        deviations_file=DEVIATIONS,
    )
