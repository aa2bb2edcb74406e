"""Backend SPECs in every form, and the broken forms: one clear message, exit code 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import Adapter, BackendLoadError, load_backend
from conformance.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_registered_name_torch() -> None:
    adapter = load_backend("torch")
    assert adapter.name == "torch" and adapter.namespace.__name__ == "torch"
    assert adapter.devices == ("cpu", "cuda")
    assert adapter.spec == "torch"


def test_default_is_torch() -> None:
    assert load_backend(None).name == "torch"


def test_dotted_module_needs_no_adapter() -> None:
    adapter = load_backend("tests.fakes.proxy_torch")
    assert adapter.name == "tests.fakes.proxy_torch"
    assert adapter.version.startswith("proxy-")
    assert adapter.namespace.zeros(2).shape == (2,)  # names come through module __getattr__
    assert adapter.devices == ("cpu",)


@pytest.mark.parametrize("spec, name", [("tests.fakes.adapters:good", "fake"),
                                        ("tests.fakes.adapters:factory", "fake-factory")])
def test_module_attribute_adapter_or_factory(spec: str, name: str) -> None:
    adapter = load_backend(spec)
    assert isinstance(adapter, Adapter) and adapter.name == name and adapter.spec == spec


@pytest.mark.parametrize("spec, cause", [
    ("no_such_backend_xyz", "No module named 'no_such_backend_xyz'"),
    ("tests.fakes.raises_on_import", "RuntimeError: this backend is broken at import"),
    ("tests.fakes.adapters:missing", "has no attribute 'missing'"),
    ("tests.fakes.adapters:not_an_adapter", "got int"),
    ("tests.fakes.adapters:factory_raises", "adapter factory raised ValueError: no GPU driver found"),
    ("tests.fakes.adapters:bad_deviations", "malformed known-deviations file"),
    ("not a spec!", "not a registered backend"),
])
def test_broken_specs_name_spec_and_cause(spec: str, cause: str) -> None:
    with pytest.raises(BackendLoadError) as info:
        load_backend(spec)
    assert spec in str(info.value) and cause in str(info.value)


def _run(*args: str, env_backend: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if env_backend:
        env["CONFORMANCE_BACKEND"] = env_backend
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("runner", ["cli", "pytest"])
def test_unloadable_backend_exits_2_without_traceback(runner: str) -> None:
    if runner == "cli":
        proc = _run("-m", "conformance.cli", "run", "--backend", "tests.fakes.raises_on_import")
    else:
        proc = _run("-m", "pytest", "suites", "-p", "no:xdist", "--backend", "tests.fakes.raises_on_import")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2, out
    assert "cannot load backend 'tests.fakes.raises_on_import'" in out
    assert "this backend is broken at import" in out
    assert "Traceback" not in out


def test_environment_variable_selects_backend() -> None:
    proc = _run("-m", "pytest", "suites", "-p", "no:xdist", "--collect-only", "-q", env_backend="no_such_backend_xyz")
    assert proc.returncode == 2 and "no_such_backend_xyz" in proc.stdout + proc.stderr


def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--topic", "nonsense"]) == 2
    assert "unknown topic" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
