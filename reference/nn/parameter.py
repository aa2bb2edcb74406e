"""nn.Parameter: a Tensor that a Module registers as a parameter when assigned as an attribute
(nn.module.subclass-forward, nn.module.parameters-recurse).

A Parameter shares its data's storage and version counter, requires grad by default (even when
made inside no_grad, autograd.requires-grad.factory-default) and is always a leaf.
"""
from __future__ import annotations

from typing import Any

from reference import _creation
from reference._tensor import Tensor


class Parameter(Tensor):
    """``Parameter(data=None, requires_grad=True)``: ``data`` viewed as a leaf that needs a gradient."""

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True) -> None:
        if data is None:
            data = _creation.empty(0)
        super().__init__(data._a, data.dtype, data.device, requires_grad=requires_grad, version=data._version)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    def __reduce__(self) -> Any:
        return (Parameter, (Tensor(self._a.copy(), self.dtype, self.device), self.requires_grad))
