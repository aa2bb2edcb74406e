"""Generated files stay in sync with what they describe, and the README's adapter example runs."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance import Adapter, dtypes, reference_stub, surface_doc

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



DTYPE_NAMES = frozenset(dtypes.INFO) | {"complex32"}


def _dtype_literals(source: str) -> list[tuple[int, list[str]]]:
    """(line, names) of each tuple, list or set literal naming two or more different dtypes."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            names = {e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in DTYPE_NAMES}
            if len(names) >= 2:
                found.append((node.lineno, sorted(names)))
    return found


def test_checks_take_dtype_sets_from_the_dtype_module() -> None:
    """A hand-written dtype list escapes the adapter's unsupported_dtypes and drifts from the documented sets:
    checks use conformance/dtypes.py's named sets (through dtypes.supported / strategies.dtype_names)."""
    offenders = [f"{path.relative_to(ROOT)}:{line}: {', '.join(names)}"
                 for path in sorted((ROOT / "suites").rglob("*.py"))
                 for line, names in _dtype_literals(path.read_text(encoding="utf-8"))]
    assert not offenders, ("dtype-name literals in checks (use a named set of conformance/dtypes.py, adding one there "
                           "with a docstring saying which documented rule it serves):\n" + "\n".join(offenders))


def test_dtype_literal_rule_sees_lists_not_repeats() -> None:
    source = 'for name in ("float32", "float64"):\n    pass\nresult = ("int32", "int32")\nx = ["bool", 2, "int8"]\n'
    assert _dtype_literals(source) == [(1, ["float32", "float64"]), (4, ["bool", "int8"])]
