"""A torch-named view of another library, for adapters that only route names and calling conventions.

``xp.<name>`` resolves through a table of routes (torch name -> the library's own name or object),
else as is in the library's own namespaces; a name found nowhere raises AttributeError, which the
check reports as the backend's failure. Functions can have keyword arguments renamed (``dim`` ->
``axis``) and device names mapped; nothing else is added: no behaviour is implemented here.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Mapping, Sequence

_MISSING = object()


class Routed:
    """The namespace handed to checks as ``xp``."""

    def __init__(self, label: str, sources: Sequence[Any], routes: Mapping[str, Any],
                 keywords: Mapping[str, tuple[str, Callable[[Any], Any]]] | None = None) -> None:
        """``routes``: torch name -> dotted name in ``sources`` or the object itself; ``keywords``: torch
        keyword -> (the library's keyword, how to map its value)."""
        self._label, self._sources, self._routes = label, tuple(sources), dict(routes)
        self._keywords = dict(keywords or {})

    def __repr__(self) -> str:
        return f"<{self._label} routed as torch>"

    def _find(self, name: str) -> Any:
        route = self._routes.get(name, name)
        if not isinstance(route, str):
            return route
        for source in self._sources:
            found: Any = source
            for part in route.split("."):
                found = getattr(found, part, _MISSING)
                if found is _MISSING:
                    break
            if found is not _MISSING:
                return found
        raise AttributeError(f"{self._label} has nothing for torch.{name}")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        found = self._find(name)
        if self._keywords and callable(found) and not isinstance(found, type):
            return self._renaming(found)
        return found

    def _renaming(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """The same function, taking torch's keyword names (``dim=``) for the library's own (``axis=``)."""
        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            for torch_name, (own_name, convert) in self._keywords.items():
                if torch_name in kwargs:
                    kwargs[own_name] = convert(kwargs.pop(torch_name))
            return function(*args, **kwargs)
        return call


def same(value: Any) -> Any:
    """A keyword whose value needs no mapping, only a new name."""
    return value
