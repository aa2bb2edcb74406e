"""The ``*_copy`` functions (view.forms.copies): the view op's result, each tensor cloned so nothing aliases
the input."""
from __future__ import annotations

from typing import Any, Callable

from reference._tensor import Tensor

VIEW_OPS = ("permute", "transpose", "t", "squeeze", "unsqueeze", "view", "narrow", "select", "diagonal", "unfold",
            "as_strided", "unbind", "split", "split_with_sizes")


def _copying(name: str) -> Callable[..., Any]:
    def copy(input: Tensor, *args: Any, **kwargs: Any) -> Any:  # noqa: A002 - torch's keyword name
        result = getattr(Tensor, name)(input, *args, **kwargs)
        return tuple(t.clone() for t in result) if isinstance(result, (tuple, list)) else result.clone()

    copy.__name__ = name + "_copy"
    return copy


globals().update({name + "_copy": _copying(name) for name in VIEW_OPS})
Tensor.narrow_copy = globals()["narrow_copy"]

__all__ = [name + "_copy" for name in VIEW_OPS]
