"""A fixed-window counter in Django's cache (shared by every process, see settings.CACHES)."""

from django.core.cache import cache


def over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more use of `key`; True once it passes `limit` within the window."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr: the window starts again
        cache.set(key, 1, window_seconds)
        return False
