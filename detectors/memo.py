"""Per-message work — inline demonstrations and message-local rules — memoised by content.

Chat clients resend the whole history every turn and many-shot attacks reuse the same demos, so
a message already seen costs a dictionary lookup, not a regex pass. Results are computed with the
message at index 0 and re-indexed on the way out; the key covers the rule configuration and the
inspected roles, so a policy reload never serves stale findings.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from .rules import RuleInput, RuleOutput, run_rules
from .rules.base import DecodedText
from .segmenter import segment_message
from .types import Demonstration, Finding, Message

REQUEST_LEVEL_RULES = ("excessive_length",)  # need the whole request, never memoised


class MessageMemo:
    def __init__(self, max_items: int = 50_000):
        self.max_items = max_items
        self._lru: OrderedDict[tuple, tuple[list[Demonstration], list[Finding], list[DecodedText]]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def fingerprint(rules: dict[str, dict[str, Any]], roles: tuple[str, ...]) -> str:
        return hashlib.blake2b(json.dumps([rules, roles], sort_keys=True, default=str).encode(), digest_size=8).hexdigest()

    def inspect(self, messages: list[Message], rules: dict[str, dict[str, Any]],
                roles: tuple[str, ...]) -> tuple[list[Demonstration], RuleOutput, dict[str, float]]:
        """Demos and findings of every message, plus time spent (ms) on segmentation and rules."""
        t_seg = t_rules = 0.0
        t0 = time.perf_counter()
        fp = self.fingerprint(rules, roles)
        local_rules = {**rules, **{r: {"enabled": False} for r in REQUEST_LEVEL_RULES}}
        demos: list[Demonstration] = []
        out = RuleOutput()
        for m in messages:
            key = (fp, m.role, hashlib.blake2b(m.text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
            entry = self._lru.get(key)
            if entry is None:
                self.misses += 1
                local = Message(0, m.role, m.text)
                t = time.perf_counter()
                inline = segment_message(local)
                t_seg += time.perf_counter() - t
                t = time.perf_counter()
                res = run_rules(RuleInput([local], inline, roles=roles), local_rules)
                t_rules += time.perf_counter() - t
                entry = (inline, res.findings, res.decoded)
                self._lru[key] = entry
                if len(self._lru) > self.max_items:
                    self._lru.popitem(last=False)
                for name, sec in res.seconds.items():  # rule time is spent on unseen messages only
                    out.seconds[name] = out.seconds.get(name, 0.0) + sec
            else:
                self.hits += 1
                self._lru.move_to_end(key)
            inline, findings, decoded = entry
            demos.extend(replace(d, message=m.index) for d in inline)
            out.findings.extend(replace(f, message=m.index) for f in findings)
            out.decoded.extend(replace(d, message=m.index) for d in decoded)
        request_rules = {r: rules.get(r, {}) for r in REQUEST_LEVEL_RULES}
        only = {name: {"enabled": False} for name in _all_rules() if name not in REQUEST_LEVEL_RULES}
        t = time.perf_counter()
        out.extend(run_rules(RuleInput(messages, roles=roles), {**only, **request_rules}))
        t_rules += time.perf_counter() - t
        total = time.perf_counter() - t0
        # lookups and re-indexing count as segmentation
        return demos, out, {"segmentation": (total - t_rules) * 1000, "rules": t_rules * 1000}


def _all_rules() -> list[str]:
    from .rules import RULES

    return list(RULES)
