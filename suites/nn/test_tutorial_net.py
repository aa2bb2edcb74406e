"""The tutorial's network end to end (T34-T41, T52): a Module subclass with Conv2d(1,6,3),
relu, 2x2 max-pool, flatten and Linear(1350,10); its shapes, parameters, output values,
backward with a given gradient, zero_grad, MSELoss, and unbatched input."""

import numpy as np
from hypothesis import given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_shape, assert_values, describe, expect, show
from suites.nn import oracles
from suites.nn.common import LOSS_GRAD_TOL, NET_GRAD_TOL, NET_TOL, TOL, as_f32, param, rng, seeds, shape_of
from suites.inputs import tensor_of


def make_net(xp, calls=None):
    """The tutorial's Net, written as the tutorial writes it."""
    nn, F = xp.nn, xp.nn.functional

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 6, 3)
            self.fc1 = nn.Linear(1350, 10)

        def forward(self, x):
            if calls is not None:
                calls.append(shape_of(x))
            x = self.conv1(x)
            x = F.relu(x)
            x = F.max_pool2d(x, (2, 2))
            x = F.relu(x)
            x = x.view(x.size(0), -1)
            return self.fc1(x)

    return Net()


def net_params(net):
    return [param(net.conv1.weight), param(net.conv1.bias), param(net.fc1.weight), param(net.fc1.bias)]


@check("nn.module.subclass-forward")
def test_subclass_registers_layers_and_calls_forward(xp):
    calls = []
    net = make_net(xp, calls)
    call = "class Net(nn.Module) with conv1 = Conv2d(1,6,3), fc1 = Linear(1350,10); net(randn(1,1,32,32))"
    children = [name for name, _ in net.named_children()]
    expect(children == ["conv1", "fc1"], call=call + "; named_children()", expected=["conv1", "fc1"], got=children)
    out = net(tensor_of(xp, rng(0).standard_normal((1, 1, 32, 32)), "float32"))
    expect(calls == [(1, 1, 32, 32)], call=call, expected="forward called once with the input", got=f"forward calls: {calls}")
    assert_shape(out, (1, 10), call=call)


@check("nn.tutorial-net.shapes")
@given(batch=st.integers(1, 2))
def test_tutorial_net_shapes(xp, batch):
    F = xp.nn.functional
    x = tensor_of(xp, rng(batch).standard_normal((batch, 1, 32, 32)), "float32")
    conv = xp.nn.Conv2d(1, 6, 3)
    y = conv(x)
    assert_shape(y, (batch, 6, 30, 30), call=describe("Conv2d(1, 6, 3)", x))
    y = F.relu(y)
    assert_shape(y, (batch, 6, 30, 30), call=f"relu(tensor(shape={(batch, 6, 30, 30)}))")
    y = F.max_pool2d(y, (2, 2))
    assert_shape(y, (batch, 6, 15, 15), call=f"max_pool2d(tensor(shape={(batch, 6, 30, 30)}), (2, 2))")
    y = y.view(y.size(0), -1)
    assert_shape(y, (batch, 1350), call=f"tensor(shape={(batch, 6, 15, 15)}).view(size(0), -1)")
    out = xp.nn.Linear(1350, 10)(y)
    assert_shape(out, (batch, 10), call=f"Linear(1350, 10)(tensor(shape={(batch, 1350)}))")


@check("nn.tutorial-net.values")
@settings(max_examples=4)
@given(seed=seeds, batch=st.integers(1, 2))
def test_tutorial_net_values(xp, seed, batch):
    net = make_net(xp)
    x = rng(seed).standard_normal((batch, 1, 32, 32))
    out = net(tensor_of(xp, x, "float32"))
    want, _ = oracles.tutorial_net(as_f32(x), *net_params(net))
    assert_values(out, want, call=f"Net()(randn{(batch, 1, 32, 32)}) [seed {seed}]", **NET_TOL)


