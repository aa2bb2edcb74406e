"""Optimizers and learning-rate schedulers (``reference.optim``; optim.* behaviours).

Each algorithm is its documented pseudo-code in NumPy on the parameter's array; ``optimizer.py``
holds what they share (groups, state, zero_grad, step, state_dict).
"""
from reference.optim import lr_scheduler
from reference.optim.adagrad import Adagrad
from reference.optim.adam import Adam, AdamW
from reference.optim.optimizer import Optimizer
from reference.optim.rmsprop import RMSprop
from reference.optim.sgd import SGD

__all__ = ["Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "SGD", "lr_scheduler"]
