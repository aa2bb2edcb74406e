"""The behaviour catalogue: every documented behaviour the suite checks.

Behaviours are data: one TOML file per topic beside this module (``ops.toml``), plus any
number of family files in a folder of the topic's name (``ops/unary.toml``), so a reader
finds any behaviour from its ID without reading code. Format: docs/writing-checks.md.
"""
from __future__ import annotations

import functools
import tomllib
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TOPICS: tuple[str, ...] = ("creation", "ops", "view", "numpy", "device", "autograd", "nn", "optim", "data")
"""The nine topics, in catalogue order; each is also a pytest marker."""

_HERE = Path(__file__).parent


class UnknownBehaviour(ValueError):
    """A check cited a behaviour ID the catalogue does not define."""


@dataclass(frozen=True)
class Behaviour:
    """One catalogued behaviour: what must hold, and where that is written down."""

    id: str
    statement: str
    topic: str
    tutorial: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    documented: bool = True
    difference: str = ""
    api: tuple[str, ...] = ()
    """Fully qualified public names this behaviour covers (``torch.cat``, ``torch.Tensor.add_``)."""

    @property
    def source(self) -> str:
        """Human-readable source line: tutorial items first, then documentation."""
        parts = [f"tutorial {t}" for t in self.tutorial] + list(self.docs)
        if not self.documented:
            parts.append("observed behaviour, not documented")
        return "; ".join(parts)


@dataclass(frozen=True)
class Topic:
    """A topic file: its behaviours plus the spec facts it deliberately leaves out."""

    name: str
    title: str
    facts_count: int
    behaviours: tuple[Behaviour, ...]
    not_covered: dict[str, str] = field(default_factory=dict)


def _topic_files(name: str) -> list[Path]:
    """The topic's main file first, then its family files in name order."""
    main = _HERE / f"{name}.toml"
    return ([main] if main.exists() else []) + sorted((_HERE / name).glob("*.toml"))


def _load_behaviours(path: Path, name: str, data: dict[str, Any]) -> list[Behaviour]:
    behaviours = []
    for entry in data.get("behaviour", []):
        bid = entry["id"]
        if not bid.startswith(name + "."):
            raise ValueError(f"{path.name}: behaviour {bid!r} must start with {name!r}.")
        behaviours.append(
            Behaviour(
                id=bid,
                statement=entry["statement"],
                topic=name,
                tutorial=tuple(entry.get("tutorial", ())),
                docs=tuple(entry.get("docs", ())),
                facts=tuple(entry.get("facts", ())),
                documented=entry.get("documented", True),
                difference=entry.get("difference", ""),
                api=tuple(entry.get("api", ())),
            )
        )
    return behaviours


def _load_topic(name: str) -> Topic:
    files = _topic_files(name)
    if not files:
        return Topic(name, name, 0, ())
    behaviours: list[Behaviour] = []
    not_covered: dict[str, str] = {}
    head: dict[str, Any] = {}
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        head = head or data
        behaviours += _load_behaviours(path, name, data)
        not_covered.update({e["fact"]: e["why"] for e in data.get("not_covered", [])})
    return Topic(name, head.get("title", name), head.get("facts_count", 0), tuple(behaviours), not_covered)


@functools.cache
def topics() -> dict[str, Topic]:
    """All topics, loaded once."""
    return {name: _load_topic(name) for name in TOPICS}


@functools.cache
def behaviours() -> dict[str, Behaviour]:
    """Every behaviour by ID; duplicate IDs are a catalogue error."""
    found: dict[str, Behaviour] = {}
    for topic in topics().values():
        for b in topic.behaviours:
            if b.id in found:
                raise ValueError(f"behaviour {b.id!r} is defined twice")
            found[b.id] = b
    return found


@functools.cache
def tutorial_items() -> dict[str, dict[str, str]]:
    """The tutorial's items (T01..T52), restated in tutorial.toml."""
    data = tomllib.loads((_HERE / "tutorial.toml").read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["item"]}


def lookup(behaviour_id: str) -> Behaviour:
    try:
        return behaviours()[behaviour_id]
    except KeyError:
        raise UnknownBehaviour(
            f"unknown behaviour ID {behaviour_id!r}: add it to conformance/catalogue/"
            f"{behaviour_id.split('.')[0]}.toml or fix the citation"
        ) from None


def check(*behaviour_ids: str) -> pytest.MarkDecorator:
    """Declare the behaviour(s) a check verifies.

    Unknown IDs raise at import, so the check's module fails to collect: a check
    can never silently verify nothing. IDs must be string literals (the coverage
    scanner reads them from the source).
    """
    if not behaviour_ids:
        raise UnknownBehaviour("check() needs at least one behaviour ID")
    for bid in behaviour_ids:
        lookup(bid)
    return pytest.mark.behaviour(*behaviour_ids)
