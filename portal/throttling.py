"""API throttling whose counters fail closed: while the cache is unreachable, throttled endpoints answer 429."""

from rest_framework import throttling

from portal.cache import CACHE_ERRORS, security_cache, security_counter_failed


class ScopedRateThrottle(throttling.ScopedRateThrottle):
    """DRF's scoped throttle, counting in the ``security`` cache, refusing when it cannot count."""

    @property
    def cache(self):
        return security_cache()

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS:
            security_counter_failed(f"api-throttle:{getattr(view, 'throttle_scope', '')}")
            self.history, self.now = [], self.timer()
            return False

    def wait(self):
        return None if not getattr(self, "history", None) else super().wait()
