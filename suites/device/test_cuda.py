"""torch.cuda.is_available() says whether CUDA can be used (T25). Every backend must answer:
one without CUDA answers False and refuses a 'cuda' device."""
from conformance import check
from conformance.assertions import ConformanceFailure, assert_raises, describe, expect
from suites.device.oracles import on_device, where


@check("device.cuda.is-available")
def test_cuda_is_available_is_truthful(xp, backend):
    declared = "cuda" in backend.devices
    call = "cuda.is_available()"
    expect(hasattr(xp, "cuda") and hasattr(xp.cuda, "is_available"), call=call,
           expected="a cuda.is_available function", got="no such function")
    got = xp.cuda.is_available()
    expect(type(got) is bool, call=call, expected="a bool", got=f"{type(got).__name__}: {got!r}")
    if declared:
        expect(got == backend.device_available("cuda"), call=call,
               expected=f"{backend.device_available('cuda')} (the adapter's device_available('cuda'))", got=repr(got))
    make = describe("ones", 1, device="cuda")
    if got:
        call = make + " after cuda.is_available() returned True"
        try:
            t = xp.ones(1, device="cuda")
        except Exception as exc:
            raise ConformanceFailure(call, "a tensor on 'cuda'", f"{type(exc).__name__}: {exc}") from exc
        expect(on_device(xp, t.device, "cuda"), call=call, expected="a tensor on 'cuda'", got=f"a tensor on {where(t)}")
    else:
        # Without CUDA the failure type depends on the build (AssertionError on CPU-only builds).
        assert_raises((RuntimeError, AssertionError), xp.ones, 1, device="cuda",
                      call=make + " after cuda.is_available() returned False")
