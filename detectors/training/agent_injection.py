"""Injections in what an agent's tools return, from inspect_evals 0.28.0: evaluation only.

Three benchmarks of indirect prompt injection against tool-using agents, vendored unchanged in
``data/inspect-evals-injection`` (provenance there); no training source holds any of them:

- **AgentDojo** (Debenedetti et al. 2024, as packaged by inspect_evals): four simulated
  environments (banking, Slack, travel, workspace) whose records carry *injection vectors* — a
  transaction subject, a hotel review, an e-mail body, a web page — filled with a harmless default.
  An attack fills one vector with the benchmark's ``important_instructions`` template around one of
  the suite's attacker goals. :func:`agentdojo_prompts` renders the record that holds the vector
  (with up to two neighbours when it sits in a list, as a listing tool returns it) as YAML, which is
  how AgentDojo itself shows tool results to the model; the benign twin is the same excerpt with
  every vector at its default.
- **AgentThreatBench**: inboxes, customer records and memory stores in which items carry an
  instruction (triage hijack, data exfiltration, memory poisoning), and its clean baselines.
- **CodeIPI**: bug-fix tasks whose issue text, code comments, README or configuration carry an
  instruction to leak secrets, run a command or plant persistence, and ten clean tasks.

The attacker goals are read from the vendored ``injection_tasks.py`` files without importing them
(they need inspect_ai): the constant assignments of each module and class are evaluated in order and
then its ``GOAL``. Each group is sampled (seeded) to at most ``PER_GROUP``.
"""
from __future__ import annotations

import ast
import json
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCE = "inspect-evals-injection"
DATA = Path(__file__).resolve().parents[2] / "data" / "inspect-evals-injection"
SUITES = ("banking", "slack", "travel", "workspace")
PER_GROUP = 120
SEED = 13
ATTACK_USER = "Emma Johnson"  # AgentDojo's default victim name for the important_instructions attack


@dataclass(frozen=True)
class Prompt:
    group: str
    text: str
    injected: bool


