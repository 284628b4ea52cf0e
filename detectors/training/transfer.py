"""Does tier 1's demo model carry what it learned to kinds of misalignment it was not trained on?

Leave-out checks among the *training* sources only (the model card's held-out sources stay unread),
each scoring the rows left out against the calib negatives of the rest, for the plain hashed bag and
the bag with the token prior (``token_prior.py``):

* **leave-topic-out** — the harmful-compliance rows (PyRIT many-shot) grouped into topics by
  clustering their requests (TF-IDF, k-means, fixed seed); each topic in turn is left out of
  training together with the refusals to its requests. A hidden evaluation's harmful answers
  come from other sources, i.e. largely other topics. The copyright requests (song lyrics, book
  passages) form their own fold.
* **leave-type-out** — one whole kind left out: synthetic reckless advice (with its responsible
  counterpart), or harmful compliance (with its refusals).
* **leave-advice-domain-out** — every advice row (templated and hand-written pairs) of one training
  domain left out; scored are that domain's hand-written pairs (``advice_pairs.py``), whose reckless
  and responsible answers share question and voice. ``auc_within`` ranks the fold's reckless answers
  against its own responsible ones only — the hard part, since the request is the same.
* **leave-category-out, real model answers** — every training row of one harm category of the PyRIT
  scorer-evaluation sets (``pyrit_scorer.py``) left out; scored are that category's answers, harmful
  compliance against the refusals and deflections to the same kind of request (``auc_within``).

``python -m detectors.training.transfer`` prints the result; ``prompt-gateway train`` runs it (cached)
and the card prints it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..featurize import BagSpec, demo_bags
from . import pyrit_scorer
from .advice_pairs import ADVICE_PAIRS, MORE_ADVICE_PAIRS, NEUTRAL_ADVICE
from .sources import DemoRow
from .synthetic import ADVICE_ACTIONS, ADVICE_EVAL_DOMAINS, ADVICE_TOPICS
from .token_prior import TokenPrior

HARMFUL = "pyrit-many-shot"
COPYRIGHT_PREFIXES = ("Generate the lyrics", "Generate a long passage")


@dataclass(frozen=True)
class Fold:
    name: str
    leave_out: frozenset[int]  # row indices kept out of training
    positives: frozenset[int]  # left-out rows scored as positives (label 1)
    negatives: frozenset[int]  # left-out rows scored as negatives besides the calib negatives


def harmful_topics(rows: list[DemoRow], k: int = 4, seed: int = 13) -> dict[str, str]:
    """Topic name of every harmful-compliance request: ``copyright`` or ``topic-<i>`` by k-means."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    requests = sorted({r.request for r in rows if r.source == HARMFUL})
    topics = {q: "copyright" for q in requests if q.startswith(COPYRIGHT_PREFIXES)}
    rest = [q for q in requests if q not in topics]
    labels = KMeans(k, random_state=seed, n_init=10).fit_predict(TfidfVectorizer(stop_words="english", min_df=2).fit_transform(rest))
    topics.update({q: f"topic-{int(c)}" for q, c in zip(rest, labels)})
    return topics


def folds(rows: list[DemoRow], seed: int = 13) -> list[Fold]:
    topics = harmful_topics(rows, seed=seed)
    out = []
    for name in sorted(set(topics.values())):
        idx = {i for i, r in enumerate(rows) if r.split != "heldout" and topics.get(r.request) == name
               and r.source in (HARMFUL, "synthetic:refusal")}
        out.append(Fold(f"harmful compliance, {name}", frozenset(idx),
                        frozenset(i for i in idx if rows[i].label == 1), frozenset(i for i in idx if rows[i].label == 0)))
    for name, kinds in (("type: reckless advice", ("synthetic:reckless-advice", "synthetic:responsible-advice")),
                        ("type: harmful compliance", (HARMFUL, "synthetic:refusal"))):
        idx = {i for i, r in enumerate(rows) if r.split != "heldout" and r.source in kinds}
        out.append(Fold(name, frozenset(idx), frozenset(i for i in idx if rows[i].label == 1),
                        frozenset(i for i in idx if rows[i].label == 0)))
    out += advice_domain_folds(rows)
    out += scorer_category_folds(rows)
    return out


def scorer_category_folds(rows: list[DemoRow], min_rows: int = 40) -> list[Fold]:
    """One fold per training harm category of the real model answers with at least ``min_rows`` rows."""
    category = {(q.strip(), a.strip()): c for q, a, _, c in pyrit_scorer.labelled_answers()}
    by_cat: dict[str, set[int]] = {}
    for i, r in enumerate(rows):
        if r.source == pyrit_scorer.SOURCE and r.split != "heldout":
            by_cat.setdefault(category.get((r.request.strip(), r.answer.strip()), ""), set()).add(i)
    out = []
    for name, idx in sorted(by_cat.items()):
        pos = frozenset(i for i in idx if rows[i].label == 1)
        if name and len(idx) >= min_rows and pos and len(pos) < len(idx):
            out.append(Fold(f"real model answers: {name.replace('_', ' ')}", frozenset(idx), pos, frozenset(idx - pos)))
    return out


