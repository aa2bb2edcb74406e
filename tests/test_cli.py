"""The command line a new user meets: version, help, selection errors, pipes, progress, where reports go."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import __version__, catalogue
from conformance.cli import build_parser, main, plural
from conformance.report import folder
from tests import synthetic_reports

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "conformance.cli"]
ONE_BEHAVIOUR = "creation.default-dtype.float32"  # three quick checks


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CONFORMANCE_BACKEND"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([*CLI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"torch-conformance {__version__}"


def _subcommands() -> list[str]:
    action = next(a for a in build_parser()._actions if isinstance(a, type(build_parser()._subparsers._group_actions[0])))
    return list(action.choices)


@pytest.mark.parametrize("command", [[]] + [[c] for c in _subcommands()], ids=lambda c: c[0] if c else "top")
def test_help_is_plain_text(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    text = capsys.readouterr().out
    for rest in ("``", ":func:", ":class:", ".. "):
        assert rest not in text, f"raw reST {rest!r} in `torch-conformance {' '.join(command)} --help`"


def test_run_help_lists_the_topics(capsys: pytest.CaptureFixture[str]) -> None:
    main(["run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert ", ".join(catalogue.TOPICS) in text


def test_unknown_topic_is_refused_before_the_backend_loads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--topic", "nonsense", "--backend", "tests.fakes.raises_on_import"]) == 2
    err = capsys.readouterr().err
    assert "unknown topic 'nonsense'" in err and "broken at import" not in err


@pytest.mark.parametrize("selection", [["--behaviour", "nope.*"], ["--topic", "data", "--behaviour", "ops.*"]])
def test_a_selection_matching_nothing_is_a_usage_error_with_no_report(selection: list[str], tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", *selection, "--output", str(tmp_path / "out")]) == 2
    assert "no catalogue ID matches" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_backend_lists_the_registered_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--backend", "no_such_backend_xyz", "--behaviour", ONE_BEHAVIOUR]) == 2
    err = capsys.readouterr().err
    assert "no_such_backend_xyz" in err and "reference" in err and "torch" in err


def test_startup_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["run", "--backend", "no_such_backend_xyz", "--behaviour", ONE_BEHAVIOUR]) == 2
    assert "loading backend 'no_such_backend_xyz' ..." in capsys.readouterr().err


def test_plurals(capsys: pytest.CaptureFixture[str]) -> None:
    assert (plural(1, "behaviour"), plural(2, "check"), plural(0, "check")) == ("1 behaviour", "2 checks", "0 checks")
    main(["catalogue"])
    out = capsys.readouterr().out
    assert " 1 checks" not in out and " 1 behaviours" not in out


def test_catalogue_into_a_closed_pipe_is_quiet() -> None:
    proc = subprocess.Popen([*CLI, "catalogue"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and "BrokenPipeError" not in err and "Traceback" not in err, err


def test_a_backend_module_in_the_current_directory_is_found_and_reports_go_to_the_untracked_folder(tmp_path: Path) -> None:
    (tmp_path / "mybackend.py").write_text("from conformance.adapters.reference import adapter\n")
    proc = _cli("run", "--backend", "mybackend:adapter", "--behaviour", ONE_BEHAVIOUR, "-j", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads((tmp_path / "conformance-reports" / "reference" / "report.json").read_text())
    assert report["run"]["complete"] and not (tmp_path / "reports").exists()
    published = _cli("publish", str(tmp_path / "conformance-reports" / "reference"), cwd=tmp_path)
    assert published.returncode == 0, published.stderr
    assert json.loads((tmp_path / "reports" / "reference" / "report.json").read_text()) == report


def test_the_output_folder_is_ignored_by_git() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    probe = ROOT / folder.DEFAULT_ROOT / "torch" / "report.json"
    proc = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=ROOT)
    assert proc.returncode == 0, f"{folder.DEFAULT_ROOT}/ is not git-ignored"


def _report(out: Path, complete: bool, tag: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in folder.REPORT_FILES:
        (out / name).write_text(json.dumps({"run": {"complete": complete}, "tag": tag}) if name == "report.json" else tag)


def test_an_unfinished_run_keeps_the_earlier_complete_report(tmp_path: Path) -> None:
    _report(tmp_path, True, "earlier")
    earlier = folder.keep_earlier(tmp_path)
    _report(tmp_path, False, "interrupted")
    assert folder.settle(tmp_path, earlier) == tmp_path / folder.INCOMPLETE
    assert json.loads((tmp_path / "report.json").read_text())["tag"] == "earlier"
    assert (tmp_path / folder.INCOMPLETE / "report.md").read_text() == "interrupted"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*folder.REPORT_FILES, folder.INCOMPLETE])


def test_a_complete_run_replaces_the_earlier_report(tmp_path: Path) -> None:
    _report(tmp_path, True, "earlier")
    earlier = folder.keep_earlier(tmp_path)
    _report(tmp_path, True, "newer")
    assert folder.settle(tmp_path, earlier) == tmp_path
    assert (tmp_path / "report.md").read_text() == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(folder.REPORT_FILES)


def test_publish_refuses_an_incomplete_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    synthetic_reports.save(synthetic_reports.make([synthetic_reports.result(synthetic_reports.OPS[0], "passed")],
                                                  complete=False), tmp_path / "run")
    assert main(["publish", str(tmp_path / "run"), "--to", str(tmp_path / "pub")]) == 2
    assert "incomplete run" in capsys.readouterr().err
    assert not (tmp_path / "pub").exists()
