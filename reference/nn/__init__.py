"""reference.nn: Modules, layers, losses and nn.functional in NumPy (the nn.* behaviours).

``parameter`` (Parameter), ``module`` (Module), ``container`` (Sequential), ``layers`` (Linear,
Conv2d, the pools, ReLU, Flatten, Dropout, MSELoss), ``batchnorm`` (BatchNorm2d) and
``functional`` (the stateless functions, with ``_convolution`` and ``_pooling`` behind them).
"""
from __future__ import annotations

from reference.nn import functional
from reference.nn.batchnorm import BatchNorm2d
from reference.nn.container import Sequential
from reference.nn.layers import (AdaptiveAvgPool2d, AvgPool2d, Conv2d, Dropout, Flatten, Linear, MaxPool2d, MSELoss,
                                 ReLU)
from reference.nn.module import Module
from reference.nn.activations import *  # noqa: E402,F401,F403 - activation modules (nn.activations.*)
from reference.nn.losses import *  # noqa: E402,F401,F403 - loss modules (nn.losses.*)
from reference.nn import init  # noqa: E402,F401 - nn.init (nn.init.*)
from reference.nn import utils  # noqa: E402,F401 - nn.utils and nn.utils.rnn (nn.utils.*)
from reference.nn import _module_api  # noqa: E402,F401 - binds Module.to, apply, hooks, ... (nn.module-api.*)
from reference.nn import _module_api_more  # noqa: E402,F401 - Module.float, get_buffer, state_dict hooks, ...
from reference.nn.containers import *  # noqa: E402,F401,F403 - ModuleList, ModuleDict, ... (nn.module-api.*)
from reference.nn.layers_nd import *  # noqa: E402,F401,F403 - Conv1d, LayerNorm, ... (nn.layers.*)
from reference.nn.recurrent import *  # noqa: E402,F401,F403 - RNN, LSTM, GRU and cells (nn.layers.*)
from reference.nn.attention import *  # noqa: E402,F401,F403 - MultiheadAttention (nn.layers.multiheadattention)
from reference.nn._pool_indices import MaxUnpool1d, MaxUnpool2d, MaxUnpool3d  # noqa: E402,F401 - nn.layers.maxunpool*
from reference.nn.lazy import *  # noqa: E402,F401,F403 - LazyLinear, LazyConv*, ... (nn.layers.lazy-*)
from reference.nn.alpha_dropout import AlphaDropout, FeatureAlphaDropout  # noqa: E402,F401 - nn.layers.*alpha-dropout
from reference.nn._losses_more import TripletMarginWithDistanceLoss  # noqa: E402,F401 - nn.losses.*
from reference.nn.rrelu import RReLU  # noqa: E402,F401 - nn.activations.rrelu
from reference.nn.embedding_bag import EmbeddingBag  # noqa: E402,F401 - nn.layers.embedding-bag
from reference.nn.parameter import Parameter

__all__ = ["AdaptiveAvgPool2d", "AvgPool2d", "BatchNorm2d", "Conv2d", "Dropout", "Flatten", "Linear", "MaxPool2d",
           "Module", "MSELoss", "Parameter", "ReLU", "Sequential", "functional"]
