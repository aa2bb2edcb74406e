"""Random number generators: seeding reproduces draws (creation.random.*)."""
from __future__ import annotations

from typing import Any

import numpy as np

from reference._device import as_device


class Generator:
    """A seedable stream of random draws (NumPy's PCG64 underneath)."""

    def __init__(self, device: Any = "cpu") -> None:
        self.device = as_device(device)
        self._seed = int(np.random.SeedSequence().entropy % (2**63))
        self._rng = np.random.default_rng(self._seed)

    def manual_seed(self, seed: int) -> "Generator":
        self._seed = int(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        return self.manual_seed(int(np.random.SeedSequence().entropy % (2**63))).initial_seed()

    def get_state(self) -> Any:
        return self._rng.bit_generator.state

    def set_state(self, state: Any) -> "Generator":
        self._rng.bit_generator.state = state
        return self


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    return default_generator.manual_seed(seed)


def initial_seed() -> int:
    return default_generator.initial_seed()


def seed() -> int:
    return default_generator.seed()


def get_rng_state() -> Any:
    return default_generator.get_state()


def set_rng_state(state: Any) -> None:
    default_generator.set_state(state)


def rng(generator: Generator | None) -> np.random.Generator:
    return (generator or default_generator)._rng
