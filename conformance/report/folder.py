"""Where a run's report goes, and how a published one gets to ``reports/``.

``reports/`` holds the published reports in git; a run writes to the untracked, git-ignored
``conformance-reports/<backend>/`` unless told otherwise, and ``torch-conformance publish`` copies a
complete report into ``reports/<backend>/``. A run into a folder that holds an earlier complete
report keeps that report until the new one is complete (an unfinished one goes to ``incomplete/``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

DEFAULT_ROOT = Path("conformance-reports")
PUBLISHED_ROOT = Path("reports")
REPORT_FILES = ("report.json", "report.md", "report.html")
LOG_FILE = "results.jsonl"
INCOMPLETE = "incomplete"


def safe_dirname(name: str) -> str:
    """A single path component from a backend name: no separators, no '..', never empty."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:64] or "backend"


def is_complete(folder: Path) -> bool:
    """``folder`` holds a report.json of a run that finished every selected check."""
    try:
        return json.loads((folder / "report.json").read_text(encoding="utf-8"))["run"]["complete"] is True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def keep_earlier(out: Path) -> Path | None:
    """Copy an earlier complete report in ``out`` aside before a run; None when there is none."""
    if not is_complete(out):
        return None
    backup = Path(tempfile.mkdtemp(prefix=".earlier-", dir=out))
    for name in REPORT_FILES:
        if (out / name).exists():
            shutil.copy2(out / name, backup / name)
    return backup


def settle(out: Path, backup: Path | None) -> Path:
    """After a run: where its report is. An incomplete one never replaces an earlier complete one."""
    if backup is None:
        return out
    try:
        if is_complete(out):
            return out
        aside = out / INCOMPLETE
        aside.mkdir(exist_ok=True)
        for name in (*REPORT_FILES, LOG_FILE):
            if (out / name).exists():
                os.replace(out / name, aside / name)
        for name in REPORT_FILES:
            if (backup / name).exists():
                os.replace(backup / name, out / name)
        return aside
    finally:
        shutil.rmtree(backup, ignore_errors=True)


def publish(source: Path, dest: Path) -> None:
    """Copy a complete report's files into ``dest`` (the caller validated it)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in REPORT_FILES:
        shutil.copy2(source / name, dest / name)
