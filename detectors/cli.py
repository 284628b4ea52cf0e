"""``prompt-gateway score FILE|-``: inspect a request from the command line.

Input: a JSON chat body (``{"messages": [...]}``), a completions body (``{"prompt": ...}``),
optionally with ``"response"``, or any other text (scored as a plain prompt).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .engine import Engine
from .request import RequestFormatError
from .runtime import ModelError


def load_input(path: str) -> tuple[Any, str | None]:
    raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(raw)
    except ValueError:
        return raw, None
    if isinstance(data, dict) and ("messages" in data or "prompt" in data):
        response = data.get("response")
        return data, response if isinstance(response, str) else None
    return raw, None


def human(report: dict[str, Any]) -> str:
    lines = [f"verdict: {report['verdict'].upper()}   risk: {report['risk']:.3f}",
             f"demonstrations: {report['demonstrations']['total']} found, {report['demonstrations']['misaligned']} misaligned"
             f" (demo risk {report['demonstrations']['risk']:.3f})"]
    if report["demonstrations"].get("by_kind"):
        lines.append("  shapes: " + ", ".join(f"{k}={v}" for k, v in report["demonstrations"]["by_kind"].items()))
    other = [f for f in report["findings"] if f["detector"] != "misaligned_demo"]
    demos = [f for f in report["findings"] if f["detector"] == "misaligned_demo"]
    if demos:
        lines.append(f"misaligned demonstrations ({len(demos)}):")
        for f in demos[:10]:
            lines.append(f"  message {f['message']} [{f['start']}:{f['end']}] p={f['score']:.3f} {f['detail']}")
        if len(demos) > 10:
            lines.append(f"  … {len(demos) - 10} more")
    if other:
        lines.append("findings:")
        for f in other:
            lines.append(f"  {f['detector']:<22} {f['score']:.3f}  message {f['message']} [{f['start']}:{f['end']}] {f['detail']}")
    if "response" in report:
        r = report["response"]
        lines.append(f"response: {r['verdict'].upper()}  risk {r['risk']:.3f}")
    t = report["timings_ms"]
    lines.append("timings (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in t.items()))
    lines.append(f"provider: {report['execution_provider']}  models: " + ", ".join(f"{k} {v}" for k, v in report["models"].items()))
    u = {k: v for k, v in report["unscored"].items() if v}
    if u:
        lines.append("not scored: " + ", ".join(f"{k}={v}" for k, v in u.items()))
    return "\n".join(lines)


def score_main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="prompt-gateway score", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", help="path to a JSON request or text file, or - for stdin")
    ap.add_argument("--json", action="store_true", help="print the full report as JSON")
    ap.add_argument("--model-dir", type=Path, default=None)
    ap.add_argument("--demos", action="store_true", help="include every demonstration in the JSON report")
    args = ap.parse_args(argv)
    try:
        request, response = load_input(args.file)
        engine = Engine.from_directory(args.model_dir)
        report = engine.analyze_sync(request, response=response).to_dict(include_demos=args.demos)
    except (RequestFormatError, ModelError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2) if args.json else human(report))
    return 0