@check("nn.tutorial-net.parameters")
def test_tutorial_net_parameters(xp):
    net = make_net(xp)
    params = list(net.parameters())
    call = "list(Net().parameters())"
    expect(len(params) == 4, call=call, expected="4 parameters", got=len(params))
    want = [(6, 1, 3, 3), (6,), (10, 1350), (10,)]
    got = [shape_of(p) for p in params]
    expect(got == want, call=call, expected=want, got=got)
    total = sum(int(p.numel()) for p in params)
    expect(total == 6 * 1 * 3 * 3 + 6 + 1350 * 10 + 10, call="sum(p.numel() for p in Net().parameters())",
           expected=13570, got=total)


@check("nn.tutorial-net.backward-gradient")
@settings(max_examples=2)
@given(seed=seeds, batch=st.integers(1, 2))
def test_backward_with_given_gradient(xp, seed, batch):
    net = make_net(xp)
    r = rng(seed)
    x = r.standard_normal((batch, 1, 32, 32))
    g = r.standard_normal((batch, 10))
    net.zero_grad()
    out = net(tensor_of(xp, x, "float32"))
    out.backward(tensor_of(xp, g, "float32"))
    call = f"Net()(randn{(batch, 1, 32, 32)}).backward(randn{(batch, 10)}) [seed {seed}]"
    _, grads = oracles.tutorial_net(as_f32(x), *net_params(net), grad_out=as_f32(g))
    names = ["conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias"]
    for name, p, want in zip(names, [net.conv1.weight, net.conv1.bias, net.fc1.weight, net.fc1.bias], grads):
        expect(p.grad is not None, call=call, expected=f"{name}.grad set", got="None")
        assert_values(p.grad, want, call=call + f"; {name}.grad", **NET_GRAD_TOL)


@check("nn.tutorial-net.backward-gradient", "nn.module.zero-grad", "nn.mseloss.grad")
def test_tutorial_loss_backward_after_zero_grad(xp):
    """The tutorial's second half: zero_grad, MSELoss against target.view(1,-1), loss.backward."""
    net = make_net(xp)
    r = rng(7)
    x, t = r.standard_normal((1, 1, 32, 32)), r.standard_normal(10)
    net(tensor_of(xp, x, "float32")).backward(tensor_of(xp, r.standard_normal((1, 10)), "float32"))  # the tutorial's first backward
    output = net(tensor_of(xp, x, "float32"))
    target = tensor_of(xp, t, "float32").view(1, -1)
    assert_shape(target, (1, 10), call="randn(10).view(1, -1)")
    loss = xp.nn.MSELoss()(output, target)
    call = "MSELoss()(net(input), target)"
    expect(loss.grad_fn is not None, call=call, expected="a result with a grad_fn", got="grad_fn None")
    net.zero_grad()
    bias_grad = net.conv1.bias.grad
    expect(bias_grad is None, call="net.zero_grad(); net.conv1.bias.grad", expected="None (set_to_none=True default)",
           got=show(bias_grad))
    loss.backward()
    params = net_params(net)
    out_np, _ = oracles.tutorial_net(as_f32(x), *params)
    g = 2 * (out_np - as_f32(t)[None, :]) / 10
    _, grads = oracles.tutorial_net(as_f32(x), *params, grad_out=g)
    expect(net.conv1.bias.grad is not None, call="loss.backward(); net.conv1.bias.grad", expected="a tensor", got="None")
    assert_values(net.conv1.bias.grad, grads[1], call="loss.backward(); net.conv1.bias.grad", **LOSS_GRAD_TOL)
    assert_values(net.fc1.weight.grad, grads[2], call="loss.backward(); net.fc1.weight.grad", **LOSS_GRAD_TOL)


