"""Plain data types shared by every stage of the engine.

Kept free of behaviour so that segmenter, rules, runtime and aggregation can each be
read (and tested) on their own.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """One text-bearing unit of a request: a chat message, a prompt, or plain text.

    ``index`` is the position in the request's ``messages`` (or prompt list), so every span
    found later can be mapped back to the exact place it came from for redaction.
    """

    index: int
    role: str
    text: str
    non_text_parts: int = 0


@dataclass(frozen=True)
class Demonstration:
    """An example exchange (request → answer) found in a prompt.

    ``kind`` is ``"turns"`` when the demo is a real user/assistant message pair (``message`` is
    the user turn, ``answer_message`` the assistant turn) and the inline shape name otherwise
    (``user_assistant``, ``q_a``, ``json``…), in which case ``start``/``end`` delimit the whole
    demo inside ``message``.
    """

    kind: str
    request: str
    answer: str
    message: int
    start: int
    end: int
    answer_message: int | None = None

    @property
    def text(self) -> str:
        return f"User: {self.request}\nAssistant: {self.answer}"


@dataclass
class Finding:
    """One piece of evidence, in the shape of the ``/v1/score`` contract."""

    detector: str
    score: float
    message: int
    start: int
    end: int
    detail: str = ""
    demo: int | None = None  # index into Report.demonstrations when the finding is a demo

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["demo"] is None:
            d.pop("demo")
        return d


@dataclass
class Timings:
    """Per-stage wall time in milliseconds."""

    stages: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, ms: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + ms
