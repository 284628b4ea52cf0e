"""Inputs and outputs shared by the rules."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..types import Demonstration, Finding, Message


@dataclass
class DecodedText:
    """A payload a rule decoded (base64, hidden tag characters…), to be inspected again."""

    message: int
    start: int
    end: int
    text: str
    how: str


@dataclass
class RuleInput:
    messages: list[Message]
    demos: list[Demonstration] = field(default_factory=list)
    depth: int = 0  # > 0 when inspecting decoded text
    roles: tuple[str, ...] = ("user", "tool", "function", "prompt")  # whose text is inspected
    # Per-request memo that rules share (e.g. a message's lower-cased text and keyword test, which
    # the override and persona rules both need): computed once, dropped with the request.
    memo: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class RuleOutput:
    findings: list[Finding] = field(default_factory=list)
    decoded: list[DecodedText] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time spent per rule

    def extend(self, other: "RuleOutput") -> None:
        self.findings.extend(other.findings)
        self.decoded.extend(other.decoded)
        for name, s in other.seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + s


CALLER_ROLES = ("user", "tool", "function", "prompt")


def inspected(messages: list[Message], roles: tuple[str, ...] = CALLER_ROLES) -> list[Message]:
    """Messages whose text may carry an attack: the caller's and tool outputs. System and developer
    messages are the operator's own prompt and are trusted unless configured otherwise."""
    return [m for m in messages if m.role in roles and m.text]


def noisy_or(scores: list[float]) -> float:
    p = 1.0
    for s in scores:
        p *= 1.0 - max(0.0, min(1.0, s))
    return 1.0 - p
