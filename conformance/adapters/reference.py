"""The NumPy reference backend (``reference/``): CPU plus a fake second device."""
from __future__ import annotations

from pathlib import Path

from conformance.backend import Adapter

DEVIATIONS = Path(__file__).resolve().parent.parent / "deviations" / "reference.toml"


def adapter() -> Adapter:
    import reference

    return Adapter(
        name="reference",
        namespace=reference,
        version=reference.__version__,
        devices=("cpu", "fake"),
        device_available=lambda device: device in ("cpu", "fake"),
        deviations_file=DEVIATIONS,
    )
