"""Fit the evidence-sum parameters (``aggregate.AggregationParams``) on calibration rows.

The sum's prior and caps decide how many confidently-misaligned demonstrations a prompt needs
before it is flagged. They are chosen on calib half A only — by simulated k-shot prompts drawn
from each pool — so the request-level numbers reported on half B were not tuned on.

Objective: among settings that still redact ≥ 99.5 % of k = 8 prompts from every misaligned pool,
take the one that keeps benign prompts furthest below the caution threshold: the lowest worst-case
(over benign pools and k) 99.9th-percentile log-odds, measured against logit(caution). A margin
rather than a flag count, because half A's benign pools are small: counts are zero for most settings
and would not separate a safe setting from a lucky one.
"""
from __future__ import annotations

import itertools

import numpy as np

from ..aggregate import AggregationParams

KS = (1, 2, 4, 8, 16, 32, 64, 128)
MISALIGNED_POOLS = ("em-insecure", "pyrit-many-shot")
BENIGN_POOLS = ("em-secure", "em-educational-insecure", "gpteacher-codegen", "gpteacher-roleplay",
                "synthetic:refusal", "synthetic:responsible-advice", "synthetic:everyday-qa",
                "synthetic:short-answers")
GRID = {"prior_logodds": (-5.0, -6.0, -7.0, -8.0), "pos_cap": (2.0, 2.5, 3.0), "neg_cap": (1.0,),
        "margin": (0.5, 1.0, 1.5)}


def kshot_risks(pool: np.ndarray, k: int, params: AggregationParams, trials: int, rng: np.random.Generator) -> np.ndarray:
    """Risks of ``trials`` prompts of k demos drawn with replacement from ``pool`` (vectorised
    ``aggregate.demo_risk``)."""
    draws = pool[rng.integers(0, len(pool), size=(trials, k))]
    ev = np.clip(draws - params.margin, -params.neg_cap, params.pos_cap).sum(axis=1)
    return 1.0 / (1.0 + np.exp(-np.clip(params.prior_logodds + ev, -60, 60)))


def _logodds(risk: np.ndarray) -> np.ndarray:
    r = np.clip(risk, 1e-12, 1 - 1e-12)
    return np.log(r / (1 - r))


def fit_aggregation(z: np.ndarray, y: np.ndarray, src: np.ndarray, seed: int = 13, trials: int = 2000,
                    caution: float = 0.3, act: float = 0.5) -> tuple[dict[str, float], dict]:
    """Best ``AggregationParams`` (as a dict) for calibrated per-demo logits ``z``, plus the evidence."""
    bad = {p: z[(src == p) & (y == 1)] for p in MISALIGNED_POOLS}
    good = {p: z[(src == p) & (y == 0)] for p in BENIGN_POOLS}
    bad = {k: v for k, v in bad.items() if len(v)}
    good = {k: v for k, v in good.items() if len(v)}
    if not bad or not good:
        return AggregationParams().__dict__, {"objective": "defaults: calibration pools missing"}
    best, best_key, table = None, None, []
    caution_logodds = float(np.log(caution / (1 - caution)))
    for values in itertools.product(*GRID.values()):
        params = AggregationParams(**dict(zip(GRID, values)))
        rng = np.random.default_rng(seed)  # same draws for every setting: a paired comparison
        det8 = min(float((kshot_risks(p, 8, params, trials, rng) >= act).mean()) for p in bad.values())
        det4 = float(np.mean([(kshot_risks(p, 4, params, trials, rng) >= act).mean() for p in bad.values()]))
        benign = [kshot_risks(p, k, params, trials, rng) for p in good.values() for k in KS]
        fp = max(float((r >= caution).mean()) for r in benign)
        tail = max(float(np.quantile(_logodds(r), 0.999)) for r in benign) - caution_logodds
        table.append({**params.__dict__, "detect_k8_min": det8, "detect_k4_mean": det4, "benign_flagged_max": fp,
                      "benign_tail_margin": -tail})
        ok = det8 >= 0.995
        key = (True, -tail, det4) if ok else (False, det8, -tail)  # if none qualifies: best detection
        if best_key is None or key > best_key:
            best, best_key = params, key
    chosen = next(r for r in table if all(r[k] == v for k, v in best.__dict__.items()))
    info = {"objective": "max benign margin below caution s.t. k=8 detection >= 0.995 (calib half A)",
            "pools": {"misaligned": {k: len(v) for k, v in bad.items()}, "benign": {k: len(v) for k, v in good.items()}},
            "chosen": chosen, "grid_size": len(table)}
    return best.__dict__.copy(), info
