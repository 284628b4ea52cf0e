"""Cheap structural rules for risky constructs; each one can be switched off and tuned.

A rule is a function ``(RuleInput, params) -> RuleOutput``. Rules never raise on odd input
and are linear in the text length. Decoded payloads they uncover are handed back so the
engine can inspect them again (rules and the injection classifier), with a depth limit.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from .base import RuleInput, RuleOutput
from .characters import hidden_characters, homoglyphs
from .encoded import encoded_payloads
from .flooding import token_flooding
from .length import excessive_length
from .phrases import injection_phrases, jailbreak_persona
from .roles import fake_role_tags

Rule = Callable[[RuleInput, dict[str, Any]], RuleOutput]

RULES: dict[str, Rule] = {
    "injection_phrases": injection_phrases,
    "jailbreak_persona": jailbreak_persona,
    "fake_role_tags": fake_role_tags,
    "hidden_characters": hidden_characters,
    "homoglyphs": homoglyphs,
    "encoded_payload": encoded_payloads,
    "token_flooding": token_flooding,
    "excessive_length": excessive_length,
}


def run_rules(inp: RuleInput, config: dict[str, dict[str, Any]] | None = None) -> RuleOutput:
    """Run every enabled rule; ``config[name]`` holds ``enabled`` and the rule's own params."""
    config = config or {}
    out = RuleOutput()
    for name, rule in RULES.items():
        params = config.get(name, {})
        if params.get("enabled", True) is False:
            continue
        t = time.perf_counter()
        out.extend(rule(inp, params))
        out.seconds[name] = out.seconds.get(name, 0.0) + time.perf_counter() - t
    return out


__all__ = ["RULES", "RuleInput", "RuleOutput", "run_rules"]
