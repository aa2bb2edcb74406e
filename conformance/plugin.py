"""The pytest plugin: ``--backend``, the ``xp`` / ``backend`` / ``device`` fixtures,
topic markers, honest statuses and the compliance report.

Registered through the ``pytest11`` entry point, so ``pytest --backend SPEC`` works
wherever the package is installed.
"""
from __future__ import annotations

import fnmatch
import os
import shlex
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

from conformance import assertions, catalogue
from conformance.backend import Adapter, BackendLoadError, load_backend
from conformance.report.recorder import Recorder

ADAPTER_KEY = pytest.StashKey[Adapter]()
RECORDER_KEY = pytest.StashKey[Recorder]()
PREVIOUS_KEY = pytest.StashKey[Any]()

UNSUPPORTED_PREFIX = "unsupported: "
# Exceptions that mean the check itself is broken, not the backend.
HARNESS_FAULTS: tuple[type[BaseException], ...] = (assertions.HarnessError, NameError, SyntaxError, catalogue.UnknownBehaviour)

_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)  # no slow "explain"
settings.register_profile(
    "ci", phases=_PHASES, derandomize=True, max_examples=20, deadline=None, database=None, print_blob=False,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "thorough", phases=_PHASES, max_examples=500, deadline=None, database=None, print_blob=True,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torch-conformance")
    group.addoption("--backend", default=os.environ.get("CONFORMANCE_BACKEND", "torch"),
                    help="backend SPEC: registered name, dotted module path, or module:attribute "
                         "(env CONFORMANCE_BACKEND; default torch)")
    group.addoption("--conformance-report", metavar="DIR", default=None,
                    help="write report.json, report.md and report.html to DIR")
    group.addoption("--behaviour", action="append", default=[], metavar="PATTERN",
                    help="run only checks of behaviours matching this glob (repeatable)")


def _hypothesis_profile(config: pytest.Config) -> str:
    return config.getoption("hypothesis_profile", None) or "ci"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    for topic in catalogue.TOPICS:
        config.addinivalue_line("markers", f"{topic}: checks of the {topic} topic")
    config.addinivalue_line("markers", "behaviour(*ids): the catalogued behaviours a check verifies")
    # hypothesis imports libcst to annotate falsifying examples; its deprecation noise is not ours
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:libcst.*")
    settings.load_profile("ci")  # hypothesis's own plugin loads --hypothesis-profile after this
    spec = config.getoption("backend")
    try:
        adapter = load_backend(spec)
    except BackendLoadError as exc:
        pytest.exit(str(exc), returncode=2)
    config.stash[ADAPTER_KEY] = adapter
    config.stash[PREVIOUS_KEY] = assertions.bind(adapter)
    out = config.getoption("conformance_report")
    if out and not hasattr(config, "workerinput"):  # the xdist controller (or a plain run) records
        recorder = Recorder(Path(out), adapter, profile=_hypothesis_profile(config),
                            seed=config.getoption("hypothesis_seed", None))
        config.stash[RECORDER_KEY] = recorder
        config.pluginmanager.register(recorder, "torch-conformance-recorder")


def pytest_unconfigure(config: pytest.Config) -> None:
    if PREVIOUS_KEY in config.stash:
        assertions.bind(config.stash[PREVIOUS_KEY])


@pytest.fixture(scope="session")
def backend(pytestconfig: pytest.Config) -> Adapter:
    """The adapter of the backend under test."""
    return pytestconfig.stash[ADAPTER_KEY]


@pytest.fixture(scope="session")
def xp(backend: Adapter) -> Any:
    """The torch-like namespace under test: the only way checks reach the backend."""
    return backend.namespace


@pytest.fixture(scope="session")
def other_device(backend: Adapter) -> str:
    """A declared, available non-CPU device to transfer to; skipped (environment) where there is none."""
    others = [d for d in backend.devices if d != "cpu"]
    for device in others:
        if backend.device_available(device):
            return device
    pytest.skip("; ".join(_device_skip_reason(d) for d in others) if others else "the backend declares no device besides cpu")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "device" in metafunc.fixturenames:
        devices = metafunc.config.stash[ADAPTER_KEY].devices
        metafunc.parametrize("device", devices, ids=list(devices))


def behaviour_ids(item: pytest.Item) -> tuple[str, ...]:
    return tuple(bid for mark in item.iter_markers("behaviour") for bid in mark.args)


def _device_skip_reason(device: str) -> str:
    return f"no {device.upper()} device" if device in ("cuda", "mps", "xpu") else f"device {device!r} not available"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tag checks with their topic, then apply unsupported, deviations and device skips."""
    adapter = config.stash[ADAPTER_KEY]
    patterns = config.getoption("behaviour")
    kept, dropped = [], []
    for item in items:
        ids = behaviour_ids(item)
        if not ids:
            kept.append(item)
            continue
        if patterns and not any(fnmatch.fnmatchcase(b, p) for b in ids for p in patterns):
            dropped.append(item)
            continue
        kept.append(item)
        for topic in sorted({catalogue.lookup(b).topic for b in ids}):
            item.add_marker(topic)
        device = getattr(getattr(item, "callspec", None), "params", {}).get("device")
        unsupported = adapter.unsupported_pattern(ids)
        deviation = adapter.deviation_for(ids, item.nodeid)
        if unsupported:
            item.add_marker(pytest.mark.skip(reason=f"{UNSUPPORTED_PREFIX}{adapter.name} declares {unsupported!r} unsupported"))
        elif device is not None and not adapter.device_available(device):
            item.add_marker(pytest.mark.skip(reason=_device_skip_reason(device)))
        elif deviation:
            item.add_marker(pytest.mark.xfail(reason=f"known deviation: {deviation.reason}", strict=False))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def repro_command(item: pytest.Item) -> str:
    """One line that re-runs exactly this check against the same backend and profile."""
    config = item.config
    path = Path(item.path)
    try:
        shown = os.path.relpath(path, config.invocation_params.dir)
        if shown.startswith(".."):
            shown = str(path)
    except ValueError:
        shown = str(path)
    target = shown + "::" + item.nodeid.split("::", 1)[1] if "::" in item.nodeid else shown
    parts = ["pytest", target, "--backend", config.getoption("backend"), "-p", "no:xdist"]
    if config.getoption("hypothesis_profile", None):
        parts += ["--hypothesis-profile", config.getoption("hypothesis_profile")]
    return " ".join(shlex.quote(p) for p in parts)


def _explain(item: pytest.Item, excinfo: pytest.ExceptionInfo[BaseException], harness_fault: bool) -> str:
    adapter = item.config.stash[ADAPTER_KEY]
    exc = excinfo.value
    lines = []
    for bid in behaviour_ids(item):
        b = catalogue.lookup(bid)
        verb = "check could not run for" if harness_fault else "violates"
        lines.append(f"backend {adapter.name} {adapter.version} {verb} {bid}: {b.statement}")
        lines.append(f"  source: {b.source}")
    if isinstance(exc, assertions.ConformanceFailure):
        lines.append(str(exc))
    else:
        where = excinfo.traceback[-1] if excinfo.traceback else None
        origin = f" at {Path(str(where.path)).name}:{where.lineno + 1}" if where is not None else ""
        what = "check fault" if harness_fault else "backend raised"
        lines.append(f"{what}{origin}: {type(exc).__name__}: {exc}".rstrip())
    lines.extend(getattr(exc, "__notes__", []))
    lines.append(f"repro: {repro_command(item)}")
    return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    ids = behaviour_ids(item)
    if not ids:
        return report
    status, message = _status(item, call, report)
    report.user_properties.append(("conformance", {"behaviours": list(ids), "status": status, "message": message,
                                                   "repro": repro_command(item), "when": call.when}))
    if message and status in ("failed", "error", "xpassed"):
        report.sections.append(("torch-conformance", message))
    return report


def _status(item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport) -> tuple[str | None, str]:
    """The conformance status this phase contributes (None: nothing to say)."""
    if hasattr(report, "wasxfail"):
        if report.skipped:
            return "xfailed", report.wasxfail
        return "xpassed", f"{report.wasxfail} -- but it passed: remove it from the known-deviations file"
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        if reason.startswith(UNSUPPORTED_PREFIX):
            return "unsupported", reason.removeprefix(UNSUPPORTED_PREFIX)
        return "skipped", reason
    if report.failed:
        excinfo = call.excinfo
        harness_fault = report.when != "call" or (excinfo is not None and excinfo.errisinstance(HARNESS_FAULTS))
        if excinfo is not None and not harness_fault:
            from hypothesis.errors import FailedHealthCheck, InvalidArgument, Unsatisfiable

            harness_fault = excinfo.errisinstance((InvalidArgument, FailedHealthCheck, Unsatisfiable))
        message = _explain(item, excinfo, harness_fault) if excinfo is not None else str(report.longrepr)
        return ("error" if harness_fault else "failed"), message
    return ("passed" if report.when == "call" else None), ""


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config) -> Any:
    props = dict(getattr(report, "user_properties", ())).get("conformance")
    if props and props["status"] == "unsupported":
        return "unsupported", "U", "UNSUPPORTED"
    return None


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    recorder = config.stash.get(RECORDER_KEY, None)
    adapter = config.stash.get(ADAPTER_KEY, None)
    if adapter is None:
        return
    terminalreporter.write_sep("-", f"torch-conformance: backend {adapter.name} {adapter.version}")
    if recorder is not None and recorder.written:
        summary = recorder.written["summary"]
        counts = ", ".join(f"{n} {s}" for s, n in summary["counts"].items() if n)
        terminalreporter.write_line(f"conformance {summary['conformance_percent']}% ({counts})")
        terminalreporter.write_line(f"report: {recorder.out / 'report.html'}")
