"""RNN, LSTM, GRU and their cells (nn.layers.rnn, .lstm, .gru, .rnncell, .lstmcell, .grucell), values only.

Every weight and bias starts from U(-1/sqrt(H), 1/sqrt(H)). Weights stack the gates as documented:
LSTM (i, f, g, o), GRU (r, z, n). Layers after the first read both directions' outputs.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _ops
from reference._tensor import Tensor
from reference.nn.layers import uniform_parameter
from reference.nn.module import Module

__all__ = ["GRU", "GRUCell", "LSTM", "LSTMCell", "RNN", "RNNCell"]

_GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _cell(kind: str, x: np.ndarray, h: np.ndarray, c: np.ndarray, w: list[np.ndarray],
          nonlinearity: str) -> tuple[np.ndarray, np.ndarray]:
    w_ih, w_hh, b_ih, b_hh = w
    gi, gh = x @ w_ih.T + b_ih, h @ w_hh.T + b_hh
    if kind == "RNN":
        return (np.tanh(gi + gh) if nonlinearity == "tanh" else np.maximum(gi + gh, 0)), c
    if kind == "LSTM":
        i, f, g, o = np.split(gi + gh, 4, axis=-1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        return _sigmoid(o) * np.tanh(c), c
    (r_i, z_i, n_i), (r_h, z_h, n_h) = np.split(gi, 3, axis=-1), np.split(gh, 3, axis=-1)
    r, z = _sigmoid(r_i + r_h), _sigmoid(z_i + z_h)
    return (1 - z) * np.tanh(n_i + r * n_h) + z * h, c


def _values(t: Tensor) -> np.ndarray:
    return t._a.astype(np.float64)


class _Recurrent(Module):
    KIND = "RNN"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, nonlinearity: str = "tanh",
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.nonlinearity, self.bias, self.batch_first = nonlinearity, bias, batch_first
        self.bidirectional = bidirectional
        gates = _GATES[self.KIND] * hidden_size
        for layer in range(num_layers):
            width = input_size if layer == 0 else hidden_size * self._directions
            for suffix in self._suffixes:
                shapes = {"weight_ih": (gates, width), "weight_hh": (gates, hidden_size)}
                if bias:
                    shapes |= {"bias_ih": (gates,), "bias_hh": (gates,)}
                for name, shape in shapes.items():
                    setattr(self, f"{name}_l{layer}{suffix}", uniform_parameter(shape, hidden_size, dtype, device))

    @property
    def _directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def _suffixes(self) -> list[str]:
        return ["", "_reverse"][:self._directions]

    def _weights(self, layer: int, suffix: str) -> list[np.ndarray]:
        gates = _GATES[self.KIND] * self.hidden_size
        return [_values(getattr(self, f"{name}_l{layer}{suffix}")) if self.bias or name.startswith("weight")
                else np.zeros(gates) for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]

    def forward(self, input: Tensor, hx: Any = None) -> Any:
        x = _values(input)
        unbatched = x.ndim == 2
        x = x[:, None] if unbatched else (x.swapaxes(0, 1) if self.batch_first else x)
        count, batch = self.num_layers * self._directions, x.shape[1]
        zeros = np.zeros((count, batch, self.hidden_size))
        h0, c0 = zeros, zeros
        if hx is not None:
            h0, c0 = (_values(hx[0]), _values(hx[1])) if self.KIND == "LSTM" else (_values(hx), zeros)
            if unbatched:
                h0, c0 = h0[:, None], c0[:, None]
        h_n, c_n = [], []
        for layer in range(self.num_layers):
            outputs = []
            for d, suffix in enumerate(self._suffixes):
                h, c = h0[layer * self._directions + d], c0[layer * self._directions + d]
                weights = self._weights(layer, suffix)
                out = np.zeros(x.shape[:2] + (self.hidden_size,))
                for t in (reversed(range(len(x))) if d else range(len(x))):
                    h, c = _cell(self.KIND, x[t], h, c, weights, self.nonlinearity)
                    out[t] = h
                outputs.append(out)
                h_n.append(h)
                c_n.append(c)
            x = np.concatenate(outputs, axis=-1)
        output = x[:, 0] if unbatched else (x.swapaxes(0, 1) if self.batch_first else x)
        states = [np.stack(h_n), np.stack(c_n)]
        if unbatched:
            states = [s[:, 0] for s in states]
        make = lambda a: _ops.make(a, input.dtype, (input,))  # noqa: E731 - one conversion, three uses
        if self.KIND == "LSTM":
            return make(output), (make(states[0]), make(states[1]))
        return make(output), make(states[0])


RNN = type("RNN", (_Recurrent,), {"KIND": "RNN", "__module__": __name__})
GRU = type("GRU", (_Recurrent,), {"KIND": "GRU", "__module__": __name__})


class LSTM(_Recurrent):
    KIND = "LSTM"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bias: bool = True,
                 batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False, proj_size: int = 0,
                 device: Any = None, dtype: Any = None) -> None:
        if proj_size:
            raise NotImplementedError("the reference LSTM has no proj_size")
        super().__init__(input_size, hidden_size, num_layers, "tanh", bias, batch_first, dropout, bidirectional,
                         device, dtype)


class _Cell(Module):
    KIND = "RNN"

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True, nonlinearity: str = "tanh",
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.input_size, self.hidden_size, self.nonlinearity = input_size, hidden_size, nonlinearity
        gates = _GATES[self.KIND] * hidden_size
        self.weight_ih = uniform_parameter((gates, input_size), hidden_size, dtype, device)
        self.weight_hh = uniform_parameter((gates, hidden_size), hidden_size, dtype, device)
        self.bias_ih = uniform_parameter((gates,), hidden_size, dtype, device) if bias else None
        self.bias_hh = uniform_parameter((gates,), hidden_size, dtype, device) if bias else None

    def forward(self, input: Tensor, hx: Any = None) -> Any:
        x = _values(input)
        zeros = np.zeros(x.shape[:-1] + (self.hidden_size,))
        h, c = zeros, zeros
        if hx is not None:
            h, c = (_values(hx[0]), _values(hx[1])) if self.KIND == "LSTM" else (_values(hx), zeros)
        gates = _GATES[self.KIND] * self.hidden_size
        weights = [_values(self.weight_ih), _values(self.weight_hh),
                   *(np.zeros(gates) if b is None else _values(b) for b in (self.bias_ih, self.bias_hh))]
        h, c = _cell(self.KIND, x, h, c, weights, self.nonlinearity)
        if self.KIND == "LSTM":
            return _ops.make(h, input.dtype, (input,)), _ops.make(c, input.dtype, (input,))
        return _ops.make(h, input.dtype, (input,))


RNNCell = type("RNNCell", (_Cell,), {"KIND": "RNN", "__module__": __name__})
GRUCell = type("GRUCell", (_Cell,), {"KIND": "GRU", "__module__": __name__})


class LSTMCell(_Cell):
    KIND = "LSTM"

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__(input_size, hidden_size, bias, "tanh", device, dtype)
