"""The adapter a mutant run loads: torch, already patched by the runner ($CONFORMANCE_MUTANT names it)."""
from __future__ import annotations

import os

from conformance.backend import Adapter


def adapter() -> Adapter:
    import torch

    return Adapter(name=f"mutant:{os.environ.get('CONFORMANCE_MUTANT', '?')}", namespace=torch,
                   version=torch.__version__, devices=("cpu",))
