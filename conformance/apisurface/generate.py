"""Generate the API surface catalogue from torch 2.13's own public API.

``python -m conformance.apisurface.generate`` writes two data files under
``conformance/catalogue/api/``: ``surface.toml`` (every public name of the namespaces in
scope, fully qualified, grouped by namespace) and ``out_of_scope.toml`` (the names left out,
each with a reason category, and the categories' reasons). The suite and the tests read
those files, never torch; torch is imported here only, when generating.

The surface of each namespace comes from torch itself: ``__all__`` lists where the module has
one, ``torch.overrides.get_overridable_functions()``, and ``dir()`` of the documented modules
and classes filtered to public callables. Values (dtypes, constants) and submodules are not
names of the surface. The out-of-scope rules below are the project's judgement: a name is out
only when it is genuinely outside "documented tensor semantics testable on a CPU".
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

API_DIR = Path(__file__).resolve().parent.parent / "catalogue" / "api"
SURFACE_FILE = API_DIR / "surface.toml"
OUT_OF_SCOPE_FILE = API_DIR / "out_of_scope.toml"

CATEGORIES: dict[str, str] = {
    "sparse": "Sparse layouts (COO, CSR, CSC, BSR, BSC) and their accessors: a separate storage model with its "
              "own semantics, not the strided tensors this suite specifies.",
    "quantized": "Quantized tensors, observers and fake-quantization: a separate numeric model (scale, zero point) "
                 "served by backend kernels (fbgemm, qnnpack).",
    "distributed": "Needs several processes or devices (data parallelism, synchronised batch norm): not observable "
                   "in one CPU process.",
    "backend-specific": "Tied to one accelerator or vendor library (CUDA, cuDNN, MIOpen, MKL-DNN, MPS, XPU, IPU, "
                        "MTIA, MAIA, Vulkan, XLA): no documented semantics a CPU can show.",
    "deprecated": "Documented as deprecated or removed (raises, or kept for backward compatibility), or a legacy "
                  "alias of a current API that is in scope.",
    "undocumented": "Public by name but without documentation (no docstring, absent from the reference pages): "
                    "internal entry points whose documented counterpart (torch.nn.functional.X, "
                    "torch.Tensor.X_, ...) is in scope.",
    "internal": "Plumbing for subclasses, dispatch, hooks of the profiler or code generation, not an API with "
                "tensor semantics of its own.",
    "jit-compile": "TorchScript, torch.compile, export and symbolic-shape machinery: compiler infrastructure, not "
                   "tensor semantics.",
    "nested": "Nested (jagged) tensors: a prototype layout with its own semantics.",
    "datapipes": "DataPipe machinery re-exported by torch.utils.data: legacy torchdata infrastructure, not part "
                 "of the documented torch.utils.data API page.",
    "fft": "torch.fft: outside the namespaces of issues 12 and 13, which define this surface's scope. It IS "
           "documented and testable on a CPU (numpy.fft is an oracle), so it is deferred to its own issue, "
           "not judged untestable; listed so the gap stays visible.",
}
"""Reason categories: every out-of-scope name carries exactly one."""

TENSOR_DUNDERS: tuple[str, ...] = (
    "__abs__", "__add__", "__and__", "__array__", "__array_priority__", "__bool__", "__complex__",
    "__contains__", "__deepcopy__", "__dlpack__", "__dlpack_device__", "__eq__", "__float__", "__floordiv__",
    "__ge__", "__getitem__", "__gt__", "__iadd__", "__iand__", "__ifloordiv__", "__ilshift__", "__imod__",
    "__imul__", "__index__", "__int__", "__invert__", "__ior__", "__ipow__", "__irshift__", "__isub__",
    "__iter__", "__itruediv__", "__ixor__", "__le__", "__len__", "__lshift__", "__lt__", "__matmul__",
    "__mod__", "__mul__", "__ne__", "__neg__", "__or__", "__pos__", "__pow__", "__radd__", "__rand__",
    "__rfloordiv__", "__rlshift__", "__rmatmul__", "__rmod__", "__rmul__", "__ror__", "__rpow__",
    "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__", "__rxor__", "__setitem__", "__sub__",
    "__truediv__", "__xor__",
)
"""Tensor dunders that are documented operators, conversions, the container protocol or NumPy/DLPack interop."""

IN_SCOPE: frozenset[str] = frozenset({
    "torch.Tensor", "torch.Tensor.index_reduce", "torch.nn.init.sparse_",
    "torch.range", "torch.Tensor.split_with_sizes",
    # torch-level forms without a docstring of their own, documented through their Tensor method
    "torch.index_fill", "torch.index_put", "torch.index_put_", "torch.masked_fill", "torch.masked_scatter", "torch.put",
    # deprecated in favour of Upsample but documented, and checked by the layer table
    "torch.nn.UpsamplingBilinear2d", "torch.nn.UpsamplingNearest2d",
})
"""Names some rule below would catch but that are in scope: documented and testable on a CPU (index_reduce,
init.sparse_ fills a dense tensor), or checked by the suite although deprecated (range) or without a
docstring (Tensor.split_with_sizes): what the suite checks is never called out of scope."""

# Rules: the first category whose pattern matches a fully qualified name wins.
RULES: tuple[tuple[str, str], ...] = (
    ("fft", r"^torch\.fft\."),
    ("sparse", r"sparse|\.(smm|hsmm|dsmm|spmm|hspmm|saddmm|sspaddmm)$|(crow|ccol|row|col)_indices|\.(indices|values)(_copy)?$"
               r"|\.coalesce$|\.is_coalesced$|\._?nnz$|\.to_dense$|\.dense_dim$|\.sparse_dim$|\.sspaddmm$"),
    ("quantized", r"quantiz|\.q_|\.int_repr$|qparams|\.dequantize$|\.qscheme$|fake_quant|\.quint|\.qint"
                  r"|\.is_quantized$|\.fbgemm_"),
    ("distributed", r"\.is_distributed$|DataParallel$|SyncBatchNorm$"),
    ("backend-specific", r"cudnn|miopen|mkldnn|vulkan|\.is_(xpu|mps|ipu|maia|mtia|xla)$|\.(xpu|ipu|mtia)$"
                         r"|^torch\.cuda\.(?!is_available$)|autocast_"
                         r"|OutOfMemoryError|AcceleratorError|\.__cuda_array_interface__$|_device_module$"
                         r"|\.Stream$|\.Event$|\.Tensor\.record_stream$"),
    ("nested", r"nested|\.to_padded_tensor$"),
    ("jit-compile", r"^torch\.(compile|fork|wait|cond|export|vmap_impl|import_ir_module.*|parse_ir|parse_schema"
                    r"|parse_type_comment|merge_type_from_type_comment|while_loop|unify_type_list|sym_\w+"
                    r"|Sym(Int|Float|Bool)|\w*Script\w*|\w*Type|Graph|Node|Value|Block|Use|Code"
                    r"|CompilationUnit|ExecutionPlan|GraphExecutorState|Gradient|FunctionSchema|Argument"
                    r"|ArgumentSpec|CompleteArgumentSpec|AliasDb|ErrorReport|JITException|FileCheck|CallStack"
                    r"|ConcreteModuleType\w*|DeserializationStorageContext|SerializationStorageContext"
                    r"|PyTorchFile\w+|IODescriptor|OperatorInfo|StaticModule|LiteScriptModule|Tag"
                    r"|ThroughputBenchmark|Benchmark\w+|TracingState|Capsule|Future|AggregationType|LockingLogger"
                    r"|NoopLogger|InferredType|DeepCopyMemoTable|DispatchKey\w*|ExcludeDispatchKeyGuard|cpp"
                    r"|BufferDict|ModuleDict|ParameterDict)$|\.Module\.compile$|\.Tensor\.(module_load)$"),
    ("datapipes", r"DataPipe|DataChunk|datapipe|runtime_validation|argument_validation|non_deterministic"
                  r"|guaranteed_datapipes_determinism"),
    ("internal", r"^torch\.(DisableTorchFunction\w*|FatalError|typename|thread_safe_generator|hash_tensor"
                 r"|init_num_threads|slice_inverse|LoggerBase|classproperty|compiled_with_cxx11_abi|get_file_path"
                 r"|prepare_multiprocessing_environment|profiler_\w+|native_\w+|\w+_backward_\w+|batch_norm_\w+)$"
                 r"|\.Tensor\.(hash_tensor|slice_inverse|output_nr|new|resize|resize_as|grad_dtype|name)$"
                 r"|\.nn\.functional\.(boolean_dispatch|assert_int_or_pair|handle_torch_function"
                 r"|has_torch_function\w*|multi_head_attention_forward|native_channel_shuffle)$"
                 r"|\.Module\.(T_destination|call_super_init|dump_patches)$"
                 r"|\.Optimizer\.(OptimizerPreHook|OptimizerPostHook|profile_hook_step)$"
                 r"|\.linalg\.(common_notes)$|\.nn\.Container$|\.enforce_grad_layout_policy$"
                 r"|\.swap_in_optimizer_params_and_state$"),
    ("undocumented", r"^torch\.segment_reduce$"),  # its docstring is only the generated signature
    ("deprecated", r"^torch\.((?!Untyped)\w*Storage\w*|\w+Tensor|eig|lstsq|matrix_rank|solve|symeig"
                   r"|set_default_tensor_type|chain_matmul|range"
                   r"|lu|lu_solve|qr|svd|cholesky|triangular_solve|ger)$"
                   r"|\.Tensor\.(storage|storage_type|eig|symeig|lstsq|solve|reinforce|volatile"
                   r"|lu|lu_solve|qr|svd|cholesky|triangular_solve|ger)$"
                   r"|\.nn\.init\.(uniform|normal|constant|eye|dirac|xavier_uniform|xavier_normal"
                   r"|kaiming_uniform|kaiming_normal|orthogonal|sparse)$"
                   r"|\.nn\.functional\.(upsample|upsample_bilinear|upsample_nearest)$|\.nn\.NLLLoss2d$"
                   r"|\.nn\.utils\.clip_grad_norm$|\.Module\.register_backward_hook$|\.autograd\.(Variable|variable|NestedIOFunction)$"
                   r"|\.UpsamplingNearest2d$|\.UpsamplingBilinear2d$"),
)


def _public(names: Iterable[str]) -> set[str]:
    return {n for n in names if not n.startswith("_")}


def _functions_of(module: ModuleType, names: Iterable[str]) -> set[str]:
    """The names that are callables (functions or classes) of the module, not submodules or values."""
    out = set()
    for n in names:
        obj = getattr(module, n, None)
        if obj is not None and callable(obj) and not isinstance(obj, ModuleType):
            out.add(n)
    return out


def _module_names(module: ModuleType) -> set[str]:
    """``__all__`` when the module has one, else its public functions defined inside torch."""
    names = getattr(module, "__all__", None)
    if names is not None:
        return _functions_of(module, _public(names))
    found = set()
    for n in _public(dir(module)):
        obj = getattr(module, n)
        if callable(obj) and not inspect.isclass(obj) and (getattr(obj, "__module__", None) or "").startswith("torch"):
            found.add(n)
    return found


def _members(cls: type, extra: Iterable[str] = ()) -> set[str]:
    """Public methods and attributes of a class, plus the listed dunders it defines."""
    return _public(dir(cls)) | {d for d in extra if hasattr(cls, d)}


def _undocumented(obj: Any) -> bool:
    doc = getattr(obj, "__doc__", None)
    return callable(obj) and not inspect.isclass(obj) and not (doc and doc.strip())


def surface(torch: Any) -> dict[str, set[str]]:
    """namespace -> its public names (short), read from torch's own public API."""
    overridable = torch.overrides.get_overridable_functions()
    mod = importlib.import_module
    # torch.__all__ misses some documented functions (set_default_dtype, from_dlpack): dir() completes it
    torch_names = _functions_of(torch, _public(dir(torch))) | _public(f.__name__ for f in overridable[torch])
    torch_names |= _public(f.__name__ for f in overridable.get(torch.functional, ()))
    nn = mod("torch.nn")
    nn_classes = {n for n in _public(dir(nn)) if inspect.isclass(getattr(nn, n))
                  and (issubclass(getattr(nn, n), nn.Module) or issubclass(getattr(nn, n), torch.Tensor))}
    return {
        "torch": torch_names,
        "torch.Tensor": _members(torch.Tensor, TENSOR_DUNDERS),
        "torch.linalg": _module_names(mod("torch.linalg")),
        "torch.special": _module_names(mod("torch.special")),
        "torch.fft": _module_names(mod("torch.fft")),
        "torch.nn": nn_classes,
        "torch.nn.Module": _members(nn.Module),
        "torch.nn.functional": _module_names(mod("torch.nn.functional")),
        "torch.nn.init": _module_names(mod("torch.nn.init")),
        "torch.nn.utils": _module_names(mod("torch.nn.utils")),
        "torch.nn.utils.rnn": _module_names(mod("torch.nn.utils.rnn")),
        "torch.optim": _module_names(mod("torch.optim")),
        "torch.optim.Optimizer": _members(torch.optim.Optimizer),
        "torch.optim.lr_scheduler": _module_names(mod("torch.optim.lr_scheduler")),
        "torch.utils.data": _module_names(mod("torch.utils.data")),
        "torch.autograd": _module_names(mod("torch.autograd")),
        "torch.autograd.functional": _module_names(mod("torch.autograd.functional")),
        "torch.autograd.forward_ad": _module_names(mod("torch.autograd.forward_ad")),
        "torch.cuda": _module_names(mod("torch.cuda")),
    }


