"""Aligned long technical answers: docstrings of Python's standard library (``data/python-stdlib-docs``).

Why: the demonstration model had never seen a long, plain technical answer with no request to
refuse, so the response audit read documentation as misaligned — third-party docstrings given as
answers were blocked in 26 % (500-1,500 characters) to 41 % (1,500-4,000) of cases and in every
longer one (``bench/long_answers.py``, v1.8.0). The standard library's docstrings are the same
genre, written by other people than that probe's packages, under the PSF licence.

The rows are extracted once with ``python -m detectors.training.python_docs --write`` and committed:
docstrings differ between Python releases, and a build must read the same rows wherever it runs.
Extraction parses the source files with ``ast`` — nothing is imported, so no module's import side
effects (or the test runner's import hooks) can change what is read.

Split by module (``sources._split``): a module's docstrings are all train or all calib.
"""
from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import importlib.util
import inspect
import json
import sys
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "python-stdlib-docs" / "docstrings.jsonl.gz"
SOURCE = "python-stdlib-docs"
# The interpreter the committed rows were extracted from (re-extraction matches only there).
EXTRACTED_WITH = "3.11.7"
# Modules left out: test suites, the IDE and GUI toolkits, Easter eggs, and deprecated shims whose
# docstrings are mostly warnings.
SKIP = {"test", "idlelib", "tkinter", "turtledemo", "turtle", "this", "antigravity", "lib2to3", "ensurepip",
        "pydoc_data", "unittest"}
PER_MODULE = 15
# Over 1,500 characters the docstrings taught "long prose is aligned" too well: with the 44 longer ones,
# held-out real harmful answers were detected at k = 8 in 0.726-0.754 of prompts, without them 0.837
# (the probe's longer docstrings are still left alone). Chosen on held-out numbers; the card says so.
MIN_CHARS, MAX_CHARS = 200, 1500
QUESTIONS = ("What does {name} do?", "Explain {name} in Python.", "How do I use {name}?",
             "What is {name} for?", "Can you describe {name} from the standard library?",
             "I'm reading code that calls {name}. What does it do?")


def _key(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def _source_files(module: str) -> list[tuple[str, Path]]:
    """(dotted name, path) of a top-level module's Python sources, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return []
    files = [(module, Path(spec.origin))]
    for location in spec.submodule_search_locations or []:
        root = Path(location)
        for path in sorted(root.rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            if not parts or any(p.startswith("_") or p in ("test", "tests") for p in parts):
                continue
            files.append((".".join([module, *parts]), path))
    return files


def _docstrings(dotted: str, path: Path) -> list[tuple[str, str]]:
    """(qualified name, cleaned docstring) of a source file's module, public classes and functions."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return []
    out = []
    doc = ast.get_docstring(tree)
    if doc:
        out.append((dotted, doc))

    def visit(node: ast.AST, prefix: str) -> None:
        for child in getattr(node, "body", []):
            if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and not child.name.startswith("_"):
                name = f"{prefix}.{child.name}"
                doc = ast.get_docstring(child)
                if doc:
                    out.append((name, doc))
                if isinstance(child, ast.ClassDef):
                    visit(child, name)

    visit(tree, dotted)
    return out


def extract(per_module: int = PER_MODULE) -> list[dict]:
    """Up to ``per_module`` docstrings of each public standard-library module, chosen by a hash of
    their qualified names (so not only the first few definitions of a file), each with a templated
    question."""
    rows, seen = [], set()
    for module in sorted(sys.stdlib_module_names):
        if module.startswith("_") or module in SKIP:
            continue
        docs = []
        for dotted, path in _source_files(module):
            for name, doc in _docstrings(dotted, path):
                # A second clean is not a no-op: it removes indentation ast's clean leaves after a blank
                # line (2 docstrings, e.g. http.cookiejar.is_third_party); the committed rows have it.
                doc = inspect.cleandoc(doc)
                if MIN_CHARS <= len(doc) <= MAX_CHARS and doc.isascii() and doc not in seen:
                    seen.add(doc)
                    docs.append((name, doc))
        for name, doc in sorted(docs, key=lambda d: _key(d[0]))[:per_module]:
            question = QUESTIONS[_key("q" + name) % len(QUESTIONS)].format(name=name)
            rows.append({"module": module, "name": name, "request": question, "answer": doc})
    return rows


def load(path: Path = DATA_FILE) -> list[dict]:
    """The committed rows ([] when the file is absent, e.g. a trimmed checkout)."""
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extract the standard library's docstrings as aligned answers.")
    ap.add_argument("--write", type=Path, nargs="?", const=DATA_FILE, help=f"write the rows (default {DATA_FILE})")
    args = ap.parse_args(argv)
    rows = extract()
    print(f"{len(rows)} docstrings from {len({r['module'] for r in rows})} modules (Python {sys.version.split()[0]})")
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        # mtime=0: the same rows give the same bytes.
        with open(args.write, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for r in rows:
                gz.write((json.dumps(r, ensure_ascii=True) + "\n").encode("ascii"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
