"""Adapter objects and factories, good and malformed, for module:attribute specs."""
import dataclasses
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



TOUCHED: set[str] = set()
"""Dtype names the running check read from the namespace although the adapter declares them unsupported."""


class _Witness:
    """A namespace that forwards everything and notes each read of a dtype in ``names`` into TOUCHED."""

    def __init__(self, namespace: object, names: tuple[str, ...]) -> None:
        self.__dict__.update(_namespace=namespace, _names=names)

    def __getattr__(self, name: str) -> object:
        if name in self._names:
            TOUCHED.add(name)
        return getattr(self._namespace, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self._namespace, name, value)


def reference_without_double() -> Adapter:
    """The reference backend declaring float64 and complex128 unsupported (it has both: nothing may fail); its
    namespace notes every read of either (tests/fakes/dtype_witness.py records them per check)."""
    from conformance.adapters import reference

    adapter = reference.adapter()
    unsupported = ("float64", "complex128")
    return dataclasses.replace(adapter, name="reference-no-double", namespace=_Witness(adapter.namespace, unsupported),
                               unsupported_dtypes=unsupported)
