"""A known-deviations file is validated, and a relative one is found next to its adapter's module."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.backend import load_deviations

ROOT = Path(__file__).resolve().parents[1]
ADAPTER = '''
from pathlib import Path
from types import SimpleNamespace
from conformance import Adapter

adapter = Adapter(name="devs", namespace=SimpleNamespace(), deviations_file=Path("devs.toml"))
'''


@pytest.mark.parametrize(("text", "error"), [
    ('[[deviation]]\nid = "ops.*"\nreason = "r"\n[extra]\nx = 1\n', "unknown table extra"),
    ('[[deviation]]\nid = "ops.*"\nreason = "r"\n[[deviation]]\nid = "view.*"\nreason = "r"\nwhy = "typo"\n',
     "deviation 2 ('view.*'): unknown key why"),
    ('[[deviation]]\nid = "ops.no-such-thing"\nreason = "r"\n', "deviation 1 ('ops.no-such-thing'): matches no behaviour ID"),
    ('[[deviation]]\nid = "nope.*"\nreason = "r"\n', "deviation 1 ('nope.*'): matches no behaviour ID"),
    ('[[deviation]]\nid = "ops.*"\n', "deviation 1 ('ops.*'): needs id and reason"),
    ('deviation = 3\n', "array of tables"),
], ids=["table", "key", "id", "glob", "reason", "shape"])
def test_a_bad_entry_is_one_error_naming_file_and_entry(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "devs.toml"
    path.write_text(text)
    with pytest.raises(ValueError) as info:
        load_deviations(path)
    message = str(info.value)
    assert str(path) in message and error in message and "\n" not in message


def test_behaviour_globs_and_check_patterns_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "devs.toml"
    path.write_text('[[deviation]]\nid = "nn.conv2d.[dov]*"\nreason = "r"\nissue = "https://example.org/1"\n'
                    '[[deviation]]\nid = "*::test_conv2d_valid_is_no_padding"\nreason = "r"\n')
    assert [d.pattern for d in load_deviations(path)] == ["nn.conv2d.[dov]*", "*::test_conv2d_valid_is_no_padding"]


def _write_adapter(folder: Path, deviations: str) -> None:
    folder.mkdir()
    (folder / "devsadapter.py").write_text(ADAPTER)
    (folder / "devs.toml").write_text(deviations)


def test_a_relative_file_resolves_against_the_adapters_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_adapter(tmp_path / "pkg", '[[deviation]]\nid = "ops.*"\nreason = "r"\n')
    monkeypatch.chdir(ROOT)  # not where devs.toml is
    spec = importlib.util.spec_from_file_location("devsadapter", tmp_path / "pkg" / "devsadapter.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert [d.pattern for d in module.adapter.deviations] == ["ops.*"]


def test_the_cli_stops_on_a_bad_file_with_one_line_and_exit_2(tmp_path: Path) -> None:
    _write_adapter(tmp_path / "pkg", '[[deviation]]\nid = "ops.no-such-thing"\nreason = "r"\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "pkg"), str(ROOT)])}
    proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--backend", "devsadapter:adapter",
                           "--output", str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0, proc.stderr
    assert "devs.toml: deviation 1 ('ops.no-such-thing'): matches no behaviour ID" in proc.stderr
    assert not (tmp_path / "out").exists()
