"""The package's process-wide caches, registered in one place so they can be emptied together.

In: modules register how to empty a cache (:func:`register`) or declare a cached function with
:func:`lru_cache`. Out: :func:`clear_all`, which a long-lived process (the batch build's warm
kernel) calls to bound its memory without knowing which modules keep what.
"""
from __future__ import annotations

import functools

_CLEARERS: list = []


def register(clear):
    """Remember ``clear`` (a callable that empties one cache); return it unchanged."""
    _CLEARERS.append(clear)
    return clear


def register_dict(cache: dict) -> dict:
    """Register a module-level dictionary used as a cache; return it."""
    register(cache.clear)
    return cache


def lru_cache(maxsize: int | None = 128):
    """``functools.lru_cache`` whose cache :func:`clear_all` empties."""
    def decorate(func):
        cached = functools.lru_cache(maxsize=maxsize)(func)
        register(cached.cache_clear)
        return cached
    return decorate


def clear_all() -> None:
    """Empty every registered cache of the modules imported so far."""
    for clear in list(_CLEARERS):
        clear()
