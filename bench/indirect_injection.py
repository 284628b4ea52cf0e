"""Indirect injection buried in long benign text: how well does tier 1 find it?

Carriers are 3–8 long benign answers (gpteacher, em-secure; calib half A) joined as one document;
the attacked copy has one injection from calib half A (s-labs, neuralchemy) inserted between two
paragraphs. Scored two ways with the shipped tier-1 injection model: as the engine scores a message
(one bag, plus the max over 128-token windows when the model's manifest sets `window_tokens`) and
explicitly as the max over 128-token windows (stride 96). Prints recall at 1 % and
0.25 % false-positive rate over the carriers, the share of carriers over the shipped caution, and
what the whole engine (rules included) does with both sets.

    python -m bench.indirect_injection [--n 300] [--format text|json]

``--format json`` renders each document as a search tool's JSON result list (one result per
paragraph), the attacked copy with the payload appended to one result's snippet, and sends it as a
``tool`` message: indirect injection through a tool output.

Needs ../shared/data. Rows come from calib half A, so model-card numbers (half B) are untouched.
"""
from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    from tokenizers import Tokenizer

    from detectors.scoring import Item, ModelSet, Scorer
    from detectors.training.sources import load_demo_rows, load_injection_rows, row_half

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--format", choices=["text", "json"], default="text")
    args = ap.parse_args(argv)
    payloads = [r.text for r in load_injection_rows(args.data, per_source=3000, large=None)
                if r.split == "calib" and row_half(r) == 0 and r.label == 1 and r.source in ("s-labs", "neuralchemy")]
    answers = [r.answer for r in load_demo_rows(args.data)
               if r.source in ("gpteacher-roleplay", "gpteacher-codegen", "em-secure") and r.split == "calib" and row_half(r) == 0]
    rng = random.Random(0)
    carriers, attacked = [], []
    for _ in range(args.n):
        paras = [rng.choice(answers) for _ in range(rng.randint(3, 8))]
        if args.format == "json":
            from detectors.training.synthetic import json_results

            at = rng.randrange(len(paras))
            carriers.append(json_results(paras))
            attacked.append(json_results(paras[:at] + [paras[at] + " " + rng.choice(payloads)] + paras[at + 1:]))
            continue
        at = rng.randrange(len(paras) + 1)
        carriers.append("\n\n".join(paras))
        attacked.append("\n\n".join(paras[:at] + [rng.choice(payloads)] + paras[at:]))

    models = ModelSet.load(use_encoder=False)
    scorer = Scorer(models, tier2_budget=0)
    tok = Tokenizer.from_file(str(models.tokenizer_path))
    tok.no_truncation()
    tok.no_padding()

    def whole(texts: list[str]) -> np.ndarray:
        res, _ = scorer.score([Item("injection", text=t) for t in texts])
        return np.array([r.logit for r in res])

    def windowed(texts: list[str], size: int = 128, stride: int = 96) -> np.ndarray:
        out = []
        for t in texts:
            ids = tok.encode(t, add_special_tokens=False).ids
            wins = [ids[s : s + size] for s in range(0, max(1, len(ids) - size + stride), stride)] or [ids]
            out.append(float(whole([tok.decode(w) for w in wins]).max()))
        return np.array(out)

    caution = models.recommended_thresholds()["injection_classifier"]["caution"]
    caution_logit = math.log(caution / (1 - caution))
    print(f"{args.n} carriers, median {int(np.median([len(tok.encode(c).ids) for c in carriers]))} tokens")
    for name, score in (("as the engine", whole), ("max over windows", windowed)):
        zn, zp = score(carriers), score(attacked)
        rec = {f: float((zp > np.quantile(zn, 1 - f)).mean()) for f in (0.01, 0.0025)}
        print(f"{name:17s} recall@1%FPR {rec[0.01]:.3f}  recall@0.25%FPR {rec[0.0025]:.3f}  "
              f"carriers over shipped caution {float((zn > caution_logit).mean()):.3f}")
    from detectors.engine import Engine
    from detectors.training.evaluate import as_tool_result

    engine = Engine(models)
    def request(t: str) -> dict:
        if args.format == "text":
            return {"messages": [{"role": "user", "content": t}]}
        return as_tool_result(t)

    acted = {name: float(np.mean([engine.analyze_sync(request(t)).verdict != "allow" for t in texts]))
             for name, texts in (("carriers", carriers), ("attacked", attacked))}
    print(f"whole engine (rules + tier 1, CPU default): any action on {acted['attacked']:.3f} of attacked, "
          f"{acted['carriers']:.3f} of carriers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
