"""Processes the benchmarks talk to: the instant upstream, the gateway, the LiteLLM proxy, Redis.

Each runs as its own process on loopback so the load generator, the proxy under test and the
upstream do not share an interpreter (they still share the machine's two cores; every comparison
is a ratio within one run).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LITELLM_VENV = ROOT / ".cache" / "venv-litellm"
BENCH_KEY = "sk-bench-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c2e"  # the load generator's bearer key, also LiteLLM's master key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


class Proc:
    def __init__(self, args: list[str], env: dict[str, str] | None = None, log: Path | None = None):
        self.args = args
        self.env = {**os.environ, **(env or {})}
        self.log = log
        self.p: subprocess.Popen | None = None

    def start(self) -> "Proc":
        out = open(self.log, "w") if self.log else subprocess.DEVNULL
        self.p = subprocess.Popen(self.args, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        return self

    def stop(self) -> None:
        if self.p and self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.p.kill()


def upstream(port: int) -> Proc:
    return Proc([sys.executable, "-m", "uvicorn", "--factory", "tests.fake_upstream:create_upstream",
                 "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"])


def gateway(port: int, upstream_url: str, redis_url: str | None = None, prefix: str = "bench:",
            log: Path | None = None) -> Proc:
    env = {"UPSTREAM_URL": upstream_url, "REDIS_PREFIX": prefix}
    if redis_url:
        env["REDIS_URL"] = redis_url
    return Proc([sys.executable, "-m", "gateway.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                 "--log-level", "warning"], env=env, log=log)


def ensure_litellm() -> Path | None:
    """LiteLLM proxy in its own venv (its pins must not disturb the project's); None if it won't install."""
    exe = LITELLM_VENV / "bin" / "litellm"
    if exe.exists():
        return exe
    try:
        subprocess.run([sys.executable, "-m", "venv", str(LITELLM_VENV)], check=True)
        subprocess.run([str(LITELLM_VENV / "bin" / "pip"), "install", "-q", "litellm[proxy]"], check=True, timeout=1200)
    except (subprocess.SubprocessError, OSError):
        return None
    return exe if exe.exists() else None


def litellm(port: int, upstream_url: str, workdir: Path) -> Proc | None:
    exe = ensure_litellm()
    if exe is None:
        return None
    cfg = workdir / "litellm.yaml"
    cfg.write_text(
        "model_list:\n"
        "  - model_name: test-model\n"
        "    litellm_params:\n"
        "      model: openai/test-model\n"
        f"      api_base: {upstream_url}\n"
        "      api_key: sk-bench\n"
        "litellm_settings:\n"
        "  telemetry: false\n"
        "  drop_params: true\n")
    env = {"LITELLM_LOG": "ERROR", "LITELLM_TELEMETRY": "False", "NO_DOCS": "True", "DISABLE_ADMIN_UI": "True",
           "LITELLM_MASTER_KEY": BENCH_KEY}
    return Proc([str(exe), "--config", str(cfg), "--host", "127.0.0.1", "--port", str(port), "--num_workers", "1"],
                env=env, log=workdir / "litellm.log")


def redis_server(port: int) -> Proc | None:
    exe = shutil.which("redis-server")
    if exe is None:
        return None
    return Proc([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
