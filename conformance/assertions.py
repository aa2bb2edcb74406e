"""Shared assertions for checks: every failure states the call, its inputs, expected and got.

Checks compare a backend's result with an expectation computed from the documented
rule in NumPy or plain Python. The backend is read through the adapter bound by the
plugin (``to_numpy``, ``dtype_name``), never used as the oracle. The assertions set
``__tracebackhide__``, so pytest's traceback of a failure ends at the check's line.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Sequence

import numpy as np

from conformance import dtypes
from conformance.backend import Adapter

_adapter: Adapter | None = None

class ConformanceFailure(AssertionError):
    """The backend's result contradicts the documented behaviour."""

    def __init__(self, call: str, expected: Any, got: Any, detail: str = "") -> None:
        self.call, self.expected, self.got, self.detail = call, expected, got, detail
        lines = [f"call: {call}", f"expected: {expected}", f"got: {got}"]
        if detail:
            lines.append(detail)
        super().__init__("\n".join(lines))


class HarnessError(Exception):
    """The check itself could not run (a fault in the check or harness, not the backend)."""


def bind(adapter: Adapter | None) -> Adapter | None:
    """Bind the adapter checks read tensors through; returns the previous one."""
    global _adapter
    previous, _adapter = _adapter, adapter
    return previous


def adapter() -> Adapter:
    if _adapter is None:
        raise HarnessError("no backend bound: run the checks through the torch-conformance pytest plugin")
    return _adapter


def is_tensor(obj: Any) -> bool:
    """Duck-typed tensor test: has shape and dtype, and is not a NumPy array or scalar."""
    return hasattr(obj, "shape") and hasattr(obj, "dtype") and not isinstance(obj, (np.ndarray, np.generic))


def to_numpy(tensor: Any) -> np.ndarray:
    return adapter().to_numpy(tensor)


def dtype_name(obj: Any) -> str:
    """The dtype name (``"float32"``) of a dtype or of a tensor."""
    return adapter().dtype_name(obj.dtype if is_tensor(obj) else obj)


MAX_REPR_CHARS = 160
"""A backend's own tensor repr longer than this is summarised as shape and dtype instead."""


def _backend_repr(tensor: Any) -> str | None:
    """The backend's own repr of a tensor on one line, or None (unprintable or too long)."""
    try:
        text = " ".join(repr(tensor).split())
    except Exception:  # hostile backend: the caller describes what it can
        return None
    return text if len(text) <= MAX_REPR_CHARS else None


def show(obj: Any) -> str:
    """A short, safe repr for failure messages: tensors as the backend shows them, with their dtype."""
    if is_tensor(obj):
        try:
            shape = tuple(int(s) for s in obj.shape)
            dtype = dtype_name(obj)
        except Exception as exc:  # hostile backend: describe what we can
            return f"<tensor: unreadable ({type(exc).__name__})>"
        size = int(np.prod(shape)) if shape else 1
        text = _backend_repr(obj) if size <= 12 else None
        if text is not None:
            return text if dtype in text else f"{text} ({dtype})"
        return f"tensor(shape={shape}, dtype={dtype})"
    if isinstance(obj, np.ndarray):
        body = obj.tolist() if obj.size <= 12 else f"shape={obj.shape}"
        return f"ndarray({body!r}, dtype={obj.dtype})"
    if isinstance(obj, (list, tuple)) and len(obj) > 12:
        return f"{type(obj).__name__} of {len(obj)} items"
    if isinstance(obj, (list, tuple)):
        inner = ", ".join(show(o) for o in obj)
        return f"[{inner}]" if isinstance(obj, list) else f"({inner}{',' if len(obj) == 1 else ''})"
    if type(obj).__name__ == "dtype" or str(type(obj)).endswith("dtype'>"):
        try:
            return dtype_name(obj)
        except Exception:
            pass
    text = repr(obj)
    return text if len(text) <= 80 else text[:77] + "..."


_EXPRESSION = re.compile(r"\s|[-+*/%<>=&|^~@\[]")
_OPERAND = re.compile(r"(?<![\w.])[a-z](?![\w(])")  # a one-letter name: x, y, d


def describe(name: str, *args: Any, **kwargs: Any) -> str:
    """Render a call for a failure message: ``add(tensor([1, 2]), 2.5, alpha=2)``.

    An expression is shown as written, its operands after it: ``x + y with x = tensor([1]), y = tensor([2])``
    (named when its one-letter names match the operands one to one, else listed in order).
    """
    parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
    if not _EXPRESSION.search(name):
        return f"{name}({', '.join(parts)})"
    if not parts:
        return name
    names = list(dict.fromkeys(_OPERAND.findall(name)))
    if not kwargs and len(names) == len(args):
        return f"{name} with " + ", ".join(f"{n} = {part}" for n, part in zip(names, parts))
    return f"{name} with operands {', '.join(parts)}"


def expect(condition: bool, *, call: str, expected: Any, got: Any, detail: str = "") -> None:
    """The generic assertion: fail with the call, expected and got unless ``condition``."""
    __tracebackhide__ = True
    if not condition:
        raise ConformanceFailure(call, expected, got, detail)


