"""NumPy forward of RNN, LSTM and GRU (and their cells) from the equations on their docs pages.

Gate layouts follow the documented weight shapes: LSTM stacks (i, f, g, o), GRU (r, z, n). Parameters
come as a dict by the module's own names (``weight_ih_l0``, ``bias_hh_l1_reverse``, ...).
"""
from __future__ import annotations

from typing import Any

import numpy as np

GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def step(kind: str, x: np.ndarray, h: np.ndarray, c: np.ndarray | None, w_ih: np.ndarray, w_hh: np.ndarray,
         b_ih: np.ndarray, b_hh: np.ndarray, nonlinearity: str = "tanh") -> tuple[np.ndarray, np.ndarray | None]:
    """One time step for a batch: the new hidden state (and LSTM cell state)."""
    gi, gh = x @ w_ih.T + b_ih, h @ w_hh.T + b_hh
    if kind == "RNN":
        pre = gi + gh
        return (np.tanh(pre) if nonlinearity == "tanh" else np.maximum(pre, 0)), None
    if kind == "LSTM":
        i, f, g, o = np.split(gi + gh, 4, axis=-1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        return _sigmoid(o) * np.tanh(c), c
    r_i, z_i, n_i = np.split(gi, 3, axis=-1)
    r_h, z_h, n_h = np.split(gh, 3, axis=-1)
    r, z = _sigmoid(r_i + r_h), _sigmoid(z_i + z_h)
    n = np.tanh(n_i + r * n_h)
    return (1 - z) * n + z * h, None


def cell_params(kind: str, input_size: int, hidden: int) -> dict[str, tuple[int, ...]]:
    g = GATES[kind] * hidden
    return {"weight_ih": (g, input_size), "weight_hh": (g, hidden), "bias_ih": (g,), "bias_hh": (g,)}


def recurrent_params(kind: str, input_size: int, hidden: int, num_layers: int = 1,
                     bidirectional: bool = False) -> dict[str, tuple[int, ...]]:
    """Per layer, per direction: weight_ih, weight_hh, bias_ih, bias_hh; layer k > 0 reads D * hidden features."""
    out: dict[str, tuple[int, ...]] = {}
    directions = 2 if bidirectional else 1
    for layer in range(num_layers):
        width = input_size if layer == 0 else hidden * directions
        for suffix in ["", "_reverse"][:directions]:
            for name, shape in cell_params(kind, width, hidden).items():
                out[f"{name}_l{layer}{suffix}"] = shape
    return out


def recurrent(kind: str, x: np.ndarray, p: dict[str, np.ndarray], hidden: int, num_layers: int = 1,
              bidirectional: bool = False, batch_first: bool = False, nonlinearity: str = "tanh",
              h0: np.ndarray | None = None, c0: np.ndarray | None = None) -> tuple[Any, ...]:
    """output (L, N, D * H) (batch first: (N, L, D * H)), h_n (D * layers, N, H) and, for LSTM, c_n."""
    seq = x.swapaxes(0, 1) if batch_first else x
    directions = 2 if bidirectional else 1
    count = num_layers * directions
    h0 = np.zeros((count, seq.shape[1], hidden)) if h0 is None else h0
    c0 = np.zeros((count, seq.shape[1], hidden)) if c0 is None else c0
    h_n, c_n, layer_input = [], [], seq
    for layer in range(num_layers):
        outputs = []
        for d, suffix in enumerate(["", "_reverse"][:directions]):
            index = layer * directions + d
            h, c = h0[index], c0[index]
            weights = [p[f"{name}_l{layer}{suffix}"] for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            steps = range(len(layer_input))[::-1] if d else range(len(layer_input))
            out = np.zeros(layer_input.shape[:2] + (hidden,))
            for t in steps:
                h, c = step(kind, layer_input[t], h, c, *weights, nonlinearity=nonlinearity)
                out[t] = h
            outputs.append(out)
            h_n.append(h)
            c_n.append(c)
        layer_input = np.concatenate(outputs, axis=-1)
    output = layer_input.swapaxes(0, 1) if batch_first else layer_input
    return (output, np.stack(h_n), np.stack(c_n)) if kind == "LSTM" else (output, np.stack(h_n))
