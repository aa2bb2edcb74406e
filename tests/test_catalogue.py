"""The catalogue is complete and consistent: every tutorial item and docs fact is covered
or explained, every behaviour is checked, and checks never touch torch directly."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conformance import catalogue
from conformance.cli import tutorial_markdown
from conformance.coverage import declared_behaviours

ROOT = Path(__file__).resolve().parent.parent
ID_FORMAT = re.compile(r"^[a-z]+(\.[a-z0-9][a-z0-9_-]*){2,}$")


def test_behaviour_ids_are_well_formed_and_sourced() -> None:
    for b in catalogue.behaviours().values():
        assert ID_FORMAT.match(b.id), b.id
        assert b.statement.strip() and "\n" not in b.statement, b.id
        assert b.tutorial or b.docs, f"{b.id} has no source"
        for url in b.docs:
            assert url.startswith("https://"), f"{b.id}: docs source {url!r} is not a URL"


def test_every_tutorial_item_is_cited() -> None:
    items = catalogue.tutorial_items()
    assert list(items) == [f"T{i:02d}" for i in range(1, 53)]
    cited = {t for b in catalogue.behaviours().values() for t in b.tutorial}
    assert cited <= set(items), f"unknown tutorial items cited: {cited - set(items)}"
    assert set(items) - cited == set(), f"tutorial items no behaviour cites: {sorted(set(items) - cited)}"


@pytest.mark.parametrize("section, topic", list(enumerate(catalogue.TOPICS, start=1)))
def test_every_docs_fact_is_covered_or_explained(section: int, topic: str) -> None:
    t = catalogue.topics()[topic]
    assert t.facts_count > 0, f"{topic}.toml lacks facts_count"
    cited = {f for b in t.behaviours for f in b.facts}
    expected = {f"{section}.{n}" for n in range(1, t.facts_count + 1)}
    outside = sorted((cited | set(t.not_covered)) - expected)
    assert not outside, f"{topic}: facts outside section {section}: {outside}"
    missing = expected - cited - set(t.not_covered)
    assert not missing, f"{topic}: facts neither covered nor explained: {sorted(missing, key=lambda f: int(f.split('.')[1]))}"
    for fact, why in t.not_covered.items():
        assert why.strip(), f"{topic}: fact {fact} left out without a reason"


def test_every_behaviour_has_a_check() -> None:
    uncovered = sorted(set(catalogue.behaviours()) - set(declared_behaviours()))
    assert not uncovered, f"behaviours with no check: {uncovered}"


def test_tutorial_doc_is_in_sync() -> None:
    assert (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8") == tutorial_markdown(), \
        "regenerate with: torch-conformance tutorial > docs/tutorial.md"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_checks_never_import_torch() -> None:
    offenders = [p for p in (ROOT / "suites").rglob("*.py") if "torch" in _imports(p)]
    assert not offenders, f"checks must reach the backend only through xp: {offenders}"


def test_checks_never_use_bare_assert() -> None:
    """A bare assert fails without naming the call, inputs, expected and got (and vanishes under -O):
    checks and their helper modules fail through conformance.assertions."""
    offenders = [f"{p.relative_to(ROOT)}:{node.lineno}" for p in sorted((ROOT / "suites").rglob("*.py"))
                 for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))) if isinstance(node, ast.Assert)]
    assert not offenders, f"bare assert in checks (use conformance.assertions.expect and friends): {offenders}"


def test_global_backend_state_is_restored_after_every_check() -> None:
    """The plugin's autouse fixture sets back what a check changed; proved at run time in test_adapter_capabilities."""
    from conformance import plugin

    restored = {get for get, _ in plugin.GLOBAL_STATE}
    assert {"get_default_dtype", "is_grad_enabled", "get_default_device"} <= restored
    assert plugin._restore_backend_state._fixture_function_marker.autouse


def test_every_check_declares_its_behaviour() -> None:
    """A check cites with @check(...), or is parametrized over a spec table whose rows cite theirs."""
    declared = {where.split("::")[1] for checks in declared_behaviours().values() for where in checks}
    for path in (ROOT / "suites").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                tables = {n.id for d in node.decorator_list for n in ast.walk(d) if isinstance(n, ast.Name)}
                assert node.name in declared or tables & declared, f"{path.name}::{node.name} has no @check(...)"


def test_unknown_behaviour_is_a_collection_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bad='''
from conformance import check

@check("creation.no-such.behaviour")
def test_x(xp):
    pass
''')
    result = pytester.runpytest_subprocess("-p", "no:xdist")
    assert result.ret == pytest.ExitCode.INTERRUPTED  # collection errors stop the run
    result.stdout.fnmatch_lines(["*unknown behaviour ID 'creation.no-such.behaviour'*"])

