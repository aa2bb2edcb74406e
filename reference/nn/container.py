"""Sequential: submodules registered as '0', '1', ... (or by the names of an OrderedDict), each
output fed to the next (nn.params.count, nn.module.named-parameters-names)."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterator

from reference.nn.module import Module


class Sequential(Module):
    def __init__(self, *modules: Any) -> None:
        super().__init__()
        if len(modules) == 1 and isinstance(modules[0], OrderedDict):
            for name, module in modules[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(modules):
                self.add_module(str(index), module)

    def forward(self, input: Any) -> Any:
        for module in self._modules.values():
            input = module(input)
        return input

    def __getitem__(self, index: Any) -> Any:
        """An int gives that module (negative counts from the end); a slice gives a Sequential."""
        entries = list(self._modules.items())
        if isinstance(index, slice):
            return Sequential(OrderedDict(entries[index]))
        return entries[index][1]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def append(self, module: Module) -> "Sequential":
        self.add_module(str(len(self)), module)
        return self
