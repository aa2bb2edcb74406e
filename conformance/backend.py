"""Backends: how the suite finds the torch-like namespace under test.

A backend SPEC is one of:
  * a registered name (entry-point group ``torch_conformance.backends``), e.g. ``torch``;
  * ``module:attribute`` naming an :class:`Adapter` or a zero-argument factory returning one;
  * a dotted module path: the module itself is the namespace, with no adapter code.

Adapters route names; they never implement semantics (rule 4 of the guide).
"""
from __future__ import annotations

import fnmatch
import importlib
import importlib.metadata
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Mapping

import numpy as np

ENTRY_POINT_GROUP = "torch_conformance.backends"
DEFAULT_BACKEND = "torch"


class BackendLoadError(Exception):
    """The backend SPEC could not be turned into a usable adapter."""

    def __init__(self, spec: str, cause: str) -> None:
        super().__init__(f"cannot load backend {spec!r}: {cause}")
        self.spec = spec
        self.cause = cause


def default_to_numpy(tensor: Any) -> np.ndarray[Any, Any]:
    """Read a tensor into a fresh NumPy array through the public torch API.

    It reads a clone: torch marks storage that numpy() has seen as non-resizable, which
    would break a later ``out=`` resize of the very tensor a check just described.
    bfloat16 (no NumPy dtype) is read as float32, which holds every bfloat16 value exactly.
    """
    if hasattr(tensor, "detach"):
        tensor = tensor.detach()
    if hasattr(tensor, "cpu"):
        tensor = tensor.cpu()
    if default_dtype_name(getattr(tensor, "dtype", "")) == "bfloat16" and hasattr(tensor, "float"):
        tensor = tensor.float()
    for resolve in ("resolve_conj", "resolve_neg", "clone"):  # torch's lazy conj/neg bits refuse numpy()
        if hasattr(tensor, resolve):
            tensor = getattr(tensor, resolve)()
    return np.array(tensor.numpy(), copy=True)


def default_dtype_name(dtype: Any) -> str:
    """``torch.float32`` -> ``"float32"``: the last dotted component of str(dtype)."""
    return str(dtype).rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Deviation:
    """A declared known deviation: a behaviour ID or check node id (glob allowed) and why."""

    pattern: str
    reason: str

    def matches(self, behaviour_ids: tuple[str, ...], nodeid: str) -> bool:
        names = (*behaviour_ids, nodeid, nodeid.split("[")[0])
        return any(fnmatch.fnmatchcase(n, self.pattern) for n in names)


DEVIATION_KEYS = frozenset({"id", "reason", "issue"})
"""``issue``: optional, the library's own tracker entry for the deviation."""


def _is_check_pattern(pattern: str) -> bool:
    """A pattern naming checks (node IDs, e.g. ``*::test_conv2d_valid*``) rather than behaviour IDs."""
    return "::" in pattern or "test_" in pattern


def _deviation(path: Path, n: int, entry: Any) -> Deviation:
    """One validated ``[[deviation]]`` entry; ValueError names the file and the entry."""
    from conformance import catalogue

    where = f"{path}: deviation {n}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: not a table")
    if isinstance(entry.get("id"), str):
        where += f" ({entry['id']!r})"
    unknown = sorted(set(entry) - DEVIATION_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key {', '.join(unknown)} (keys: {', '.join(sorted(DEVIATION_KEYS))})")
    if not isinstance(entry.get("id"), str) or not isinstance(entry.get("reason"), str):
        raise ValueError(f"{where}: needs id and reason, both strings")
    pattern = entry["id"]
    if not _is_check_pattern(pattern) and not any(fnmatch.fnmatchcase(b, pattern) for b in catalogue.behaviours()):
        raise ValueError(f"{where}: matches no behaviour ID in the catalogue")
    return Deviation(pattern, entry["reason"])


def load_deviations(path: Path | None, relative_to: Path | None = None) -> tuple[Deviation, ...]:
    """Parse and validate a known-deviations TOML file (``[[deviation]] id = ..., reason = ...``).

    A relative ``path`` resolves against ``relative_to`` (the adapter's module folder). Unknown
    tables or keys and behaviour IDs or globs matching nothing in the catalogue are errors
    (ValueError, one line naming the file and the entry); check (node ID) patterns match at run time.
    """
    if path is None:
        return ()
    path = Path(path)
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"malformed known-deviations file {path}: {exc}") from exc
    unknown = sorted(set(data) - {"deviation"})
    if unknown:
        raise ValueError(f"malformed known-deviations file {path}: unknown table {', '.join(unknown)} (only [[deviation]])")
    entries = data.get("deviation", [])
    if not isinstance(entries, list):
        raise ValueError(f"malformed known-deviations file {path}: deviation must be an array of tables ([[deviation]])")
    try:
        return tuple(_deviation(path, n, entry) for n, entry in enumerate(entries, 1))
    except ValueError as exc:
        raise ValueError(f"malformed known-deviations file {exc}") from None


