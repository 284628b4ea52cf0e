"""The benchmark suite runs end to end (a seconds-long smoke version; it asserts nothing about speed)."""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT, need_data


def test_bench_smoke(tmp_path):
    need_data()
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--out", str(tmp_path), "--only", "sizes", "multiturn", "responses"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = (tmp_path / "benchmarks.md").read_text()
    assert "Inspection cost vs prompt size" in report and "Multi-turn replay" in report
    assert "Response audit and leak check" in report
    results = json.loads((tmp_path / "img" / "bench_results.json").read_text())
    assert set(results["sizes"]) >= {"1 demos", "8 demos"}
    assert len(results["multiturn"]["no cache"]) == 10
    assert set(results["responses"]) >= {"with secrets, 500 chars", "no system prompt, 2000 chars"}
