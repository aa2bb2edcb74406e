"""The HTML report in a real browser: it loads without console errors, the chart renders, the filters work.

Uses Debian's headless Chromium (``apt-get install chromium``; ``.ci/run`` installs it) through
``--dump-dom``: the page's filters read their initial state from the URL query, so each state is one
page load. Installs nothing; skipped where /usr/bin/chromium is absent.
"""
from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conformance.report.build import write_all
from tests import synthetic_reports as sr

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")


class _Rows(HTMLParser):
    """Rows of the tables with an id, and the chart's segments, from a rendered DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.table: str | None = None
        self.rows: dict[str, list[dict[str, str]]] = {}
        self.segments: list[dict[str, str]] = []
        self.body: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.table = a.get("id")
        elif tag == "tr" and self.table and "data-status" in a:
            self.rows.setdefault(self.table, []).append(a)
        elif tag == "span" and "seg" in a.get("class", "").split():
            self.segments.append(a)
        elif tag == "body":
            self.body = a


def _shown(rows: list[dict[str, str]]) -> list[str]:
    return [r["data-status"] for r in rows if "none" not in r.get("style", "")]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    results = [sr.result(sr.OPS[0], "failed"), sr.result(sr.OPS[1], "passed"), sr.result(sr.OPS[2], "passed"),
               sr.result(sr.VIEW[0], "xpassed"), sr.result(sr.VIEW[1], "unsupported")]
    write_all(sr.make(results), folder)
    return folder / "report.html"


def _load(page: Path, query: str, profile: Path) -> tuple[_Rows, str]:
    proc = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", f"{page.as_uri()}{query}"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = _Rows()
    rows.feed(proc.stdout)
    return rows, proc.stderr


def test_loads_without_console_errors_and_draws_the_chart(page: Path, tmp_path: Path) -> None:
    rows, log = _load(page, "", tmp_path / "profile")
    console = [line for line in log.splitlines() if ":CONSOLE" in line]
    assert not console, console
    assert rows.body.get("data-ready") == "yes", "the page's script did not run to its end"
    widths = {s["data-status"]: float(s["style"].split("width:")[1].split("%")[0]) for s in rows.segments}
    assert widths == pytest.approx({"failed": 100 / 3, "passed": 200 / 3, "xpassed": 50, "unsupported": 50})
    assert rows.body.get("data-drawn") == str(len(rows.segments)), "chart segments laid out without a width"


def test_passed_checks_are_hidden_by_default_and_the_toggle_shows_them(page: Path, tmp_path: Path) -> None:
    rows, _ = _load(page, "", tmp_path / "profile")
    assert _shown(rows.rows["checks"]) == ["failed", "xpassed", "unsupported"]
    rows, _ = _load(page, "?hide-passed=0", tmp_path / "profile")
    assert sorted(_shown(rows.rows["checks"])) == sorted(["failed", "passed", "passed", "xpassed", "unsupported"])


def test_the_status_and_text_filters_select_checks(page: Path, tmp_path: Path) -> None:
    rows, _ = _load(page, "?status=passed", tmp_path / "profile")
    assert _shown(rows.rows["checks"]) == ["passed", "passed"]
    rows, _ = _load(page, f"?q={sr.VIEW[1]}", tmp_path / "profile")
    assert _shown(rows.rows["checks"]) == ["unsupported"]


def test_the_behaviour_table_has_its_own_filter(page: Path, tmp_path: Path) -> None:
    rows, _ = _load(page, f"?bq={sr.OPS[0]}", tmp_path / "profile")
    assert "failed" in _shown(rows.rows["behaviours"]) and len(_shown(rows.rows["behaviours"])) <= 2
    assert len(_shown(rows.rows["checks"])) == 3  # the checks table is not filtered by it
    rows, _ = _load(page, "?bstatus=xpassed", tmp_path / "profile")
    assert _shown(rows.rows["behaviours"]) == ["xpassed"]
