"""Compliance reports: the JSON document (schema in schema.json) and its Markdown and HTML views."""
from conformance.report.build import SCHEMA_VERSION, load_report, validate

__all__ = ["SCHEMA_VERSION", "load_report", "validate"]
