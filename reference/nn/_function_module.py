"""Modules that only store options and call one nn.functional function (activations, losses).

``function_module(name, function, *options)`` makes the class: options are ``(name, default)``
pairs bound like a signature (the first ``positional`` of them may be passed by position);
tensor options (a loss's ``weight``) are registered as buffers, as torch does.
"""
from __future__ import annotations

from typing import Any, Callable

from reference._tensor import Tensor
from reference.nn.module import Module

REQUIRED = object()


class FunctionModule(Module):
    """forward(*inputs) is ``FUNCTION(*inputs, **options)``."""

    OPTIONS: tuple[tuple[str, Any], ...] = ()
    POSITIONAL: int = 0
    FUNCTION: Callable[..., Tensor]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        names = [name for name, _ in self.OPTIONS]
        if len(args) > self.POSITIONAL:
            raise TypeError(f"{type(self).__name__}() takes at most {self.POSITIONAL} positional arguments")
        unknown = set(kwargs) - set(names)
        if unknown:
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {sorted(unknown)[0]!r}")
        values = dict(self.OPTIONS) | dict(zip(names, args)) | kwargs
        for name, value in values.items():
            if value is REQUIRED:
                raise TypeError(f"{type(self).__name__}() missing required argument {name!r}")
            if isinstance(value, Tensor):
                self.register_buffer(name, value)
            else:
                setattr(self, name, value)

    def forward(self, *inputs: Tensor) -> Tensor:
        return type(self).FUNCTION(*inputs, **{name: getattr(self, name) for name, _ in self.OPTIONS})

    def extra_repr(self) -> str:
        return ", ".join(f"{name}={getattr(self, name)}" for name, _ in self.OPTIONS if not isinstance(
            getattr(self, name), Tensor))


def function_module(name: str, function: Callable[..., Tensor], *options: tuple[str, Any],
                    positional: int | None = None) -> type[FunctionModule]:
    return type(name, (FunctionModule,), {"OPTIONS": options, "FUNCTION": staticmethod(function), "__module__":
                                          "reference.nn", "POSITIONAL": len(options) if positional is None
                                          else positional})
