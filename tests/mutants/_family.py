"""Mutants derived per spec-table row of the op families (ops_joining, ops_indexing, ops_sorting,
ops_reductions): a row's function returning wrong values, or ignoring one of its arguments."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, combine, replace


def _off(result: Any) -> Any:
    """The result made wrong: tensors off by one (bool negated), the first item of a tuple, a size one longer."""
    import torch

    if isinstance(result, torch.Size):
        return torch.Size([*result, 1])
    if isinstance(result, torch.Tensor):
        return result.logical_not() if result.dtype == torch.bool else result + 1
    if isinstance(result, (tuple, list)):
        return (_off(result[0]), *result[1:])
    return result


def wrong_values(bid: str, *targets: str) -> Mutant:
    """``targets`` (``cat``, ``Tensor.flip``) return off-by-one results."""
    patches = [replace(t, lambda orig: lambda *a, **k: _off(orig(*a, **k))) for t in targets]
    return Mutant(f"{bid.removeprefix('ops.')}-wrong-values", (bid,), combine(*patches))


def ignores(bid: str, target: str, keyword: str, position: int | None = None, what: str = "") -> Mutant:
    """``target`` drops its ``keyword`` argument (also when passed at ``position``)."""
    def make(orig: Callable[..., Any]) -> Callable[..., Any]:
        def mutant(*args: Any, **kwargs: Any) -> Any:
            kwargs.pop(keyword, None)
            if position is not None and len(args) > position:
                args = args[:position] + args[position + 1:]
            return orig(*args, **kwargs)
        return mutant

    return Mutant(f"{bid.removeprefix('ops.')}-ignores-{what or keyword}", (bid,), replace(target, make))


def rewrites(bid: str, target: str, what: str, change: Callable[[tuple, dict], tuple[tuple, dict]]) -> Mutant:
    """``target`` called with arguments rewritten by ``change(args, kwargs)``."""
    def make(orig: Callable[..., Any]) -> Callable[..., Any]:
        return lambda *a, **k: orig(*change(a, k)[0], **change(a, k)[1])

    return Mutant(f"{bid.removeprefix('ops.')}-{what}", (bid,), replace(target, make))
