"""Score cache keyed by (model version, segment hash).

Chat clients resend the whole history every turn and many-shot attacks reuse demos, so a
segment's score is computed once. The engine talks to the async ``ScoreCache`` protocol; the
in-process LRU lives here, the gateway plugs in a Redis implementation.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Protocol


def segment_key(model_version: str, kind: str, *texts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return f"{model_version}:{kind}:{h.hexdigest()}"


class ScoreCache(Protocol):
    async def get_many(self, keys: list[str]) -> dict[str, tuple[float, int]]: ...

    async def set_many(self, items: dict[str, tuple[float, int]]) -> None: ...


class LRUScoreCache:
    """Bounded in-process cache; values are (logit, tier that produced it)."""

    def __init__(self, max_items: int = 100_000):
        self.max_items = max_items
        self._data: OrderedDict[str, tuple[float, int]] = OrderedDict()

    async def get_many(self, keys: list[str]) -> dict[str, tuple[float, int]]:
        out = {}
        for k in keys:
            v = self._data.get(k)
            if v is not None:
                self._data.move_to_end(k)
                out[k] = v
        return out

    async def set_many(self, items: dict[str, tuple[float, int]]) -> None:
        for k, v in items.items():
            self._data[k] = v
            self._data.move_to_end(k)
        while len(self._data) > self.max_items:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