def assert_dtype(tensor: Any, expected: str, *, call: str) -> None:
    __tracebackhide__ = True
    got = dtype_name(tensor)
    expect(got == expected, call=call, expected=f"dtype {expected}", got=f"dtype {got}")


def assert_shape(tensor: Any, expected: Sequence[int], *, call: str) -> None:
    __tracebackhide__ = True
    got = tuple(int(s) for s in tensor.shape)
    expect(got == tuple(expected), call=call, expected=f"shape {tuple(expected)}", got=f"shape {got}")


def _first_mismatch(got: np.ndarray, want: np.ndarray, ok: np.ndarray) -> str:
    bad = np.argwhere(~ok)
    index = tuple(int(i) for i in bad[0]) if got.ndim else ()
    return (
        f"{len(bad)} of {ok.size} elements differ; first at index {index}: "
        f"got {got[index]!r}, expected {want[index]!r}"
    )


def assert_values(
    tensor: Any,
    expected: Any,
    *,
    call: str,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = False,
) -> None:
    """Shape and values against a NumPy expectation; exact for integers and bool.

    Tolerances default to torch.testing.assert_close's for the tensor's dtype.
    The whole array is compared first; only a mismatch is walked to name an index.
    """
    __tracebackhide__ = True
    want = np.asarray(expected)
    assert_shape(tensor, want.shape, call=call)
    got = to_numpy(tensor)
    default_rtol, default_atol = dtypes.tolerance(dtype_name(tensor))
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if got.dtype.kind in "biu" and want.dtype.kind in "biu" and rtol == atol == 0:
        ok = got == want
    else:
        with np.errstate(invalid="ignore", over="ignore"):
            ok = np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=equal_nan)
    ok = np.asarray(ok)
    if not ok.all():
        raise ConformanceFailure(call, show(want), show(tensor), _first_mismatch(np.asarray(got), want, ok))


def assert_tensor(tensor: Any, expected: Any, *, dtype: str, call: str, **tolerances: Any) -> None:
    """A tensor with exactly this dtype, shape and values."""
    __tracebackhide__ = True
    expect(is_tensor(tensor), call=call, expected="a tensor", got=f"{type(tensor).__name__}: {show(tensor)}")
    assert_dtype(tensor, dtype, call=call)
    assert_values(tensor, expected, call=call, **tolerances)


def assert_raises(
    exceptions: type[BaseException] | tuple[type[BaseException], ...],
    fn: Callable[..., Any],
    *args: Any,
    call: str,
    match: str | None = None,
    **kwargs: Any,
) -> BaseException:
    """``fn(*args, **kwargs)`` must raise one of ``exceptions`` (message containing ``match``)."""
    __tracebackhide__ = True
    names = exceptions.__name__ if isinstance(exceptions, type) else " or ".join(e.__name__ for e in exceptions)
    try:
        result = fn(*args, **kwargs)
    except exceptions as exc:
        if match is not None and match not in str(exc):
            raise ConformanceFailure(call, f"{names} mentioning {match!r}", f"{type(exc).__name__}: {exc}") from exc
        return exc
    except Exception as exc:
        raise ConformanceFailure(call, f"{names}", f"{type(exc).__name__}: {exc}") from exc
    raise ConformanceFailure(call, f"{names}", f"no exception; returned {show(result)}")


def assert_same_object(got: Any, expected: Any, *, call: str) -> None:
    __tracebackhide__ = True
    expect(got is expected, call=call, expected="the very same object as its input", got=f"a different object: {show(got)}")


def assert_warns(category: type[Warning], fn: Callable[..., Any], *args: Any, call: str, **kwargs: Any) -> Any:
    """``fn`` must emit a warning of ``category``; returns fn's result."""
    __tracebackhide__ = True
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args, **kwargs)
    kinds = [type(w.message).__name__ for w in caught]
    expect(any(issubclass(w.category, category) for w in caught), call=call,
           expected=f"a {category.__name__}", got=f"warnings {kinds}" if kinds else "no warning")
    return result


def assert_ndarray(got: Any, expected: Any, *, call: str, dtype: str | None = None) -> None:
    """A NumPy ndarray (not a NumPy scalar) with exactly this shape, values and, if given, dtype name.

    For results the backend hands out as NumPy arrays (``Tensor.numpy()``); values compare exactly.
    """
    __tracebackhide__ = True
    expect(isinstance(got, np.ndarray), call=call, expected="a numpy.ndarray", got=f"{type(got).__name__}: {show(got)}")
    want = np.asarray(expected)
    if dtype is not None:
        expect(got.dtype.name == dtype, call=call, expected=f"dtype {dtype}", got=f"dtype {got.dtype.name}")
    expect(got.shape == want.shape, call=call, expected=f"shape {want.shape}", got=f"shape {got.shape}")
    ok = np.asarray(got == want)
    if not ok.all():
        raise ConformanceFailure(call, show(want), show(got), _first_mismatch(got, want, ok))
