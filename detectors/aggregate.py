"""Evidence accumulation: per-demonstration scores → request-level risk.

Each demonstration i gets a classifier logit z_i = log(p_i / (1 - p_i)). The classifier is trained
on balanced classes, so z_i estimates the log-likelihood ratio
    l_i = log P(x_i | misaligned) / P(x_i | aligned).
Treating demonstrations as conditionally independent evidence about one question — "is this
prompt a dense misaligned demonstration set?" — Bayes gives the posterior log-odds

    L = log(pi / (1 - pi)) + sum_i clip(l_i - m, -c_neg, +c_pos)

with a small benign prior pi (attacks are rare), and risk = sigmoid(L).

* The sum grows linearly with the number of misaligned demos, as attack success grows with the
  number of shots; a weak per-demo signal becomes a strong request-level one: with per-demo mean
  evidence mu and spread sigma, the sum over k demos has mean k*mu and spread sqrt(k)*sigma, so
  separation grows like sqrt(k) (k = 32 turns AUC 0.79 per demo into near-perfect detection).
* ``c_pos`` caps what one demo can add, so one confidently-wrong score cannot block a benign prompt
  on its own; ``c_neg`` caps what one benign-looking demo can subtract, which is what keeps long
  benign few-shot prompts low when a few of their demos score high. It does not make padding
  useless: with the fitted caps (3 and 1) about three benign demos cancel one misaligned demo, so an
  attack padded 3:1 with harmless examples is not flagged (``bench/dilution.py``; the model card's
  "Known gaps" lists what was tried). ``m`` is a margin that makes undecided demos (p near 0.5)
  count slightly against.
* risk is monotone in every l_i, so it is usable for ROC curves.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class AggregationParams:
    prior_logodds: float = -6.0
    pos_cap: float = 3.0
    neg_cap: float = 1.0
    margin: float = 0.5


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def evidence(logits: list[float], p: AggregationParams) -> float:
    return sum(max(-p.neg_cap, min(p.pos_cap, z - p.margin)) for z in logits)


def demo_risk(logits: list[float], p: AggregationParams) -> float:
    """Request-level risk from per-demo logits; 0 when there are no demonstrations."""
    if not logits:
        return 0.0
    return sigmoid(p.prior_logodds + evidence(logits, p))


def noisy_or(scores: list[float]) -> float:
    q = 1.0
    for s in scores:
        q *= 1.0 - min(1.0, max(0.0, s))
    return 1.0 - q
