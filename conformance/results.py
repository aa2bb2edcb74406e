"""One check's result, typed, from the pytest hook through the recorder to the report builder.

A phase (setup, call, teardown, or an xdist crash) yields a :class:`CheckResult` whose status may be
``None`` (the phase has nothing to say); the recorder folds a check's phases into one result with a
status. Results cross from xdist workers as plain JSON (``to_json``/``from_json``), since only
builtins travel in ``report.user_properties``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from conformance.statuses import Status

_STATUS = {s.value: s for s in Status}


def _status(value: Any) -> Status:
    """``Status(value)``, by a dict lookup first: it costs a fraction of the enum's, paid per result read."""
    try:
        return _STATUS[value]
    except (KeyError, TypeError):
        return Status(value)

PROPERTY = "conformance"
"""Key of the result in a pytest report's ``user_properties``."""


@dataclass(frozen=True)
class CheckResult:
    """What one check (or one phase of it) says about the backend.

    ``unsupported_dtypes`` names the dtypes the check did not run because the adapter declares
    them unsupported: such a check is never ``passed``.
    """

    nodeid: str
    behaviours: tuple[str, ...]
    status: Status | None
    message: str = ""
    duration_s: float = 0.0
    repro: str = ""
    when: str = ""
    unsupported_dtypes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The report's JSON form (``when`` is only for phases in transit)."""
        data: dict[str, Any] = {"nodeid": self.nodeid, "behaviours": list(self.behaviours),
                                "status": None if self.status is None else self.status._value_,
                                "message": self.message, "duration_s": self.duration_s, "repro": self.repro}
        if self.unsupported_dtypes:
            data["unsupported_dtypes"] = list(self.unsupported_dtypes)
        if self.when:
            data["when"] = self.when
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckResult:
        status = data.get("status")
        return cls(nodeid=str(data["nodeid"]), behaviours=tuple(data.get("behaviours", ())),
                   status=None if status is None else _status(status), message=str(data.get("message", "")),
                   duration_s=float(data.get("duration_s", 0.0)), repro=str(data.get("repro", "")),
                   when=str(data.get("when", "")), unsupported_dtypes=tuple(data.get("unsupported_dtypes", ())))

    def merged(self, phase: CheckResult) -> CheckResult:
        """This result with a later phase folded in: the first phase with something to say decides,
        so a teardown error cannot hide a failure (but does turn a pass into an error)."""
        decides = phase.status is not None and self.status in (None, Status.PASSED)
        return replace(
            self, behaviours=self.behaviours or phase.behaviours, repro=self.repro or phase.repro,
            duration_s=round(self.duration_s + phase.duration_s, 4), when=phase.when,
            status=phase.status if decides else self.status, message=phase.message if decides else self.message,
            unsupported_dtypes=self.unsupported_dtypes or phase.unsupported_dtypes,
        )
