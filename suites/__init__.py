"""The checks, one package per topic. Checks reach the backend only through the ``xp`` fixture."""
