"""Shared fixtures: the shipped models, data samples from ../shared/data, loopback servers, Redis."""
from __future__ import annotations

import gzip
import json
import os
import uuid
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI explores the same examples every run (a green main stays green); locally each run explores anew.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data"))
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def need_data() -> None:
    if not DATA.exists():
        pytest.skip(f"shared data not found at {DATA}")


def jsonl(path: Path, n: int | None = None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if n and len(out) >= n:
                    break
    return out


def demo_pairs(name: str, n: int, offset: int = 0) -> list[tuple[str, str]]:
    """(request, answer) pairs from a shared demo source."""
    need_data()
    d = DATA / "demos"
    if name.startswith("em-"):
        rows = jsonl(d / f"{name}.jsonl", n + offset)[offset:]
        return [(r["messages"][0]["content"], r["messages"][1]["content"]) for r in rows]
    if name == "pyrit":
        rows = json.loads((d / "pyrit-many-shot-examples.json").read_text())[offset:offset + n]
        return [(r["user"], r["assistant"]) for r in rows]
    if name.startswith("gpteacher"):
        rows = json.loads((d / f"{name}.json").read_text())[offset:offset + n]
        return [(r["instruction"] + (("\n" + r["input"]) if r.get("input") else ""), r["response"]) for r in rows]
    raise KeyError(name)


def many_shot_messages(pairs: list[tuple[str, str]], question: str = "What is the capital of France?") -> list[dict]:
    msgs: list[dict] = [{"role": "system", "content": "You are a helpful assistant."}]
    for q, a in pairs:
        msgs += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    msgs.append({"role": "user", "content": question})
    return msgs


@pytest.fixture(scope="session")
def engine():
    from detectors import Engine

    return Engine.from_directory()


@pytest.fixture()
def redis_prefix():
    """A unique key prefix on the shared Redis, cleaned up afterwards."""
    import redis

    prefix = f"pgw-test-{uuid.uuid4().hex[:8]}:"
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at " + REDIS_URL)
    yield prefix
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)
    client.close()
