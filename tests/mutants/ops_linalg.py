"""Mutants of the linear-algebra family (ops.matmul.* ... ops.linalg.*): each breaks one documented
rule of one product or torch.linalg function, leaving the others intact."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _torch():
    import torch

    return torch


def _plus_one(orig):
    """Every element of the result (the first output of a tuple) off by one."""
    def bad(*a, **k):
        r = orig(*a, **k)
        return (r[0] + 1, *r[1:]) if isinstance(r, tuple) else r + 1
    return bad


def _when(condition, broken):
    """``broken(result)`` for the calls ``condition(*args)`` selects, the original result otherwise."""
    def make(orig):
        def bad(*a, **k):
            r = orig(*a, **k)
            return broken(r) if condition(*a) else r
        return bad
    return make


def _ndims(*wanted):
    return lambda a, b, *rest: (a.ndim, b.ndim) in wanted


def _drops_keyword(name, default):
    """The call made as if keyword ``name`` were always its default."""
    def make(orig):
        def bad(*a, **k):
            k.pop(name, None)
            return orig(*a, **k) if default is None else orig(*a, **{name: default}, **k)
        return bad
    return make


def _ord_ignored(default):
    """``ord`` taken as its default whatever is passed."""
    def make(orig):
        return lambda x, ord=default, *a, **k: orig(x, default, *a, **k)
    return make


def _always_vector_norm(orig):
    def bad(x, ord=None, dim=None, keepdim=False, **k):
        return _torch().linalg.vector_norm(x, 2 if ord is None else ord, dim, keepdim)
    return bad


def _vdot_no_conj(orig):
    return lambda a, b, **k: _torch().dot(a, b)


def _slogdet_sign_positive(orig):
    def bad(A, **k):
        sign, logabsdet = orig(A, **k)
        return sign.abs(), logabsdet
    return bad


def _qr_q_transposed(orig):
    def bad(A, mode="reduced", **k):
        q, r = orig(A, mode, **k)
        return (q.mT if mode == "complete" else q.flip(-1)), r
    return bad


def _svd_ascending(orig):
    def bad(A, *a, **k):
        u, s, vh = orig(A, *a, **k)
        return u, s.flip(-1), vh
    return bad


def _eigh_descending(orig):
    def bad(A, *a, **k):
        w, v = orig(A, *a, **k)
        return w.flip(-1), v.flip(-1)
    return bad


def _rank_counts_all(orig):
    def bad(A, **k):
        t = _torch()
        return t.full(A.shape[:-2], min(A.shape[-2:]), dtype=t.int64)
    return bad


def _lstsq_off(orig):
    def bad(*a, **k):
        r = orig(*a, **k)
        return type(r)((r.solution + 1, *tuple(r)[1:]))
    return bad


def _power_sign_lost(orig):
    return lambda A, n, **k: orig(A, abs(n), **k)


def _reads_both_triangles(orig):
    """solve_triangular as a full solve: the other triangle is no longer ignored."""
    return lambda A, B, *, upper, left=True, unitriangular=False, **k: _torch().linalg.solve(A, B, left=left)


def _info_one(orig):
    def bad(*a, **k):
        r = orig(*a, **k)
        return (*tuple(r)[:-1], r[-1] + 1)
    return bad


def _eig_vectors_unnormalised(orig):
    def bad(A, **k):
        w, v = orig(A, **k)
        return w, v * 2
    return bad


def _lu_l_not_unit(orig):
    def bad(A, **k):
        p, l, u = orig(A, **k)
        d = _torch().diagonal(u, 0, -2, -1)
        return p, l * d.unsqueeze(-2)[..., : l.shape[-1]], u
    return bad


def _vander_decreasing(orig):
    return lambda x, **k: orig(x, **k).flip(-1)


def _in_place_returns_copy(orig):
    return lambda self, *a, **k: orig(self.clone(), *a, **k)


def _solve_ignores_left(orig):
    return lambda A, B, *, left=True, **k: orig(A, B, **k)


MUTANTS = [
    Mutant("matmul-vector-vector-off", ("ops.matmul.vector-vector",),
           replace("matmul", _when(_ndims((1, 1)), lambda r: r + 1))),
    Mutant("matmul-matrix-matrix-off", ("ops.matmul.matrix-matrix",),
           replace("matmul", _when(_ndims((2, 2)), lambda r: r + 1))),
    Mutant("matmul-keeps-promoted-dim", ("ops.matmul.one-d-promoted",),
           replace("matmul", _when(_ndims((1, 2), (2, 1)), lambda r: r.unsqueeze(0)))),
    Mutant("matmul-batched-off", ("ops.matmul.batched-broadcast",),
           replace("matmul", _when(lambda a, b, *r: max(a.ndim, b.ndim) > 2, lambda r: r + 1))),
    Mutant("mm-off", ("ops.mm.product",), replace("mm", _plus_one)),
    Mutant("bmm-off", ("ops.bmm.product",), replace("bmm", _plus_one)),
    Mutant("mv-off", ("ops.mv.product",), replace("mv", _plus_one)),
    Mutant("dot-off", ("ops.dot.product",), replace("dot", _plus_one)),
    Mutant("vdot-no-conjugate", ("ops.vdot.conjugates-first",), replace("vdot", _vdot_no_conj)),
    Mutant("inner-off", ("ops.inner.last-dims",), replace("inner", _plus_one)),
    Mutant("outer-off", ("ops.outer.product",), replace("outer", _plus_one)),
    Mutant("einsum-off", ("ops.einsum.equation",), replace("einsum", _plus_one)),
    Mutant("tensordot-off", ("ops.tensordot.dims",), replace("tensordot", _plus_one)),
    Mutant("kron-off", ("ops.kron.product",), replace("kron", _plus_one)),
    Mutant("addmm-ignores-beta", ("ops.addmm.beta-alpha",), replace("addmm", _drops_keyword("beta", None))),
    Mutant("addmv-ignores-alpha", ("ops.addmv.beta-alpha",), replace("addmv", _drops_keyword("alpha", None))),
    Mutant("addbmm-ignores-beta", ("ops.addbmm.sums-batches",), replace("addbmm", _drops_keyword("beta", None))),
    Mutant("baddbmm-ignores-alpha", ("ops.baddbmm.per-batch",), replace("baddbmm", _drops_keyword("alpha", None))),
    Mutant("cross-off", ("ops.cross.dim",), replace("cross", _plus_one)),
    Mutant("trace-off", ("ops.trace.diagonal-sum",), replace("trace", _plus_one)),
    Mutant("matrix-norm-ignores-ord", ("ops.linalg.matrix-norm",),
           replace("linalg.matrix_norm", _ord_ignored("fro"))),
    Mutant("norm-always-vector", ("ops.linalg.norm-dispatch",), replace("linalg.norm", _always_vector_norm)),
    Mutant("det-negated", ("ops.linalg.det",), replace("linalg.det", lambda orig: lambda A, **k: -orig(A, **k))),
    Mutant("slogdet-sign-positive", ("ops.linalg.slogdet",), replace("linalg.slogdet", _slogdet_sign_positive)),
    Mutant("inv-transposed", ("ops.linalg.inv",), replace("linalg.inv", lambda orig: lambda A, **k: orig(A, **k).mT)),
    Mutant("solve-ignores-left", ("ops.linalg.solve",), replace("linalg.solve", _solve_ignores_left)),
    Mutant("cholesky-ignores-upper", ("ops.linalg.cholesky",),
           replace("linalg.cholesky", _drops_keyword("upper", None))),
    Mutant("qr-q-columns-reordered", ("ops.linalg.qr",), replace("linalg.qr", _qr_q_transposed)),
    Mutant("svd-ascending", ("ops.linalg.svd",), replace("linalg.svd", _svd_ascending)),
    Mutant("svdvals-ascending", ("ops.linalg.svdvals",),
           replace("linalg.svdvals", lambda orig: lambda A, **k: orig(A, **k).flip(-1))),
    Mutant("eigh-descending", ("ops.linalg.eigh",), replace("linalg.eigh", _eigh_descending)),
    Mutant("eigvalsh-ignores-uplo", ("ops.linalg.eigvalsh",), replace("linalg.eigvalsh", _drops_keyword("UPLO", None))),
    Mutant("pinv-transposed", ("ops.linalg.pinv",), replace("linalg.pinv", lambda orig: lambda A, **k: orig(A, **k).mT)),
    Mutant("matrix-rank-counts-all", ("ops.linalg.matrix-rank",), replace("linalg.matrix_rank", _rank_counts_all)),
    Mutant("lstsq-off", ("ops.linalg.lstsq",), replace("linalg.lstsq", _lstsq_off)),
    Mutant("matrix-power-ignores-sign", ("ops.linalg.matrix-power",),
           replace("linalg.matrix_power", _power_sign_lost)),
    Mutant("vecdot-no-conjugate", ("ops.linalg.vecdot",),
           replace("linalg.vecdot", lambda orig: lambda x, y, **k: (x * y).sum(k.get("dim", -1)))),
    Mutant("multi-dot-drops-last", ("ops.linalg.multi-dot",),
           replace("linalg.multi_dot", lambda orig: lambda ts, **k: orig(list(ts)[:-1], **k) if len(ts) > 2 else orig(ts, **k))),
    Mutant("linalg-diagonal-ignores-offset", ("ops.linalg.diagonal",),
           replace("linalg.diagonal", lambda orig: lambda A, **k: orig(A))),
    Mutant("solve-triangular-reads-both", ("ops.linalg.solve-triangular",),
           replace("linalg.solve_triangular", _reads_both_triangles)),
    Mutant("cond-ignores-p", ("ops.linalg.cond",), replace("linalg.cond", lambda orig: lambda A, p=None, **k: orig(A))),
    Mutant("linalg-vander-decreasing", ("ops.linalg.vander",), replace("linalg.vander", _vander_decreasing)),
    Mutant("inv-ex-info-one", ("ops.linalg.ex-variants",), replace("linalg.inv_ex", _info_one)),
    Mutant("eig-vectors-unnormalised", ("ops.linalg.eig",), replace("linalg.eig", _eig_vectors_unnormalised)),
    Mutant("lu-l-not-unit", ("ops.linalg.lu",), replace("linalg.lu", _lu_l_not_unit)),
    Mutant("matrix-exp-first-order", ("ops.linalg.matrix-exp",),
           replace("linalg.matrix_exp", lambda orig: lambda A: _torch().eye(A.shape[-1], dtype=A.dtype) + A)),
    Mutant("tensorinv-not-reshaped", ("ops.linalg.tensorinv-tensorsolve",),
           replace("linalg.tensorinv", lambda orig: lambda A, ind=2, **k: orig(A, ind, **k).transpose(0, -1))),
    Mutant("logdet-of-abs", ("ops.linalg.logdet",),
           replace("logdet", lambda orig: lambda A: _torch().linalg.slogdet(A).logabsdet)),
    Mutant("cholesky-solve-ignores-upper", ("ops.linalg.cholesky-solve-inverse",),
           replace("Tensor.cholesky_solve", _drops_keyword("upper", None))),
    Mutant("addr-ignores-beta", ("ops.addr.beta-alpha",), replace("addr", _drops_keyword("beta", None))),
    Mutant("addmm-in-place-on-copy", ("ops.add-products.in-place",), replace("Tensor.addmm_", _in_place_returns_copy)),
    Mutant("dist-ignores-p", ("ops.dist.p-norm",), replace("dist", lambda orig: lambda a, b, p=2: orig(a, b))),
    Mutant("cdist-off", ("ops.cdist.pairwise",), replace("cdist", _plus_one)),
    Mutant("householder-product-transposed", ("ops.linalg.householder",),
           replace("linalg.householder_product", lambda orig: lambda A, tau, **k: orig(A, tau, **k).flip(-1))),
    Mutant("ldl-solve-off", ("ops.linalg.ldl",), replace("linalg.ldl_solve", _plus_one)),
    Mutant("pdist-squared", ("ops.pdist.condensed",), replace("pdist", lambda orig: lambda x, p=2: orig(x, p) ** 2)),
    Mutant("pairwise-distance-off", ("ops.pairwise-distance.rows",), replace("pairwise_distance", _plus_one)),
]
