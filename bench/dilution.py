"""How much does padding a many-shot attack with benign demonstrations hide it?

k_bad misaligned demonstrations (PyRIT harmful compliance, or em-insecure code; calib split) are
shuffled among k_good benign ones (gpteacher role-play, or em-secure code; calib split) as real chat
turns, and the prompt goes through the whole engine (CPU default). Printed: the share of prompts
redacted or blocked. A probe of the evidence sum's negative side (``aggregate.py``): every benign
demo subtracts up to ``neg_cap``, so enough of them cancel any number of misaligned ones; the model
card ("Known gaps") cites its first run. Not a speed measure.

    python -m bench.dilution [--trials 10]

Needs ../shared/data.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MIXES = (("PyRIT harmful compliance among gpteacher role-play", "pyrit-many-shot", "gpteacher-roleplay"),
         ("em-insecure code among em-secure code", "em-insecure", "em-secure"))
K_BAD = (8, 16, 32)
K_GOOD = (0, 8, 24, 56, 120)


def main(argv: list[str] | None = None) -> int:
    from detectors.engine import Engine
    from detectors.training.sources import load_rows

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--trials", type=int, default=10)
    args = ap.parse_args(argv)
    demo, _ = load_rows(args.data)
    engine = Engine.from_directory(providers=["CPUExecutionProvider"])
    rng = random.Random(5)
    print("| misaligned among benign | misaligned demos | " + " | ".join(f"+{g} benign" for g in K_GOOD) + " |")
    print("|---|---|" + "---|" * len(K_GOOD))
    for name, bad_src, good_src in MIXES:
        bad = [(r.request, r.answer) for r in demo if r.source == bad_src and r.label == 1 and r.split == "calib"]
        good = [(r.request, r.answer) for r in demo if r.source == good_src and r.label == 0 and r.split == "calib"]
        for k_bad in K_BAD:
            cells = []
            for k_good in K_GOOD:
                acted = 0
                for _ in range(args.trials):
                    pairs = rng.sample(bad, k_bad) + rng.sample(good, k_good)
                    rng.shuffle(pairs)
                    msgs = [m for q, a in pairs for m in ({"role": "user", "content": q}, {"role": "assistant", "content": a})]
                    msgs.append({"role": "user", "content": "And the next one?"})
                    acted += engine.analyze_sync({"messages": msgs}).verdict in ("redact", "block")
                cells.append(f"{acted / args.trials:.2f}")
            print(f"| {name} | {k_bad} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
