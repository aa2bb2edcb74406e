"""arange, the deprecated range, and linspace: lengths, values, dtypes and errors.

Bounds and steps are multiples of 1/4 so every expected value is exact in float32;
expected sequences are built in NumPy/Python from the documented formulas.
"""
import math
import warnings

import numpy as np
from hypothesis import assume, example, given, strategies as st

from conformance.strategies import dtype_names
from conformance import check, dtypes
from conformance.dtypes import COMPLEX_OF_FLOAT, FULL_FLOAT_DTYPES
from conformance.assertions import assert_dtype, assert_raises, assert_tensor, describe

from suites.creation.helpers import default_dtype

quarters = st.integers(-40, 40).map(lambda q: q / 4)
steps_q = st.integers(1, 12).map(lambda q: q / 4)


def _arange_args(start, end, step, form):
    """The positional arguments for one of arange's three call forms."""
    return {"end": (end,), "start-end": (start, end), "full": (start, end, step)}[form]


@check("creation.arange.half-open")
@given(start=st.integers(-20, 20), end=st.integers(-20, 20), step=st.integers(1, 6), form=st.sampled_from(["end", "start-end", "full"]))
@example(start=10, end=0, step=3, form="full")
def test_arange_integers(xp, start, end, step, form):
    if form == "end":
        end = abs(end)  # with the default step 1, end must not lie below start = 0
    elif form == "start-end":
        start, end = min(start, end), max(start, end)
    elif end < start:
        step = -step  # the step's sign must agree with end - start
    start_, step_ = {"end": (0, 1), "start-end": (start, 1), "full": (start, step)}[form]
    args = _arange_args(start, end, step, form)
    n = max(0, math.ceil((end - start_) / step_))
    want = np.array([start_ + i * step_ for i in range(n)], dtype="int64")
    assert_tensor(xp.arange(*args), want, dtype="int64", call=describe("arange", *args))


@check("creation.arange.half-open")
@given(start=quarters, end=quarters, step=steps_q)
@example(start=0.0, end=1.0, step=0.25)
def test_arange_floats(xp, start, end, step):
    if end < start:
        step = -step
    n = max(0, math.ceil((end - start) / step))
    want = np.array([start + i * step for i in range(n)], dtype="float32")
    assert_tensor(xp.arange(start, end, step), want, dtype="float32", call=describe("arange", start, end, step))


@check("creation.arange.half-open")
def test_arange_docs_example(xp):
    assert_tensor(xp.arange(10, 0, -3), [10, 7, 4, 1], dtype="int64", call=describe("arange", 10, 0, -3))


@check("creation.arange.dtype")
@given(default=dtype_names(FULL_FLOAT_DTYPES), start=st.integers(-5, 5), end=st.integers(6, 12),
       step=st.integers(1, 3), floaty=st.sets(st.sampled_from(["start", "end", "step"])))
def test_arange_dtype(xp, default, start, end, step, floaty):
    args = {"start": start, "end": end, "step": step}
    for name in floaty:
        args[name] = float(args[name])
    want = default if floaty else "int64"
    with default_dtype(xp, default):
        call = describe("arange", *args.values()) + f" with default dtype {default}"
        assert_dtype(xp.arange(*args.values()), want, call=call)


@check("creation.arange.bad-step")
@given(start=st.integers(-10, 10), end=st.integers(-10, 10), step=st.integers(1, 4), zero=st.booleans())
def test_arange_bad_step_raises(xp, start, end, step, zero):
    assume(zero or start != end)
    if zero:
        step = 0
    elif end > start:
        step = -step  # sign disagrees with the bounds
    call = describe("arange", start, end, step)
    assert_raises(RuntimeError, xp.arange, start, end, step, call=call)


def _range(xp, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # range is deprecated and says so; that is not the point here
        return xp.range(*args)


@check("creation.range.inclusive")
@given(start=quarters, length=st.integers(0, 12), step=steps_q, extra=st.integers(0, 3), down=st.booleans())
@example(start=0.0, length=4, step=0.25, extra=0, down=False)
def test_range_includes_end(xp, start, length, step, extra, down):
    # end lies `length` whole steps (plus a fraction of one step) from start.
    sign = -1 if down else 1
    end = start + sign * (length * step + extra * step / 4)
    n = math.floor((end - start) / (sign * step)) + 1
    want = np.array([start + i * sign * step for i in range(n)], dtype="float32")
    args = (start, end, sign * step)
    assert_tensor(_range(xp, *args), want, dtype="float32", call=describe("range", *args))


@check("creation.linspace.values")
@given(start=st.integers(-100, 100), end=st.integers(-100, 100), steps=st.integers(0, 40))
@example(start=3, end=10, steps=5)
@example(start=2, end=7, steps=1)
@example(start=2, end=7, steps=0)
def test_linspace_values(xp, start, end, steps):
    if steps == 1:
        want = np.array([start], dtype="float64")
    else:
        want = np.array([start + i * (end - start) / (steps - 1) for i in range(steps)], dtype="float64")
    call = describe("linspace", start, end, steps=steps)
    scale = max(1, abs(start), abs(end))
    assert_tensor(xp.linspace(start, end, steps=steps), want, dtype="float32", call=call, atol=4e-7 * scale)


@check("creation.linspace.values")
def test_linspace_docs_example(xp):
    call = describe("linspace", 3, 10, steps=5)
    assert_tensor(xp.linspace(3, 10, steps=5), [3.0, 4.75, 6.5, 8.25, 10.0], dtype="float32", call=call)


@check("creation.linspace.steps-and-dtype")
@given(start=st.integers(-5, 5), end=st.integers(-5, 5))
def test_linspace_requires_steps(xp, start, end):
    assert_raises(TypeError, xp.linspace, start, end, call=describe("linspace", start, end))


@check("creation.linspace.steps-and-dtype")
@given(default=dtype_names(FULL_FLOAT_DTYPES), start=st.integers(-5, 5), end=st.integers(-5, 5),
       steps=st.integers(0, 6), kind=st.sampled_from(["int", "float", "complex-end", "complex-start"]))
@example(default="float32", start=0, end=1, steps=3, kind="complex-end")
def test_linspace_dtype(xp, default, start, end, steps, kind):
    dtypes.require(default)
    bounds = {"int": (start, end), "float": (float(start), float(end)),
              "complex-end": (start, complex(end, 1)), "complex-start": (complex(start, -1), end)}[kind]
    want = COMPLEX_OF_FLOAT[default] if kind.startswith("complex") else default
    with default_dtype(xp, default):
        call = describe("linspace", *bounds, steps) + f" with default dtype {default}"
        got = xp.linspace(*bounds, steps)
        assert_dtype(got, want, call=call)
        if steps >= 2:
            a, b = (complex(v) for v in bounds)
            expected = np.array([a + i * (b - a) / (steps - 1) for i in range(steps)])
            if not kind.startswith("complex"):
                expected = expected.real
            assert_tensor(got, expected.astype(want), dtype=want, call=call, atol=1e-5)
