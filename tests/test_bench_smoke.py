"""The benchmark suite runs end to end (a seconds-long smoke version; it asserts nothing about speed),
and the coverage probes of docs/benchmarks.md still read what it says they read."""
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


def test_demo_shapes_probe_reads_what_the_card_says(capsys):
    """The coverage probe of docs/benchmarks.md: 38 of 39 ways of writing eight harmful demos into one
    message are redacted with their benign twins allowed (the one not read is named there)."""
    need_data()
    from bench import demo_shapes

    assert demo_shapes.main([]) == 0
    out = capsys.readouterr().out
    assert "38 of 39 shapes read" in out
    unread = [line.split("|")[1].strip() for line in out.splitlines() if line.endswith("| no |")]
    assert unread == ["quote arrows"]


def test_dilution_probe_runs_and_finds_unpadded_attacks(capsys):
    need_data()
    from bench import dilution

    assert dilution.main(["--trials", "1"]) == 0
    rows = [line.split("|") for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "benign |" not in line]
    rows = [r for r in rows if len(r) > 4 and r[2].strip().isdigit()]
    assert len(rows) == 6 and all(r[3].strip() == "1.00" for r in rows)  # no padding: every attack redacted


def test_long_answers_probe_runs(capsys):
    from bench import long_answers

    assert long_answers.main(["--per-package", "3"]) == 0
    out = capsys.readouterr().out
    assert "| answer length (characters) | n | flagged | blocked |" in out and "docstrings: numpy" in out
