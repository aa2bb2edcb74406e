"""Mutants of devices and transfers. Only CPU-observable breaks: the checks that need a second
device (moves, mixing, pin_memory, non-CPU numpy) cannot be proven on a CPU-only machine."""
import torch

from tests.mutants import Mutant, combine, replace

_is_dtype = lambda a: isinstance(a, torch.dtype)  # noqa: E731
_is_device = lambda a: isinstance(a, (str, torch.device, int))  # noqa: E731


def _device_class(str_fn=None, eq_fn=None, index_fn=None):
    """A stand-in for torch.device wrapping a real device, with one aspect broken."""

    def make(orig):
        class Device:
            def __init__(self, *args, **kwargs):
                self._d = args[0]._d if args and isinstance(args[0], Device) else orig(*args, **kwargs)

            type = property(lambda self: self._d.type)
            index = property(lambda self: index_fn(self._d) if index_fn else self._d.index)

            def __str__(self):
                return str_fn(self._d) if str_fn else str(self._d)

            def __repr__(self):
                return repr(self._d)

            def __eq__(self, other):
                if eq_fn:
                    return eq_fn(self._d, other._d if isinstance(other, Device) else other)
                return self._d == (other._d if isinstance(other, Device) else other)

            def __hash__(self):
                return hash(self._d)

        return Device

    return replace("device", make)


def _accept_unknown(orig):
    def device(*args, **kwargs):
        try:
            return orig(*args, **kwargs)
        except RuntimeError:
            return orig("cpu")
    return device


def _to(transform):
    """Tensor.to replaced by ``transform(orig, self, args, kwargs)``."""
    return replace("Tensor.to", lambda orig: lambda self, *a, **k: transform(orig, self, a, k))


def _to_ignores_positional_dtype(orig, self, a, k):
    if a and _is_dtype(a[0]):
        return orig(self, *a[1:], **k)
    return orig(self, *a, **k)


def _to_rounds(orig, self, a, k):
    target = next((x for x in (*a, k.get("dtype")) if _is_dtype(x)), None)
    if target is not None and self.is_floating_point() and not target.is_floating_point and target != torch.bool:
        return orig(self.round(), *a, **k)
    return orig(self, *a, **k)


def _to_device_drops_dtype(orig, self, a, k):
    if a and _is_device(a[0]) and not _is_dtype(a[0]):
        k = {key: v for key, v in k.items() if key != "dtype"}
        return orig(self, a[0], **k)
    return orig(self, *a, **k)


def _to_ignores_other(orig, self, a, k):
    if a and isinstance(a[0], torch.Tensor):
        return self
    return orig(self, *a, **k)


def _to_always_copies(orig, self, a, k):
    out = orig(self, *a, **k)
    return out.clone() if out is self else out


def _to_ignores_copy(orig, self, a, k):
    k.pop("copy", None)
    return orig(self, *a, **k)


def _to_non_blocking_copies(orig, self, a, k):
    out = orig(self, *a, **k)
    return out.clone() if k.get("non_blocking") and out is self else out


def _to_int_keeps_grad(orig, self, a, k):
    target = next((x for x in (*a, k.get("dtype")) if _is_dtype(x)), None)
    if self.requires_grad and target is not None and not target.is_floating_point:
        return self  # "refuses" to drop requires_grad by not casting at all
    return orig(self, *a, **k)


def _to_detaches(orig, self, a, k):
    out = orig(self, *a, **k)
    return out.detach().requires_grad_() if self.requires_grad and out is not self and out.is_floating_point() else out


def _on_meta_when_device_given(orig):
    def factory(*args, **kwargs):
        if kwargs.get("device") is not None:
            kwargs["device"] = "meta"
        return orig(*args, **kwargs)
    return factory


def _tensor_of_tensor_on_meta(orig):
    def tensor(data, *args, **kwargs):
        out = orig(data, *args, **kwargs)
        return out.to("meta") if kwargs.get("device") is None else out
    return tensor


def _type_cast_copies(orig):
    def type_(self, dtype=None, *args, **kwargs):
        out = orig(self, dtype, *args, **kwargs)
        return out.clone() if dtype is not None and out is self else out
    return type_