@check("nn.module.zero-grad")
@given(set_to_none=st.sampled_from([None, True, False]))
def test_zero_grad(xp, set_to_none):
    net = xp.nn.Sequential(xp.nn.Linear(3, 2), xp.nn.Linear(2, 1))
    net(tensor_of(xp, rng(1).standard_normal((4, 3)), "float32")).sum().backward()
    if set_to_none is None:
        net.zero_grad()
        call = "Sequential(Linear(3,2), Linear(2,1)).zero_grad()"
    else:
        net.zero_grad(set_to_none=set_to_none)
        call = f"Sequential(Linear(3,2), Linear(2,1)).zero_grad(set_to_none={set_to_none})"
    for name, p in net.named_parameters():
        if set_to_none is False:
            expect(p.grad is not None, call=call, expected=f"{name}.grad zero-filled", got="None")
            assert_values(p.grad, np.zeros(shape_of(p)), call=call + f"; {name}.grad")
        else:
            expect(p.grad is None, call=call, expected=f"{name}.grad None", got=show(p.grad))


@check("nn.unbatched.input")
@given(seed=seeds, c=st.integers(1, 3), o=st.integers(1, 3), h=st.integers(3, 6), w=st.integers(3, 6),
       k=st.integers(1, 3))
def test_unbatched_conv_and_pool(xp, seed, c, o, h, w, k):
    x = rng(seed).standard_normal((c, h, w))
    conv = xp.nn.Conv2d(c, o, k)
    got = conv(tensor_of(xp, x, "float32"))
    want = oracles.conv2d(as_f32(x)[None], param(conv.weight), param(conv.bias))[0]
    assert_values(got, want, call=f"Conv2d({c}, {o}, {k})(randn{(c, h, w)}) [seed {seed}]", **TOL)
    got = xp.nn.MaxPool2d(2)(tensor_of(xp, x, "float32"))
    assert_values(got, oracles.max_pool2d(as_f32(x)[None], 2)[0][0], call=f"MaxPool2d(2)(tensor(shape={(c, h, w)}))")
    got = xp.nn.AvgPool2d(2)(tensor_of(xp, x, "float32"))
    assert_values(got, oracles.avg_pool2d(as_f32(x)[None], 2)[0], call=f"AvgPool2d(2)(tensor(shape={(c, h, w)}))", **TOL)


@check("nn.unbatched.input")
@given(seed=seeds, n_in=st.integers(1, 5), n_out=st.integers(1, 5))
def test_unbatched_linear(xp, seed, n_in, n_out):
    x = rng(seed).standard_normal(n_in)
    lin = xp.nn.Linear(n_in, n_out)
    got = lin(tensor_of(xp, x, "float32"))
    want = oracles.linear(as_f32(x), param(lin.weight), param(lin.bias))
    assert_values(got, want, call=f"Linear({n_in}, {n_out})(tensor(shape=({n_in},)))", **TOL)


@check("nn.params.count")
def test_lenet_parameter_count(xp):
    nn = xp.nn
    model = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.Flatten(),
                          nn.Linear(256, 120), nn.Linear(120, 84), nn.Linear(84, 10))
    total = sum(int(p.numel()) for p in model.parameters())
    want = (6 * 25 + 6) + (16 * 6 * 25 + 16) + (256 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10)
    expect(total == want == 44426, call="sum(p.numel() for p in LeNet-style Sequential.parameters())",
           expected=44426, got=total)


@check("nn.params.count")
@given(layers=st.lists(st.tuples(st.sampled_from(["linear", "conv", "bn"]), st.integers(1, 4), st.integers(1, 4),
                                 st.integers(1, 3), st.booleans()), min_size=1, max_size=4))
def test_parameter_count_is_sum_of_numel(xp, layers):
    nn = xp.nn
    modules, want, names = [], 0, []
    for kind, a, b, k, bias in layers:
        if kind == "linear":
            modules.append(nn.Linear(a, b, bias=bias))
            want += a * b + (b if bias else 0)
        elif kind == "conv":
            modules.append(nn.Conv2d(a, b, k, bias=bias))
            want += b * a * k * k + (b if bias else 0)
        else:
            modules.append(nn.BatchNorm2d(a, affine=bias))
            want += 2 * a if bias else 0
        names.append(f"{kind}({a},{b},{k},bias={bias})")
    total = sum(int(p.numel()) for p in nn.Sequential(*modules).parameters())
    expect(total == want, call=f"sum numel of Sequential({', '.join(names)}).parameters()", expected=want, got=total)