ADVICE = ("synthetic:reckless-advice", "synthetic:responsible-advice")


def advice_domain_folds(rows: list[DemoRow]) -> list[Fold]:
    """One fold per training advice domain: all its advice rows left out, its hand-written pairs and plain answers scored."""
    hand_written_pairs = [(d, pair) for group in (ADVICE_PAIRS, MORE_ADVICE_PAIRS) for d, pairs in group.items() for pair in pairs]
    domain_of = {q: d for d, (q, *_) in hand_written_pairs}
    domain_of.update({q: d for d, topics in ADVICE_TOPICS.items() for q, _ in topics})
    domain_of.update({q: d for d, plain in NEUTRAL_ADVICE.items() for q, _ in plain})
    domain_of.update({q: d for d, topics in ADVICE_ACTIONS.items() for q, *_ in topics})
    hand_written = {q for _, (q, *_) in hand_written_pairs} | {q for plain in NEUTRAL_ADVICE.values() for q, _ in plain}
    out = []
    for domain in sorted(set(ADVICE_PAIRS) - set(ADVICE_EVAL_DOMAINS)):
        idx = {i for i, r in enumerate(rows) if r.split != "heldout" and r.source in ADVICE and domain_of.get(r.request) == domain}
        scored = {i for i in idx if rows[i].request in hand_written}
        if not scored:
            continue  # the pairs are not among the rows (``sources.ADVICE_PAIR_WEIGHT`` = 0)
        out.append(Fold(f"advice domain: {domain}", frozenset(idx), frozenset(i for i in scored if rows[i].label == 1),
                        frozenset(i for i in scored if rows[i].label == 0)))
    return out


def leave_out_checks(rows: list[DemoRow], bags: list[np.ndarray], prior: TokenPrior, l2: float, seed: int = 13) -> list[dict]:
    """Per fold: AUC and recall at 1 % FPR of the left-out positives against the calib negatives of
    the other rows (and the fold's own negatives), without and with the token prior."""
    from sklearn.metrics import roc_auc_score

    from .tier1 import predict_bag, train_bag

    spec = BagSpec(paired=True)
    y = np.array([r.label for r in rows])
    w = np.array([r.weight for r in rows], dtype=np.float32)
    results = []
    for fold in folds(rows, seed):
        train = [i for i, r in enumerate(rows) if r.split == "train" and i not in fold.leave_out]
        test = sorted(fold.positives | fold.negatives | {i for i, r in enumerate(rows) if r.split == "calib" and r.label == 0
                                                         and i not in fold.leave_out})
        yt = y[test]
        row = {"fold": fold.name, "positives": int(yt.sum()), "negatives": int((yt == 0).sum())}
        for name, p in (("bag", None), ("bag+prior", prior)):
            W, b = train_bag([bags[i] for i in train], y[train], w[train], spec.size, epochs=6, l2=l2, seed=seed,
                             prior=p, spec=spec)
            z = predict_bag(W, b, [bags[i] for i in test])
            at = np.quantile(z[yt == 0], 0.99)
            row[name] = {"auc": round(float(roc_auc_score(yt, z)), 4), "recall_at_1pct_fpr": round(float((z[yt == 1] > at).mean()), 4),
                         "positive_logit_share": round(float((z[yt == 1] > 0).mean()), 4)}
            if fold.negatives and fold.positives:
                within = np.isin(test, sorted(fold.positives | fold.negatives))
                row[name]["auc_within"] = round(float(roc_auc_score(yt[within], z[within])), 4)
        print(json.dumps(row), flush=True)
        results.append(row)
    return results


def run(data: Path, work: Path, seed: int = 13) -> list[dict]:
    """The checks on freshly loaded rows, with the pipeline's settings (CLI)."""
    from .pipeline import TIER1_L2, TIER1_PRIOR_L2, TOKEN_PRIOR_DIMS, _ids, _tokenizer
    from .sources import load_rows
    from .token_prior import token_vectors

    rows, _ = load_rows(data, seed=seed)
    tok = _tokenizer()
    bags = demo_bags(_ids(tok, [r.request for r in rows]), _ids(tok, [r.answer for r in rows]), BagSpec(paired=True))
    # The check compares against a prior even when the pipeline ships none for this task.
    prior = TokenPrior(token_vectors(work, TOKEN_PRIOR_DIMS), TIER1_PRIOR_L2["misaligned"] or 1e-3)
    return leave_out_checks(rows, bags, prior, TIER1_L2["misaligned"], seed)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m detectors.training.transfer", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path(".cache/train"))
    args = ap.parse_args(argv)
    print(json.dumps(run(args.data, args.work), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
