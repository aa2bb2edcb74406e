"""Fake backends for the harness's own tests (not mutants: these test loading and statuses)."""
