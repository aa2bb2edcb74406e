"""Run tiers: ``--tier smoke`` keeps one cheap check per behaviour and few hypothesis examples.

A smoke run answers "does every behaviour still run at all?" in seconds, before the full suite
answers "does the backend conform?". Per behaviour it keeps one item: a check without hypothesis
before one with it, then the first in collection order (the first parametrized row); an item
kept for one behaviour also counts for the others it cites. Hypothesis checks run under the
``smoke`` profile: :data:`SMOKE_EXAMPLES` generated examples plus their ``@example`` rows, from
one fixed seed. The report says ``run.tier = "smoke"`` in its metadata and headlines, and
behaviours whose checks were left out stay "not run": a smoke run is never a conformance figure.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import pytest

TIERS = ("full", "smoke")
SMOKE_EXAMPLES = 2
"""Generated examples per hypothesis check in the smoke profile (``@example`` rows run as well)."""
SMOKE_SEED = "0"
"""The smoke profile's ``--hypothesis-seed`` when none is given (see :func:`pytest_cmdline_main`)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torch-conformance")
    group.addoption("--tier", choices=TIERS, default="full",
                    help="full: every check; smoke: one cheap check per behaviour, hypothesis profile "
                         f"'smoke' ({SMOKE_EXAMPLES} examples) unless --hypothesis-profile says otherwise")


def tier(config: pytest.Config) -> str:
    return str(config.getoption("tier", None) or "full")


def default_profile(tier_name: str) -> str:
    """The hypothesis profile a tier runs under unless one is asked for: ``smoke`` for the smoke tier, else ``ci``."""
    return "smoke" if tier_name == "smoke" else "ci"


def smoke_profile(config: pytest.Config) -> bool:
    """The run's hypothesis profile is ``smoke``: asked for, or the smoke tier's default."""
    return (config.getoption("hypothesis_profile", None) or default_profile(tier(config))) == "smoke"


def pytest_cmdline_main(config: pytest.Config) -> None:
    """A smoke-profile run (controller and each xdist worker) draws from one fixed seed unless
    ``--hypothesis-seed`` says otherwise: as reproducible as derandomizing, which seeds each check
    from a hash of its source, computed twice per parametrized row (a fifth of a smoke run's time)."""
    if smoke_profile(config) and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = SMOKE_SEED


_SETTINGS_ATTR = "_hypothesis_internal_use_settings"
"""Where hypothesis keeps a check's own ``@settings`` (read when the check runs): a check's explicit
``max_examples`` would otherwise outrank the smoke profile."""


def _is_hypothesis(item: pytest.Item) -> bool:
    return bool(getattr(getattr(item, "obj", None), "is_hypothesis_test", False))


def _cost(item: pytest.Item) -> tuple[bool, bool]:
    """Skipped at collection (e.g. an absent device) last, then hypothesis checks (many examples)."""
    return item.get_closest_marker("skip") is not None, _is_hypothesis(item)


def _few_examples(item: pytest.Item) -> None:
    """Cap a hypothesis check's own ``max_examples`` at the smoke profile's (never raise it)."""
    from hypothesis import settings

    own = getattr(item.obj, _SETTINGS_ATTR, None)  # type: ignore[attr-defined]
    if own is not None and own.max_examples > SMOKE_EXAMPLES:
        setattr(item.obj, _SETTINGS_ATTR, settings(own, max_examples=SMOKE_EXAMPLES))  # type: ignore[attr-defined]


def smoke_selection(items: Sequence[pytest.Item], behaviours: Iterable[tuple[str, ...]]) -> list[int]:
    """Indices of the items a smoke run keeps: for each behaviour (in sorted order) not yet cited by a
    kept item, the cheapest item citing it (ties: collection order). ``behaviours``: each item's IDs;
    items citing none (not checks) are kept."""
    ids = list(behaviours)
    citing: dict[str, list[int]] = {}
    for index, cited in enumerate(ids):
        for bid in cited:
            citing.setdefault(bid, []).append(index)
    costs = [_cost(item) for item in items]
    kept = {index for index, cited in enumerate(ids) if not cited}
    covered: set[str] = set()
    for bid in sorted(citing):
        if bid in covered:
            continue
        best = min(citing[bid], key=lambda index: (costs[index], index))
        kept.add(best)
        covered.update(ids[best])
    return sorted(kept)


def register_profile() -> None:
    """The ``smoke`` hypothesis profile: the ci profile with :data:`SMOKE_EXAMPLES` examples, seeded by
    :data:`SMOKE_SEED` instead of derandomized (see :func:`pytest_cmdline_main`)."""
    from hypothesis import settings

    settings.register_profile("smoke", parent=settings.get_profile("ci"), max_examples=SMOKE_EXAMPLES, derandomize=False)


# Between the plugin's behaviour filter and decisions (tryfirst) and sharding (trylast), so every
# shard of a smoke run draws from the same smoke selection.
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if tier(config) != "smoke":
        return
    from conformance.plugin import behaviour_ids

    keep = set(smoke_selection(items, (behaviour_ids(item) for item in items)))
    dropped = [item for index, item in enumerate(items) if index not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for index, item in enumerate(items) if index in keep]
    for item in items:
        if _is_hypothesis(item):
            _few_examples(item)
