"""The engine's report: JSON-serialisable, a superset of the ``/v1/score`` contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .types import Finding, Timings


@dataclass
class DemoSummary:
    total: int = 0
    misaligned: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Unscored:
    """Everything the engine did not score, so nothing is silently dropped."""

    tokens: int = 0  # tokens past the window limit of a segment
    request_tokens_clipped: int = 0  # demo request tokens tier 2 did not see (tier 1 did)
    demos_dropped: int = 0  # demonstrations over the per-request cap
    non_text_parts: int = 0  # images/audio/files that cannot be inspected
    tier2_budget_skipped: int = 0  # uncertain segments left at their tier-1 score (CPU budget)


@dataclass
class ResponseReport:
    verdict: str = "allow"
    risk: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    timings_ms: float = 0.0
    tier: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "risk": self.risk, "findings": [f.to_dict() for f in self.findings],
                "timings_ms": self.timings_ms, "tier": self.tier}


@dataclass
class Report:
    verdict: str = "allow"
    risk: float = 0.0
    demo_risk: float = 0.0
    evidence: float | None = None
    demonstrations: DemoSummary = field(default_factory=DemoSummary)
    demo_list: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    detector_scores: dict[str, float] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)
    response: ResponseReport | None = None
    timings: Timings = field(default_factory=Timings)
    models: dict[str, str] = field(default_factory=dict)
    execution_provider: str = ""
    cache: dict[str, int] = field(default_factory=dict)
    tiers: dict[str, int] = field(default_factory=dict)
    tier2_windows: int = 0
    unscored: Unscored = field(default_factory=Unscored)
    detector_ms: dict[str, float] = field(default_factory=dict)  # rules by name; classifier by tier
    segment_scores: list[tuple[str, int, float]] = field(default_factory=list)  # (task, tier, p); not serialised

    def misaligned_demos(self) -> list[Finding]:
        return [f for f in self.findings if f.detector == "misaligned_demo"]

    def to_dict(self, include_demos: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "verdict": self.verdict,
            "risk": round(self.risk, 6),
            "demonstrations": {"total": self.demonstrations.total, "misaligned": self.demonstrations.misaligned,
                               "by_kind": self.demonstrations.by_kind, "risk": round(self.demo_risk, 6),
                               "evidence_logodds": self.evidence},
            "findings": [f.to_dict() for f in self.findings],
            "detectors": self.detector_scores,
            "actions": self.actions,
            "timings_ms": {k: round(v, 3) for k, v in self.timings.stages.items()},
            "detector_timings_ms": {k: round(v, 3) for k, v in self.detector_ms.items()},
            "models": self.models,
            "execution_provider": self.execution_provider,
            "cache": {"hits": self.cache.get("hits", 0), "misses": self.cache.get("misses", 0)},
            "tiers": {**self.tiers, "tier2_windows": self.tier2_windows},
            "unscored": vars(self.unscored).copy(),
        }
        if include_demos:
            d["demonstrations"]["items"] = self.demo_list
        if self.response is not None:
            d["response"] = self.response.to_dict()
        return d
