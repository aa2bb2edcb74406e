"""Mutants: deliberately broken torch backends, each breaking one documented behaviour.

A mutant patches the real ``torch`` and the suite's checks of the behaviours it names are
run against it (``tests/mutants/runner.py``: one subprocess per batch of a topic's mutants,
each mutant applied and undone in turn, so torch is imported once per batch). ``tests/test_mutants.py`` asserts that every
behaviour the mutant names is reported ``failed``. This is how the suite proves each check can fail.

Topic modules (``tests/mutants/<topic>.py``, and family modules ``tests/mutants/<topic>_<family>.py``)
each define ``MUTANTS: list[Mutant]``.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

_MISSING = object()
TOPIC_MODULES = ("creation", "ops", "view", "numpy", "device", "autograd", "nn", "optim", "data")


@dataclass(frozen=True)
class Mutant:
    """``patch(module)`` breaks the backend and returns an undo; ``breaks`` must then be ``failed``.

    ``backend`` is the module patched: ``torch``, or ``reference`` for behaviours that need a
    second device (the reference backend has a fake one; this machine has no CUDA).
    ``spares`` are behaviours the mutant must leave ``passed``: a check of one of them that failed
    would be asserting something outside its own behaviour (one check, one behaviour).
    """

    name: str
    breaks: tuple[str, ...]
    patch: Callable[[Any], Callable[[], None]] = field(repr=False)
    backend: str = "torch"
    spares: tuple[str, ...] = ()


def replace(target: str, make: Callable[[Any], Any]) -> Callable[[Any], Callable[[], None]]:
    """A patch replacing ``torch.<target>`` (dotted, e.g. ``Tensor.view``) by ``make(original)``."""

    def patch(torch: Any) -> Callable[[], None]:
        owner_path, _, attr = target.rpartition(".")
        owner = torch
        for part in filter(None, owner_path.split(".")):
            owner = getattr(owner, part)
        # On a class, keep the raw attribute (a classmethod or staticmethod object), not the bound result.
        raw = vars(owner).get(attr, _MISSING) if isinstance(owner, type) else getattr(owner, attr)
        setattr(owner, attr, make(getattr(owner, attr)))

        def undo() -> None:
            if raw is _MISSING:
                delattr(owner, attr)
            else:
                setattr(owner, attr, raw)

        return undo

    return patch


def combine(*patches: Callable[[Any], Callable[[], None]]) -> Callable[[Any], Callable[[], None]]:
    """Several patches applied together, undone in reverse order."""

    def patch(torch: Any) -> Callable[[], None]:
        undos = [p(torch) for p in patches]

        def undo() -> None:
            for u in reversed(undos):
                u()

        return undo

    return patch


def _mutant_modules() -> list[str]:
    """``<topic>`` and ``<topic>_<family>`` modules of this package, in topic order."""
    names = [m.name for m in pkgutil.iter_modules(__path__)]
    return [n for topic in TOPIC_MODULES for n in sorted(names) if n == topic or n.startswith(topic + "_")]


def all_mutants() -> dict[str, Mutant]:
    return {name: mutant for name, (mutant, _) in _mutants_with_modules().items()}


def mutant_module(name: str) -> str:
    """The module (``ops``, ``ops_elementwise``, ...) defining mutant ``name``."""
    return _mutants_with_modules()[name][1]


@functools.cache
def _mutants_with_modules() -> dict[str, tuple[Mutant, str]]:
    found: dict[str, tuple[Mutant, str]] = {}
    for module_name in _mutant_modules():
        module = importlib.import_module(f"tests.mutants.{module_name}")
        for mutant in module.MUTANTS:
            if mutant.name in found:
                raise ValueError(f"duplicate mutant name {mutant.name!r}")
            found[mutant.name] = (mutant, module_name)
    return found
