"""Adapter objects and factories, good and malformed, for module:attribute specs."""
from pathlib import Path
from types import SimpleNamespace

from conformance import Adapter

good = Adapter(name="fake", namespace=SimpleNamespace(), version="1.2")


def factory() -> Adapter:
    return Adapter(name="fake-factory", namespace=SimpleNamespace(), version="3.4")


def factory_raises() -> Adapter:
    raise ValueError("no GPU driver found")


not_an_adapter = 42


def bad_deviations() -> Adapter:
    path = Path(__file__).with_name("bad_deviations.toml")
    return Adapter(name="bad", namespace=SimpleNamespace(), deviations_file=path)
