"""Mutants of the extremes split out by the one-check-one-behaviour audit: min over all elements off by one."""
from __future__ import annotations

from tests.mutants._family import wrong_values

MUTANTS = [wrong_values("ops.min.full", "min")]
