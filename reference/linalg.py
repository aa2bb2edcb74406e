"""torch.linalg: the functions the reference implements so far."""
from reference._reductions import vector_norm

__all__ = ["vector_norm"]
