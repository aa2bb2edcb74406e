"""Pools returning indices and their partial inverse: the nn.functional *_with_indices functions (values as the
max-pool layer rows compute them; indices into each flattened input plane that point at those values), and
MaxUnpool1d/2d/3d with nn.functional.max_unpool1d/2d/3d (each value put back at its index, zeros elsewhere)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings

from conformance import check
from conformance.assertions import assert_dtype, assert_shape, assert_values, expect, show, to_numpy
from suites.nn.common import TOL, rng, seeds
from suites.nn.layer_table import COUNTERPARTS, LAYERS
from suites.nn.modulespec import as_seen, names, to_backend

WITH_INDICES = names(
    ("max_pool1d", check("nn.functional.max-pool-with-indices")),
    ("max_pool2d", check("nn.functional.max-pool-with-indices")),
    ("max_pool3d", check("nn.functional.max-pool-with-indices")),
    ("adaptive_max_pool1d", check("nn.functional.adaptive-max-pool-with-indices")),
    ("adaptive_max_pool2d", check("nn.functional.adaptive-max-pool-with-indices")),
    ("adaptive_max_pool3d", check("nn.functional.adaptive-max-pool-with-indices")),
)
COUNTERPARTS_WITH_2D = {**COUNTERPARTS, "max_pool2d": ("MaxPool2d", COUNTERPARTS["max_pool1d"][1])}


@pytest.mark.parametrize("function", WITH_INDICES)
@settings(max_examples=2)
@given(seed=seeds)
def test_pool_with_indices(xp, function, seed):
    layer, arguments = COUNTERPARTS_WITH_2D[function]
    row = LAYERS[layer]
    for case in row.cases:
        (x,) = row.make_input(rng(seed), case.input_shape)
        kwargs = arguments(case, {})
        call = f"nn.functional.{function}_with_indices(randn{case.input_shape}, {show(kwargs)}) [seed {seed}]"
        values, indices = getattr(xp.nn.functional, f"{function}_with_indices")(to_backend(xp, x), **kwargs)
        want = row.forward(as_seen(x), {}, case)
        assert_values(values, want, call=call + "[0]", **TOL)
        assert_dtype(indices, "int64", call=call + "[1]")
        assert_shape(indices, want.shape, call=call + "[1]")
        flat = as_seen(x).reshape(*x.shape[:2], -1)
        picked = np.take_along_axis(flat, to_numpy(indices).reshape(*x.shape[:2], -1), axis=2).reshape(want.shape)
        expect(bool(np.allclose(picked, want)), call=call + "[1]",
               expected="indices into each flattened input plane pointing at the maxima", got=show(to_numpy(indices)))


@dataclass(frozen=True)
class Unpool:
    """MaxUnpool{n}d(kernel, stride) of a (1, 2, *pooled) input; ``output_size`` optionally larger than default."""

    n: int
    kernel: int
    stride: int
    pooled: tuple[int, ...]
    output_size: tuple[int, ...] | None = None

    def out_spatial(self) -> tuple[int, ...]:
        """(in - 1) * stride + kernel per dim, unless output_size says otherwise."""
        return self.output_size or tuple((m - 1) * self.stride + self.kernel for m in self.pooled)


UNPOOLS = [
    pytest.param(Unpool(1, 2, 2, (3,), output_size=(7,)), id="MaxUnpool1d", marks=check("nn.layers.maxunpool1d")),
    pytest.param(Unpool(2, 2, 2, (2, 3)), id="MaxUnpool2d", marks=check("nn.layers.maxunpool2d")),
    pytest.param(Unpool(3, 2, 2, (2, 1, 2)), id="MaxUnpool3d", marks=check("nn.layers.maxunpool3d")),
]


def _pool_indices(r: np.random.Generator, row: Unpool) -> np.ndarray:
    """For each pooled position, a flat index into the output plane inside that position's window."""
    out = row.out_spatial()
    idx = np.zeros((1, 2, *row.pooled), dtype=np.int64)
    for pos in np.ndindex(*idx.shape):
        spatial = [p * row.stride + int(r.integers(0, row.kernel)) for p in pos[2:]]
        idx[pos] = np.ravel_multi_index(spatial, out)
    return idx


@pytest.mark.parametrize("row", UNPOOLS)
@settings(max_examples=3)
@given(seed=seeds)
def test_max_unpool(xp, row, seed):
    r = rng(seed)
    values = r.standard_normal((1, 2, *row.pooled)).astype(np.float32)
    indices = _pool_indices(r, row)
    want = np.zeros((1, 2, int(np.prod(row.out_spatial()))))
    np.put_along_axis(want, indices.reshape(1, 2, -1), values.reshape(1, 2, -1).astype(np.float64), axis=2)
    want = want.reshape(1, 2, *row.out_spatial())
    size = {"output_size": row.output_size} if row.output_size else {}
    module = getattr(xp.nn, f"MaxUnpool{row.n}d")(row.kernel, stride=row.stride)
    call = f"nn.MaxUnpool{row.n}d({row.kernel}, stride={row.stride})(randn(1, 2, *{row.pooled}), " \
           f"indices {indices.reshape(2, -1).tolist()}{', ' + show(size) if size else ''}) [seed {seed}]"
    assert_values(module(to_backend(xp, values), to_backend(xp, indices), **size), want, call=call)
    function = getattr(xp.nn.functional, f"max_unpool{row.n}d")
    got = function(to_backend(xp, values), to_backend(xp, indices), row.kernel, stride=row.stride, **size)
    assert_values(got, want, call=call.replace(f"nn.MaxUnpool{row.n}d(", f"nn.functional.max_unpool{row.n}d(input, indices, "))
