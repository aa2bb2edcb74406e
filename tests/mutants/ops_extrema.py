"""Mutants of the extremes split out by the one-check-one-behaviour audit: min over all elements off by one."""
from __future__ import annotations

from dataclasses import replace

from tests.mutants._family import wrong_values

MUTANTS = [replace(wrong_values("ops.min.full", "min"), spares=("ops.max.full",))]
