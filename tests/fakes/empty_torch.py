"""A 'torch-like' module that implements nothing: every check must fail, none may pass."""
__version__ = "0.0"
