"""Reports people can act on: scores that say "not run", root causes, and an HTML page that leads with what matters."""
from __future__ import annotations

import re

from conformance import catalogue
from conformance.report import html, markdown
from conformance.report.build import validate
from tests import synthetic_reports as sr

MISSING_NAME = ("backend x 1 violates b: s\n  source: u\n"
                "backend raised at m.py:3: AttributeError: module 'x' has no attribute 'rot90'\nrepro: r")
MISSING_KEYWORD = "backend raised at m.py:3: TypeError: zeros() got an unexpected keyword argument 'requires_grad'\nrepro: r"
WRONG = "call: f(1)\nexpected: 1\ngot: 2\nrepro: pytest here"


def _report() -> dict:
    ops = sorted(b for b in catalogue.behaviours() if b.startswith("ops."))
    results = [sr.result(ops[i], "failed", message=MISSING_KEYWORD) for i in range(3)]
    results += [sr.result(ops[3], "failed", message=MISSING_NAME), sr.result(ops[4], "failed", message=WRONG),
                sr.result(ops[5], "passed"), sr.result(sr.VIEW[0], "unsupported"), sr.result(sr.VIEW[1], "unsupported"),
                sr.result(sr.OPS[0], "xpassed", check="z")]
    report = sr.make(results)
    validate(report)
    return report


def test_missing_api_is_told_apart_from_wrong_behaviour() -> None:
    causes = _report()["root_causes"]
    assert [(c["api"], c["kind"], c["checks"]) for c in causes["missing_api"]] == [
        ("requires_grad", "keyword", 3), ("rot90", "attribute", 1)]
    assert causes["wrong_behaviour"] == 1
    text = markdown.render(_report())
    assert "- missing API: ` requires_grad ` keyword, 3 checks\n- missing API: ` rot90 `, 1 check\n- wrong behaviour: 1 check" in text
    assert "missing API: <code>requires_grad</code> keyword, 3 checks" in html.render(_report())


def test_topics_that_did_not_run_or_are_unsupported_say_so() -> None:
    text = markdown.render(_report())
    assert re.search(r"^\| creation \| not run \|", text, re.M)
    assert re.search(r"^\| view \| unsupported \|", text, re.M)
    page = html.render(_report())
    assert '<td class="score">not run</td>' in page and '<td class="score">unsupported</td>' in page
    assert '<td class="score">0.0%</td>' not in page.split("<h2>Checks")[0].replace("ops", "")  # only ops ran and scored


def test_html_leads_with_failures_then_stale_deviations_then_unsupported() -> None:
    page = html.render(_report())
    order = re.findall(r'<tr id="[^"]+" data-status="(\w+)"', page)
    assert order == ["failed"] * 5 + ["xpassed"] + ["unsupported"] * 2 + ["passed"]


def test_html_details_are_collapsed_with_the_repro_once() -> None:
    report = _report()
    page = html.render(report)
    assert "<details open" not in page and "<details>" in page
    wrong = next(r for r in report["results"] if r["message"] == WRONG)
    assert page.count(f"repro: <code>{wrong['repro']}</code>") == 1 and "pytest here" not in page


def test_html_legend_lists_only_statuses_present() -> None:
    legend = html.render(_report()).split('<div class="legend">')[1].split("</div>")[0]
    assert re.findall(r"</i>(\w+)</span>", legend) == ["passed", "failed", "xpassed", "unsupported"]


def test_html_source_urls_are_links() -> None:
    assert html.links("tutorial T3; https://docs.pytorch.org/a.html") == \
        'tutorial T3; <a href="https://docs.pytorch.org/a.html">https://docs.pytorch.org/a.html</a>'
    assert html.links("<b>https://x.org/?a=1&b=2</b>") == \
        '&lt;b&gt;<a href="https://x.org/?a=1&amp;b=2">https://x.org/?a=1&amp;b=2</a>&lt;/b&gt;'
    assert '<a href="https://docs.pytorch.org/' in html.render(_report())


def test_one_is_singular() -> None:
    report = sr.make([sr.result(sr.VIEW[0], "failed", message=MISSING_NAME)])
    for text in (markdown.render(report), html.render(report)):
        assert "1 check" in text and not re.search(r"\b1 checks\b", text)
