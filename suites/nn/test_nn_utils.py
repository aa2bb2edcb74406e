"""nn.utils: gradient clipping (by total norm, by value), parameters <-> one vector, and the
nn.utils.rnn padding and packing helpers, against NumPy oracles of their documented rules."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, assert_values, expect, show
from suites.nn.common import TOL, as_f32, rng, seeds
from suites.inputs import tensor_of

SHAPES = ((2, 3), (4,), (1, 2, 2))
norm_types = st.sampled_from([2.0, 1.0, 3.0, math.inf])


def _with_grads(xp: Any, grads: list[np.ndarray]) -> list[Any]:
    """Leaf float32 parameters whose .grad holds ``grads``."""
    params = []
    for g in grads:
        p = xp.nn.Parameter(tensor_of(xp, np.zeros(g.shape), "float32"))
        p.grad = tensor_of(xp, g, "float32")
        params.append(p)
    return params


def _total_norm(grads: list[np.ndarray], norm_type: float) -> float:
    flat = np.concatenate([g.ravel() for g in grads])
    if math.isinf(norm_type):
        return float(np.abs(flat).max())
    return float((np.abs(flat) ** norm_type).sum() ** (1 / norm_type))


@check("nn.utils.clip-grad-norm")
@settings(max_examples=10)
@given(seed=seeds, norm_type=norm_types, max_norm=st.sampled_from([0.5, 2.0, 100.0]))
@example(seed=0, norm_type=math.inf, max_norm=0.5)
@example(seed=0, norm_type=1.0, max_norm=0.5)
def test_clip_grad_norm(xp, seed, norm_type, max_norm):
    grads = [as_f32(rng(seed).standard_normal(s)) for s in SHAPES]
    params = _with_grads(xp, grads)
    call = f"nn.utils.clip_grad_norm_(3 parameters with grads of shapes {SHAPES}, max_norm={max_norm}, " \
           f"norm_type={norm_type}) [seed {seed}]"
    total = _total_norm(grads, norm_type)
    returned = xp.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
    assert_values(returned, np.array(total), call=call + "; the returned total norm", **TOL)
    scale = min(1.0, max_norm / (total + 1e-6))
    for i, (p, g) in enumerate(zip(params, grads)):
        assert_values(p.grad, g * scale, call=call + f"; parameter {i}'s grad", **TOL)


@check("nn.utils.clip-grad-norm-nonfinite")
@given(bad=st.sampled_from([math.inf, math.nan]))
def test_clip_grad_norm_nonfinite(xp, bad):
    grads = [np.array([1.0, bad]), np.array([2.0])]
    call = f"nn.utils.clip_grad_norm_(grads [[1.0, {bad}], [2.0]], 1.0"
    assert_raises(RuntimeError, lambda: xp.nn.utils.clip_grad_norm_(_with_grads(xp, grads), 1.0,
                                                                     error_if_nonfinite=True),
                  call=call + ", error_if_nonfinite=True)")
    returned = xp.nn.utils.clip_grad_norm_(_with_grads(xp, grads), 1.0)
    assert_values(returned, np.array(math.inf if bad == math.inf else math.nan), call=call + ")", equal_nan=True)


@check("nn.utils.clip-grad-value")
@settings(max_examples=10)
@given(seed=seeds, clip=st.sampled_from([0.1, 0.5, 2.0]))
def test_clip_grad_value(xp, seed, clip):
    grads = [as_f32(rng(seed).standard_normal(s)) for s in SHAPES]
    params = _with_grads(xp, grads)
    xp.nn.utils.clip_grad_value_(params, clip)
    for i, (p, g) in enumerate(zip(params, grads)):
        assert_values(p.grad, np.clip(g, -clip, clip), call=f"nn.utils.clip_grad_value_(parameters, {clip}); "
                      f"parameter {i}'s grad [seed {seed}]", **TOL)


@check("nn.utils.parameters-vector")
@settings(max_examples=5)
@given(seed=seeds)
def test_parameters_to_vector_and_back(xp, seed):
    r = rng(seed)
    values = [as_f32(r.standard_normal(s)) for s in SHAPES]
    params = [xp.nn.Parameter(tensor_of(xp, v, "float32")) for v in values]
    flat = np.concatenate([v.ravel() for v in values])
    assert_values(xp.nn.utils.parameters_to_vector(params), flat,
                  call=f"nn.utils.parameters_to_vector(parameters of shapes {SHAPES}) [seed {seed}]")
    new = as_f32(r.standard_normal(flat.size))
    xp.nn.utils.vector_to_parameters(tensor_of(xp, new, "float32"), params)
    start = 0
    for i, (p, shape) in enumerate(zip(params, SHAPES)):
        size = math.prod(shape)
        assert_values(p, new[start:start + size].reshape(shape), call=f"nn.utils.vector_to_parameters(randn"
                      f"({flat.size}), parameters); parameter {i} [seed {seed}]")
        start += size


# ---- nn.utils.rnn ------------------------------------------------------------------------------

lengths_strategy = st.permutations([1, 2, 3, 4]).map(lambda p: tuple(p[:3]))


def _sequences(seed: int, lengths: tuple[int, ...]) -> list[np.ndarray]:
    """Sequences of distinct lengths (so the length order is unambiguous), two features each."""
    r = rng(seed)
    return [as_f32(r.standard_normal((n, 2))) for n in lengths]


def _padded(seqs: list[np.ndarray], value: float = 0.0, left: bool = False) -> np.ndarray:
    """(B, T, *) with each sequence at the start (or end, ``left``) of its row."""
    out = np.full((len(seqs), max(len(s) for s in seqs), *seqs[0].shape[1:]), value)
    for i, s in enumerate(seqs):
        if left:
            out[i, out.shape[1] - len(s):] = s
        else:
            out[i, :len(s)] = s
    return out


def _packed(seqs: list[np.ndarray]) -> tuple[np.ndarray, list[int], list[int]]:
    """Data time step by time step over the sequences sorted by decreasing length; batch sizes; order."""
    order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))
    steps = max(len(s) for s in seqs)
    data = [seqs[i][t] for t in range(steps) for i in order if len(seqs[i]) > t]
    sizes = [sum(len(s) > t for s in seqs) for t in range(steps)]
    return np.array(data), sizes, order


def _tensors(xp: Any, seqs: list[np.ndarray]) -> list[Any]:
    return [tensor_of(xp, s, "float32") for s in seqs]


@check("nn.utils.rnn.pad-sequence")
@settings(max_examples=8)
@given(seed=seeds, lengths=lengths_strategy, batch_first=st.booleans(), value=st.sampled_from([0.0, -1.5]),
       side=st.sampled_from(["right", "left"]))
@example(seed=0, lengths=(2, 4, 1), batch_first=False, value=-1.5, side="left")
def test_pad_sequence(xp, seed, lengths, batch_first, value, side):
    seqs = _sequences(seed, lengths)
    want = _padded(seqs, value, left=side == "left")
    got = xp.nn.utils.rnn.pad_sequence(_tensors(xp, seqs), batch_first=batch_first, padding_value=value,
                                       padding_side=side)
    call = f"nn.utils.rnn.pad_sequence(sequences of lengths {lengths}, batch_first={batch_first}, " \
           f"padding_value={value}, padding_side={side!r}) [seed {seed}]"
    assert_values(got, want if batch_first else want.swapaxes(0, 1), call=call)


def _expect_packed(packed: Any, seqs: list[np.ndarray], sorted_given: bool, call: str) -> None:
    data, sizes, order = _packed(seqs)
    assert_values(packed.data, data, call=call + ".data")
    assert_values(packed.batch_sizes, np.array(sizes), call=call + ".batch_sizes")
    if sorted_given:
        expect(packed.sorted_indices is None, call=call + ".sorted_indices", expected="None",
               got=show(packed.sorted_indices))
    else:
        assert_values(packed.sorted_indices, np.array(order), call=call + ".sorted_indices")
        assert_values(packed.unsorted_indices, np.argsort(order), call=call + ".unsorted_indices")


@check("nn.utils.rnn.pack-padded-sequence")
@settings(max_examples=8)
@given(seed=seeds, lengths=lengths_strategy, batch_first=st.booleans())
@example(seed=0, lengths=(2, 4, 1), batch_first=True)
def test_pack_padded_sequence(xp, seed, lengths, batch_first):
    """enforce_sorted=False packs in decreasing length and records the permutation both ways."""
    seqs = _sequences(seed, lengths)
    padded = _padded(seqs)
    padded = padded if batch_first else padded.swapaxes(0, 1)
    packed = xp.nn.utils.rnn.pack_padded_sequence(tensor_of(xp, padded, "float32"), list(lengths), batch_first=batch_first,
                                                  enforce_sorted=False)
    _expect_packed(packed, seqs, False, f"nn.utils.rnn.pack_padded_sequence(padded randn, lengths={list(lengths)}, "
                                        f"batch_first={batch_first}, enforce_sorted=False) [seed {seed}]")
    ordered = sorted(seqs, key=len, reverse=True)
    packed = xp.nn.utils.rnn.pack_padded_sequence(tensor_of(xp, _padded(ordered), "float32"), sorted(lengths, reverse=True),
                                                  batch_first=True)
    _expect_packed(packed, ordered, True, f"nn.utils.rnn.pack_padded_sequence(padded randn, lengths="
                                          f"{sorted(lengths, reverse=True)}, batch_first=True) [seed {seed}]")


@check("nn.utils.rnn.pack-sequence")
@settings(max_examples=8)
@given(seed=seeds, lengths=lengths_strategy)
def test_pack_sequence(xp, seed, lengths):
    seqs = _sequences(seed, lengths)
    packed = xp.nn.utils.rnn.pack_sequence(_tensors(xp, seqs), enforce_sorted=False)
    _expect_packed(packed, seqs, False, f"nn.utils.rnn.pack_sequence(sequences of lengths {lengths}, "
                                        f"enforce_sorted=False) [seed {seed}]")


@check("nn.utils.rnn.pad-packed-sequence")
@settings(max_examples=8)
@given(seed=seeds, lengths=lengths_strategy, batch_first=st.booleans(), value=st.sampled_from([0.0, 9.0]),
       extra=st.sampled_from([0, 2]))
@example(seed=0, lengths=(2, 4, 1), batch_first=True, value=9.0, extra=2)
def test_pad_packed_sequence(xp, seed, lengths, batch_first, value, extra):
    """Unpacking restores the original order, pads with padding_value up to total_length, and returns
    the lengths as an int64 tensor."""
    seqs = _sequences(seed, lengths)
    packed = xp.nn.utils.rnn.pack_sequence(_tensors(xp, seqs), enforce_sorted=False)
    total = max(lengths) + extra
    padded, got_lengths = xp.nn.utils.rnn.pad_packed_sequence(packed, batch_first=batch_first, padding_value=value,
                                                              total_length=total)
    want = np.concatenate([_padded(seqs, value), np.full((len(seqs), extra, 2), value)], axis=1)
    call = f"nn.utils.rnn.pad_packed_sequence(pack_sequence(lengths {lengths}, enforce_sorted=False), " \
           f"batch_first={batch_first}, padding_value={value}, total_length={total}) [seed {seed}]"
    assert_values(padded, want if batch_first else want.swapaxes(0, 1), call=call)
    assert_tensor(got_lengths, np.array(lengths), dtype="int64", call=call + "; lengths")


def _expect_sequences(got: list[Any], seqs: list[np.ndarray], call: str) -> None:
    """A list of tensors holding ``seqs``, in order."""
    expect(len(got) == len(seqs), call=call, expected=f"{len(seqs)} tensors", got=f"{len(got)} tensors")
    for i, (tensor, want) in enumerate(zip(got, seqs)):
        assert_values(tensor, want, call=f"{call}[{i}]")


@check("nn.utils.rnn.unpack-sequence")
@settings(max_examples=8)
@given(seed=seeds, lengths=lengths_strategy)
def test_unpack_sequence(xp, seed, lengths):
    seqs = _sequences(seed, lengths)
    got = xp.nn.utils.rnn.unpack_sequence(xp.nn.utils.rnn.pack_sequence(_tensors(xp, seqs), enforce_sorted=False))
    call = f"nn.utils.rnn.unpack_sequence(pack_sequence(sequences of lengths {lengths}, enforce_sorted=False)) " \
           f"[seed {seed}]"
    _expect_sequences(got, seqs, call)


@check("nn.utils.rnn.unpad-sequence")
@settings(max_examples=8)
@given(seed=seeds, lengths=lengths_strategy, batch_first=st.booleans())
@example(seed=0, lengths=(2, 4, 1), batch_first=False)
def test_unpad_sequence(xp, seed, lengths, batch_first):
    seqs = _sequences(seed, lengths)
    padded = _padded(seqs, value=7.0)
    got = xp.nn.utils.rnn.unpad_sequence(tensor_of(xp, padded if batch_first else padded.swapaxes(0, 1), "float32"),
                                         tensor_of(xp, lengths), batch_first=batch_first)
    call = f"nn.utils.rnn.unpad_sequence(padded (with 7.0) sequences, lengths={list(lengths)}, " \
           f"batch_first={batch_first}) [seed {seed}]"
    _expect_sequences(got, seqs, call)


@check("nn.utils.rnn.invert-permutation")
@settings(max_examples=8)
@given(perm=st.permutations(list(range(5))))
@example(perm=[2, 0, 3, 4, 1])
def test_invert_permutation(xp, perm):
    call = f"nn.utils.rnn.invert_permutation(tensor({list(perm)}))"
    assert_tensor(xp.nn.utils.rnn.invert_permutation(tensor_of(xp, perm)), np.argsort(perm), dtype="int64",
                  call=call)
    got = xp.nn.utils.rnn.invert_permutation(None)
    expect(got is None, call="nn.utils.rnn.invert_permutation(None)", expected="None", got=show(got))
