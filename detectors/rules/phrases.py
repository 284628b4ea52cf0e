"""Instruction-override and jailbreak/persona phrasing.

Patterns are literal alternations with bounded gaps (``(?:\\W+\\w+){0,3}``), so matching stays
linear. Each pattern carries a weight; a message's score is the noisy-OR of the distinct
patterns it matches, so one stray "act as" stays low while a DAN template scores high.
"""
from __future__ import annotations

import re
from typing import Any

from ..types import Finding
from .base import RuleInput, RuleOutput, inspected, noisy_or

_GAP = r"(?:\W{1,5}\w{1,20}){0,4}?\W{1,5}"

OVERRIDE_PATTERNS: list[tuple[str, float, str]] = [
    (rf"\b(?:ignore|disregard|forget|override|bypass|skip){_GAP}(?:previous|prior|above|earlier|preceding|all|any|your|the|system)\W{{1,5}}(?:\w{{1,20}}\W{{1,5}}){{0,2}}(?:instructions?|rules|guidelines|prompts?|directions|directives|constraints|polic(?:y|ies)|programming)\b", 0.85, "instruction override"),
    (r"\b(?:new|updated|real|actual|true)\s+(?:system\s+)?instructions?\s*:", 0.6, "replacement instructions"),
    (rf"\b(?:reveal|print|show|output|repeat|leak|display|tell\s+me){_GAP}(?:system|initial|hidden|secret|original)\s+(?:prompt|instructions|message)", 0.8, "system prompt extraction"),
    (r"\b(?:system|admin|root)\s*(?:override|command|mode)\s*[:\]]", 0.6, "fake system command"),
    (r"\bend\s+of\s+(?:system\s+)?(?:prompt|instructions)\b", 0.5, "fake prompt boundary"),
    (r"\bdo\s+not\s+(?:follow|obey)\s+(?:your|the|any)\s+(?:rules|guidelines|instructions|polic(?:y|ies))", 0.7, "instruction override"),
]

PERSONA_PATTERNS: list[tuple[str, float, str]] = [
    # A bare mention ("what is a DAN prompt?", "developer mode on Android") is weak evidence on its
    # own; aimed at the assistant, or in a template's own wording, it is strong.
    (r"\bDAN\b", 0.4, "DAN persona"),
    (r"\b(?i:you\s+are(?:\s+now)?|act\s+as|pretend\s+to\s+be|become|called)\s+(?:a\s+)?DAN\b", 0.8, "DAN persona"),
    (r"\bdo\s+anything\s+now\b", 0.85, "DAN persona"),
    (r"\b(?:jailbreak|unrestricted|evil|chaos)\s+mode\b", 0.75, "mode activation"),
    (r"\b(?:developer|dev|god)\s+mode\b", 0.3, "mode mention"),
    (r"\b(?:you'?re|you\s+are|act|acting|respond|answer|reply|simulate|operate)\b(?:\W+\w+){0,3}?\W+in\s+(?:developer|dev|god)\s+mode\b"
     r"|\b(?:developer|dev|god)\s+mode\s+(?:is\s+)?(?:enabled|activated|output|response)", 0.75, "mode activation"),
    (r"\bjailbroken\b", 0.6, "jailbreak"),
    (r"\bjailbreak\b", 0.35, "jailbreak mention"),
    (r"\bstay\s+in\s+character\b", 0.5, "stay in character"),
    (r"\byou\s+are\s+(?:now|no\s+longer)\b", 0.45, "persona switch"),
    (r"\bfrom\s+now\s+on\b", 0.25, "persona switch"),
    (r"\b(?:pretend|imagine)\s+(?:that\s+)?you\s+(?:are|have)\s+(?:no|an?\s+(?:ai|model|assistant)\s+(?:with(?:out)?|that))", 0.55, "persona switch"),
    (r"\b(?:no|without\s+any|free\s+(?:of|from)(?:\s+all)?)\s+(?:restrictions|filters?|limitations|censorship|guidelines|ethical\s+(?:guidelines|constraints))\b", 0.6, "restriction removal"),
    (r"\b(?:unfiltered|uncensored|amoral|unethical|unaligned)\b", 0.45, "unfiltered persona"),
    (r"\b(?:openai|anthropic|content)\s+(?:policy|policies|guidelines)\b", 0.3, "policy reference"),
    (r"\bnever\s+refuse\b|\bcannot\s+refuse\b|\bwill\s+not\s+refuse\b|\bnot\s+allowed\s+to\s+refuse\b", 0.6, "refusal suppression"),
    (r"\b(?:AIM|STAN|DUDE|Mongo\s+Tom|BetterDAN|AntiGPT|Developer\s+Mode\s+Output)\b", 0.45, "named jailbreak"),
    (r"\[(?:🔓|JAILBREAK|CLASSIC|🔒)", 0.8, "dual-response jailbreak"),
]


def _compile(patterns: list[tuple[str, float, str]], ignore_case: bool = True) -> list[tuple[re.Pattern[str], float, str]]:
    out = []
    for p, w, d in patterns:
        flags = re.IGNORECASE if ignore_case and "DAN\\b" not in p and "AIM|STAN" not in p else 0
        out.append((re.compile(p, flags), w, d))
    return out


_OVERRIDE = _compile(OVERRIDE_PATTERNS)
_PERSONA = _compile(PERSONA_PATTERNS)


# Every pattern above needs one of these words to match; a message with none of them skips the
# pattern loop (most code and prose). Plain substring tests on the lower-cased text run at C speed,
# far faster than one case-insensitive alternation regex.
_KEYWORDS = ("instruction", "rules", "guideline", "prompt", "direction", "constraint", "polic", "programming",
             "override", "command", "mode", "anything now", "jailbr", "character", "you are", "from now",
             "pretend", "imagine", "restriction", "filter", "limitation", "censor", "ethic", "amoral", "unaligned",
             "refus", "mongo", "antigpt", "\U0001f513", "\U0001f512", "classic")
_CASED = ("DAN", "AIM", "STAN", "DUDE")


def has_trigger(text: str) -> bool:
    if any(k in text for k in _CASED):
        return True
    low = text.lower()
    return any(k in low for k in _KEYWORDS)


def _match_rules(
    inp: RuleInput, params: dict[str, Any], compiled: list[tuple[re.Pattern[str], float, str]], name: str
) -> RuleOutput:
    out = RuleOutput()
    min_score = float(params.get("min_score", 0.3))
    scale = float(params.get("weight", 1.0))
    for msg in inspected(inp.messages, inp.roles):
        if not has_trigger(msg.text):
            continue
        hits: list[tuple[int, int, float, str]] = []
        for rx, w, desc in compiled:
            m = rx.search(msg.text)
            if m:
                hits.append((m.start(), m.end(), w * scale, desc))
        if not hits:
            continue
        score = noisy_or([h[2] for h in hits])
        if score < min_score:
            continue
        start = min(h[0] for h in hits)
        end = max(h[1] for h in hits)
        details = sorted({h[3] for h in hits})
        out.findings.append(Finding(name, round(score, 4), msg.index, start, end, "; ".join(details)))
    return out


def injection_phrases(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    return _match_rules(inp, params, _OVERRIDE, "injection_phrases")


def jailbreak_persona(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    return _match_rules(inp, params, _PERSONA, "jailbreak_persona")
