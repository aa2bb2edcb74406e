"""Utilities namespace (``reference.utils``); data loading (data.*) and checkpoint."""
from reference.utils import checkpoint, data

__all__ = ["checkpoint", "data"]
