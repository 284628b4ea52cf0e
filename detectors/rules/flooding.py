"""Token flooding: one token or a short pattern repeated hundreds of times.

Detected with two linear, C-speed signals: the most frequent word's count and share, and the
zlib compression ratio of fixed-size chunks (a repeated pattern compresses extremely well
whether or not it has spaces).
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from typing import Any

from ..types import Finding
from .base import RuleInput, RuleOutput, inspected

_TOKEN = re.compile(r"\S{1,64}")
CHUNK = 4096


def token_flooding(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    out = RuleOutput()
    min_repeats = int(params.get("min_repeats", 200))
    min_share = float(params.get("min_share", 0.3))
    min_ratio = float(params.get("compression_ratio", 12.0))
    for msg in inspected(inp.messages, inp.roles):
        text = msg.text
        if len(text) < min_repeats:
            continue
        raw = text.encode("utf-8", "surrogatepass")
        if len(raw) / len(zlib.compress(raw, 1)) < 2.5:
            continue  # ordinary text: nothing repeated enough to flood (and cheap to tell)
        counts = Counter(_TOKEN.findall(text))
        total = sum(counts.values())
        top, n = counts.most_common(1)[0] if counts else ("", 0)
        if n >= min_repeats and total and n / total >= min_share:
            pos = text.find(top)
            out.findings.append(
                Finding("token_flooding", round(min(0.95, 0.5 + 0.5 * n / total), 4), msg.index,
                        max(pos, 0), len(text), f"token {top[:20]!r} repeated {n} times ({n / total:.0%} of tokens)")
            )
            continue
        flooded = []
        for s in range(0, len(text), CHUNK):
            chunk = text[s : s + CHUNK].encode("utf-8", "surrogatepass")
            if len(chunk) >= 1024 and len(chunk) / len(zlib.compress(chunk, 1)) >= min_ratio:
                flooded.append(s)
        if flooded:
            out.findings.append(
                Finding("token_flooding", round(min(0.9, 0.5 + 0.1 * len(flooded)), 4), msg.index,
                        flooded[0], min(len(text), flooded[-1] + CHUNK),
                        f"{len(flooded)} highly repetitive {CHUNK}-character chunks")
            )
    return out
