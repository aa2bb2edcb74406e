"""Utilities namespace (``reference.utils``); only data loading lives here (data.*)."""
from reference.utils import data

__all__ = ["data"]
