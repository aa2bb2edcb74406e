"""Failure messages show calls and expressions as written, and backend values as the backend shows them."""
from __future__ import annotations

from typing import Iterator

import numpy as np
import pytest

from conformance import assertions, load_backend
from conformance.assertions import ConformanceFailure, assert_values, describe


@pytest.fixture
def xp() -> Iterator[object]:
    adapter = load_backend("reference")
    previous = assertions.bind(adapter)
    yield adapter.namespace
    assertions.bind(previous)


def test_a_call_shows_its_arguments_inside(xp) -> None:
    assert describe("torch.add", xp.tensor([1, 2]), 2.5, alpha=2) == "torch.add(tensor([1, 2]) (int64), 2.5, alpha=2)"


@pytest.mark.parametrize(("expr", "shown"), [
    ("x + y", "x + y with x = tensor([1, 2]) (int64), y = tensor([3]) (int64)"),
    ("z + x", "z + x with z = tensor([1, 2]) (int64), x = tensor([3]) (int64)"),
    ("tensor(value) + x", "tensor(value) + x with operands tensor([1, 2]) (int64), tensor([3]) (int64)"),
])
def test_an_expression_is_shown_as_written_with_its_operands_after(xp, expr: str, shown: str) -> None:
    assert describe(expr, xp.tensor([1, 2]), xp.tensor([3])) == shown


def test_an_expression_without_operands_is_just_the_expression() -> None:
    assert describe("x[0] / 0") == "x[0] / 0"


def test_got_is_the_backends_tensor_not_an_ndarray(xp) -> None:
    with pytest.raises(ConformanceFailure) as info:
        assert_values(xp.tensor([1.5, 2.5]), np.array([1.5, 3.0], dtype=np.float32), call="c")
    assert info.value.got == repr(xp.tensor([1.5, 2.5])) + " (float32)"
    assert "ndarray" not in str(info.value.got)


def test_a_large_tensor_is_summarised(xp) -> None:
    assert assertions.show(xp.zeros(20)) == "tensor(shape=(20,), dtype=float32)"
