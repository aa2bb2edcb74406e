"""The API surface catalogue is well-formed, agrees with torch, and coverage can only grow.

Every name a behaviour cites exists (a typo fails here), every out-of-scope name has a known
reason, nothing is both out of scope and covered, and the committed floor is a ratchet.
Uncovered in-scope names are reported (``torch-conformance coverage --api``), never asserted.
"""
from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from conformance import apisurface, catalogue
from conformance.apisurface import load_floor, load_surface
from conformance.cli import main
from conformance.report import markdown


def test_surface_is_well_formed_and_sorted() -> None:
    surface = load_surface()
    assert surface.torch_version.count(".") == 2, surface.torch_version
    seen: set[str] = set()
    for ns, names in surface.namespaces.items():
        assert list(names) == sorted(set(names)), f"{ns}: names not sorted or duplicated"
        for name in names:
            assert name.startswith(ns + ".") and "." not in name[len(ns) + 1:], f"{name} is not a name of {ns}"
        assert not seen & set(names), f"{ns}: names in two namespaces: {sorted(seen & set(names))}"
        seen |= set(names)


def test_out_of_scope_names_are_surface_names_with_known_reasons() -> None:
    surface = load_surface()
    assert all(reason.strip() for reason in surface.categories.values())
    unknown = sorted(n for n in surface.out_of_scope if n not in surface.namespace_of)
    assert not unknown, f"out-of-scope names not in the surface: {unknown}"
    bad = sorted(f"{n} = {c!r}" for n, c in surface.out_of_scope.items() if c not in surface.categories)
    assert not bad, f"out-of-scope names with an unknown reason category: {bad}"


def test_every_cited_api_name_exists() -> None:
    surface = load_surface()
    typos = sorted(f"{b.id}: {n}" for b in catalogue.behaviours().values() for n in b.api if n not in surface.namespace_of)
    assert not typos, f"api names not in conformance/catalogue/api/surface.toml: {typos}"
    repeated = sorted(b.id for b in catalogue.behaviours().values() if len(set(b.api)) != len(b.api))
    assert not repeated, f"behaviours listing a name twice: {repeated}"


def test_nothing_is_both_out_of_scope_and_cited() -> None:
    surface = load_surface()
    both = sorted(f"{b.id}: {n} ({surface.out_of_scope[n]})" for b in catalogue.behaviours().values()
                  for n in b.api if n in surface.out_of_scope)
    assert not both, f"names a behaviour covers but out_of_scope.toml excludes: {both}"


def test_coverage_does_not_drop_below_the_floor() -> None:
    rows = {r.namespace: r for r in apisurface.coverage()}
    floor = load_floor()
    assert set(floor) <= set(rows), f"floor names unknown namespaces: {sorted(set(floor) - set(rows))}"
    dropped = {ns: (len(rows[ns].covered), least) for ns, least in floor.items() if len(rows[ns].covered) < least}
    assert not dropped, f"covered names fell below the committed floor (now, floor): {dropped}"


def test_coverage_is_computed_without_torch() -> None:
    code = ("import sys; from conformance import apisurface; apisurface.report_block(); "
            "sys.exit('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0, "computing API coverage imported torch"


def test_coverage_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--api", "--namespace", "torch.linalg", "--uncovered"]) == 0
    out = capsys.readouterr().out
    row = next(r for r in apisurface.coverage() if r.namespace == "torch.linalg")
    assert f"torch.linalg {len(row.covered):>8} {row.in_scope:>9}".replace(" ", "") in out.replace(" ", "")
    assert all(n in out for n in row.uncovered)
    assert main(["coverage", "--api", "--namespace", "torch.nope"]) == 2


def test_report_block_matches_coverage_and_renders() -> None:
    block = apisurface.report_block()
    for r in apisurface.coverage():
        assert block["namespaces"][r.namespace] == {"covered": len(r.covered), "in_scope": r.in_scope,
                                                     "out_of_scope": r.out_of_scope}
    lines: list[str] = []
    markdown._api_table({"api_coverage": block}, lines)
    assert "## API coverage" in lines and any(line.startswith("| torch.Tensor |") for line in lines)


def test_generator_output_equals_committed_data() -> None:
    torch = pytest.importorskip("torch")
    from conformance.apisurface import generate

    if torch.__version__.split("+")[0] != load_surface().torch_version:
        pytest.skip(f"the surface is generated from torch {load_surface().torch_version}, not {torch.__version__}")
    surface_text, oos_text = generate.render(torch)
    assert surface_text == generate.SURFACE_FILE.read_text(encoding="utf-8"), \
        "surface.toml is stale: python -m conformance.apisurface.generate"
    assert oos_text == generate.OUT_OF_SCOPE_FILE.read_text(encoding="utf-8"), \
        "out_of_scope.toml is stale: python -m conformance.apisurface.generate"
    assert tomllib.loads(oos_text)["categories"] == generate.CATEGORIES
