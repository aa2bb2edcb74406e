"""Generated files stay in sync with what they describe, and the README's adapter example runs."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance import Adapter, reference_stub, surface_doc

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_MARKER = "<!-- adapter-example"
"""The README comment that precedes the adapter example (a ```python block) this file runs."""


def test_backend_surface_doc_is_current() -> None:
    current = surface_doc.render(surface_doc.scan())
    assert surface_doc.DOC.read_text(encoding="utf-8") == current, \
        "docs/backend-surface.md is out of date: run python -m conformance.surface_doc and commit it"


def test_reference_tensor_stub_is_current() -> None:
    assert reference_stub.STUB.read_text(encoding="utf-8") == reference_stub.render(), \
        "reference/_tensor.pyi is out of date: run python -m conformance.reference_stub and commit it"


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(EXAMPLE_MARKER) + r".*?-->\s*```python\n(.*?)```", readme, re.S)
    assert found, f"README.md: no ```python block after a {EXAMPLE_MARKER} ... --> comment"
    return found.group(1)


def test_readme_adapter_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _readme_example()
    for name in set(re.findall(r"[\"']([\w.-]+\.toml)[\"']", source)):  # the files it names exist, empty
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    library = SimpleNamespace(torch_api=SimpleNamespace(), __version__="1.0", has_gpu=lambda: False)
    for module in set(re.findall(r"^import (\w+)$", source, re.M)) - set(sys.modules):
        monkeypatch.setitem(sys.modules, module, library)
    namespace: dict[str, object] = {}
    exec(compile(source, "README.md adapter example", "exec"), namespace)
    factories = [v for k, v in namespace.items() if callable(v) and not isinstance(v, type) and not k.startswith("_")]
    made = [f() for f in factories]
    adapters = [a for a in made if isinstance(a, Adapter)]
    assert adapters, "the README's adapter example defines no factory returning an Adapter"
    for adapter in adapters:
        assert adapter.device_available("cpu") and adapter.devices
