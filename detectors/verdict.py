"""From detector scores to an action, at thresholds the policy sets.

Every detector has optional thresholds per action; a detector's score triggers the most severe
action whose threshold it reaches, and the request verdict is the most severe over detectors.
Only demonstrations can be redacted; a ``redact`` with nothing redactable becomes ``block``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .aggregate import AggregationParams

SEVERITY = {"allow": 0, "caution": 1, "redact": 2, "block": 3}
RESPONSE_SEVERITY = {"allow": 0, "flag": 1, "block": 2}


@dataclass(frozen=True)
class DetectorThresholds:
    enabled: bool = True
    caution: float | None = None
    redact: float | None = None
    block: float | None = None

    def action(self, score: float) -> str:
        if not self.enabled:
            return "allow"
        for name in ("block", "redact", "caution"):
            t = getattr(self, name)
            if t is not None and score >= t:
                return name
        return "allow"


def default_detector_thresholds(recommended: dict[str, dict[str, float]] | None = None) -> dict[str, DetectorThresholds]:
    """Built-in thresholds, with the values the model pipeline calibrated taking precedence."""
    base = _builtin()
    for name, values in (recommended or {}).items():
        if name in base:
            current = base[name]
            base[name] = DetectorThresholds(current.enabled, values.get("caution", current.caution),
                                            values.get("redact", current.redact), values.get("block", current.block))
    return base


def _builtin() -> dict[str, DetectorThresholds]:
    return {
        "misaligned_demos": DetectorThresholds(caution=0.3, redact=0.5),  # redaction neutralises; block via policy
        "injection_classifier": DetectorThresholds(caution=0.6, block=0.97),
        "injection_phrases": DetectorThresholds(caution=0.5, block=0.95),
        "jailbreak_persona": DetectorThresholds(caution=0.5, block=0.95),
        "fake_role_tags": DetectorThresholds(caution=0.5),
        "hidden_characters": DetectorThresholds(caution=0.3, block=0.95),
        "homoglyphs": DetectorThresholds(caution=0.5),
        "encoded_payload": DetectorThresholds(caution=0.3, block=0.9),
        "token_flooding": DetectorThresholds(caution=0.5, block=0.95),
        "excessive_length": DetectorThresholds(caution=0.4),
    }


@dataclass(frozen=True)
class DecisionThresholds:
    """What the engine needs from a policy to turn a report into a verdict."""

    detectors: dict[str, DetectorThresholds] = field(default_factory=default_detector_thresholds)
    demo_threshold: float = 0.5  # a demo with p >= this counts as misaligned (and is redacted)
    injection_report_min: float = 0.5  # injection classifier findings below this are not listed
    response_flag: float = 0.5
    response_block: float = 0.9
    # The evidence sum's parameters for this request; None: the ones calibrated into the models.
    aggregation: AggregationParams | None = None


def model_decision_thresholds(recommended: dict[str, dict[str, float]], response: dict[str, float]) -> "DecisionThresholds":
    """Built-in thresholds with the models' calibrated ones (detectors and response audit) on top."""
    return DecisionThresholds(detectors=default_detector_thresholds(recommended),
                              **{f"response_{k}": v for k, v in response.items() if k in ("flag", "block")})


def decide(scores: dict[str, float], thresholds: DecisionThresholds, redactable: bool) -> tuple[str, dict[str, str]]:
    """Verdict and the action each detector asked for."""
    per_detector = {}
    verdict = "allow"
    for name, score in scores.items():
        t = thresholds.detectors.get(name)
        if t is None:
            continue
        act = t.action(score)
        if act == "redact" and not redactable:
            act = "block"
        per_detector[name] = act
        if SEVERITY[act] > SEVERITY[verdict]:
            verdict = act
    return verdict, per_detector


RESPONSE_SEVERITY = ("allow", "flag", "block")  # response verdicts, mildest first


def decide_response(risk: float, thresholds: DecisionThresholds) -> str:
    if risk >= thresholds.response_block:
        return "block"
    if risk >= thresholds.response_flag:
        return "flag"
    return "allow"
