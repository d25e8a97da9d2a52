"""Client-side rate limit: sliding windows of the BDL API quotas (per second, 15 min, 12 h...).

In: ``{window seconds: requests allowed}``. Out: :meth:`QuotaLimiter.acquire` blocks until one
more request fits every window, then counts it. Only requests that reach the API are counted
(answers from the local cache are not). The count lives in this process: the tool does one
download at a time, and HTTP 429 from the server (answered by waiting as ``Retry-After`` says)
covers what another program using the same key spent.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class QuotaLimiter:
    """Sliding-window limiter over several windows at once."""

    def __init__(self, limits: dict[int, int], *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.limits = {float(w): int(n) for w, n in limits.items() if n > 0}
        self._stamps: deque[float] = deque()
        self._clock = clock
        self._sleep = sleep
        self.waited = 0.0

    def delay(self) -> float:
        """Return how long the next request must wait (0 when it fits every window now)."""
        now = self._clock()
        longest = max(self.limits, default=0.0)
        while self._stamps and self._stamps[0] <= now - longest:
            self._stamps.popleft()
        wait = 0.0
        for window, limit in self.limits.items():
            inside = [t for t in self._stamps if t > now - window]
            if len(inside) >= limit:
                # the request that frees a slot is the limit-th most recent one
                wait = max(wait, inside[-limit] + window - now)
        return wait

    def acquire(self) -> None:
        """Wait until a request fits every window, then count it."""
        while (wait := self.delay()) > 0:
            self.waited += wait
            self._sleep(wait)
        self._stamps.append(self._clock())
