"""Fit the evidence-sum parameters (``aggregate.AggregationParams``) on calibration rows.

The sum's prior and caps decide how many confidently-misaligned demonstrations a prompt needs
before it is flagged. They are chosen on calib half A only — by the exact distribution of k-shot
prompts drawn from each pool (``kshot_distribution``; simulated prompts up to v1.8.0) — so the
request-level numbers reported on half B were not tuned on.

Objective: among settings that still redact ≥ 99.5 % of k = 8 prompts from every misaligned pool,
take the one with the largest *smaller* of two margins, both in log-odds:

* benign margin — how far the worst-case (over benign pools and k) 99.9th-percentile risk stays
  below the caution threshold;
* detection margin — how far the worst-case (over misaligned pools) 0.5th-percentile risk of k = 8
  prompts stays above the action threshold.

Margins rather than flag counts, because half A's pools are small: counts are zero (or one) for most
settings and would not separate a safe setting from a lucky one. Balancing the two matters because
data from other sources moves both: up to v1.2.0 only the benign margin was maximised, which parks
k = 8 detection at the edge of its constraint; with the token prior (v1.3.0) that put the synthetic
reckless advice of the held-out medical domain at 0.79 detection at k = 8 (0.97 before) while benign
prompts sat 4.7 log-odds below caution. (That was read on the held-out domain; the model card says so.)
If no setting reaches 99.5 %, the balanced one is still taken and ``constraint_met`` is false (a
warning is printed): falling back to the most sensitive setting would spend the benign margin on a
pool that no setting serves — seen with a narrow templated pool that was then left out.

The benign side comes first (added with the advice-pair builds): a setting whose benign 99.9th
percentile sits *above* caution on half A (a negative benign margin) is taken only if no setting
keeps it below. In a build with the realistic advice pairs, the only settings reaching 99.5 % on half
A's 26-row reckless pool put benign prompts 0.85–2 log-odds over caution (release fit: 0.4 % of
8-shot secure-code prompts flagged on half B), for 99.1 % instead of 99.5 % detection — a gateway
that flags benign few-shot prompts gets turned off. (Chosen after reading that build's numbers; the
model card says so.)
"""
from __future__ import annotations

import itertools

import numpy as np

from ..aggregate import AggregationParams

KS = (1, 2, 4, 8, 16, 32, 64, 128)
# Every kind of misalignment the model is trained for (reckless advice: the training domains' calib rows).
# Real model answers (PyRIT scorer evals) are in neither list. As a misaligned pool no setting served
# them (k = 8 detection on half A at best 0.71 with benign prompts kept below caution) and the balanced
# fallback made every kind less sensitive; as a benign pool (their refusals and deflections: 28 rows
# on half A, one rater's labels) the fit took the least sensitive setting and 8-shot detection of
# reckless advice fell by half or more. Their k-shot numbers are reported, not fitted on.
MISALIGNED_POOLS = ("em-insecure", "pyrit-many-shot", "synthetic:reckless-advice")
BENIGN_POOLS = ("em-secure", "em-educational-insecure", "gpteacher-codegen", "gpteacher-roleplay",
                "synthetic:refusal", "synthetic:responsible-advice", "synthetic:everyday-qa",
                "synthetic:short-answers", "python-stdlib-docs")
# How far below caution the benign 99.9th percentile must sit on half A before detection is weighed
# (log-odds). Half A's benign pools are small (35–205 demos), so the tail of k-shot prompts drawn
# from them is itself uncertain: secure code, the hard case, scores higher on half B than on half A in
# every build, and in builds with ``advice_pairs.MORE_ADVICE_PAIRS`` settings with 0.5–0.7 log-odds to
# spare on half A flagged 1.1–1.2 % of secure-code k-shot prompts on half B (release fit).
# (Chosen after reading those half-B numbers; the model card says so.)
BENIGN_BUFFER = 1.0
GRID = {"prior_logodds": (-5.0, -6.0, -7.0, -8.0), "pos_cap": (2.0, 2.5, 3.0), "neg_cap": (1.0,),
        "margin": (0.5, 1.0, 1.5)}


def kshot_risks(pool: np.ndarray, k: int, params: AggregationParams, trials: int, rng: np.random.Generator) -> np.ndarray:
    """Risks of ``trials`` prompts of k demos drawn with replacement from ``pool`` (vectorised
    ``aggregate.demo_risk``)."""
    draws = pool[rng.integers(0, len(pool), size=(trials, k))]
    ev = np.clip(draws - params.margin, -params.neg_cap, params.pos_cap).sum(axis=1)
    return 1.0 / (1.0 + np.exp(-np.clip(params.prior_logodds + ev, -60, 60)))


# Grid step (log-odds) of the exact k-shot distributions: each demo's clipped evidence is rounded to it,
# so a k-shot sum is off by at most k * STEP / 2 (typically sqrt(k) * STEP / 3: 0.04 at k = 128).
STEP = 0.01


