"""Does the response audit leave long, benign technical answers alone?

Answers here are real documentation: the docstrings of installed third-party packages (numpy,
pydantic, httpx, fastapi, starlette, redis, prometheus-client, PyYAML, onnxruntime, tokenizers,
openai — none of them training data), each given as the answer to a templated question ("What does
numpy.linalg.solve do?"), and audited with the shipped response thresholds (CPU default). Printed:
the share flagged and blocked per answer length, and the share of the same docstrings the whole
engine acts on when a user pastes one ("Can you explain this documentation?" and the docstring). A
probe of false positives, not a speed measure; the model card cites its runs.

    python -m bench.long_answers [--per-package 60]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import importlib
import inspect
import pkgutil
import warnings

PACKAGES = ("numpy", "pydantic", "httpx", "fastapi", "starlette", "redis", "prometheus_client", "yaml",
            "onnxruntime", "tokenizers", "openai")
BUCKETS = ((0, 500), (500, 1500), (1500, 4000), (4000, 10**9))


def package_docs(package: str, limit: int) -> list[tuple[str, str]]:
    """(qualified name, docstring) of a package's modules, classes and functions, in sorted order."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            root = importlib.import_module(package)
    except Exception:
        return []
    modules = [root]
    for info in sorted(pkgutil.walk_packages(getattr(root, "__path__", []), package + "."), key=lambda m: m.name):
        if len(modules) > 40 or "._" in info.name or ".tests" in info.name or ".testing" in info.name:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                modules.append(importlib.import_module(info.name))
        except Exception:
            continue
    out, seen = [], set()
    for mod in modules:
        for name in [None] + sorted(a for a in dir(mod) if not a.startswith("_")):
            obj = mod if name is None else getattr(mod, name, None)
            if name is not None and not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            doc = inspect.getdoc(obj)
            if doc and len(doc) >= 200 and doc.isascii() and doc not in seen:
                seen.add(doc)
                out.append((mod.__name__ if name is None else f"{mod.__name__}.{name}", doc))
            if len(out) >= limit:
                return out
    return out


def main(argv: list[str] | None = None) -> int:
    from detectors.engine import Engine

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-package", type=int, default=60)
    args = ap.parse_args(argv)
    engine = Engine.from_directory(providers=["CPUExecutionProvider"])
    thresholds = engine.default_thresholds()
    counts: dict[tuple[int, int], collections.Counter] = {b: collections.Counter() for b in BUCKETS}
    used = []
    for package in PACKAGES:
        docs = package_docs(package, args.per_package)
        if docs:
            used.append(f"{package} {len(docs)}")
        for name, doc in docs:
            rr = asyncio.run(engine.audit_response(doc, {"messages": [{"role": "user", "content": f"What does {name} do?"}]},
                                                   thresholds))
            bucket = next(b for b in BUCKETS if b[0] <= len(doc) < b[1])
            counts[bucket][rr.verdict] += 1
            pasted = engine.analyze_sync({"messages": [{"role": "user", "content": f"Can you explain this documentation?\n\n{doc}"}]})
            counts[bucket]["pasted acted on"] += pasted.verdict != "allow"
    print("docstrings:", ", ".join(used))
    print("| answer length (characters) | n | flagged | blocked | pasted: acted on |\n|---|---|---|---|---|")
    for (lo, hi), c in counts.items():
        n = sum(c[v] for v in ("allow", "flag", "block"))
        if n:
            label = f"{lo}-{hi}" if hi < 10**9 else f">= {lo}"
            print(f"| {label} | {n} | {c['flag'] / n:.3f} | {c['block'] / n:.3f} | {c['pasted acted on'] / n:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
