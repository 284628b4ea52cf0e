"""Several uvicorn workers share one /metrics through prometheus-client's multiprocess mode."""
from __future__ import annotations

import os
import subprocess
import sys

import httpx

from .conftest import ROOT
from .servers import free_port, wait_ready


def test_two_workers_aggregate_metrics(tmp_path):
    mp = tmp_path / "prom-mp"
    mp.mkdir()
    port = free_port()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(mp), "UPSTREAM_URL": f"http://127.0.0.1:{free_port()}/v1"}
    proc = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve", "--port", str(port), "--workers", "2",
                             "--log-level", "warning"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(url + "/readyz", timeout=120, interval=0.5):
            raise AssertionError("gateway with 2 workers did not start: " + proc.stderr.read1().decode()[-2000:])
        n = 24
        for i in range(n):  # a new connection each time spreads requests over both workers
            r = httpx.post(url + "/v1/score", json={"prompt": f"hello number {i}"}, headers={"connection": "close"})
            assert r.status_code == 200
        text = httpx.get(url + "/metrics").text
        line = next(ln for ln in text.splitlines()
                    if ln.startswith("gateway_requests_total{") and 'route="/v1/score"' in ln)
        assert float(line.rsplit(" ", 1)[1]) == n  # every worker's requests, summed
        pids = {p.name.split("_")[-1] for p in mp.glob("counter_*.db")}
        assert len(pids) >= 2, pids  # both workers wrote samples
    finally:
        proc.terminate()
        proc.wait(timeout=30)
