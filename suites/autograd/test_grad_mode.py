"""Grad modes: no_grad (context, decorator, thread-local), enable_grad, set_grad_enabled,
inference_mode, their independence from Module.train/eval, and detach
(tutorial T31; facts 6.12-6.15)."""
import threading

from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, assert_values, describe, expect
from suites.autograd.helpers import float_inputs
from suites.inputs import leaf


def _flag(t, want, call):
    expect(t.requires_grad is want, call=call, expected=f"requires_grad {want}", got=f"requires_grad {t.requires_grad!r}")


@check("autograd.grad-mode.no-grad")
@given(x=float_inputs())
def test_no_grad_results_do_not_require_grad(xp, x):
    a = leaf(xp, x)
    _flag(a * a, True, describe("a * a (outside no_grad)", a))
    with xp.no_grad():
        _flag(a * a, False, describe("a * a inside no_grad()", a))
        _flag(a.exp().sum(), False, describe("a.exp().sum() inside no_grad()", a))
        _flag(xp.ones(2, requires_grad=True), True, "torch.ones(2, requires_grad=True) inside no_grad()")
        _flag(xp.nn.Parameter(xp.zeros(2)), True, "nn.Parameter(torch.zeros(2)) inside no_grad()")
        expect(xp.is_grad_enabled() is False, call="torch.is_grad_enabled() inside no_grad()", expected="False",
               got=repr(xp.is_grad_enabled()))
    _flag(a * a, True, describe("a * a after leaving no_grad()", a))


@check("autograd.grad-mode.no-grad")
def test_no_grad_as_decorator(xp):
    a = xp.ones(3, requires_grad=True)

    @xp.no_grad()
    def double(t):
        return t * 2

    _flag(double(a), False, "@torch.no_grad() def double(t): return t * 2; double(ones(3, requires_grad=True))")
    _flag(a * 2, True, "a * 2 after calling the decorated function")


@check("autograd.grad-mode.no-grad")
def test_no_grad_is_thread_local(xp):
    a = xp.ones(3, requires_grad=True)
    seen = {}

    def worker():
        seen["flag"] = (a * 2).requires_grad

    with xp.no_grad():
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    expect(seen.get("flag") is True, call="(a * 2).requires_grad in another thread while the main thread is in no_grad()",
           expected="True (grad mode is thread-local)", got=repr(seen.get("flag")))


@check("autograd.grad-mode.enable-grad")
@given(x=float_inputs())
def test_enable_grad_inside_no_grad(xp, x):
    a = leaf(xp, x)
    with xp.no_grad():
        with xp.enable_grad():
            _flag(a * 2, True, describe("a * 2 in enable_grad() inside no_grad()", a))
        _flag(a * 2, False, describe("a * 2 in no_grad() after leaving enable_grad()", a))


@check("autograd.grad-mode.set-grad-enabled")
@given(x=float_inputs(), mode=st.booleans())
def test_set_grad_enabled_context_and_call(xp, x, mode):
    a = leaf(xp, x)
    try:
        with xp.set_grad_enabled(mode):
            _flag(a * 2, mode, describe(f"a * 2 inside set_grad_enabled({mode})", a))
            expect(xp.is_grad_enabled() is mode, call=f"is_grad_enabled() inside set_grad_enabled({mode})",
                   expected=repr(mode), got=repr(xp.is_grad_enabled()))
        _flag(a * 2, True, describe(f"a * 2 after leaving set_grad_enabled({mode})", a))
        xp.set_grad_enabled(False)
        _flag(a * 2, False, describe("a * 2 after the plain call set_grad_enabled(False)", a))
        expect(xp.is_grad_enabled() is False, call="is_grad_enabled() after set_grad_enabled(False)",
               expected="False", got=repr(xp.is_grad_enabled()))
        xp.set_grad_enabled(True)
        _flag(a * 2, True, describe("a * 2 after the plain call set_grad_enabled(True)", a))
    finally:
        xp.set_grad_enabled(True)


@check("autograd.grad-mode.inference-mode")
@given(x=float_inputs())
def test_inference_mode_tensors(xp, x):
    a = leaf(xp, x)
    with xp.inference_mode():
        made = xp.ones(x.shape, dtype=xp.float64)
        derived = a * 2
    for name, t in (("torch.ones", made), ("a * 2", derived)):
        call = describe(f"{name} under inference_mode()", a)
        expect(t.requires_grad is False and t.is_inference() is True, call=call,
               expected="requires_grad False and is_inference() True",
               got=f"requires_grad={t.requires_grad!r}, is_inference()={t.is_inference()!r}")
    normal = leaf(xp, x, requires_grad=False)
    expect(normal.is_inference() is False, call="tensor(...).is_inference() outside inference mode", expected="False",
           got=repr(normal.is_inference()))

    def saved_for_backward():
        (a * made).sum().backward()  # mul saves both operands for backward

    assert_raises(RuntimeError, saved_for_backward, call="(a * t).sum().backward() with t made under inference_mode()")
    assert_raises(RuntimeError, made.add_, 1.0, call="t.add_(1.0) outside inference mode, t made under inference_mode()")


@check("autograd.grad-mode.independent-of-eval")
def test_grad_mode_and_train_eval_are_independent(xp):
    net = xp.nn.Linear(2, 2)
    try:
        for name, ctx in (("no_grad()", xp.no_grad), ("inference_mode()", xp.inference_mode)):
            with ctx():
                expect(net.training is True, call=f"Linear(2, 2).training inside {name}",
                       expected="True (grad mode does not imply eval())", got=repr(net.training))
        net.eval()
        expect(net.training is False, call="Linear(2, 2).eval(); .training", expected="False", got=repr(net.training))
        expect(xp.is_grad_enabled() is True, call="torch.is_grad_enabled() after module.eval()",
               expected="True (eval() does not disable grad)", got=repr(xp.is_grad_enabled()))
        out = net(xp.ones(1, 2))
        _flag(out, True, "Linear(2, 2).eval()(ones(1, 2)) — parameters still tracked")
        net.train()
        with xp.no_grad():
            expect(xp.is_grad_enabled() is False, call="torch.is_grad_enabled() in no_grad() after module.train()",
                   expected="False", got=repr(xp.is_grad_enabled()))
    finally:
        xp.set_grad_enabled(True)


@check("autograd.detach.stops-gradient-shares-data")
@given(x=float_inputs())
def test_detach(xp, x):
    a = leaf(xp, x)
    y = a * 2
    d = y.detach()
    call = describe("(a * 2).detach()", a)
    expect(d.requires_grad is False and d.grad_fn is None and d.is_leaf is True, call=call,
           expected="a leaf with requires_grad False and grad_fn None",
           got=f"requires_grad={d.requires_grad!r}, grad_fn={d.grad_fn!r}, is_leaf={d.is_leaf!r}")
    assert_tensor(d, 2 * x, dtype="float64", call=call)
    # shares data: a write through the detached tensor is read through the original
    d.add_(10.0)
    assert_tensor(y, 2 * x + 10, dtype="float64", call=call + "; d.add_(10.0); read y")
    # no gradient flows through the detached branch
    b = leaf(xp, x)
    (b.detach() * b).sum().backward()
    assert_values(b.grad, x, call=describe("(b.detach() * b).sum().backward(); b.grad", b))
