"""Creating tensors on a device: device= in factories and *_like (T23, fact 5.16), torch.tensor's
device inference (5.18) and pin_memory (5.19)."""
import warnings

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.dtypes import CORE_DTYPES
from conformance.assertions import assert_raises, assert_tensor, describe, expect
from conformance.strategies import dtype_names, shapes
from suites.device.oracles import on_device, where

# name -> positional arguments for a shape
FACTORIES = {
    "ones": lambda shape: (shape,),
    "zeros": lambda shape: (shape,),
    "full": lambda shape: (shape, 2.5),
    "arange": lambda shape: (float(np.prod(shape)),),
    "tensor": lambda shape: (np.ones(shape).tolist(),),
}


@check("device.factory.device-keyword")
@given(name=st.sampled_from(sorted(FACTORIES)), shape=shapes(min_dims=1, max_dims=3, min_side=1, max_side=4),
       as_object=st.booleans())
def test_factory_device_keyword(xp, device, name, shape, as_object):
    args = FACTORIES[name](shape)
    requested = xp.device(device) if as_object else device
    call = describe(name, *args, device=requested)
    t = getattr(xp, name)(*args, device=requested)
    expect(on_device(xp, t.device, device), call=call, expected=f"a tensor on {device!r}", got=f"a tensor on {where(t)}")


@check("device.factory.like-device")
@given(shape=shapes(max_dims=3, max_side=4), dtype=dtype_names(CORE_DTYPES), as_object=st.booleans())
def test_ones_like_creates_on_requested_device(xp, device, shape, dtype, as_object):
    x = xp.zeros(shape, dtype=getattr(xp, dtype))
    requested = xp.device(device) if as_object else device
    call = describe("ones_like", x, device=requested)
    y = xp.ones_like(x, device=requested)
    expect(on_device(xp, y.device, device), call=call, expected=f"a tensor on {device!r}", got=f"a tensor on {where(y)}")
    assert_tensor(y, np.ones(shape, dtype=dtype), dtype=dtype, call=call)


@check("device.factory.tensor-keeps-device")
def test_tensor_of_data_uses_default_device(xp):
    t = xp.tensor([1.0, 2.0])
    call = describe("tensor", [1.0, 2.0])
    expect(on_device(xp, t.device, "cpu"), call=call, expected="a tensor on the default device 'cpu'",
           got=f"a tensor on {where(t)}")


@check("device.factory.tensor-keeps-device")
def test_tensor_of_tensor_keeps_its_device(xp, device):
    src = xp.full((3,), 4.0, device=device)
    call = describe("tensor", src) + f" with the source tensor on {device!r} and device=None"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch recommends clone().detach() here
        t = xp.tensor(src)
    expect(on_device(xp, t.device, device), call=call, expected=f"a tensor on {device!r}", got=f"a tensor on {where(t)}")


@check("device.factory.pin-memory")
def test_pin_memory_only_for_cpu(xp, other_device):
    """Pinned host memory needs an accelerator, hence the other_device fixture."""
    call = describe("ones", 3, pin_memory=True)
    t = xp.ones(3, pin_memory=True)
    expect(on_device(xp, t.device, "cpu") and t.is_pinned(), call=call, expected="a pinned CPU tensor",
           got=f"a tensor on {where(t)}, is_pinned() {t.is_pinned()}")
    assert_raises(RuntimeError, xp.ones, 3, device=other_device, pin_memory=True,
                  call=describe("ones", 3, device=other_device, pin_memory=True))
