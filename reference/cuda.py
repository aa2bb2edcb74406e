"""CUDA availability: the reference backend models a machine without CUDA (device.cuda.is-available).

Asking for a ``cuda`` device raises (``_device.py`` knows no such type), as it does on a
PyTorch build or machine without CUDA.
"""


def is_available() -> bool:
    return False


def device_count() -> int:
    return 0
