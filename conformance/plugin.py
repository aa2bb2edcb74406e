"""The pytest plugin: ``--backend``, the ``xp`` / ``backend`` / ``device`` fixtures,
topic markers, honest statuses and the compliance report.

Registered through the ``pytest11`` entry point, so ``pytest --backend SPEC`` works
wherever the package is installed. Opt-in, like hypothesis's own plugin: it registers its
options, markers and profiles, but loads no backend, changes no hypothesis settings and prints
nothing unless a conformance option (or CONFORMANCE_BACKEND) is given, the run's paths hold the
suite, or collection meets a check.
"""
from __future__ import annotations

import fnmatch
import os
import shlex
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, Phase, settings

from conformance import assertions, catalogue, dtypes, isolation, terminal, tiers
from conformance.backend import DEFAULT_BACKEND, Adapter, BackendLoadError, load_backend
from conformance.coverage import SUITES_DIR
from conformance.report.build import MAX_SECTION_CHARS, clip
from conformance.report.markdown import is_smoke
from conformance.report.recorder import Recorder
from conformance.results import PROPERTY, CheckResult
from conformance.statuses import Status

ADAPTER_KEY = pytest.StashKey[Adapter]()
RECORDER_KEY = pytest.StashKey[Recorder]()
PREVIOUS_KEY = pytest.StashKey[Any]()
HANDLERS_KEY = pytest.StashKey[dict[int, Any]]()
MARKER_DIR_KEY = pytest.StashKey[Path]()
WATCHDOG_KEY = pytest.StashKey[isolation.Watchdog]()
BACKEND_ENV = "CONFORMANCE_BACKEND"
UNLIMITED_RESTARTS = "1000000"  # a hostile backend may kill a worker in every check

DECISION_KEY = pytest.StashKey["Decision"]()
"""A check's status decided before it runs (unsupported, device skip, known deviation)."""
# Exceptions that mean the check itself is broken, not the backend.
HARNESS_FAULTS: tuple[type[BaseException], ...] = (assertions.HarnessError, NameError, SyntaxError, catalogue.UnknownBehaviour)

_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)  # no slow "explain"


