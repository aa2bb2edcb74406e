"""Extra call forms of the element-wise ops (ops.binary.*-forms, ops.compare.bool-result, ops.unary.positive):
the aliases subtract and multiply, positive, the comparison aliases' in-place methods and the shift operators'
augmented and reflected dunders. Each is the core op under another name."""
from __future__ import annotations

from reference import _dtype as D
from reference import _elementwise, _ops
from reference._methods import _make_inplace
from reference._tensor import Tensor


def positive(input: Tensor) -> Tensor:  # noqa: A002 - torch's keyword name
    """``input`` itself; bool tensors are rejected (they have no unary plus)."""
    if input.dtype == D.bool_:
        raise RuntimeError("positive is not supported for bool tensors")
    return input


subtract = _ops.sub
multiply = _ops.mul

Tensor.positive = positive
Tensor.__pos__ = positive
for _alias, _target in (("subtract", "sub"), ("multiply", "mul")):
    setattr(Tensor, _alias, getattr(Tensor, _target))
    setattr(Tensor, _alias + "_", getattr(Tensor, _target + "_"))
for _alias, _target in (("not_equal", "ne"), ("less", "lt"), ("less_equal", "le"), ("greater", "gt"),
                        ("greater_equal", "ge")):
    setattr(Tensor, _alias, getattr(Tensor, _target))
    setattr(Tensor, _alias + "_", _make_inplace(getattr(_ops, _target)))


Tensor.__rlshift__ = lambda self, other: _elementwise.bitwise_left_shift(other, self)
Tensor.__rrshift__ = lambda self, other: _elementwise.bitwise_right_shift(other, self)
Tensor.__ilshift__ = lambda self, other: self.bitwise_left_shift_(other)
Tensor.__irshift__ = lambda self, other: self.bitwise_right_shift_(other)

__all__ = ["positive", "subtract", "multiply"]
