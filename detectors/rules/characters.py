"""Invisible / smuggled characters and mixed-script homoglyph words.

The Unicode tag block (U+E0000–E007F) mirrors ASCII and is used to smuggle instructions that
render as nothing; its hidden text is decoded and handed back for a second inspection.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..types import Finding
from .base import DecodedText, RuleInput, RuleOutput, inspected

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_HIDDEN = re.compile(f"[{_ZERO_WIDTH}{_BIDI}\U000e0000-\U000e007f]+")
_TAGS = re.compile("[\U000e0000-\U000e007f]+")


_JOINERS = "\u200c\u200d"  # ZWNJ / ZWJ
_MARKS = "\u200e\u200f\u061c"  # LRM / RLM / ALM: implicit direction marks, not overrides or isolates
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _in_ordinary_use(text: str, m: re.Match[str]) -> bool:
    """Invisible characters that real text carries: ZWNJ/ZWJ between non-ASCII letters or emoji
    (Persian and Indic spelling, emoji sequences such as the family emoji); direction marks in text
    written right to left; and one or two zero-width characters anywhere but inside an ASCII word —
    copied CJK text is full of stray ZWNJ/ZWSP beside punctuation and spaces, and a byte-order mark
    survives where files were joined. Smuggling splits an ASCII word ("ig\u200bnore") so a filter
    misses it, or strings many together to encode hidden bits; overrides, isolates and tag
    characters always count."""
    run = m.group()
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if all(c in _JOINERS for c in run):
        if ord(before) > 0x2FF and ord(after) > 0x2FF and not before.isspace() and not after.isspace():
            return True
    if len(run) <= 2 and all(c in _ZERO_WIDTH for c in run):
        return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())
    return all(c in _MARKS for c in run) and bool(_RTL.search(text))


def hidden_characters(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    out = RuleOutput()
    min_count = int(params.get("min_count", 1))
    for msg in inspected(inp.messages, inp.roles):
        runs = [r for r in _HIDDEN.finditer(msg.text) if not _in_ordinary_use(msg.text, r)]
        count = sum(len(r.group()) for r in runs)
        if count < min_count:
            continue
        kinds = set()
        for r in runs:
            chunk = r.group()
            if any(c in _BIDI for c in chunk):
                kinds.add("bidi control")
            if any(c in _ZERO_WIDTH for c in chunk):
                kinds.add("zero-width")
            if _TAGS.search(chunk):
                kinds.add("unicode tag block")
        # Tag characters never appear by accident.
        score = 0.95 if "unicode tag block" in kinds else min(0.9, 0.3 + 0.1 * count)
        if "bidi control" in kinds:
            score = max(score, 0.6)
        out.findings.append(
            Finding("hidden_characters", round(score, 4), msg.index, runs[0].start(), runs[-1].end(),
                    f"{count} invisible characters ({', '.join(sorted(kinds))})")
        )
        for r in _TAGS.finditer(msg.text):
            hidden = "".join(chr(ord(c) - 0xE0000) for c in r.group() if 0x20 <= ord(c) - 0xE0000 < 0x7F)
            if hidden.strip():
                out.decoded.append(DecodedText(msg.index, r.start(), r.end(), hidden, "unicode tags"))
    return out


_WORD = re.compile(r"\w{2,40}")


# Greek letters that pass for Latin ones. The rest (alpha, beta, epsilon, theta, mu, pi, sigma, omega...)
# are the notation of science and engineering ("sin\u03b1", "10 k\u03a9", "\u03c3_y"), which mixes them with
# Latin letters in one word all the time.
_GREEK_LOOKALIKES = frozenset("\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
                              "\u03bf\u03bd\u03b9\u03f2\u03f3")


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    if ord(ch) < 0x250:
        return "LATIN"
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    if name.startswith("GREEK"):
        return "GREEK" if ch in _GREEK_LOOKALIKES else "GREEK NOTATION"
    for s in ("LATIN", "CYRILLIC", "ARMENIAN", "CHEROKEE"):
        if name.startswith(s):
            return s
    if name.startswith("MATHEMATICAL") or name.startswith("FULLWIDTH LATIN"):
        return "STYLED"
    return "OTHER"


def homoglyphs(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    """Words mixing Latin with Cyrillic/Greek lookalikes (``pаypal`` with a Cyrillic ``а``)."""
    out = RuleOutput()
    min_words = int(params.get("min_words", 1))
    for msg in inspected(inp.messages, inp.roles):
        text = msg.text
        if text.isascii():
            continue
        mixed = []
        for m in _WORD.finditer(text):
            w = m.group()
            if w.isascii():
                continue
            scripts = {s for s in map(_script, w) if s}
            if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "STYLED"}:
                mixed.append(m)
        if len(mixed) >= min_words:
            score = min(0.9, 0.4 + 0.1 * len(mixed))
            out.findings.append(
                Finding("homoglyphs", round(score, 4), msg.index, mixed[0].start(), mixed[-1].end(),
                        f"{len(mixed)} mixed-script words, e.g. {mixed[0].group()[:30]!r}")
            )
            normal = unicodedata.normalize("NFKC", text)
            if normal != text:
                out.decoded.append(DecodedText(msg.index, 0, len(text), normal, "NFKC"))
    return out
