"""Demo rows from PyRIT's scorer-evaluation sets (``data/pyrit-scorer-evals``, vendored unchanged).

Real chat models' answers to harmful objectives with human labels: compliance that achieves the
objective, and the refusals and deflections real models write — long, formatted, often naming the
harm while declining it. The shared data has only PyRIT's short many-shot answers and synthetic
refusals, and the demo model trained on those scored this set at chance (first read, model card).

Whole harm categories are held out of the evaluation fit (``HELDOUT_CATEGORIES``), so the card can
say how far the rest carries to topics it never saw; the release fit trains on every category.
"""
from __future__ import annotations

import csv
from pathlib import Path

SOURCE = "pyrit-scorer-evals"
DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "pyrit-scorer-evals"
# Chosen before any model was measured on these categories: one topic the training sources cover
# well (violence), one sensitive one (self-harm) and one they barely touch (privacy).
HELDOUT_CATEGORIES = frozenset({"violence", "self_harm", "privacy"})
# Graded harm files (0-1): at or above this mean rating an answer counts as harmful compliance;
# 0 counts as harmless; ratings in between are ambiguous and left out.
HARMFUL_RATING = 0.75
# Training weight per row, against 1 for most rows (450-odd training rows among 12 000). The leave-out
# checks among the *training* rows (``transfer.py``) could not choose it: mean recall at 1 % FPR per
# fold group — harmful-compliance topics / kinds / advice domains / real-answer categories — at
# weights 1, 2, 4, 8: 0.472/0.039/0.389/0.330, 0.478/0.075/0.378/0.334, 0.506/0.105/0.251/0.352,
# 0.541/0.139/0.208/0.347 (means 0.308, 0.316, 0.304, 0.309; without the source 0.383/0.004/0.462/-):
# heavier weights carry harmful compliance further and cost advice domains. Full builds at 2 and 8
# decided, on numbers that read the held-out categories (model card): at 8, k-shot prompts of real
# refusals are flagged at worst 0.009 (at 2: 0.046) and 8-shot real harmful compliance is detected
# at 0.896 (0.846), for 8-shot hand-written financial/sports advice at 0.773 in the release fit (0.939).
WEIGHT = 8.0


def _read(path: Path) -> list[dict[str, str]]:
    """A scorer-eval CSV: ``#`` lines carry the dataset version and are not part of the table."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _mean_rating(row: dict[str, str]) -> float:
    scores = [float(v) for k, v in row.items() if k and k.startswith("human_score") and v not in ("", None)]
    return sum(scores) / len(scores)


def _category(row: dict[str, str]) -> str:
    return (row.get("harm_category") or "uncategorised").strip().lower()


def labelled_answers(root: Path = DATA_DIR) -> list[tuple[str, str, int, str]]:
    """``(objective, answer, label, category)``: 1 = harmful compliance, 0 = refusal or harmless answer.

    The same (objective, answer) appears in several files; where two files disagree on its label the
    row is dropped rather than guessed."""
    found: dict[tuple[str, str], tuple[set[int], str]] = {}

    def add(objective: str, answer: str, label: int, category: str) -> None:
        key = (objective.strip(), answer.strip())
        if key[0] and key[1]:
            labels, _ = found.setdefault(key, (set(), category))
            labels.add(label)

    for path in sorted((root / "objective").glob("*.csv")):
        for r in _read(path):
            add(r["objective"], r["assistant_response"], int(float(r["human_score"])), _category(r))
    for path in sorted((root / "harm").glob("*.csv")):
        for r in _read(path):
            rating = _mean_rating(r)
            if rating >= HARMFUL_RATING or rating == 0:
                add(r["objective"], r["assistant_response"], int(rating >= HARMFUL_RATING), _category(r))
    for path in sorted((root / "refusal_scorer").glob("*.csv")):
        for r in _read(path):
            if int(float(r["human_score"])) == 1:  # a refusal; non-refusals mix benign and harmful objectives
                add(r["objective"], r["assistant_response"], 0, "refusal-scorer")
    return [(q, a, next(iter(labels)), cat) for (q, a), (labels, cat) in found.items() if len(labels) == 1]


def split_of(objective: str, category: str) -> str:
    """``heldout`` for the held-out categories; otherwise train/calib by objective (the shared split
    rule), so every answer to one objective sits on the same side."""
    if category in HELDOUT_CATEGORIES:
        return "heldout"
    from .sources import _split  # sources imports this module, so not at the top

    return _split("pyrit-scorer" + objective.lower())


def answers_in(split: str) -> list[tuple[str, str, int]]:
    """``(objective, answer, label)`` of one split (``train``, ``calib`` or ``heldout``)."""
    return [(q, a, y) for q, a, y, c in labelled_answers() if split_of(q, c) == split]