MUTANTS = [
    # device objects
    Mutant("device-drops-index", ("device.object.cpu", "device.object.indexed"), _device_class(index_fn=lambda d: None)),
    Mutant("device-str-is-type-only", ("device.object.str-repr",), _device_class(str_fn=lambda d: d.type)),
    Mutant("device-equality-ignores-index", ("device.object.equality",),
           _device_class(eq_fn=lambda d, o: getattr(o, "type", None) == d.type)),
    Mutant("device-equals-its-string", ("device.object.equality",),
           _device_class(eq_fn=lambda d, o: str(d) == o if isinstance(o, str) else d == o)),
    Mutant("device-accepts-unknown", ("device.object.invalid",), replace("device", _accept_unknown)),
    Mutant("tensor-device-is-meta", ("device.tensor.device-attribute",),
           replace("Tensor.device", lambda orig: property(lambda self: torch.device("meta")))),
    Mutant("tensor-is-cuda-true", ("device.tensor.device-attribute",),
           replace("Tensor.is_cuda", lambda orig: property(lambda self: True))),
    Mutant("get-device-zero-on-cpu", ("device.tensor.get-device",),
           replace("Tensor.get_device", lambda orig: lambda self: 0)),
    # creation on a device
    Mutant("factories-ignore-device", ("device.factory.device-keyword",),
           combine(*(replace(n, _on_meta_when_device_given) for n in ("ones", "zeros", "full", "arange", "tensor")))),
    Mutant("ones-like-ignores-device", ("device.factory.like-device",), replace("ones_like", _on_meta_when_device_given)),
    Mutant("tensor-on-wrong-device", ("device.factory.tensor-keeps-device",), replace("tensor", _tensor_of_tensor_on_meta)),
    # Tensor.to and friends
    Mutant("to-ignores-dtype", ("device.to.dtype",), _to(_to_ignores_positional_dtype)),
    Mutant("to-int-rounds", ("device.to.truncates",), _to(_to_rounds)),
    Mutant("to-device-drops-dtype", ("device.to.device-dtype",), _to(_to_device_drops_dtype)),
    Mutant("to-ignores-other", ("device.to.other",), _to(_to_ignores_other)),
    Mutant("to-always-copies", ("device.to.returns-self", "device.to.non-blocking"), _to(_to_always_copies)),
    Mutant("to-ignores-copy", ("device.to.returns-self",), _to(_to_ignores_copy)),
    Mutant("to-non-blocking-copies", ("device.to.non-blocking",), _to(_to_non_blocking_copies)),
    Mutant("to-int-keeps-grad", ("device.to.int-drops-grad",), _to(_to_int_keeps_grad)),
    Mutant("to-detaches-result", ("device.to.grad-leaf",), _to(_to_detaches)),
    Mutant("add-result-on-meta", ("device.to.same-device-op",),
           combine(replace("Tensor.__add__", lambda orig: lambda self, other: orig(self, other).to("meta")),
                   replace("add", lambda orig: lambda *a, **k: orig(*a, **k).to("meta")))),
    Mutant("cpu-copies", ("device.cpu.returns-self",),
           replace("Tensor.cpu", lambda orig: lambda self, *a, **k: orig(self, *a, **k).clone())),
    Mutant("float-copies", ("device.casts.shorthand",),
           replace("Tensor.float", lambda orig: lambda self, *a, **k: orig(self, *a, **k).clone())),
    Mutant("long-gives-int32", ("device.casts.shorthand",),
           replace("Tensor.long", lambda orig: lambda self, *a, **k: self.to(torch.int32))),
    Mutant("type-no-arg-generic", ("device.type.legacy-string",),
           replace("Tensor.type", lambda orig: lambda self, dtype=None, *a, **k:
                   "torch.Tensor" if dtype is None else orig(self, dtype, *a, **k))),
    Mutant("type-cast-copies", ("device.type.cast",), replace("Tensor.type", _type_cast_copies)),
    # torch.cuda
    Mutant("cuda-available-not-bool", ("device.cuda.is-available",),
           replace("cuda.is_available", lambda orig: lambda: int(orig()))),
    Mutant("cuda-available-lies", ("device.cuda.is-available",),
           replace("cuda.is_available", lambda orig: lambda: not orig())),
]


# ---------------------------------------------------------------- second-device behaviours
# This machine has no CUDA, so these break the reference backend, whose fake second device
# lets the transfer checks run (Mutant.backend = "reference").
def _to_stays_put(orig):
    """Tensor.to that ignores any device argument."""
    def to(self, *args, **kwargs):
        kwargs.pop("device", None)
        return orig(self, *[a for a in args if not isinstance(a, (str, type(self.device)))], **kwargs)
    return to


def _mixing_allowed(orig):
    return lambda *tensors: None


def _cpu_scalar_refused(orig):
    def check(*tensors):
        devices = {str(t.device) for t in tensors if hasattr(t, "device")}
        if len(devices) > 1:
            raise RuntimeError(f"Expected all tensors to be on the same device, found {sorted(devices)}")
    return check


def _numpy_ignores_device(orig):
    return lambda self, *, force=False: self._a.view()


def _pin_memory_ignored(orig):
    return lambda *size, pin_memory=False, **kwargs: orig(*size, **kwargs)


MUTANTS += [
    Mutant("ref-to-ignores-device", ("device.to.moves",), replace("Tensor.to", _to_stays_put), backend="reference"),
    Mutant("ref-mixing-devices-allowed", ("device.mixing.error",), replace("_ops.check_device", _mixing_allowed),
           backend="reference"),
    Mutant("ref-cpu-scalar-refused", ("device.mixing.cpu-scalar",), replace("_ops.check_device", _cpu_scalar_refused),
           backend="reference"),
    Mutant("ref-numpy-on-any-device", ("numpy.numpy.non-cpu-raises",), replace("Tensor.numpy", _numpy_ignores_device),
           backend="reference"),
    Mutant("ref-ones-ignores-pin-memory", ("device.factory.pin-memory",), replace("ones", _pin_memory_ignored),
           backend="reference"),
]


def _context_ignored(orig):
    return lambda self: self


MUTANTS += [
    Mutant("ref-device-context-ignored", ("creation.device-context.default-device",),
           combine(replace("device.__enter__", _context_ignored),
                   replace("device.__exit__", lambda orig: lambda self, *exc: None)), backend="reference"),
    Mutant("ref-loader-does-not-pin", ("data.loader.pin-memory",),
           replace("utils.data.dataloader.pin_batch", lambda orig: lambda batch: batch), backend="reference"),
]
