"""Excessive length: very long prompts are a many-shot precondition and a cost risk."""
from __future__ import annotations

from typing import Any

from ..types import Finding
from .base import RuleInput, RuleOutput


def excessive_length(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    out = RuleOutput()
    if inp.depth:
        return out
    max_chars = int(params.get("max_chars", 100_000))
    total = sum(len(m.text) for m in inp.messages)
    if total > max_chars:
        longest = max(inp.messages, key=lambda m: len(m.text))
        score = min(0.9, 0.4 + 0.1 * (total / max_chars - 1))
        out.findings.append(
            Finding("excessive_length", round(score, 4), longest.index, 0, len(longest.text),
                    f"{total} characters (limit {max_chars})")
        )
    return out
