"""Fake role tags: a user (or tool) message that contains assistant turns or chat-template tokens.

Real conversations carry turns as separate messages; transcript-shaped user content is how
many-shot attacks and role spoofing are smuggled in, so it is always reported. But benign few-shot
prompts (a style guide with dozens of Q/A pairs, a classification task with worked examples) have
the same shape, so a plain inline transcript scores ``transcript_score`` (0.3 by default, below the
default caution threshold): the *content* of its demonstrations is the many-shot detector's call.
Chat-template control tokens (``<|im_start|>``, ``[INST]``) have no benign reason to be in user
text and score 0.9.
"""
from __future__ import annotations

import re
from typing import Any

from ..types import Finding
from .base import RuleInput, RuleOutput

_TEMPLATE_TOKENS = re.compile(
    r"<\|(?:im_start|im_end|endoftext|eot_id|start_header_id|end_header_id|assistant|system|user)\|>"
    r"|\[/?INST\]|<</?SYS>>|<start_of_turn>|<end_of_turn>"
)
_CHAT_KINDS = {"user_assistant"}


def fake_role_tags(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    out = RuleOutput()
    min_turns = int(params.get("min_turns", 1))
    transcript_score = float(params.get("transcript_score", 0.3))
    roles = {m.index: m.role for m in inp.messages}
    per_message: dict[int, list] = {}
    for d in inp.demos:
        if d.kind in _CHAT_KINDS and roles.get(d.message) in ("user", "tool", "function", "prompt"):
            per_message.setdefault(d.message, []).append(d)
    for idx, demos in per_message.items():
        if len(demos) >= min_turns:
            score = transcript_score
            out.findings.append(
                Finding("fake_role_tags", round(score, 4), idx, demos[0].start, demos[-1].end,
                        f"{len(demos)} assistant turns embedded in a {roles[idx]} message")
            )
    for m in inp.messages:
        if m.role in ("assistant",):
            continue
        hits = list(_TEMPLATE_TOKENS.finditer(m.text))
        if hits:
            out.findings.append(
                Finding("fake_role_tags", 0.9, m.index, hits[0].start(), hits[-1].end(),
                        f"{len(hits)} chat-template control tokens, e.g. {hits[0].group()!r}")
            )
    return out
