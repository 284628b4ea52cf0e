"""State behind the gateway: score cache, rate limits and their Redis / in-process backends.

Redis is optional. When it is configured but unreachable, every caller degrades instead of
failing: the cache misses, rate limits count in-process, and (see audit.py) audit records are
buffered. A short back-off after a failure keeps a dead Redis from adding a timeout to every
request.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from detectors.cache import LRUScoreCache


class RedisHealth:
    """Shared up/down view of Redis with a retry back-off."""

    def __init__(self, client: Any | None, backoff_s: float = 1.0):
        self.client = client
        self.backoff_s = backoff_s
        self.up = client is not None
        self._retry_at = 0.0
        self.failures = 0

    @property
    def configured(self) -> bool:
        return self.client is not None

    def should_try(self) -> bool:
        return self.client is not None and (self.up or time.monotonic() >= self._retry_at)

    def ok(self) -> None:
        self.up = True

    def failed(self) -> None:
        self.up = False
        self.failures += 1
        self._retry_at = time.monotonic() + self.backoff_s

    async def ping(self) -> bool:
        if self.client is None:
            return False
        try:
            await self.client.ping()
            self.ok()
            return True
        except Exception:
            self.failed()
            return False


class RedisScoreCache:
    """Engine score cache in Redis (MGET / pipelined SETEX); raises on failure so the engine counts it."""

    def __init__(self, health: RedisHealth, prefix: str, ttl_s: int):
        self.health = health
        self.prefix = prefix + "score:"
        self.ttl_s = ttl_s
        self.local = LRUScoreCache(20_000)  # keeps repeated segments cheap while Redis is down

    async def get_many(self, keys: list[str]) -> dict[str, tuple[float, int]]:
        found = await self.local.get_many(keys)
        missing = [k for k in keys if k not in found]
        if not missing or not self.health.should_try():
            return found
        try:
            values = await self.health.client.mget([self.prefix + k for k in missing])
            self.health.ok()
        except Exception:
            self.health.failed()
            raise
        for k, v in zip(missing, values):
            if v is not None:
                logit, tier = v.decode().split(",") if isinstance(v, bytes) else v.split(",")
                found[k] = (float(logit), int(tier))
        return found

    async def set_many(self, items: dict[str, tuple[float, int]]) -> None:
        await self.local.set_many(items)
        if not items or not self.health.should_try():
            return
        try:
            pipe = self.health.client.pipeline(transaction=False)
            for k, (logit, tier) in items.items():
                pipe.set(self.prefix + k, f"{logit:.6f},{tier}", ex=self.ttl_s)
            await pipe.execute()
            self.health.ok()
        except Exception:
            self.health.failed()
            raise


class RateLimiter:
    """Fixed one-minute windows per tenant; Redis INCR when up, in-process counters otherwise."""

    def __init__(self, health: RedisHealth, prefix: str):
        self.health = health
        self.prefix = prefix + "rl:"
        self._local: OrderedDict[str, int] = OrderedDict()

    async def hit(self, tenant: str, limit: int) -> tuple[bool, int]:
        """Count one request; returns (allowed, seconds until the window resets)."""
        if limit <= 0:
            return True, 0
        now = time.time()
        window = int(now // 60)
        reset = int(60 - now % 60) + 1
        key = f"{self.prefix}{tenant}:{window}"
        count = None
        if self.health.should_try():
            try:
                pipe = self.health.client.pipeline(transaction=True)
                pipe.incr(key)
                pipe.expire(key, 120)
                count, _ = await pipe.execute()
                self.health.ok()
            except Exception:
                self.health.failed()
        if count is None:
            count = self._local.get(key, 0) + 1
            self._local[key] = count
            while len(self._local) > 10_000:
                self._local.popitem(last=False)
        return int(count) <= limit, reset
