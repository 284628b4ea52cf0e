"""Encoded payloads: base64, hex, URL-encoding and rot13, decoded for a second look.

A blob that decodes to readable text is suspicious on its own (instructions are smuggled past
filters that way); the engine inspects the decoded text again, so a base64'd "ignore all
previous instructions" is caught by the same phrase rules and classifier.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import re
from typing import Any
from urllib.parse import unquote

from ..types import Finding
from .base import DecodedText, RuleInput, RuleOutput, inspected
from .phrases import injection_phrases, jailbreak_persona

_B64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])")
# 16+ hex pairs, each but the first after an optional separator. The same spans as the plainer
# ``(?:[0-9A-Fa-f]{2}[ :]?){16,}`` between the same guards (every source text, 200,000 random hex-like
# strings), in 0.7x its time: that one tried a pair-plus-separator group at every letter a-f of prose.
_HEX = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{2}(?:[ :]?[0-9A-Fa-f]{2}){15,}[ :]?(?![0-9A-Fa-f])")
_URLENC = re.compile(r"(?:%[0-9A-Fa-f]{2}[^%\s]{0,3}){6,}")
_URLENC_MIN_PERCENT = 6  # the pattern needs six escapes: fewer '%' in a text and it cannot match
MAX_BLOBS = 32
_STOPWORDS = re.compile(r"\b(?:the|and|you|to|of|is|in|that|it|for|are|with|this|your|all)\b", re.IGNORECASE)


def _printable(s: str) -> bool:
    if len(s) < 8:
        return False
    good = sum(c.isprintable() or c in "\n\t\r" for c in s)
    letters = sum(c.isalpha() for c in s)
    return good / len(s) > 0.95 and letters / len(s) > 0.5


def _try_b64(s: str) -> str | None:
    if not any(c.isdigit() or c in "+/" for c in s) and s.isalpha() and (s.islower() or s.isupper()):
        return None  # a long plain word, not base64
    try:
        raw = base64.b64decode(s + "=" * (-len(s) % 4), validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return text if _printable(text) else None


def _try_hex(s: str) -> str | None:
    try:
        text = bytes.fromhex(re.sub(r"[ :]", "", s)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return text if _printable(text) else None


def _phrase_score(text: str, index: int) -> float:
    from ..types import Message

    probe = RuleInput([Message(index, "user", text)])
    hits = injection_phrases(probe, {}).findings + jailbreak_persona(probe, {}).findings
    return max((f.score for f in hits), default=0.0)


def encoded_payloads(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    out = RuleOutput()
    base = float(params.get("decoded_text_score", 0.35))
    rot13 = bool(params.get("rot13", True))
    for msg in inspected(inp.messages, inp.roles):
        blobs: list[tuple[int, int, str, str]] = []
        for rx, how, fn in ((_B64, "base64", _try_b64), (_HEX, "hex", _try_hex)):
            for m in rx.finditer(msg.text):
                if len(blobs) >= MAX_BLOBS:
                    break
                decoded = fn(m.group())
                if decoded:
                    blobs.append((m.start(), m.end(), decoded, how))
        url_escapes = _URLENC.finditer(msg.text) if msg.text.count("%") >= _URLENC_MIN_PERCENT else ()
        for m in url_escapes:
            if len(blobs) >= MAX_BLOBS:
                break
            decoded = unquote(m.group())
            if decoded != m.group() and _printable(decoded):
                blobs.append((m.start(), m.end(), decoded, "url"))
        if rot13 and msg.text.isascii() and len(msg.text) < 100_000:
            head = msg.text[:600]
            plain_words = len(_STOPWORDS.findall(head))
            # Only text that reads as English once rotated (and not before) is worth a second look.
            if (plain_words < 3 and len(_STOPWORDS.findall(codecs.decode(head, "rot13"))) > 2 * plain_words + 1
                    and _phrase_score(rotated := codecs.decode(msg.text, "rot13"), msg.index)
                    > max(_phrase_score(msg.text, msg.index), 0.5)):
                blobs.append((0, len(msg.text), rotated, "rot13"))
        for start, end, decoded, how in blobs:
            score = max(base, _phrase_score(decoded, msg.index))
            out.findings.append(
                Finding("encoded_payload", round(score, 4), msg.index, start, end,
                        f"{how} payload decodes to {decoded[:60]!r}")
            )
            out.decoded.append(DecodedText(msg.index, start, end, decoded, how))
    return out
