"""Third-party adapters route names only: the routing namespace, and each adapter where its library is installed."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from conformance.adapters.routing import Routed
from conformance.backend import load_backend, registered_backends


def _library() -> SimpleNamespace:
    return SimpleNamespace(array=lambda data, axis=None: ("array", data, axis),
                           concatenate=lambda xs, axis=0: ("concatenate", xs, axis),
                           sub=SimpleNamespace(seed=lambda n: ("seed", n)), float32="f32", Array=list)


def test_routes_resolve_to_the_librarys_own_objects() -> None:
    nn = SimpleNamespace()
    xp = Routed("lib", (_library(),), {"tensor": "array", "manual_seed": "sub.seed", "Tensor": "Array", "nn": nn})
    assert xp.tensor([1]) == ("array", [1], None) and xp.manual_seed(3) == ("seed", 3)
    assert xp.float32 == "f32" and xp.Tensor is list and xp.nn is nn


def test_a_name_found_nowhere_is_the_backends_failure() -> None:
    xp = Routed("lib", (_library(),), {})
    with pytest.raises(AttributeError, match="lib has nothing for torch.no_grad"):
        xp.no_grad


def test_keywords_are_renamed_but_nothing_is_added() -> None:
    xp = Routed("lib", (_library(),), {"cat": "concatenate"}, keywords={"dim": ("axis", str)})
    assert xp.cat([1, 2], dim=1) == ("concatenate", [1, 2], "1")
    assert xp.Array is list  # classes are handed over unwrapped, so isinstance checks see the library's own


@pytest.mark.parametrize("name", ["mlx", "tinygrad", "paddle"])
def test_registered(name: str) -> None:
    assert name in registered_backends()


@pytest.mark.parametrize("name, module", [("mlx", "mlx.core"), ("tinygrad", "tinygrad")])
def test_adapter_reads_tensors_and_dtypes(name: str, module: str) -> None:
    pytest.importorskip(module, reason=f"{name} not installed")
    adapter = load_backend(name)
    xp = adapter.namespace
    got = xp.zeros((2, 3), dtype=xp.int64)
    assert adapter.dtype_name(got.dtype) == "int64"
    np.testing.assert_array_equal(adapter.to_numpy(got), np.zeros((2, 3), dtype=np.int64))
    assert adapter.deviations and all(d.reason for d in adapter.deviations)
