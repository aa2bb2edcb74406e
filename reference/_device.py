"""Devices: ``cpu``, a fake second device ``fake`` so transfer semantics can be exercised
without a GPU (as array-api-strict does), and ``meta``, whose tensors have shapes and
dtypes but no readable data (creation.device-context.meta). Data on ``fake`` is ordinary
NumPy memory; only the bookkeeping differs (device.* behaviours)."""
from __future__ import annotations

from typing import Any

KNOWN_TYPES = ("cpu", "fake", "meta")


class device:
    """``device("cpu")``, ``device("fake:0")``, ``device("fake", 0)``."""

    __slots__ = ("type", "index")

    def __init__(self, type: Any, index: int | None = None) -> None:  # noqa: A002 - torch's name
        if isinstance(type, device):
            type, index = type.type, type.index if index is None else index
        if isinstance(type, int):
            raise RuntimeError("an integer device ordinal needs an accelerator; this backend has none")
        if not isinstance(type, str):
            raise TypeError(f"device() received an invalid combination of arguments: {type!r}")
        if ":" in type:
            if index is not None:
                raise ValueError(f"type (string) must not include an index because index was passed explicitly: {type}")
            type, _, ordinal = type.partition(":")
            if not ordinal.isdigit():
                raise RuntimeError(f"Invalid device string: '{type}:{ordinal}'")
            index = int(ordinal)
        if type not in KNOWN_TYPES:
            raise RuntimeError(f"Expected one of {', '.join(KNOWN_TYPES)} device type at start of device string: {type}")
        if index is not None and index < 0:
            raise RuntimeError(f"Device index must not be negative, got {index}")
        self.type, self.index = type, index

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __repr__(self) -> str:
        return f"device(type='{self.type}')" if self.index is None else f"device(type='{self.type}', index={self.index})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self) -> int:
        return hash((self.type, self.index))

    def __reduce__(self) -> Any:
        return (device, (self.type, self.index))

    # ``with device("fake"):`` makes factories without device= allocate there.
    def __enter__(self) -> "device":
        _default_stack.append(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _default_stack.pop()


CPU = device("cpu")
_default_stack: list[device] = []


def as_device(d: Any) -> device:
    """Normalise a device argument; None is the current default device."""
    if d is None:
        return _default_stack[-1] if _default_stack else CPU
    return d if isinstance(d, device) else device(d)


def canonical(d: device) -> device:
    """Tensors report an index on non-CPU devices (``fake:0``), none on the CPU."""
    if d.type == "cpu":
        return CPU
    return d if d.index is not None else device(d.type, 0)


def check_readable(d: device) -> None:
    """Meta tensors carry no data: reading or copying one out raises."""
    if d.type == "meta":
        raise NotImplementedError("Cannot copy out of meta tensor; no data!")