def _creator_folder() -> Path | None:
    """The folder of the module that constructed an Adapter (frames: here, __post_init__, __init__, caller)."""
    creator = sys._getframe(3).f_globals.get("__file__")
    return Path(creator).resolve().parent if creator else None


@dataclass
class Adapter:
    """Everything the harness needs to know about one backend: how to reach it and what it lacks.

    ``unsupported`` holds behaviour-ID glob patterns for capabilities the backend
    declares it lacks: matching checks are reported ``unsupported``, never run or passed.
    ``devices`` are the devices device-dependent checks are parametrized over;
    ``device_available`` says which of them this machine really has.
    A relative ``deviations_file`` is relative to the module that constructs the Adapter.
    Every field routes (names, conversions, capabilities); none implements semantics (rule 4).
    """

    name: str
    """The backend's name, shown in every message and in the report."""
    namespace: Any
    """The torch-like namespace under test (the ``xp`` fixture): the only way checks reach the backend."""
    version: str = "unknown"
    """The backend's version, shown in messages and recorded in the report."""
    devices: tuple[str, ...] = ("cpu",)
    """The suite's device names that device-dependent checks are parametrized over."""
    to_numpy: Callable[[Any], np.ndarray[Any, Any]] = default_to_numpy
    """Read a backend tensor into a fresh NumPy array (how assertions see results)."""
    dtype_name: Callable[[Any], str] = default_dtype_name
    """A backend dtype object -> the suite's dtype name (``"float32"``; see :mod:`conformance.dtypes`)."""
    device_available: Callable[[str], bool] = lambda device: device == "cpu"
    """Whether this machine really has the suite-named device; checks on missing devices are skipped."""
    device_model: Callable[[str], str | None] = lambda device: None
    """The model of a suite-named device (e.g. the GPU's name), for the report's metadata; None if unknown."""
    unsupported: tuple[str, ...] = ()
    """Behaviour-ID glob patterns of capabilities the backend lacks: matching checks are reported
    ``unsupported``, never run or passed."""
    unsupported_dtypes: tuple[str, ...] = ()
    """Dtype names (``"complex128"``) the backend lacks: checks drawing or looping over dtypes skip those
    cases, still check the rest, and are reported ``unsupported`` naming what was not run."""
    device_names: Mapping[str, Any] = field(default_factory=dict)
    """The suite's device names -> the library's (``{"cpu": "CPU"}``), applied where the harness hands
    checks a device; names not listed are passed as they are."""
    deviations_file: Path | None = None
    """A known-deviations TOML file: matching checks run as expected failures (``xfailed``)."""
    spec: str = ""
    """The ``--backend`` SPEC this adapter was loaded from (set by :func:`load_backend`)."""
    source_file: str | None = None
    """The adapter's own source file: an exception raised there is an adapter fault (``error``), not the
    backend violating a behaviour. Set by :func:`load_backend` from the module the SPEC names."""
    deviations: tuple[Deviation, ...] = field(default=(), init=False)
    """The parsed ``deviations_file``."""

    def __post_init__(self) -> None:
        self.deviations = load_deviations(self.deviations_file, relative_to=_creator_folder())

    def unsupported_pattern(self, behaviour_ids: tuple[str, ...]) -> str | None:
        """The first ``unsupported`` pattern matching one of ``behaviour_ids``, if any."""
        for pattern in self.unsupported:
            if any(fnmatch.fnmatchcase(b, pattern) for b in behaviour_ids):
                return pattern
        return None

    def deviation_for(self, behaviour_ids: tuple[str, ...], nodeid: str) -> Deviation | None:
        """The declared deviation matching this check, if any."""
        return next((d for d in self.deviations if d.matches(behaviour_ids, nodeid)), None)

    def device_name(self, device: str) -> Any:
        """The library's name for the suite's ``device`` (``device_names``, else ``device`` itself)."""
        return self.device_names.get(device, device)


