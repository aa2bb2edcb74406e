"""Synthetic checks for tests/test_robustness.py (not collected on their own): each calls one
hostile function of hostile_backends.adapter, among checks that pass."""
import time

import pytest

from conformance import check


@check("creation.zeros.dtype-keyword")
def test_a_passes_first(xp):
    xp.zeros(2)


@check("creation.zeros.dtype-keyword")
def test_abort(xp):
    xp.abort(2).shape


@check("creation.zeros.dtype-keyword")
def test_segfault(xp):
    xp.segfault(2).shape


@check("creation.zeros.dtype-keyword")
def test_sigfpe(xp):
    xp.sigfpe(2).shape


@check("creation.zeros.dtype-keyword")
def test_exit(xp):
    xp.exit(2).shape


@check("creation.zeros.dtype-keyword")
def test_sleep(xp):
    xp.sleep(2).shape


@check("creation.zeros.dtype-keyword")
def test_spin_python(xp):
    xp.spin_python(2).shape


@check("creation.zeros.dtype-keyword")
def test_spin_c(xp):
    xp.spin_c(2).shape


@check("creation.zeros.dtype-keyword")
def test_system_exit(xp):
    xp.system_exit(2).shape


@check("creation.zeros.dtype-keyword")
def test_keyboard_interrupt(xp):
    xp.keyboard_interrupt(2).shape


@check("creation.zeros.dtype-keyword")
def test_memory_error(xp):
    xp.memory_error(2).shape


@check("creation.zeros.dtype-keyword")
def test_huge_allocation(xp):
    xp.huge_allocation(2).shape


@check("creation.zeros.dtype-keyword")
def test_unprintable(xp):
    xp.unprintable(2).shape


@check("creation.zeros.dtype-keyword")
def test_wrong_type(xp):
    xp.wrong_type(2).shape


@check("creation.zeros.dtype-keyword")
def test_markup(xp):
    xp.markup(2).shape


@check("creation.zeros.dtype-keyword")
def test_flood(xp):
    xp.flood(2).shape


@check("creation.zeros.dtype-keyword")
@pytest.mark.timeout(60)
def test_slow_but_allowed(xp):
    """Past the run's --timeout 2, within its own marker's limit."""
    time.sleep(3)
    xp.zeros(2)


@check("creation.zeros.dtype-keyword")
def test_z_passes_last(xp):
    xp.zeros(2)
