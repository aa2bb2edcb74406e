"""``torch-conformance coverage``: behaviours per topic, or (``--api``) public names per namespace."""
from __future__ import annotations

import argparse
import sys

from conformance import apisurface, catalogue
from conformance.coverage import declared_behaviours


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("coverage", help="print coverage: behaviours per topic, or public API names per namespace (--api)")
    p.add_argument("--api", action="store_true", help="covered / in scope / out of scope public names per namespace")
    p.add_argument("--namespace", "-n", action="append", help="only this namespace (repeatable), e.g. torch.linalg")
    p.add_argument("--topic", "-t", choices=catalogue.TOPICS, help="count only the behaviours of this topic")
    p.add_argument("--uncovered", action="store_true", help="also list the uncovered in-scope names")


def _behaviour_coverage(topic: str | None) -> int:
    declared = declared_behaviours()
    for t in catalogue.TOPICS:
        if topic in (None, t):
            mine = catalogue.topics()[t].behaviours
            print(f"{t:<10} {sum(b.id in declared for b in mine):>4} / {len(mine):<4} behaviours have a check")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    if not args.api:
        return _behaviour_coverage(args.topic)
    rows = apisurface.coverage(args.topic)
    known = {r.namespace for r in rows}
    unknown = [n for n in args.namespace or () if n not in known]
    if unknown:
        print(f"torch-conformance: unknown namespace {unknown[0]!r}; namespaces: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    rows = [r for r in rows if not args.namespace or r.namespace in args.namespace]
    print(f"{'namespace':<28} {'covered':>8} {'in scope':>9} {'%':>6} {'out of scope':>13}")
    for r in rows:
        percent = r.percent if r.in_scope else "-"
        print(f"{r.namespace:<28} {len(r.covered):>8} {r.in_scope:>9} {percent:>6} {r.out_of_scope:>13}")
    covered, in_scope = sum(len(r.covered) for r in rows), sum(r.in_scope for r in rows)
    print(f"{'total':<28} {covered:>8} {in_scope:>9} {round(100 * covered / in_scope, 1) if in_scope else 100.0:>6} "
          f"{sum(r.out_of_scope for r in rows):>13}")
    if args.uncovered:
        for r in rows:
            if r.uncovered:
                print(f"\n{r.namespace}: {len(r.uncovered)} uncovered")
                print("\n".join(f"  {n}" for n in r.uncovered))
    return 0