def _register_ci_profile() -> None:
    """Our "ci" profile, registered only when the suite runs: hypothesis loads a profile of that name by
    itself under a CI environment, so registering it at import would change unrelated projects' runs."""
    settings.register_profile(
        "ci", phases=_PHASES, derandomize=True, max_examples=20, deadline=None, database=None, print_blob=False,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    tiers.register_profile()


settings.register_profile(
    "thorough", phases=_PHASES, max_examples=500, deadline=None, database=None, print_blob=True,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torch-conformance")
    group.addoption("--backend", default=None,
                    help="backend SPEC: registered name, dotted module path, or module:attribute "
                         f"(env {BACKEND_ENV}; default {DEFAULT_BACKEND})")
    group.addoption("--conformance-report", metavar="DIR", default=None,
                    help="write report.json, report.md and report.html to DIR")
    group.addoption("--behaviour", action="append", default=[], metavar="PATTERN",
                    help="run only checks of behaviours matching this glob (repeatable)")
    group.addoption("--memory-limit", type=int, metavar="MB", default=None,
                    help="cap each xdist worker's data segment at MB MiB (0: no cap; env CONFORMANCE_MEMORY_LIMIT; "
                         f"default {isolation.DEFAULT_MEMORY_LIMIT_MB})")


def backend_spec(config: pytest.Config) -> str:
    """--backend, else CONFORMANCE_BACKEND, else torch."""
    return config.getoption("backend") or os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND


def _memory_limit(config: pytest.Config) -> int:
    given = config.getoption("memory_limit")
    return given if given is not None else int(os.environ.get("CONFORMANCE_MEMORY_LIMIT", isolation.DEFAULT_MEMORY_LIMIT_MB))


def _hypothesis_profile(config: pytest.Config) -> str:
    return str(config.getoption("hypothesis_profile", None) or tiers.default_profile(tiers.tier(config)))


def _asked_for(config: pytest.Config) -> bool:
    """A conformance option or CONFORMANCE_BACKEND was given, or the run's paths hold the suite."""
    if os.environ.get(BACKEND_ENV) or config.getoption("backend") or config.getoption("conformance_report"):
        return True
    if config.getoption("behaviour") or config.getoption("memory_limit") is not None:
        return True
    suites = SUITES_DIR.resolve()
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path == suites or suites in path.parents or path in suites.parents:
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Registers markers only; the backend loads when the run asks for the suite (see ``_activate``)."""
    for topic in catalogue.TOPICS:
        config.addinivalue_line("markers", f"{topic}: checks of the {topic} topic")
    config.addinivalue_line("markers", "behaviour(*ids): the catalogued behaviours a check verifies")
    if _asked_for(config):
        _activate(config)


def _activate(config: pytest.Config) -> Adapter:
    """Load the backend, the ci profile, isolation and the recorder, once per process.

    Called at configure time when the run asks for the suite, otherwise when collection first
    meets a check, so an unrelated pytest run in the same environment never pays for it.
    """
    if ADAPTER_KEY in config.stash:
        return config.stash[ADAPTER_KEY]
    # hypothesis imports libcst to annotate falsifying examples; its deprecation noise is not ours
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:libcst.*")
    _register_ci_profile()
    settings.load_profile(_hypothesis_profile(config))  # hypothesis's plugin loaded a --hypothesis-profile already
    try:
        adapter = load_backend(backend_spec(config))
    except BackendLoadError as exc:
        pytest.exit(str(exc), returncode=2)
    config.stash[ADAPTER_KEY] = adapter
    config.stash[PREVIOUS_KEY] = assertions.bind(adapter)
    worker = hasattr(config, "workerinput")
    config.stash[HANDLERS_KEY] = isolation.install_interrupt_handlers(controller=not worker)
    if worker:
        isolation.cap_memory(_memory_limit(config))
    elif _xdist_controller(config):
        if config.option.maxworkerrestart is None:
            config.option.maxworkerrestart = UNLIMITED_RESTARTS
        config.stash[MARKER_DIR_KEY] = Path(tempfile.mkdtemp(prefix="conformance-"))
    out = config.getoption("conformance_report")
    if out and not hasattr(config, "workerinput"):  # the xdist controller (or a plain run) records
        profile = _hypothesis_profile(config)
        seed = config.getoption("hypothesis_seed", None)
        if seed is None and settings.get_profile(profile).derandomize:
            seed = "derandomized"  # each check's seed derives from its name: runs repeat exactly
        recorder = Recorder(Path(out), adapter, profile=profile, seed=seed, tier=tiers.tier(config))
        config.stash[RECORDER_KEY] = recorder
        config.pluginmanager.register(recorder, "torch-conformance-recorder")
    return adapter


def pytest_itemcollected(item: pytest.Item) -> None:
    if behaviour_ids(item):
        _activate(item.config)


def _xdist_controller(config: pytest.Config) -> bool:
    return (config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput")
            and bool(getattr(config.option, "numprocesses", None)) and getattr(config.option, "dist", "no") != "no")


def _marker_dir(config: pytest.Config) -> Path | None:
    if hasattr(config, "workerinput"):
        folder = config.workerinput.get(isolation.MARKER_DIR_INPUT)
        return Path(folder) if folder else None
    return config.stash.get(MARKER_DIR_KEY, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    if PREVIOUS_KEY in config.stash:
        assertions.bind(config.stash[PREVIOUS_KEY])
    isolation.restore_handlers(config.stash.get(HANDLERS_KEY, {}))
    if WATCHDOG_KEY in config.stash:
        config.stash[WATCHDOG_KEY].close()
    if MARKER_DIR_KEY in config.stash:
        shutil.rmtree(config.stash[MARKER_DIR_KEY], ignore_errors=True)


def pytest_sessionstart(session: pytest.Session) -> None:
    """The watchdog starts after pytest's faulthandler plugin, so fatal-signal dumps reach the marker."""
    config = session.config
    if ADAPTER_KEY in config.stash and not _xdist_controller(config):
        config.stash[WATCHDOG_KEY] = isolation.Watchdog(_marker_dir(config))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist controller: tell each worker where to leave its marker file."""
    folder = node.config.stash.get(MARKER_DIR_KEY, None)
    if folder is not None:
        node.workerinput[isolation.MARKER_DIR_INPUT] = str(folder)


@pytest.hookimpl(tryfirst=True)  # before xdist tells the controller that collection is done
def pytest_collection_finish(session: pytest.Session) -> None:
    folder = _marker_dir(session.config)
    if folder is not None and hasattr(session.config, "workerinput"):
        isolation.write_selected(folder, _selected(session.items))
    recorder = session.config.stash.get(RECORDER_KEY, None)
    if recorder is not None and not _xdist_controller(session.config):
        recorder.select(_selected(session.items))


def _selected(items: list[pytest.Item]) -> list[dict[str, Any]]:
    return [{"nodeid": i.nodeid, "behaviours": list(behaviour_ids(i))} for i in items if behaviour_ids(i)]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    recorder = node.config.stash.get(RECORDER_KEY, None)
    folder = node.config.stash.get(MARKER_DIR_KEY, None)
    checks = isolation.read_selected(folder) if recorder is not None and folder is not None else None
    if checks is not None and recorder.selected is None:
        recorder.select(checks)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """Leave the check's identity where the controller finds it if this process dies in it."""
    watchdog = item.config.stash.get(WATCHDOG_KEY, None)
    ids = behaviour_ids(item)
    if watchdog is not None and ids:
        watchdog.starting({"nodeid": item.nodeid, "behaviours": list(ids), "repro": repro_command(item)})
    yield
    if watchdog is not None:
        watchdog.disarm()


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool | None:
    """Replace pytest-timeout's timer for checks by the GIL-free watchdog (see isolation)."""
    watchdog = item.config.stash.get(WATCHDOG_KEY, None)
    if watchdog is None or not behaviour_ids(item):
        return None
    watchdog.arm(settings.timeout)
    return True


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_timeout_cancel_timer(item: pytest.Item) -> bool | None:
    watchdog = item.config.stash.get(WATCHDOG_KEY, None)
    if watchdog is None or not behaviour_ids(item):
        return None
    watchdog.disarm()
    return True


@pytest.hookimpl(optionalhook=True)
def pytest_handlecrashitem(crashitem: str, report: pytest.TestReport, sched: Any) -> None:
    """xdist controller: a worker died in ``crashitem``; label it crashed or timeout, with the cause."""
    worker = report.node  # set by xdist on crash reports
    adapter = _activate(worker.config)  # a controller that collected no check itself may not have loaded it yet
    death = isolation.diagnose(worker, worker.config.stash.get(MARKER_DIR_KEY, None))
    info = death.info if death.info.get("nodeid") == crashitem else {}
    ids = info.get("behaviours", [])
    lines = []
    for bid in ids:
        lines.append(f"backend {adapter.name} {adapter.version} {death.status} in {bid}: {catalogue.lookup(bid).statement}")
        lines.append(f"  source: {catalogue.lookup(bid).source}")
    lines.append(f"{death.status}: {death.cause}")
    if death.stack:
        lines += ["where:", death.stack]
    lines.append(f"repro: {info.get('repro', crashitem)}")
    message = "\n".join(lines)
    report.longrepr = message
    result = CheckResult(crashitem, tuple(ids), death.status, message, repro=info.get("repro", ""), when="crash")
    report.user_properties.append((PROPERTY, result.to_json()))


@pytest.fixture(scope="session")
def backend(pytestconfig: pytest.Config) -> Adapter:
    """The adapter of the backend under test."""
    return _activate(pytestconfig)


@pytest.fixture(scope="session")
def xp(backend: Adapter) -> Any:
    """The torch-like namespace under test: the only way checks reach the backend."""
    return backend.namespace


@pytest.fixture(scope="session")
def other_device(backend: Adapter) -> Any:
    """A declared, available non-CPU device to transfer to (in the library's spelling); skipped
    (environment) where there is none."""
    others = [d for d in backend.devices if d != "cpu"]
    for device in others:
        if backend.device_available(device):
            return backend.device_name(device)
    pytest.skip("; ".join(_device_skip_reason(d) for d in others) if others else "the backend declares no device besides cpu")


GLOBAL_STATE = (("get_default_dtype", "set_default_dtype"), ("is_grad_enabled", "set_grad_enabled"),
                ("get_default_device", "set_default_device"))
"""(getter, setter) pairs of the backend's global state; each pair the namespace has is restored after every check."""


@pytest.fixture(autouse=True)
def _restore_backend_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """A check that changes global backend state (default dtype, grad mode, default device) cannot
    leak it into the next check: whatever the check did, the state is set back afterwards."""
    if not behaviour_ids(request.node):
        yield
        return
    xp = request.config.stash[ADAPTER_KEY].namespace
    pairs = [(getattr(xp, get), getattr(xp, put)) for get, put in GLOBAL_STATE if hasattr(xp, get) and hasattr(xp, put)]
    saved = [(get, put, get()) for get, put in pairs]
    dtypes.start_check()
    yield
    for get, put, value in saved:
        if get() != value:
            put(value)


@pytest.fixture(scope="session")  # session-scoped, so hypothesis checks may take it
def device(request: pytest.FixtureRequest, backend: Adapter) -> Any:
    """The device a device-dependent check runs on, in the library's own spelling (``Adapter.device_names``)."""
    return backend.device_name(request.param)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "device" in metafunc.fixturenames:
        devices = _activate(metafunc.config).devices
        metafunc.parametrize("device", devices, ids=list(devices), indirect=True)


def behaviour_ids(item: pytest.Item) -> tuple[str, ...]:
    return tuple(bid for mark in item.iter_markers("behaviour") for bid in mark.args)


def _device_skip_reason(device: str) -> str:
    return f"no {device.upper()} device" if device in ("cuda", "mps", "xpu") else f"device {device!r} not available"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tag checks with their topic, then apply unsupported, deviations and device skips."""
    if ADAPTER_KEY not in config.stash:  # no check collected: the plugin stays out of this run
        return
    adapter = config.stash[ADAPTER_KEY]
    patterns = config.getoption("behaviour")
    default_timeout = _default_timeout(config)
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
        if default_timeout and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(default_timeout))
        for topic in sorted({catalogue.lookup(b).topic for b in ids}):
            item.add_marker(topic)
        decision = _decide(adapter, item, ids)
        if decision is not None:
            item.stash[DECISION_KEY] = decision
            mark = pytest.mark.xfail(reason=decision.reason, strict=False) if decision.status is Status.XFAILED \
                else pytest.mark.skip(reason=decision.reason)
            item.add_marker(mark)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@dataclass(frozen=True)
class Decision:
    """A status settled at collection: the check is skipped (or run as a known deviation) with this reason."""

    status: Status
    reason: str


def _decide(adapter: Adapter, item: pytest.Item, ids: tuple[str, ...]) -> Decision | None:
    device = getattr(getattr(item, "callspec", None), "params", {}).get("device")
    unsupported = adapter.unsupported_pattern(ids)
    deviation = adapter.deviation_for(ids, item.nodeid)
    if unsupported:
        return Decision(Status.UNSUPPORTED, f"{adapter.name} declares {unsupported!r} unsupported")
    if device is not None and not adapter.device_available(device):
        return Decision(Status.SKIPPED, _device_skip_reason(device))
    if deviation:
        return Decision(Status.XFAILED, f"known deviation: {deviation.reason}")
    return None


def _default_timeout(config: pytest.Config) -> float | None:
    """DEFAULT_TIMEOUT_S for checks, unless the user set a limit (--timeout, ini, PYTEST_TIMEOUT)."""
    if not config.pluginmanager.hasplugin("timeout"):
        return None
    import pytest_timeout

    return isolation.DEFAULT_TIMEOUT_S if pytest_timeout.get_env_settings(config).timeout is None else None


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
    parts = ["pytest", target, "--backend", backend_spec(config), "-p", "no:xdist"]
    if config.getoption("hypothesis_profile", None):
        parts += ["--hypothesis-profile", config.getoption("hypothesis_profile")]
    return " ".join(shlex.quote(p) for p in parts)


def _adapter_fault(item: pytest.Item, excinfo: pytest.ExceptionInfo[BaseException]) -> bool:
    """The exception was raised inside the adapter's own module: the adapter's bug, not the backend's."""
    source = item.config.stash[ADAPTER_KEY].source_file
    if source is None or not excinfo.traceback:
        return False
    return Path(str(excinfo.traceback[-1].path)) == Path(source)


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
        what = "adapter fault" if _adapter_fault(item, excinfo) else "check fault" if harness_fault else "backend raised"
        text = _text(exc)
        lines.append(f"{what}{origin}: {_text(type(exc).__name__)}" + (f": {text}" if text else ""))
    notes = getattr(exc, "__notes__", [])
    lines.extend(_text(n) for n in (notes if isinstance(notes, list) else [notes]))
    lines.append(f"repro: {repro_command(item)}")
    return "\n".join(lines)


MAX_BACKEND_TEXT = 2000
"""A backend's exception text is cut past this, so the message keeps its repro line."""


def _text(obj: object) -> str:
    """str(obj), clipped, or a note saying it could not be had: backend objects may raise in __str__."""
    try:
        text = str(obj)
    except BaseException as exc:  # noqa: BLE001 - whatever a backend's __str__ raises
        return f"<unprintable {type(obj).__name__}: str() raised {type(exc).__name__}>"
    return clip(text, MAX_BACKEND_TEXT)


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Any:
    """A KeyboardInterrupt the backend raises itself is a failure, not the user stopping the run."""
    try:
        return (yield)
    except KeyboardInterrupt as exc:
        if isolation.user_interrupted() or not behaviour_ids(pyfuncitem):
            raise
        raise isolation.BackendInterrupt(  # keeps the backend's traceback, so the message says where
            f"the backend raised KeyboardInterrupt({_text(exc)}) itself, with no interrupt signal received"
        ).with_traceback(exc.__traceback__) from None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    report.sections = [(title, clip(content, MAX_SECTION_CHARS)) for title, content in report.sections]
    ids = behaviour_ids(item)
    if not ids:
        return report
    status, message = _status(item, call, report)
    dropped = dtypes.dropped() if call.when == "call" else ()
    if dropped and status is Status.PASSED:  # never passed because a dtype was dropped
        status, message = Status.UNSUPPORTED, _unsupported_dtypes_message(item, dropped)
    result = CheckResult(item.nodeid, ids, status, message, duration_s=report.duration, repro=repro_command(item),
                         when=call.when, unsupported_dtypes=dropped)
    report.user_properties.append((PROPERTY, result.to_json()))
    if message and status in (Status.FAILED, Status.ERROR, Status.XPASSED):
        report.sections.append(("torch-conformance", _section(message, call)))
    return report


def _section(message: str, call: pytest.CallInfo[None]) -> str:
    """What pytest's own failure output lacks: for a ConformanceFailure, whose call/expected/got pytest
    already prints, only the behaviour, its source and the repro line, so each failure reads once."""
    if call.excinfo is None or not call.excinfo.errisinstance(assertions.ConformanceFailure):
        return message
    return "\n".join(line for line in message.splitlines() if line.startswith(("backend ", "  source: ", "repro: ")))


def _unsupported_dtypes_message(item: pytest.Item, dropped: tuple[str, ...]) -> str:
    adapter = item.config.stash[ADAPTER_KEY]
    return (f"{adapter.name} declares dtypes {', '.join(dropped)} unsupported: those cases were not run "
            "(the supported dtypes passed)")


def _status(item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport) -> tuple[Status | None, str]:
    """The conformance status this phase contributes (None: nothing to say)."""
    decision = item.stash.get(DECISION_KEY, None)
    if hasattr(report, "wasxfail"):
        if report.skipped:
            return Status.XFAILED, report.wasxfail
        if tiers.tier(item.config) == "smoke":  # a few examples may miss the deviation's case
            return Status.XPASSED, (f"{report.wasxfail} -- but it passed in this smoke run (few examples): "
                                    "if the full suite passes it too, remove it from the known-deviations file")
        return Status.XPASSED, f"{report.wasxfail} -- but it passed: remove it from the known-deviations file"
    excinfo = call.excinfo
    if excinfo is not None and excinfo.errisinstance(dtypes.Unsupported):
        return Status.UNSUPPORTED, _text(excinfo.value)
    if report.skipped:
        if decision is not None and decision.status is not Status.XFAILED:
            return decision.status, decision.reason
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        return Status.SKIPPED, reason.removeprefix("Skipped: ")
    if report.failed:
        harness_fault = report.when != "call" or (excinfo is not None and excinfo.errisinstance(HARNESS_FAULTS))
        if excinfo is not None and not harness_fault:
            from hypothesis.errors import FailedHealthCheck, InvalidArgument, Unsatisfiable

            harness_fault = (excinfo.errisinstance((InvalidArgument, FailedHealthCheck, Unsatisfiable))
                             or _adapter_fault(item, excinfo))
        message = _explain(item, excinfo, harness_fault) if excinfo is not None else str(report.longrepr)
        return (Status.ERROR if harness_fault else Status.FAILED), message
    return (Status.PASSED if report.when == "call" else None), ""


_CATEGORIES = {s: (s.value, s.value[0].upper(), s.value.upper())
               for s in (Status.UNSUPPORTED, Status.CRASHED, Status.TIMEOUT, Status.ERROR)}


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config) -> tuple[str, str, str] | None:
    """Pytest's summary counts what the report counts: unsupported, crashed, timeout, check errors."""
    props = dict(getattr(report, "user_properties", ())).get(PROPERTY)
    status = CheckResult.from_json(props).status if isinstance(props, dict) else None
    return _CATEGORIES.get(status) if status is not None else None


def _bad_checks(terminalreporter: Any) -> list[dict[str, Any]]:
    """One entry per check (its first phase with a verdict), from the reports pytest kept."""
    seen: dict[str, dict[str, Any]] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            props = dict(getattr(report, "user_properties", ())).get("conformance")
            if props and props["status"] is not None and report.nodeid not in seen:
                seen[report.nodeid] = props
    return list(seen.values())


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """What failed, grouped by behaviour and capped, then the score and where the report is."""
    recorder = config.stash.get(RECORDER_KEY, None)
    adapter = config.stash.get(ADAPTER_KEY, None)
    if adapter is None:
        return
    terminalreporter.write_sep("-", f"torch-conformance: backend {adapter.name} {adapter.version}")
    entries = recorder.written["results"] if recorder is not None and recorder.written else _bad_checks(terminalreporter)
    for line in terminal.failure_lines(entries):
        terminalreporter.write_line(line)
    if recorder is not None and recorder.written:
        summary = recorder.written["summary"]
        counts = ", ".join(f"{n} {s}" for s, n in summary["counts"].items() if n)
        smoke = " (smoke run: one check per behaviour, not a conformance figure)" \
            if is_smoke(recorder.written) else ""
        terminalreporter.write_line(f"conformance {summary['conformance_percent']}% ({counts}){smoke}")
        paths = ", ".join(str(recorder.out / name) for name in ("report.html", "report.md", "report.json"))
        terminalreporter.write_line(f"report: {paths}")
