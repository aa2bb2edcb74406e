raise RuntimeError("this backend is broken at import")
