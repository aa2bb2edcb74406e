from tests.mutants import Mutant, replace

MUTANTS = [
    Mutant("zeros-ignores-dtype", ("creation.zeros.dtype-keyword",),
           replace("zeros", lambda orig: lambda *a, dtype=None, **k: orig(*a, **k))),
]
