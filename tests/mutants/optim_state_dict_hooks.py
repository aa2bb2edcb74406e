"""Mutants of the Optimizer's state_dict hooks: each drops the result of one kind of hook."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _result_ignored(orig):
    return lambda self, hook, *args, **kwargs: orig(self, lambda *a: (hook(*a), None)[1], *args, **kwargs)


MUTANTS = [
    Mutant("optimizer-state-dict-post-hook-result-ignored", ("optim.state-dict-hooks.save",),
           replace("optim.Optimizer.register_state_dict_post_hook", _result_ignored)),
    Mutant("optimizer-load-pre-hook-result-ignored", ("optim.state-dict-hooks.load",),
           replace("optim.Optimizer.register_load_state_dict_pre_hook", _result_ignored)),
]