def _module_version(module: Any) -> str:
    version = getattr(module, "__version__", None)
    if version is None:
        try:
            version = importlib.metadata.version(module.__name__.split(".")[0])
        except (importlib.metadata.PackageNotFoundError, AttributeError):
            version = "unknown"
    return str(version)


def adapter_for_module(module: ModuleType, spec: str = "") -> Adapter:
    """A plain torch-like module used as the namespace as is."""
    return Adapter(name=module.__name__, namespace=module, version=_module_version(module), spec=spec)


def _import(spec: str, module_name: str, registered: str | None = None) -> ModuleType:
    """``registered``: the registered names, listed when ``spec`` named neither one of them nor a module."""
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if registered is not None and exc.name and f"{module_name}.".startswith(f"{exc.name}."):  # not one it imports
            raise BackendLoadError(spec, f"not a registered backend ({registered}) nor an importable module: {exc}") from None
        raise BackendLoadError(spec, f"{type(exc).__name__}: {exc}") from None
    except ImportError as exc:
        raise BackendLoadError(spec, f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # a broken backend may raise anything on import
        raise BackendLoadError(spec, f"importing {module_name!r} raised {type(exc).__name__}: {exc}") from None


def _as_adapter(spec: str, obj: Any, module: str = "") -> Adapter:
    """``module``: the module the SPEC names, whose file is the adapter's own source."""
    if isinstance(obj, Adapter):
        return _placed(obj, spec, module)
    if callable(obj) and not isinstance(obj, ModuleType):
        try:
            made = obj()
        except Exception as exc:
            raise BackendLoadError(spec, f"adapter factory raised {type(exc).__name__}: {exc}") from None
        if isinstance(made, Adapter):
            return _placed(made, spec, module)
        obj = made
    if isinstance(obj, ModuleType):
        return adapter_for_module(obj, spec)
    raise BackendLoadError(
        spec, f"expected a conformance.Adapter, a factory returning one, or a module; got {type(obj).__name__}"
    )


def _placed(adapter: Adapter, spec: str, module: str) -> Adapter:
    adapter.spec = adapter.spec or spec
    if adapter.source_file is None and module in sys.modules:
        adapter.source_file = getattr(sys.modules[module], "__file__", None)
    return adapter


def registered_backends() -> dict[str, importlib.metadata.EntryPoint]:
    return {ep.name: ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


def load_backend(spec: str | None = None) -> Adapter:
    """Resolve a backend SPEC to an :class:`Adapter`, or raise :class:`BackendLoadError`."""
    spec = (spec or DEFAULT_BACKEND).strip()
    if not spec:
        raise BackendLoadError(spec, "empty backend name")
    registered = registered_backends()
    try:
        if spec in registered:
            try:
                target = registered[spec].load()
            except Exception as exc:
                raise BackendLoadError(spec, f"{type(exc).__name__}: {exc}") from None
            return _as_adapter(spec, target, registered[spec].module)
        if ":" in spec:
            module_name, _, attr = spec.partition(":")
            module = _import(spec, module_name)
            try:
                target = getattr(module, attr)
            except AttributeError:
                raise BackendLoadError(spec, f"module {module_name!r} has no attribute {attr!r}") from None
            except Exception as exc:
                raise BackendLoadError(spec, f"getting {attr!r} raised {type(exc).__name__}: {exc}") from None
            return _as_adapter(spec, target, module_name)
        known = ", ".join(sorted(registered)) or "none"
        if not all(part.isidentifier() for part in spec.split(".")):
            raise BackendLoadError(spec, f"not a registered backend ({known}), a dotted module path or module:attribute")
        return adapter_for_module(_import(spec, spec, registered=known), spec)
    except ValueError as exc:  # malformed deviations file
        raise BackendLoadError(spec, str(exc)) from None