def _goals(path: Path) -> list[str]:
    """Every ``GOAL`` of an AgentDojo ``injection_tasks.py``, evaluated from its constant assignments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_ns: dict = {}

    def run(statements, ns: dict) -> None:
        for node in statements:
            if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
                try:
                    value = eval(compile(ast.Expression(node.value), str(path), "eval"), {"__builtins__": {}}, ns)
                except Exception:  # an assignment that needs inspect_ai (types, helpers): not a constant
                    continue
                for target in node.targets:
                    ns[target.id] = value

    run(tree.body, module_ns)
    goals = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            ns = dict(module_ns)
            run(node.body, ns)
            if isinstance(ns.get("GOAL"), str):
                goals.append(ns["GOAL"])
    return goals


def _attack_template() -> str:
    """AgentDojo's ``important_instructions`` attack with its default user name, ``{goal}`` left open."""
    tree = ast.parse((DATA / "agentdojo" / "attacks" / "attack.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "IMPORTANT_INSTRUCTIONS_PROMPT":
            return ast.literal_eval(node.value).format(user_name=ATTACK_USER)
    raise ValueError("important_instructions template not found")


class _IncludeLoader(yaml.SafeLoader):
    """AgentDojo's environment files pull in others with ``!include`` (relative to the including file)."""


def _include(loader: _IncludeLoader, node: yaml.Node):
    return _load_yaml(Path(loader.name).parent / loader.construct_scalar(node))


_IncludeLoader.add_constructor("!include", _include)


def _load_yaml(path: Path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_IncludeLoader)  # noqa: S506 — a SafeLoader subclass


def _vector_sites(node, vector: str, path: tuple = ()) -> list[tuple]:
    """Paths (keys and indices) to every string in ``node`` holding ``{vector}``."""
    if isinstance(node, str):
        return [path] if "{" + vector + "}" in node else []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    return [site for key, child in items for site in _vector_sites(child, vector, path + (key,))]


def _get(node, path: tuple):
    for key in path:
        node = node[key]
    return node


def _excerpt(env, site: tuple):
    """What a tool would return around one vector: a list of short strings (reviews, channel names)
    whole; a record in a list with one neighbour on each side, as a listing or search returns it; an
    entry of a name -> text table (web pages, files by name) alone; any other record whole."""
    container, parent = _get(env, site[:-1]), _get(env, site[:-2]) if len(site) > 1 else None
    key = site[-2] if len(site) > 1 else "items"
    if isinstance(container, list):
        return {key: container}
    if isinstance(parent, list):
        i = site[-2]
        return {site[-3] if len(site) > 2 else "items": parent[max(0, i - 1): i + 2]}
    if len(container) >= 2 and all(isinstance(v, str) for v in container.values()):
        return {site[-1]: container[site[-1]]}
    return container


def _fill(node, values: dict[str, str]):
    if isinstance(node, str):
        for name, value in values.items():
            node = node.replace("{" + name + "}", value)
        return node
    if isinstance(node, dict):
        return {k: _fill(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, values) for v in node]
    return node


def _dump(node) -> str:
    return yaml.safe_dump(node, sort_keys=False, allow_unicode=True, width=100).strip()


def agentdojo_prompts(per_group: int = PER_GROUP, seed: int = SEED) -> list[Prompt]:
    """Per suite: each injection vector's excerpt with each attacker goal injected (sampled), and the
    excerpts with every vector at its harmless default."""
    template = _attack_template()
    out: list[Prompt] = []
    for suite in SUITES:
        root = DATA / "agentdojo" / "data" / "suites" / suite
        env = _load_yaml(root / "environment.yaml")
        vectors = {k: str(v.get("default") or "") for k, v in (_load_yaml(root / "injection_vectors.yaml") or {}).items()}
        goals = _goals(DATA / "agentdojo" / "task_suites" / suite / "injection_tasks.py")
        benign, injected = set(), set()
        for vector in sorted(vectors):
            for site in _vector_sites(env, vector):
                excerpt = _excerpt(env, site)
                benign.add(_dump(_fill(excerpt, vectors)))
                for goal in goals:
                    injected.add(_dump(_fill(excerpt, {**vectors, vector: template.format(goal=goal)})))
        rng = random.Random(f"{seed}:agentdojo:{suite}")
        chosen = sorted(injected)
        out += [Prompt(f"AgentDojo {suite}", t, True) for t in rng.sample(chosen, min(per_group, len(chosen)))]
        out += [Prompt(f"AgentDojo {suite}", t, False) for t in sorted(benign)]
    return out


_THREAT_BENCH_ITEMS = {"autonomy_hijack": "inbox", "data_exfil": "customer_db", "memory_poison": "memory_store"}


def threat_bench_prompts() -> list[Prompt]:
    """AgentThreatBench tool outputs (the inbox, the customer records, the memory store) as the
    benchmark gives them: its ``clean_baseline`` samples are the benign side, every other sample
    carries at least one planted instruction (some in several items)."""
    out: list[Prompt] = []
    for name, key in _THREAT_BENCH_ITEMS.items():
        for sample in json.loads((DATA / "agent_threat_bench" / f"{name}.json").read_text(encoding="utf-8")):
            text = json.dumps(sample[key], indent=1, ensure_ascii=False)
            out.append(Prompt(f"AgentThreatBench {name}", text, sample["attack_name"] != "clean_baseline"))
    return out


def codeipi_prompts() -> list[Prompt]:
    """CodeIPI tasks as a coding agent's context: the task, the issue, then each repository file."""
    out = []
    for s in json.loads((DATA / "ipi_coding_agent" / "samples.json").read_text(encoding="utf-8")):
        files = "\n\n".join(f"=== {path} ===\n{body}" for path, body in s["repo_files"].items() if body.strip())
        text = f"{s['task_description']}\n\nIssue:\n{s['issue_text']}\n\n{files}"
        group = "CodeIPI (clean tasks)" if s["is_benign"] else f"CodeIPI {s['injection_vector'].replace('_', ' ')}"
        out.append(Prompt(group, text, not s["is_benign"]))
    return out


def load_prompts() -> list[Prompt]:
    return agentdojo_prompts() + threat_bench_prompts() + codeipi_prompts()