def _resolve(torch: Any, qualified: str) -> Any:
    obj: Any = torch
    for part in qualified.split(".")[1:]:
        obj = getattr(obj, part, None)
    return obj


def classify(torch: Any, qualified: str) -> str | None:
    """The out-of-scope category of a name, or None when it is in scope."""
    if qualified in IN_SCOPE:
        return None
    for category, pattern in RULES:
        if re.search(pattern, qualified):
            return category
    short = qualified.rsplit(".", 1)[1]
    namespace = qualified.rsplit(".", 1)[0]
    if namespace in ("torch", "torch.Tensor") and not short.startswith("__") and _undocumented(_resolve(torch, qualified)):
        return "undocumented"
    return None


def _toml_list(items: list[str], indent: str = "  ") -> str:
    return "[\n" + "".join(f'{indent}"{i}",\n' for i in items) + "]"


def render(torch: Any) -> tuple[str, str]:
    """The text of surface.toml and out_of_scope.toml."""
    header = (f"# Generated by `python -m conformance.apisurface.generate` from torch {torch.__version__.split('+')[0]}."
              f"\n# Data, not code: edit the rules in conformance/apisurface/generate.py and regenerate.\n")
    spaces = surface(torch)
    surface_text = header + f'torch_version = "{torch.__version__.split("+")[0]}"\n'
    out: dict[str, str] = {}
    for ns in sorted(spaces):
        names = sorted(f"{ns}.{n}" for n in spaces[ns])
        surface_text += f'\n[namespace."{ns}"]\nnames = {_toml_list(names)}\n'
        for q in names:
            category = classify(torch, q)
            if category:
                out[q] = category
    oos = header + "\n[categories]\n" + "".join(f'{k} = "{v}"\n' for k, v in CATEGORIES.items())
    oos += "\n[out_of_scope]\n" + "".join(f'"{q}" = "{c}"\n' for q, c in sorted(out.items()))
    return surface_text, oos


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ from torch's API")
    args = parser.parse_args(argv)
    import torch

    texts = dict(zip((SURFACE_FILE, OUT_OF_SCOPE_FILE), render(torch)))
    if args.check:
        stale = [p.name for p, t in texts.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    API_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
