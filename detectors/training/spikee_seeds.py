"""Prompt injections from spikee 0.9.2's seed datasets (WithSecure, Apache-2.0): evaluation only.

spikee is a prompt-injection testing kit. A seed folder holds jailbreak wrappers (``<INSTRUCTION>``
marks where the attacker's task goes), the tasks themselves (markdown-image exfiltration, XSS,
flooding the output, stealing a password-reset token), and base documents (an e-mail, or a bare
placeholder for a direct attack); ``spikee generate`` composes them. Its wrappers come in English and
in four low-resource languages (Zulu, Albanian, Irish, Scottish Gaelic), paired by language. The
seeds are vendored unchanged in ``data/spikee-seeds`` (provenance there). No training source holds
them, so they give a read of injection recall on a source neither fit has seen, direct and inside an
e-mail. The benign side: spikee's false-positive seeds (ordinary investment questions for a topical
guardrail) and the e-mails with nothing injected.

:func:`load_prompts` composes the way ``spikee generate`` does with its defaults (``generator.py``:
the wrapper's ``<INSTRUCTION>`` replaced by the task, languages matched, the result wrapped in the
default delimiter ``"\\nINJECTION_PAYLOAD\\n"`` and put in the document's placeholder, or at its end).
No plugin (encodings, translations) is applied.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

SOURCE = "spikee-seeds"
DATA = Path(__file__).resolve().parents[2] / "data" / "spikee-seeds"
ATTACK_SEEDS = ("seeds-cybersec-2026-01", "seeds-llm-mailbox")
BENIGN_SEED = "seeds-investment-advice-fp"
DELIMITER = "\nINJECTION_PAYLOAD\n"  # spikee's default --injection-delimiters
PER_GROUP = 150
SEED = 13


@dataclass(frozen=True)
class Prompt:
    group: str  # "direct", "in an e-mail"; for benign prompts, where they come from
    lang: str
    text: str
    injected: bool


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _compose(document: dict, wrapper: dict, task: dict) -> str:
    payload = DELIMITER.replace("INJECTION_PAYLOAD", wrapper["text"].replace("<INSTRUCTION>", task["instruction"]))
    placeholder = document.get("placeholder")
    if placeholder:
        return document["document"].replace(placeholder, payload)
    return document["document"] + payload


def load_prompts(per_group: int = PER_GROUP, seed: int = SEED) -> list[Prompt]:
    """Injected prompts (at most ``per_group`` per group and language family, seeded) and benign ones."""
    attacks: dict[tuple[str, str], set[str]] = {}
    emails: set[str] = set()
    for folder in ATTACK_SEEDS:
        root = DATA / folder
        wrappers, tasks = _rows(root / "jailbreaks.jsonl"), _rows(root / "instructions.jsonl")
        for document in _rows(root / "base_user_inputs.jsonl"):
            group = "direct" if document.get("placeholder") else "in an e-mail"
            if group == "in an e-mail":
                emails.add(document["document"])
            for wrapper in wrappers:
                for task in tasks:
                    lang = wrapper.get("lang", "en")
                    if lang != task.get("lang", "en"):
                        continue
                    family = "English" if lang == "en" else "Zulu, Albanian, Irish, Gaelic"
                    attacks.setdefault((group, family), set()).add(_compose(document, wrapper, task))
    out: list[Prompt] = []
    for (group, family), texts in sorted(attacks.items()):
        rng = random.Random(f"{seed}:{group}:{family}")
        chosen = sorted(texts)
        out += [Prompt(group, family, t, True) for t in rng.sample(chosen, min(per_group, len(chosen)))]
    out += [Prompt("the e-mails alone", "English", t, False) for t in sorted(emails)]
    out += [Prompt("investment questions (spikee's false-positive seeds)", "English", r["text"], False)
            for r in _rows(DATA / BENIGN_SEED / "standalone_user_inputs.jsonl")]
    return out
