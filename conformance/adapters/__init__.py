"""Adapters for the registered backends (entry-point group ``torch_conformance.backends``)."""
