"""The README's headline figures, generated from one source: ``python -m tests.figures``
rewrites the block between the figure markers; ``tests/test_figures.py`` keeps it in sync."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from conformance import apisurface, catalogue
from conformance.coverage import declared_behaviours
from tests.mutants import all_mutants

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- figures:begin (python -m tests.figures) -->", "<!-- figures:end -->"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def figures_block() -> str:
    behaviours = catalogue.behaviours()
    declared = declared_behaviours()
    checks = {where for places in declared.values() for where in places}
    undocumented = sum(not b.documented for b in behaviours.values())
    differences = sum(bool(b.difference) for b in behaviours.values())
    mutants = all_mutants()
    per_topic = ", ".join(f"{t} {sum(b.topic == t for b in behaviours.values())}" for t in catalogue.TOPICS)
    return "\n".join([
        BEGIN,
        f"In numbers: **{_plural(len(behaviours), 'behaviour')}** ({per_topic}); {undocumented} of them observed",
        f"but undocumented (marked so) and {differences} recording where the tutorial is out of date;",
        f"**{_plural(len(checks), 'check')}** citing them and **{_plural(len(mutants), 'mutant')}**, every one caught",
        "under the behaviour it breaks, with every behaviour broken by at least one.",
        "",
        *_api_table(),
        END,
    ])


def _api_table() -> list[str]:
    """Covered / in scope / out of scope per namespace of the API surface (`torch-conformance coverage --api`)."""
    rows = apisurface.coverage()
    covered, in_scope = sum(len(r.covered) for r in rows), sum(r.in_scope for r in rows)
    out = sum(r.out_of_scope for r in rows)
    lines = [f"API surface (torch {apisurface.load_surface().torch_version}): **{covered} of {in_scope} in-scope names covered "
             f"({100 * covered / in_scope:.1f}%)**, {out} out of scope with a reason (`torch-conformance coverage --api`):", "",
             "| namespace | covered | in scope | out of scope | % |", "|---|---:|---:|---:|---:|"]
    lines += [f"| `{r.namespace}` | {len(r.covered)} | {r.in_scope} | {r.out_of_scope} | {r.percent:.1f} |" for r in rows]
    return lines


def render(readme: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md lacks the figures block ({BEGIN} ... {END})")
    return pattern.sub(lambda _: figures_block(), readme)


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
