"""The Optimizer's state_dict / load_state_dict hooks (base-class behaviour, shown on SGD with momentum)."""
from __future__ import annotations

from typing import Any

from conformance import check
from conformance.assertions import expect
from suites.inputs import parameter, tensor_of

BUILD = "opt = SGD([p], lr=0.1, momentum=0.9), one step taken"


def _stepped(xp: Any) -> Any:
    p = parameter(xp, [1.0, -2.0])
    opt = xp.optim.SGD([p], lr=0.1, momentum=0.9)
    p.grad = tensor_of(xp, [0.5, 0.25], "float64")
    opt.step()
    return opt


@check("optim.state-dict-hooks.save")
def test_state_dict_hooks(xp):
    opt, seen = _stepped(xp), []

    def pre(optimizer):
        seen.append(("pre", optimizer is opt))
        optimizer.param_groups[0]["lr"] = 0.5

    def post(optimizer, state_dict):
        seen.append(("post", optimizer is opt, state_dict["param_groups"][0]["lr"]))
        return {**state_dict, "note": "added"}

    handles = [opt.register_state_dict_pre_hook(pre), opt.register_state_dict_post_hook(post)]
    call = f"{BUILD}; pre hook sets lr 0.5, post hook returns the dict plus 'note'; opt.state_dict()"
    saved = opt.state_dict()
    want = [("pre", True), ("post", True, 0.5)]
    expect(seen == want, call=call, expected=want, got=seen)
    expect(saved.get("note") == "added" and saved["param_groups"][0]["lr"] == 0.5, call=call,
           expected="the post hook's dict: 'note' present, lr 0.5", got=sorted(saved))
    for handle in handles:
        handle.remove()
    seen.clear()
    saved = opt.state_dict()
    expect(seen == [] and "note" not in saved, call=call + " after both handles' remove()",
           expected="no hook calls and no 'note'", got=f"calls {seen}, keys {sorted(saved)}")


@check("optim.state-dict-hooks.load")
def test_load_state_dict_hooks(xp):
    source, target, seen = _stepped(xp), _stepped(xp), []

    def pre(optimizer, state_dict):
        seen.append(("pre", optimizer is target))
        changed = {**state_dict, "param_groups": [dict(g) for g in state_dict["param_groups"]]}
        changed["param_groups"][0]["lr"] = 0.25
        return changed

    target.register_load_state_dict_pre_hook(pre)
    target.register_load_state_dict_post_hook(
        lambda optimizer: seen.append(("post", optimizer is target, optimizer.param_groups[0]["lr"])))
    call = f"source, target = two of {BUILD}; target's load pre hook returns the dict with lr 0.25; " \
           "target.load_state_dict(source.state_dict())"
    target.load_state_dict(source.state_dict())
    want = [("pre", True), ("post", True, 0.25)]
    expect(seen == want, call=call, expected=want, got=seen)
    expect(target.param_groups[0]["lr"] == 0.25, call=call + "; target lr", expected=0.25,
           got=target.param_groups[0]["lr"])
