"""PaddlePaddle scored through its own torch proxy: ``import torch`` then loads paddle.

Zero adapter code: the proxied module is the namespace as is; submodules the proxy does not resolve
(optim, utils.data) are the library's result.
"""
from __future__ import annotations

from pathlib import Path

from conformance.backend import Adapter

DEVIATIONS = Path(__file__).resolve().parent.parent / "deviations" / "paddle.toml"


def adapter() -> Adapter:
    import importlib
    import sys

    import paddle

    if "torch" in sys.modules and sys.modules["torch"] is not paddle:
        raise ImportError("the real torch is already imported in this process, so paddle's torch proxy cannot take its place")
    paddle.compat.enable_torch_proxy()
    return Adapter(name="paddle", namespace=importlib.import_module("torch"), version=paddle.__version__,
                   deviations_file=DEVIATIONS)
