"""Where the gateway's time goes under load: py-spy samples of the gateway process at c = 16,
attributed to the package of the innermost frame (self time).

``python -m bench.profile`` (needs ``py-spy``, in the ``[bench]`` extra); the table lands in
docs/img/bench_results.json under ``profile`` and in docs/benchmarks.md.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from . import servers as S
from .run import ROOT, chat_body, load

CATEGORIES = [  # first match on the innermost frame's file wins
    ("detectors/", "engine (detectors/: segmentation, rules, scoring)"),
    ("onnxruntime", "onnxruntime"),
    ("tokenizers", "tokenizers"),
    ("httpx", "upstream client (httpx/httpcore)"),
    ("httpcore", "upstream client (httpx/httpcore)"),
    ("anyio", "upstream client (httpx/httpcore)"),
    ("prometheus_client", "metrics (prometheus-client)"),
    ("gateway/metrics", "metrics (prometheus-client)"),
    ("gateway/", "gateway code (service, audit, actions)"),
    ("json", "JSON encode/decode"),
    ("starlette", "HTTP server (uvicorn, starlette, fastapi)"),
    ("fastapi", "HTTP server (uvicorn, starlette, fastapi)"),
    ("uvicorn", "HTTP server (uvicorn, starlette, fastapi)"),
    ("h11", "HTTP server (uvicorn, starlette, fastapi)"),
    ("httptools", "HTTP server (uvicorn, starlette, fastapi)"),
    ("asyncio", "event loop (asyncio/uvloop)"),
    ("uvloop", "event loop (asyncio/uvloop)"),
    ("concurrent/futures", "thread hand-off"),
    ("threading", "thread hand-off"),
]


def categorise(frame: str) -> str:
    for needle, name in CATEGORIES:
        if needle in frame:
            return name
    return "other"


def profile(seconds: int = 12, concurrency: int = 16) -> dict:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    up_port, gw_port = S.free_port(), S.free_port()
    up = S.upstream(up_port).start()
    gw = None
    out = ROOT / ".cache" / "bench-work" / "profile.txt"
    try:
        S.wait_http(f"http://127.0.0.1:{up_port}/v1/models")
        gw = S.gateway(gw_port, f"http://127.0.0.1:{up_port}/v1").start()
        S.wait_http(f"http://127.0.0.1:{gw_port}/readyz")
        url = f"http://127.0.0.1:{gw_port}/v1/chat/completions"
        asyncio.run(load(url, [chat_body(i) for i in range(100)], concurrency))
        rec = subprocess.Popen([spy, "record", "-o", str(out), "-f", "raw", "-r", "250", "-d", str(seconds),
                                "-p", str(gw.p.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        t_end = time.time() + seconds
        i = 0
        while time.time() < t_end:
            asyncio.run(load(url, [chat_body(20_000 + i + k) for k in range(200)], concurrency))
            i += 200
        rec.wait(timeout=60)
    finally:
        if gw:
            gw.stop()
        up.stop()
    self_time: Counter[str] = Counter()
    total = 0
    for line in out.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")
        if "_worker (concurrent/futures/thread.py:81)" in frames[-1] or "wait (threading.py" in frames[-1]:
            continue  # an idle thread waiting for work
        self_time[categorise(frames[-1])] += int(n)
        total += int(n)
    table = {k: v / total for k, v in self_time.most_common()}
    print(json.dumps(table, indent=2))
    return {"seconds": seconds, "concurrency": concurrency, "samples": total, "self_time_share": table}


def main() -> int:
    results_file = ROOT / "docs" / "img" / "bench_results.json"
    res = json.loads(results_file.read_text()) if results_file.exists() else {}
    res["profile"] = profile()
    results_file.write_text(json.dumps(res, indent=2))
    from .run import main as run_main

    return run_main(["--report-only"])


if __name__ == "__main__":
    sys.exit(main())
