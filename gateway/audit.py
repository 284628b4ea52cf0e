"""Audit trail of every decision: a bounded Redis Stream, or an in-process ring when Redis is absent.

Nothing is lost while Redis is down: records wait in a bounded buffer (overflow is counted, the
oldest go first) and a background task flushes them, in order, as soon as Redis answers again.
Records carry no prompt text unless an excerpt length is configured.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from typing import Any, Callable

from .store import RedisHealth

log = logging.getLogger("gateway.audit")


class AuditLog:
    def __init__(self, health: RedisHealth, prefix: str, maxlen: int, buffer_max: int,
                 on_change: Callable[["AuditLog"], None] | None = None):
        self.health = health
        self.stream = prefix + "audit"
        self.maxlen = maxlen
        self.buffer: deque[dict[str, Any]] = deque(maxlen=buffer_max)
        self.memory: deque[dict[str, Any]] = deque(maxlen=min(maxlen, 50_000))  # in-process store
        self.overflow = 0
        self.written = 0
        self.on_change = on_change
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()

    # ------------------------------------------------------------------ writing
    async def record(self, rec: dict[str, Any]) -> None:
        rec.setdefault("ts", time.time())
        if not self.health.configured:
            self.memory.append(rec)
            self.written += 1
            return
        if not self.buffer and self.health.should_try():
            try:
                await self._xadd(rec)
                self.health.ok()
                self.written += 1
                return
            except Exception:
                self.health.failed()
        self._buffer(rec)

    def _buffer(self, rec: dict[str, Any]) -> None:
        if len(self.buffer) == self.buffer.maxlen:
            self.overflow += 1
        self.buffer.append(rec)
        self._wake.set()
        if self.on_change:
            self.on_change(self)

    async def _xadd(self, rec: dict[str, Any]) -> None:
        await self.health.client.xadd(self.stream, {"json": json.dumps(rec, default=str)},
                                      maxlen=self.maxlen, approximate=True)

    async def flush(self) -> int:
        """Send buffered records in order; stops at the first failure. Returns how many were sent."""
        sent = 0
        while self.buffer:
            try:
                await self._xadd(self.buffer[0])
            except Exception:
                self.health.failed()
                break
            self.health.ok()
            self.buffer.popleft()
            sent += 1
            self.written += 1
        if sent and self.on_change:
            self.on_change(self)
        return sent

    def start(self) -> None:
        if self.health.configured and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._flusher())

    async def _flusher(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=1.0)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            if self.buffer:
                await self.flush()
                if self.buffer:
                    await asyncio.sleep(self.health.backoff_s)

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
            self._task = None
        if self.buffer and self.health.configured:
            await self.flush()

    # ------------------------------------------------------------------ reading
    async def recent(self, limit: int = 100, verdict: str | None = None, tenant: str | None = None,
                     since: float | None = None, request_id: str | None = None) -> list[dict[str, Any]]:
        def keep(r: dict[str, Any]) -> bool:
            return ((verdict is None or r.get("verdict") == verdict) and (tenant is None or r.get("tenant") == tenant)
                    and (since is None or r.get("ts", 0) >= since)
                    and (request_id is None or r.get("request_id") == request_id))

        pending = [r for r in reversed(self.buffer) if keep(r)]
        if not self.health.configured:
            return [r for r in reversed(self.memory) if keep(r)][:limit]
        out = list(pending)
        try:
            last = "+"
            while len(out) < limit:
                batch = await self.health.client.xrevrange(self.stream, max=last, count=500)
                if not batch:
                    break
                for rid, fields in batch:
                    raw = fields.get(b"json") or fields.get("json")
                    rec = json.loads(raw)
                    rec["stream_id"] = rid.decode() if isinstance(rid, bytes) else rid
                    if since is not None and rec.get("ts", 0) < since:
                        return out[:limit]
                    if keep(rec):
                        out.append(rec)
                last = "(" + (batch[-1][0].decode() if isinstance(batch[-1][0], bytes) else batch[-1][0])
                if len(batch) < 500:
                    break
            self.health.ok()
        except Exception:
            self.health.failed()
        return out[:limit]
