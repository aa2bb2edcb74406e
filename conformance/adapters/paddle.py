"""PaddlePaddle scored through its own torch proxy: ``import torch`` then loads paddle.

Zero adapter code: the proxied module is the namespace as is; submodules the proxy does not resolve
(optim, utils.data) are the library's result.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from conformance.backend import Adapter

DEVIATIONS = Path(__file__).resolve().parent.parent / "deviations" / "paddle.toml"


def adapter() -> Adapter:
    import paddle

    paddle.compat.enable_torch_proxy()
    namespace = importlib.import_module("torch")
    if Path(str(namespace.__file__)).parent != Path(str(paddle.__file__)).parent:
        raise ImportError("the real torch was imported before paddle's torch proxy was enabled")
    return Adapter(name="paddle", namespace=namespace, version=paddle.__version__, deviations_file=DEVIATIONS)
