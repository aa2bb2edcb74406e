"""A torch-like module with no adapter code: every name comes from torch via module __getattr__."""
import torch

__version__ = "proxy-" + torch.__version__


def __getattr__(name: str):
    return getattr(torch, name)
