"""``reference.special``: torch.special's element-wise functions (ops.unary.special-*)."""
from reference._elementwise import special_namespace

globals().update(special_namespace())
