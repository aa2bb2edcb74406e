"""The Module API: parameters / named_parameters (recursion, sharing, names, order),
train / eval, state_dict and load_state_dict."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_same_object, assert_values, expect, show
from suites.nn.common import param, rng, set_param


def block(xp):
    """A module with an own parameter registered after two submodules, one Linear used twice."""
    nn = xp.nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(3, 4)
            self.head = nn.Sequential(nn.Linear(4, 2), nn.ReLU())
            self.scale = nn.Parameter(xp.ones(2))
            self.again = self.fc  # the same Linear under a second name

        def forward(self, x):
            return self.head(self.again(self.fc(x)[..., :3])) * self.scale

    return Block()


@check("nn.module.parameters-recurse")
def test_parameters_recurse_and_dedup(xp):
    m = block(xp)
    params = list(m.parameters())
    want = [m.scale, m.fc.weight, m.fc.bias, m.head[0].weight, m.head[0].bias]
    ids = [id(p) for p in params]
    call = "Block().parameters() (own scale, fc, head = Sequential(Linear, ReLU), again = fc)"
    expect(len(params) == 5 and set(ids) == {id(p) for p in want}, call=call,
           expected="5 parameters: scale, fc.weight, fc.bias, head.0.weight, head.0.bias (the shared fc once)",
           got=f"{len(params)} parameters of shapes {[tuple(p.shape) for p in params]}")
    direct = list(m.parameters(recurse=False))
    expect(len(direct) == 1 and direct[0] is m.scale, call="Block().parameters(recurse=False)",
           expected="only [scale]", got=f"{len(direct)} parameters of shapes {[tuple(p.shape) for p in direct]}")


@check("nn.module.parameters-recurse")
def test_shared_parameter_yielded_once(xp):
    nn = xp.nn
    a, b = nn.Linear(2, 2), nn.Linear(2, 2)
    b.weight = a.weight
    params = list(nn.Sequential(a, b).parameters())
    expect(len(params) == 3, call="Sequential(a, b) with b.weight = a.weight: parameters()",
           expected="3 parameters (a.weight once, a.bias, b.bias)", got=f"{len(params)} parameters")


@check("nn.module.named-parameters-names")
def test_named_parameters_dotted_names(xp):
    names = {name for name, _ in block(xp).named_parameters()}
    want = {"scale", "fc.weight", "fc.bias", "head.0.weight", "head.0.bias"}
    expect(names == want, call="Block().named_parameters() names", expected=sorted(want), got=sorted(names))
    m = block(xp)
    got = dict(m.named_parameters())
    expect(got.get("fc.weight") is m.fc.weight, call="dict(Block().named_parameters())['fc.weight']",
           expected="the fc layer's weight", got=show(got.get("fc.weight")))


@check("nn.module.named-parameters-order")
def test_named_parameters_order(xp):
    names = [name for name, _ in block(xp).named_parameters()]
    want = ["scale", "fc.weight", "fc.bias", "head.0.weight", "head.0.bias"]
    expect(names == want, call="[name for name, _ in Block().named_parameters()]", expected=want, got=names)


@check("nn.module.train-eval")
@given(steps=st.lists(st.sampled_from(["train", "train(True)", "train(False)", "eval"]), min_size=1, max_size=4))
def test_train_eval_flags(xp, steps):
    m = block(xp)
    call = "Block()"
    subs = list(m.modules())
    flags = [s.training for s in subs]
    expect(all(flags), call=call + ": training of every module", expected="all True when new", got=flags)
    for step in steps:
        ret = {"train": lambda: m.train(), "train(True)": lambda: m.train(True),
               "train(False)": lambda: m.train(False), "eval": lambda: m.eval()}[step]()
        call += f".{step}" + ("()" if "(" not in step else "")
        assert_same_object(ret, m, call=call)
        want = step in ("train", "train(True)")
        flags = [s.training for s in subs]
        expect(all(f is want for f in flags), call=call + ": training of every module", expected=f"all {want}", got=flags)


@check("nn.module.state-dict")
def test_state_dict_contents(xp):
    nn = xp.nn

    class WithBuffers(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(3, 2)
            self.nobias = nn.Linear(2, 2, bias=False)
            self.register_buffer("kept", xp.zeros(2))
            self.register_buffer("scratch", xp.zeros(2), persistent=False)

    m = WithBuffers()
    sd = m.state_dict()
    keys = list(sd.keys())
    want = {"fc.weight", "fc.bias", "nobias.weight", "kept"}
    expect(set(keys) == want, call="WithBuffers().state_dict().keys()",
           expected=f"{sorted(want)} (no non-persistent 'scratch', no None 'nobias.bias')", got=keys)
    for key in ("fc.weight", "fc.bias"):
        expect(not sd[key].requires_grad, call=f"state_dict()[{key!r}].requires_grad", expected=False, got=True)
    before = param(m.fc.weight)
    sd["fc.weight"].add_(1)
    assert_values(m.fc.weight, before + 1, call="sd = state_dict(); sd['fc.weight'].add_(1); module.fc.weight")
    sd["kept"].fill_(5)
    assert_values(m.kept, np.full(2, 5.0), call="sd['kept'].fill_(5); module.kept")


@check("nn.module.load-state-dict")
def test_load_state_dict(xp):
    nn = xp.nn
    src, dst = nn.Linear(3, 2), nn.Linear(3, 2)
    set_param(xp, src.weight, rng(0).standard_normal((2, 3)))
    dst.load_state_dict(src.state_dict())
    assert_values(dst.weight, param(src.weight), call="dst.load_state_dict(src.state_dict()); dst.weight")
    assert_values(dst.bias, param(src.bias), call="dst.load_state_dict(src.state_dict()); dst.bias")
    missing = {"weight": src.state_dict()["weight"]}
    assert_raises(RuntimeError, dst.load_state_dict, missing, call="Linear(3, 2).load_state_dict({'weight': ...})")
    extra = {**src.state_dict(), "extra": xp.zeros(1)}
    assert_raises(RuntimeError, dst.load_state_dict, extra,
                  call="Linear(3, 2).load_state_dict({'weight', 'bias', 'extra'})")
    result = dst.load_state_dict({"weight": xp.zeros(2, 3), "extra": xp.zeros(1)}, strict=False)
    got = (list(result.missing_keys), list(result.unexpected_keys))
    expect(got == (["bias"], ["extra"]), call="Linear(3, 2).load_state_dict({'weight', 'extra'}, strict=False)",
           expected="missing_keys ['bias'], unexpected_keys ['extra']", got=f"{got}")
    assert_values(dst.weight, np.zeros((2, 3)), call="load_state_dict({'weight': zeros(2, 3), ...}, strict=False); weight")
