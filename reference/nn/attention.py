"""MultiheadAttention (nn.layers.multiheadattention) and the Transformer encoder and decoder layers
(nn.layers.transformer-*-layer), values only. MultiheadAttention: the input projections (one stacked
in_proj_weight), scaled dot-product attention per head with key_padding_mask and attn_mask (True, or
-inf in a float mask, excludes a key), the heads concatenated and out_proj applied."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from reference import _creation
from reference import _ops
from reference._tensor import Tensor
from reference.nn import init
from reference.nn.layers import Linear
from reference.nn.module import Module
from reference.nn.parameter import Parameter

__all__ = ["MultiheadAttention", "TransformerDecoderLayer", "TransformerEncoderLayer"]


class MultiheadAttention(Module):
    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0, bias: bool = True,
                 add_bias_kv: bool = False, add_zero_attn: bool = False, kdim: int | None = None,
                 vdim: int | None = None, batch_first: bool = False, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        if embed_dim % num_heads:
            raise AssertionError("embed_dim must be divisible by num_heads")
        if add_bias_kv or add_zero_attn or (kdim or embed_dim) != embed_dim or (vdim or embed_dim) != embed_dim:
            raise NotImplementedError("the reference MultiheadAttention has no add_bias_kv, add_zero_attn, kdim, vdim")
        self.embed_dim, self.num_heads, self.batch_first, self.dropout = embed_dim, num_heads, batch_first, dropout
        self.in_proj_weight = Parameter(init.xavier_uniform_(_creation.empty((3 * embed_dim, embed_dim), dtype=dtype,
                                                                             device=device)))
        self.in_proj_bias = Parameter(_creation.zeros(3 * embed_dim, dtype=dtype, device=device)) if bias else None
        self.out_proj = Linear(embed_dim, embed_dim, bias=bias, device=device, dtype=dtype)
        if bias:
            init.zeros_(self.out_proj.bias)

    def forward(self, query: Tensor, key: Tensor, value: Tensor, key_padding_mask: Tensor | None = None,
                need_weights: bool = True, attn_mask: Tensor | None = None, average_attn_weights: bool = True,
                is_causal: bool = False) -> tuple[Tensor, Tensor | None]:
        q, k, v = (t._a.astype(np.float64) for t in (query, key, value))
        if self.batch_first:
            q, k, v = (a.swapaxes(0, 1) for a in (q, k, v))
        heads, d = self.num_heads, self.embed_dim // self.num_heads
        weights = np.split(self.in_proj_weight._a.astype(np.float64), 3)
        biases = np.split(self.in_proj_bias._a, 3) if self.in_proj_bias is not None else [0.0] * 3

        def project(x: np.ndarray, i: int) -> np.ndarray:  # (T, N, E) -> (N, heads, T, d)
            y = x @ weights[i].T + biases[i]
            return y.reshape(y.shape[0], y.shape[1], heads, d).transpose(1, 2, 0, 3)

        qh, kh, vh = project(q, 0), project(k, 1), project(v, 2)
        scores = qh @ kh.swapaxes(-1, -2) / math.sqrt(d)
        for mask, where in ((attn_mask, (Ellipsis,)), (key_padding_mask, (slice(None), None, None, slice(None)))):
            if mask is not None:
                m = mask._a[where]
                scores = np.where(m, -np.inf, scores) if m.dtype == bool else scores + m
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))
        attn = e / e.sum(axis=-1, keepdims=True)
        out = (attn @ vh).transpose(2, 0, 1, 3).reshape(q.shape[0], q.shape[1], self.embed_dim)
        out = out @ self.out_proj.weight._a.T + (0 if self.out_proj.bias is None else self.out_proj.bias._a)
        if self.batch_first:
            out = out.swapaxes(0, 1)
        result = _ops.make(out, query.dtype, (query, key, value))
        if not need_weights:
            return result, None
        return result, _ops.make(attn.mean(axis=1) if average_attn_weights else attn, query.dtype, (query,))


def _activation(name: Any) -> Any:
    from reference.nn import _activation_functions as A
    from reference.nn import functional as F

    return {"relu": F.relu, "gelu": A.gelu}[name] if isinstance(name, str) else name


class _TransformerLayer(Module):
    """The shared parts: self attention, the feed-forward block linear2(dropout(activation(linear1(x)))), norms."""

    NORMS = 2

    def __init__(self, d_model: int, nhead: int, dim_feedforward: int = 2048, dropout: float = 0.1,
                 activation: Any = "relu", layer_norm_eps: float = 1e-5, batch_first: bool = False,
                 norm_first: bool = False, bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        from reference.nn.layers import Dropout
        from reference.nn.layers_nd import LayerNorm

        super().__init__()
        like = {"device": device, "dtype": dtype}
        self.self_attn = MultiheadAttention(d_model, nhead, dropout, bias, batch_first=batch_first, **like)
        if self.NORMS == 3:
            self.multihead_attn = MultiheadAttention(d_model, nhead, dropout, bias, batch_first=batch_first, **like)
        self.linear1 = Linear(d_model, dim_feedforward, bias=bias, **like)
        self.dropout = Dropout(dropout)
        self.linear2 = Linear(dim_feedforward, d_model, bias=bias, **like)
        self.norm_first = norm_first
        for i in range(1, self.NORMS + 1):
            setattr(self, f"norm{i}", LayerNorm(d_model, eps=layer_norm_eps, bias=bias, **like))
        for i in range(1, self.NORMS + 1):
            setattr(self, f"dropout{i}", Dropout(dropout))
        self.activation = _activation(activation)

    def _feed_forward(self, x: Tensor) -> Tensor:
        return self.dropout3(self.linear2(self.dropout(self.activation(self.linear1(x))))) if self.NORMS == 3 \
            else self.dropout2(self.linear2(self.dropout(self.activation(self.linear1(x)))))

    def _attend(self, attn: MultiheadAttention, x: Tensor, memory: Tensor, mask: Any, padding: Any) -> Tensor:
        return attn(x, memory, memory, attn_mask=mask, key_padding_mask=padding, need_weights=False)[0]


class TransformerEncoderLayer(_TransformerLayer):
    def forward(self, src: Tensor, src_mask: Any = None, src_key_padding_mask: Any = None,
                is_causal: bool = False) -> Tensor:
        x = src
        if self.norm_first:
            x = x + self.dropout1(self._attend(self.self_attn, self.norm1(x), self.norm1(x), src_mask,
                                               src_key_padding_mask))
            return x + self._feed_forward(self.norm2(x))
        x = self.norm1(x + self.dropout1(self._attend(self.self_attn, x, x, src_mask, src_key_padding_mask)))
        return self.norm2(x + self._feed_forward(x))


class TransformerDecoderLayer(_TransformerLayer):
    NORMS = 3

    def forward(self, tgt: Tensor, memory: Tensor, tgt_mask: Any = None, memory_mask: Any = None,
                tgt_key_padding_mask: Any = None, memory_key_padding_mask: Any = None, tgt_is_causal: bool = False,
                memory_is_causal: bool = False) -> Tensor:
        x = tgt
        if self.norm_first:
            y = self.norm1(x)
            x = x + self.dropout1(self._attend(self.self_attn, y, y, tgt_mask, tgt_key_padding_mask))
            x = x + self.dropout2(self._attend(self.multihead_attn, self.norm2(x), memory, memory_mask,
                                               memory_key_padding_mask))
            return x + self._feed_forward(self.norm3(x))
        x = self.norm1(x + self.dropout1(self._attend(self.self_attn, x, x, tgt_mask, tgt_key_padding_mask)))
        x = self.norm2(x + self.dropout2(self._attend(self.multihead_attn, x, memory, memory_mask,
                                                      memory_key_padding_mask)))
        return self.norm3(x + self._feed_forward(x))
