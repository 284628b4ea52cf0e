"""Search a phrase pattern only where one of its matches can start.

Every phrase pattern opens with a word alternation (``\\b(?:ignore|disregard|forget)…``). ``re`` cannot
skip ahead on such a pattern — a case-insensitive alternation after ``\\b`` is tried at every position —
so sixty patterns over a 200 KB many-shot prompt took a quarter of a second. The literal words a match
must begin with are read off the parsed pattern once; a search then finds their occurrences in the
lower-cased text with ``str.find`` (C speed) and tries the pattern only there (``Pattern.match`` at a
position sees the characters before it, so ``\\b`` still works). Same first match as
``Pattern.search`` by construction: every match starts at one of those occurrences, and they are tried
left to right. Where no usable prefix exists (or it is not ASCII: case folding beyond ASCII is not
``str.lower``, as Greek ς/σ show), or the text holds a character that case-insensitive
matching treats as an ASCII letter while ``str.lower`` does not (``ſ``, ``ı``, ``İ``), it falls back to
``Pattern.search``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MIN_PREFIX = 2  # shorter prefixes occur everywhere; searching for them saves nothing
MAX_PREFIXES = 64
MAX_SET = 6  # a character class of at most this many literal characters is expanded
DENSE = 16  # more than one starting position per this many characters: search the whole text instead
# Characters that ``re.IGNORECASE`` matches to an ASCII letter although ``str.lower`` does not map them
# to it (checked over every code point); "İ" also lowers to two characters, which would shift offsets.
FOLD_ODD = re.compile("[\u0130\u0131\u017f]")


def _walk(items, acc: set[str]) -> tuple[set[str], bool]:
    """Literal prefixes every match of ``items`` begins with (extending ``acc``), and whether all of
    ``items`` was literal (so what follows may extend them further). A step that would make more than
    ``MAX_PREFIXES`` stops the walk before it: the prefixes so far are still prefixes of every match."""
    for i, (op, av) in enumerate(items):
        if op is _c.AT:
            continue  # zero width: \b, ^, $
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # An optional element ("(?:your\s+)?new"): the prefixes with it and without it, each
            # continued by the rest.
            taken, whole = _walk(av[2], set(acc))
            rest = list(items[i + 1:])
            skip = _walk(rest, set(acc))
            take = _walk(rest, taken) if whole else (taken, False)
            both = skip[0] | take[0]
            return (both, skip[1] and take[1]) if len(both) <= MAX_PREFIXES else (acc, False)
        if op is _c.LITERAL:
            new, whole = {s + chr(av) for s in acc}, True
        elif op is _c.SUBPATTERN:
            new, whole = _walk(av[-1], acc)
        elif op is _c.BRANCH:
            results = [_walk(alt, set(acc)) for alt in av[1]]
            new, whole = set().union(*(r[0] for r in results)), all(r[1] for r in results)
        elif op is _c.IN and len(av) <= MAX_SET and all(o is _c.LITERAL for o, _ in av):
            new, whole = {s + chr(c) for s in acc for _, c in av}, True
        else:
            return acc, False
        if len(new) > MAX_PREFIXES:
            return acc, False
        acc = new
        if not whole:
            return acc, False
    return acc, True


def literal_starts(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """The lower-cased literal words every match of ``rx`` starts with, or None if there is no usable set."""
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
    except Exception:  # pragma: no cover - a pattern ``re`` compiled always parses
        return None
    found, _ = _walk(list(parsed), {""})
    if not found or len(found) > MAX_PREFIXES or min(len(s) for s in found) < MIN_PREFIX:
        return None
    if not all(s.isascii() for s in found):  # case folding beyond ASCII is not str.lower (Greek ς/σ…)
        return None
    lowered = {s.lower() for s in found}
    # Keep only the shortest: a prefix that extends another adds no starting positions.
    return tuple(sorted(s for s in lowered if not any(o != s and s.startswith(o) for o in lowered)))


@dataclass(frozen=True)
class PhrasePattern:
    """A compiled pattern with the words its matches start with (None: search everywhere)."""

    rx: re.Pattern[str]
    starts: tuple[str, ...] | None

    @classmethod
    def of(cls, rx: re.Pattern[str]) -> "PhrasePattern":
        return cls(rx, literal_starts(rx))

    def search(self, text: str, low: str, exact_fold: bool) -> re.Match[str] | None:
        """``self.rx.search(text)``. ``low`` is ``text.lower()``; ``exact_fold`` says it has the same
        length and no ``FOLD_ODD`` character, so its offsets are the text's."""
        if self.starts is None or not exact_fold:
            return self.rx.search(text)
        positions: set[int] = set()
        for word in self.starts:
            i = low.find(word)
            while i != -1:
                positions.add(i)
                i = low.find(word, i + 1)
        if len(positions) * DENSE > len(text):  # crafted text full of them: one scan is cheaper
            return self.rx.search(text)
        for pos in sorted(positions):
            m = self.rx.match(text, pos)
            if m:
                return m
        return None


def exact_fold(text: str, low: str) -> bool:
    """Whether offsets in ``low`` (``text.lower()``) are offsets in ``text`` for every pattern's literals."""
    return len(low) == len(text) and FOLD_ODD.search(text) is None
