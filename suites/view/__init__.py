"""Checks of views, reshaping and indexing (catalogue topic ``view``, docs facts section 3)."""
