"""Loss Modules (nn.losses.*): each stores its options (a tensor ``weight`` as a buffer) and
calls its nn.functional loss. Options are keywords, except the leading ones torch takes by
position before its legacy ``size_average``/``reduce`` arguments (which are not supported here).
"""
from __future__ import annotations

from reference.nn import _loss_functions as L
from reference.nn._function_module import function_module

__all__ = ["BCELoss", "BCEWithLogitsLoss", "CosineEmbeddingLoss", "CrossEntropyLoss", "GaussianNLLLoss",
           "HingeEmbeddingLoss", "HuberLoss", "KLDivLoss", "L1Loss", "MarginRankingLoss", "MultiLabelMarginLoss",
           "MultiLabelSoftMarginLoss", "MultiMarginLoss", "NLLLoss", "PoissonNLLLoss", "SmoothL1Loss",
           "SoftMarginLoss", "TripletMarginLoss"]

MEAN = ("reduction", "mean")
WEIGHT = ("weight", None)
L1Loss = function_module("L1Loss", L.l1_loss, MEAN, positional=0)
CrossEntropyLoss = function_module("CrossEntropyLoss", L.cross_entropy, WEIGHT, ("ignore_index", -100), MEAN,
                                   ("label_smoothing", 0.0), positional=1)
NLLLoss = function_module("NLLLoss", L.nll_loss, WEIGHT, ("ignore_index", -100), MEAN, positional=1)
BCELoss = function_module("BCELoss", L.binary_cross_entropy, WEIGHT, MEAN, positional=1)
BCEWithLogitsLoss = function_module("BCEWithLogitsLoss", L.binary_cross_entropy_with_logits, WEIGHT, MEAN,
                                    ("pos_weight", None), positional=1)
KLDivLoss = function_module("KLDivLoss", L.kl_div, MEAN, ("log_target", False), positional=0)
SmoothL1Loss = function_module("SmoothL1Loss", L.smooth_l1_loss, MEAN, ("beta", 1.0), positional=0)
HuberLoss = function_module("HuberLoss", L.huber_loss, MEAN, ("delta", 1.0), positional=2)
CosineEmbeddingLoss = function_module("CosineEmbeddingLoss", L.cosine_embedding_loss, ("margin", 0.0), MEAN,
                                      positional=1)
MarginRankingLoss = function_module("MarginRankingLoss", L.margin_ranking_loss, ("margin", 0.0), MEAN, positional=1)
TripletMarginLoss = function_module("TripletMarginLoss", L.triplet_margin_loss, ("margin", 1.0), ("p", 2.0),
                                    ("eps", 1e-6), ("swap", False), MEAN, positional=4)
HingeEmbeddingLoss = function_module("HingeEmbeddingLoss", L.hinge_embedding_loss, ("margin", 1.0), MEAN,
                                     positional=1)
MultiLabelMarginLoss = function_module("MultiLabelMarginLoss", L.multilabel_margin_loss, MEAN, positional=0)
MultiLabelSoftMarginLoss = function_module("MultiLabelSoftMarginLoss", L.multilabel_soft_margin_loss, WEIGHT, MEAN,
                                           positional=1)
MultiMarginLoss = function_module("MultiMarginLoss", L.multi_margin_loss, ("p", 1), ("margin", 1.0), WEIGHT, MEAN,
                                  positional=3)
SoftMarginLoss = function_module("SoftMarginLoss", L.soft_margin_loss, MEAN, positional=0)
PoissonNLLLoss = function_module("PoissonNLLLoss", L.poisson_nll_loss, ("log_input", True), ("full", False),
                                 ("eps", 1e-8), MEAN, positional=2)
GaussianNLLLoss = function_module("GaussianNLLLoss", L.gaussian_nll_loss, ("full", False), ("eps", 1e-6), MEAN,
                                  positional=0)