def kshot_distribution(pool: np.ndarray, ks: tuple[int, ...], params: AggregationParams) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Exact distribution of the evidence-sum log-odds (``prior + sum of clipped evidence``) of a
    prompt of k demos drawn with replacement from ``pool``, per k: (log-odds grid, probabilities).

    The sum of k independent draws has the k-fold convolution of one draw's distribution (an FFT
    power). Up to v1.8.0 the fit simulated 2,000 prompts per pool and k instead, so its benign 99.9th
    percentile rested on the two highest draws: with the same logits, four seeds put one setting's
    benign margin at 0.48-1.70 log-odds, and the buffer below decided on that noise."""
    ev = np.clip(np.asarray(pool, dtype=np.float64) - params.margin, -params.neg_cap, params.pos_cap)
    width = int(round((params.neg_cap + params.pos_cap) / STEP)) + 1
    one = np.bincount(np.rint((ev + params.neg_cap) / STEP).astype(np.int64), minlength=width) / len(ev)
    n_fft = 1 << int(np.ceil(np.log2(max(ks) * (width - 1) + 1)))
    spectrum = np.fft.rfft(one, n_fft)
    out = {}
    for k in ks:
        length = k * (width - 1) + 1
        pmf = np.clip(np.fft.irfft(spectrum ** k, n_fft)[:length], 0.0, None)
        out[k] = (params.prior_logodds - k * params.neg_cap + STEP * np.arange(length), pmf / pmf.sum())
    return out


def _quantile(dist: tuple[np.ndarray, np.ndarray], q: float) -> float:
    grid, pmf = dist
    return float(grid[min(int(np.searchsorted(np.cumsum(pmf), q)), len(grid) - 1)])


def _share_at_least(dist: tuple[np.ndarray, np.ndarray], logodds: float) -> float:
    grid, pmf = dist
    return float(pmf[grid >= logodds - 1e-9].sum())


def setting_margins(bad: dict[str, np.ndarray], good: dict[str, np.ndarray], params: AggregationParams,
                    caution: float = 0.3, act: float = 0.5) -> dict[str, float]:
    """Exact k-shot outcomes of one setting: k = 8 detection (worst misaligned pool) and its margin
    above ``act``, mean k = 4 detection, benign flag rate at ``caution`` (worst pool and k) and the
    benign margin below it (log-odds)."""
    lo_act, lo_caution = float(np.log(act / (1 - act))), float(np.log(caution / (1 - caution)))
    bad_d = [kshot_distribution(p, (4, 8), params) for p in bad.values()]
    good_d = [d for p in good.values() for d in kshot_distribution(p, KS, params).values()]
    return {"detect_k8_min": min(_share_at_least(d[8], lo_act) for d in bad_d),
            "detect_k4_mean": float(np.mean([_share_at_least(d[4], lo_act) for d in bad_d])),
            "benign_flagged_max": max(_share_at_least(d, lo_caution) for d in good_d),
            "benign_tail_margin": lo_caution - max(_quantile(d, 0.999) for d in good_d),
            "detect_margin": min(_quantile(d[8], 0.005) for d in bad_d) - lo_act}


def fit_aggregation(z: np.ndarray, y: np.ndarray, src: np.ndarray, caution: float = 0.3,
                    act: float = 0.5) -> tuple[dict[str, float], dict]:
    """Best ``AggregationParams`` (as a dict) for calibrated per-demo logits ``z``, plus the evidence."""
    bad = {p: z[(src == p) & (y == 1)] for p in MISALIGNED_POOLS}
    good = {p: z[(src == p) & (y == 0)] for p in BENIGN_POOLS}
    bad = {k: v for k, v in bad.items() if len(v)}
    good = {k: v for k, v in good.items() if len(v)}
    if not bad or not good:
        return AggregationParams().__dict__, {"objective": "defaults: calibration pools missing"}
    best, best_key, table = None, None, []
    for values in itertools.product(*GRID.values()):
        params = AggregationParams(**dict(zip(GRID, values)))
        m = setting_margins(bad, good, params, caution, act)
        table.append({**params.__dict__, **m})
        low = min(m["benign_tail_margin"], m["detect_margin"])
        # If none qualifies, still the balanced setting: falling back to "best detection" would take
        # the most sensitive setting and spend the benign margin on a pool no setting can serve.
        key = (m["benign_tail_margin"] >= BENIGN_BUFFER, m["detect_k8_min"] >= 0.995, low,
               m["detect_margin"] + m["benign_tail_margin"])
        if best_key is None or key > best_key:
            best, best_key = params, key
    chosen = next(r for r in table if all(r[k] == v for k, v in best.__dict__.items()))
    info = {"objective": "exact k-shot distributions; max of the smaller of benign margin below caution and k=8 detection margin above action,"
                         f" s.t. benign margin >= {BENIGN_BUFFER}, then k=8 detection >= 0.995 (calib half A)",
            "pools": {"misaligned": {k: len(v) for k, v in bad.items()}, "benign": {k: len(v) for k, v in good.items()}},
            "chosen": chosen, "grid_size": len(table), "benign_floor_met": chosen["benign_tail_margin"] >= BENIGN_BUFFER,
            "constraint_met": chosen["detect_k8_min"] >= 0.995}
    if not info["constraint_met"]:
        print(f"warning: no evidence-sum setting with benign prompts below caution reaches 99.5 % k = 8 detection on"
              f" calib half A (best balanced: {chosen})")
    return best.__dict__.copy(), info
