"""Many literal words found in one pass over a text (Aho-Corasick, ``pyahocorasick``).

The rules and the segmenter first ask whether any of dozens of words occurs at all, and most texts
hold none. One substring test per word reads the text once per word; a case-sensitive regex
alternation of the words tries each at every position. An automaton reads the text once.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import ahocorasick


class KeywordSet:
    """Literal words, matched case-sensitively (pass lower-cased words and text for a caseless test)."""

    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for w in words:
            if not w:
                raise ValueError("an empty keyword would match everywhere")
            self._automaton.add_word(w, w)
        self._automaton.make_automaton()

    def any_in(self, text: str) -> bool:
        return next(self._automaton.iter(text), None) is not None

    def ends(self, text: str) -> Iterator[int]:
        """The end offset (exclusive) of every occurrence of every word, overlapping ones included."""
        for last, _ in self._automaton.iter(text):
            yield last + 1
