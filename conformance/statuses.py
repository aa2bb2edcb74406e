"""The statuses a check can end in, and what each means for a run.

passed       the backend behaves as documented
failed       the backend contradicts the documented behaviour (or raised where it must not)
error        the check could not run: a harness or check fault, not the backend's
skipped      the environment lacks something (e.g. no CUDA device); never a verdict
xfailed      a declared known deviation, which still fails
xpassed      a declared known deviation that now passes: clean the deviations file
unsupported  the adapter declares the capability missing; counted as not passed
crashed      the backend killed its worker process in this check (signal or exit code in the message)
timeout      the check ran past its time limit; its worker was stopped and replaced
Crashes and timeouts are the backend's: never passed, counted against conformance like failures.
"""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"
    XFAILED = "xfailed"
    XPASSED = "xpassed"
    UNSUPPORTED = "unsupported"
    CRASHED = "crashed"
    TIMEOUT = "timeout"

    def __str__(self) -> str:  # "crashed", not "Status.CRASHED", wherever a status is written out
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


ALL: tuple[str, ...] = tuple(s.value for s in Status)

# Worst first: a behaviour takes the worst status among its checks.
SEVERITY: tuple[Status, ...] = (Status.CRASHED, Status.TIMEOUT, Status.ERROR, Status.FAILED, Status.UNSUPPORTED,
                                Status.XFAILED, Status.XPASSED, Status.PASSED, Status.SKIPPED)

NOT_APPLICABLE = frozenset({Status.SKIPPED})
"""Statuses excluded from the conformance percentage's denominator."""

BAD = frozenset({Status.FAILED, Status.ERROR, Status.CRASHED, Status.TIMEOUT})
"""Statuses that make a run exit 1."""


def worst(statuses: list[str]) -> str:
    """The worst of ``statuses`` (report JSON holds them as plain strings), or "uncovered" for none."""
    return Status(min(statuses, key=SEVERITY.index)).value if statuses else "uncovered"


def conformance_percent(counts: dict[str, int]) -> float:
    applicable = sum(n for s, n in counts.items() if s not in NOT_APPLICABLE)
    return round(100.0 * counts.get(Status.PASSED, 0) / applicable, 2) if applicable else 0.0


def exit_code(counts: dict[str, int]) -> int:
    return 1 if any(counts.get(s, 0) for s in BAD) else 0
