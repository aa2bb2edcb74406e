"""AlphaDropout and FeatureAlphaDropout (module and functional forms): the input itself in eval; in training a
fraction p of the elements (or of whole channels) is set to one common value, and a standard normal input keeps
mean 0 and standard deviation 1 (checked statistically with a fixed seed and wide bounds)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from conformance import check
from conformance.assertions import assert_values, expect, to_numpy
from suites.nn.common import in_mode, rng
from suites.nn.modulespec import as_seen, to_backend

P = 0.2


@dataclass(frozen=True)
class AlphaRow:
    module: str
    functional: str
    shape: tuple[int, ...]
    per_channel: bool


ROWS = [
    pytest.param(AlphaRow("AlphaDropout", "alpha_dropout", (4000, 10), False), id="AlphaDropout",
                 marks=check("nn.layers.alpha-dropout")),
    pytest.param(AlphaRow("FeatureAlphaDropout", "feature_alpha_dropout", (200, 10, 30), True),
                 id="FeatureAlphaDropout", marks=check("nn.layers.feature-alpha-dropout")),
]


def _dropped_fraction(out: np.ndarray, per_channel: bool) -> float:
    """The share of elements equal to the most common value, or of channels constant along their length."""
    if per_channel:
        units = out.reshape(-1, out.shape[-1])
        return float(np.all(units == units[:, :1], axis=1).mean())
    return Counter(out.ravel().tolist()).most_common(1)[0][1] / out.size


@pytest.mark.parametrize("row", ROWS)
def test_alpha_dropout(xp, row):
    x = rng(0).standard_normal(row.shape)
    layer = getattr(xp.nn, row.module)(p=P)
    function = getattr(xp.nn.functional, row.functional)
    applied: list[tuple[str, Any]] = [
        (f"nn.{row.module}(p={P})", lambda t, training: in_mode(layer, training)(t)),
        (f"nn.functional.{row.functional}(x, p={P}, training=...)",
         lambda t, training: function(t, p=P, training=training)),
    ]
    for name, apply in applied:
        assert_values(apply(to_backend(xp, x), False), as_seen(x), call=f"{name} in eval (randn{row.shape})")
        xp.manual_seed(0)
        out = to_numpy(apply(to_backend(xp, x), True)).astype(np.float64)
        call = f"{name} in training, manual_seed(0), randn{row.shape}"
        expect(abs(out.mean()) < 0.1 and abs(out.std() - 1) < 0.1, call=call,
               expected="mean within 0.1 of 0 and std within 0.1 of 1", got=f"mean {out.mean():.4f}, std {out.std():.4f}")
        dropped = _dropped_fraction(out, row.per_channel)
        expect(abs(dropped - P) < 0.05, call=call, expected=f"about {P} of the " +
               ("channels constant" if row.per_channel else "elements at one common value"), got=f"{dropped:.4f}")
