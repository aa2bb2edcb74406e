"""Optimizers and learning-rate schedulers (``reference.optim``; optim.* behaviours).

Each algorithm is its documented pseudo-code in NumPy on the parameter's array; ``optimizer.py``
holds what they share (groups, state, zero_grad, step, state_dict). The options that only pick an
implementation (foreach, fused, capturable, differentiable) are accepted and change nothing: there is one
implementation, and the documented steps are the same for all (optim.foreach.same-algorithm).
"""
from reference.optim import lr_scheduler
from reference.optim.adadelta import Adadelta
from reference.optim.adafactor import Adafactor
from reference.optim.adagrad import Adagrad
from reference.optim.adam import Adam, AdamW
from reference.optim.adamax import Adamax
from reference.optim.asgd import ASGD
from reference.optim.lbfgs import LBFGS
from reference.optim.adam_variants import NAdam, RAdam
from reference.optim.optimizer import Optimizer
from reference.optim.rmsprop import RMSprop
from reference.optim.rprop import Rprop
from reference.optim.sgd import SGD
from reference.optim.sparse_adam import SparseAdam

__all__ = ["ASGD", "Adadelta", "Adafactor", "Adagrad", "Adam", "AdamW", "Adamax", "LBFGS", "NAdam", "Optimizer",
           "RAdam", "RMSprop", "Rprop", "SGD", "SparseAdam", "lr_scheduler"]
