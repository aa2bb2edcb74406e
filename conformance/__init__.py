"""torch-conformance: a specification-conformance suite for the PyTorch API.

Checks live in ``suites/``; each declares the catalogued behaviours it verifies
with :func:`check`. The harness (backends, pytest plugin, reports, CLI) lives here.
"""
from conformance.backend import Adapter, BackendLoadError, load_backend
from conformance.catalogue import Behaviour, UnknownBehaviour, check

__version__ = "0.1.0"
__all__ = ["Adapter", "BackendLoadError", "Behaviour", "UnknownBehaviour", "check", "load_backend", "__version__"]
