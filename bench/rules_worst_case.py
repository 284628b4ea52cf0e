"""Worst-case input for the phrase rules: does any pattern go quadratic on a crafted message?

A regex with two unbounded runs over the same characters can take seconds on one long message
(a 60,000-character markdown-image URL full of "?" took 16.5 s in a first version of the
exfiltration pattern). This repeats each trigger keyword and a set of URL / markup / role-tag
fragments to ``--chars`` characters, times every override and persona pattern on each, and prints
the slowest beside the time for ordinary prose of the same length, as a ratio (the machine is
shared; ratios in one run are what compare).

    python -m bench.rules_worst_case [--chars 30000] [--top 8]
"""
from __future__ import annotations

import argparse
import time

from detectors.rules.literal_starts import exact_fold
from detectors.rules.phrases import _AGENT, _KEYWORDS, _OVERRIDE, _PERSONA

FRAGMENTS = ("ignore ", "the ", "all ", "\n", "?", "=", "![a](http://x", "![a](http://x?", "![a](http://x?q=", "<a on",
             ":", "system: ", "\nsystem:", "[system]", "your ", "include in your response ", "new ", "DAN ", "you are ",
             "act as ", "[", "]", "(", ")", "\u5ffd\u7565", "before you ", "note to ", "the ai ", "if you are ", "\\n", "\\ ")
# The agent-hijack wordings run on tool results behind their own guards: those guards are triggers too.
TRIGGERS = tuple(dict.fromkeys(tuple(_KEYWORDS) + tuple(g for *_, guards in _AGENT for g in guards)))
PROSE = "The committee met on Tuesday to review the budget and agreed to revisit the question next month. "


def _time(pattern, text: str) -> float:
    """One search as the rule runs it (from the words a match can start with, where the pattern has them)."""
    low = text.lower()
    same = exact_fold(text, low)
    t0 = time.perf_counter()
    pattern.search(text, low, same)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=30000)
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args(argv)
    n = args.chars
    prose = (PROSE * (n // len(PROSE) + 1))[:n]
    patterns = _OVERRIDE + _AGENT + _PERSONA
    baseline = max(1e-6, sum(_time(rx, prose) for rx, *_ in patterns) / len(patterns))
    timings = []
    for rx, _, desc, _ in patterns:
        for frag in TRIGGERS + FRAGMENTS:
            text = (frag * (n // len(frag) + 1))[:n]
            timings.append((_time(rx, text), desc, frag))
    timings.sort(reverse=True)
    print(f"{len(patterns)} patterns x {len(TRIGGERS) + len(FRAGMENTS)} crafted messages of {n} characters; "
          f"mean time on prose {baseline * 1e3:.2f} ms")
    for dt, desc, frag in timings[: args.top]:
        print(f"{dt * 1e3:9.2f} ms  {dt / baseline:8.1f}x prose  {desc}  (fragment {frag!r})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
