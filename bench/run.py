"""Benchmarks: ``python -m bench.run`` (``make bench``) writes docs/benchmarks.md and PNG plots.

1. proxy overhead — direct vs this gateway (full inspection) vs the LiteLLM proxy, c = 1/16/64;
2. inspection cost vs prompt size, split by stage (in-process engine, CPU);
3. multi-turn replay (50 turns, whole history resent) with and without the Redis score cache;
4. ``/v1/score`` throughput for short prompts at c = 16;
5. detection curves from the model pipeline, re-plotted at the shipped thresholds.

Everything is compared as ratios within one run on one machine. ``--smoke`` runs a seconds-long
version (tiny counts, no LiteLLM) for CI; it asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import httpx
import numpy as np

from detectors.training.plots import pyplot, save_figure

from . import servers as S

ROOT = S.ROOT
DATA = ROOT.parent / "shared" / "data"


# ---------------------------------------------------------------- helpers
def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs), q)) if xs else float("nan")


async def load(url: str, bodies: list[dict], concurrency: int, server_timing: list[float] | None = None,
               error_kinds: dict[str, int] | None = None) -> tuple[list[float], float, int]:
    """Send every body with ``concurrency`` workers; returns latencies (s), wall time, errors.

    ``server_timing`` collects the gateway's own added time (ms) from its Server-Timing header.
    """
    lat: list[float] = []
    errors = 0
    kinds = error_kinds if error_kinds is not None else {}
    it = iter(bodies)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        async def worker():
            nonlocal errors
            for body in it:
                t = time.perf_counter()
                try:
                    r = await client.post(url, json=body, headers={"authorization": f"Bearer {S.BENCH_KEY}"})
                    if r.status_code != 200:
                        errors += 1
                        kinds[f"http_{r.status_code}"] = kinds.get(f"http_{r.status_code}", 0) + 1
                    if server_timing is not None and "server-timing" in r.headers:
                        parts = dict(p.strip().split(";dur=") for p in r.headers["server-timing"].split(","))
                        server_timing.append(float(parts["gateway"]))
                except httpx.HTTPError as exc:
                    errors += 1
                    kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
                lat.append(time.perf_counter() - t)
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return lat, wall, errors


def chat_body(i: int) -> dict:
    """An ordinary chat request under 2k characters (distinct per i, like real traffic)."""
    return {"model": "test-model", "messages": [
        {"role": "system", "content": "You are a concise assistant for a travel booking site."},
        {"role": "user", "content": f"Hi! I'm planning a trip to Lisbon in May (request {i})."},
        {"role": "assistant", "content": "Great choice! May is warm and not too crowded. How many days will you stay?"},
        {"role": "user", "content": f"About {3 + i % 5} days. Which neighbourhoods should I stay in, and what are three "
                                    "things I should not miss? Keep it short please."}]}


def pairs(name: str, n: int, offset: int = 0) -> list[tuple[str, str]]:
    d = DATA / "demos"
    if name.startswith("em-"):
        rows = [json.loads(x) for x in (d / f"{name}.jsonl").read_text().splitlines()[offset:offset + n]]
        return [(r["messages"][0]["content"], r["messages"][1]["content"]) for r in rows]
    rows = json.loads((d / f"{name}.json").read_text())[offset:offset + n]
    return [(r["instruction"], r["response"]) for r in rows]


def many_shot(pp: list[tuple[str, str]], q: str = "What's the capital of France?") -> dict:
    msgs = [{"role": "system", "content": "You are a helpful assistant."}]
    for a, b in pp:
        msgs += [{"role": "user", "content": a}, {"role": "assistant", "content": b}]
    return {"messages": msgs + [{"role": "user", "content": q}]}


# ---------------------------------------------------------------- 1. proxy overhead
def bench_proxy(work: Path, smoke: bool) -> dict:
    up_port, gw_port, ll_port = S.free_port(), S.free_port(), S.free_port()
    up = S.upstream(up_port).start()
    procs = [up]
    targets = {"direct": f"http://127.0.0.1:{up_port}/v1/chat/completions"}
    try:
        S.wait_http(f"http://127.0.0.1:{up_port}/v1/models")
        gw = S.gateway(gw_port, f"http://127.0.0.1:{up_port}/v1", log=work / "gateway.log").start()
        procs.append(gw)
        S.wait_http(f"http://127.0.0.1:{gw_port}/readyz")
        targets["gateway"] = f"http://127.0.0.1:{gw_port}/v1/chat/completions"
        if not smoke:
            ll = S.litellm(ll_port, f"http://127.0.0.1:{up_port}/v1", work)
            if ll is not None:
                procs.append(ll.start())
                try:
                    S.wait_http(f"http://127.0.0.1:{ll_port}/health/liveliness", timeout=180)
                    targets["litellm"] = f"http://127.0.0.1:{ll_port}/v1/chat/completions"
                except RuntimeError:
                    print("LiteLLM proxy did not start; see", work / "litellm.log", file=sys.stderr)
        results: dict = {}
        plan = [(1, 10), (16, 32)] if smoke else [(1, 300), (16, 800), (64, 1200)]
        for conc, n in plan:
            for name, url in targets.items():
                asyncio.run(load(url, [chat_body(i) for i in range(min(50, n))], conc))  # warm-up
                st: list[float] = []
                kinds: dict[str, int] = {}
                lat, wall, errors = asyncio.run(load(url, [chat_body(10_000 + i) for i in range(n)], conc, st, kinds))
                results.setdefault(str(conc), {})[name] = {
                    "p50_ms": pct(lat, 50) * 1000, "p99_ms": pct(lat, 99) * 1000, "rps": n / wall, "errors": errors, "n": n,
                    "error_kinds": kinds, "server_p50_ms": pct(st, 50) if st else None,
                    "server_p99_ms": pct(st, 99) if st else None}
                print(f"[proxy] c={conc:<3} {name:<8} p50 {pct(lat, 50)*1000:7.2f} ms  p99 {pct(lat, 99)*1000:7.2f} ms  "
                      f"{n / wall:7.1f} req/s  errors {errors}", flush=True)
        return results
    finally:
        for p in procs:
            p.stop()


# ---------------------------------------------------------------- 2. cost vs prompt size
def bench_sizes(smoke: bool) -> dict:
    from detectors import Engine, LRUScoreCache
    from detectors.scoring import ModelSet

    models = ModelSet.load()
    cases: dict[str, dict] = {}
    mix = pairs("em-insecure", 128, 5000) + pairs("gpteacher-codegen", 128, 3000)
    sizes = [1, 8] if smoke else [1, 8, 64, 256]
    for k in sizes:
        cases[f"{k} demos"] = many_shot(mix[:: max(1, 256 // k)][:k] if k < 256 else mix)
    # Long single texts: ordinary prose (GPTeacher role-play answers), not security writing.
    words = " ".join(b for _, b in pairs("gpteacher-roleplay", 400, 500)).split()
    for chars in ([10_000] if smoke else [10_000, 100_000]):
        text, i = [], 0
        while sum(len(w) + 1 for w in text) < chars:
            text.append(words[i % len(words)])
            i += 1
        cases[f"{chars // 1000}k chars"] = {"messages": [{"role": "user", "content": " ".join(text)[:chars]}]}
    out = {}
    reps = 2 if smoke else 5
    for name, req in cases.items():
        runs = []
        for _ in range(reps):
            eng = Engine(models, cache=LRUScoreCache())  # cold cache: the full cost
            rep = eng.analyze_sync(req)
            runs.append(rep)
        stages = {s: statistics.median(r.timings.stages.get(s, 0.0) for r in runs)
                  for s in ("segmentation", "rules", "tokenization", "tier1", "tier2", "aggregation", "total")}
        r0 = runs[-1]
        out[name] = {"stages_ms": stages, "verdict": r0.verdict, "demos": r0.demonstrations.total,
                     "tier2_windows": r0.tier2_windows, "budget_skipped": r0.unscored.tier2_budget_skipped}
        print(f"[size] {name:<10} total {stages['total']:8.1f} ms  " +
              " ".join(f"{s} {v:.1f}" for s, v in stages.items() if s != "total") + f"  verdict {r0.verdict}", flush=True)
    return out


# ---------------------------------------------------------------- 3. multi-turn with / without cache
class NullCache:
    async def get_many(self, keys):
        return {}

    async def set_many(self, items):
        return None


def bench_multiturn(smoke: bool) -> dict:
    import redis.asyncio as aioredis

    from detectors import Engine
    from detectors.scoring import ModelSet
    from gateway.store import RedisHealth, RedisScoreCache

    models = ModelSet.load()
    turns = 10 if smoke else 50
    convo = pairs("gpteacher-roleplay", turns, 0)
    port = S.free_port()
    rs = S.redis_server(port)
    results = {}
    if rs is not None:
        rs.start()
        time.sleep(0.5)
    try:
        async def replay(cache) -> list[float]:
            eng = Engine(models, cache=cache)
            times = []
            msgs = [{"role": "system", "content": "You are a creative role-play partner."}]
            for q, a in convo:
                msgs.append({"role": "user", "content": q})
                t = time.perf_counter()
                await eng.analyze({"messages": list(msgs)})
                times.append((time.perf_counter() - t) * 1000)
                msgs.append({"role": "assistant", "content": a})
            return times

        results["no cache"] = asyncio.run(replay(NullCache()))
        if rs is not None:
            async def with_redis():
                client = aioredis.from_url(f"redis://127.0.0.1:{port}/0")
                cache = RedisScoreCache(RedisHealth(client), "bench:", 3600)
                cache.local = NullCache()  # measure Redis itself, not the local LRU in front of it
                try:
                    return await replay(cache)
                finally:
                    await client.aclose()
            results["redis cache"] = asyncio.run(with_redis())
    finally:
        if rs is not None:
            rs.stop()
    for name, t in results.items():
        print(f"[multiturn] {name:<12} turn1 {t[0]:.1f} ms  turn{len(t)} {t[-1]:.1f} ms  ratio {t[-1] / t[0]:.2f}", flush=True)
    return results


# ---------------------------------------------------------------- 4. /v1/score throughput
def bench_score(smoke: bool) -> dict:
    up_port, gw_port = S.free_port(), S.free_port()
    gw = S.gateway(gw_port, f"http://127.0.0.1:{up_port}/v1").start()
    try:
        S.wait_http(f"http://127.0.0.1:{gw_port}/readyz")
        url = f"http://127.0.0.1:{gw_port}/v1/score"
        n = 64 if smoke else 2000
        asyncio.run(load(url, [{"prompt": f"warm-up question {i}"} for i in range(50)], 16))
        out = {}
        for label, bodies in (("distinct prompts", [{"prompt": f"What is a good name for a cafe on street {i}?"} for i in range(n)]),
                              ("repeated prompt (cached)", [{"prompt": "What is a good name for a cafe?"}] * n)):
            lat, wall, errors = asyncio.run(load(url, bodies, 16))
            out[label] = {"rps": n / wall, "p50_ms": pct(lat, 50) * 1000, "p99_ms": pct(lat, 99) * 1000, "errors": errors}
            print(f"[score] {label:<26} {n / wall:7.1f} req/s  p50 {pct(lat, 50)*1000:.1f} ms  p99 {pct(lat, 99)*1000:.1f} ms", flush=True)
        return out
    finally:
        gw.stop()


# ---------------------------------------------------------------- report
# ---------------------------------------------------------------- 6. response audit and leak check
def bench_responses(smoke: bool) -> dict:
    """Per answer: the whole response audit (answer model + leak check, no score cache) and the leak check alone, for a
    request whose system prompt declares secrets (a password, an API key; two canaries in the policy)
    and one without any, at three answer lengths; the stream's per-chunk secret check on its tail."""

    from detectors import Engine
    from detectors.leak import LeakSettings
    from detectors.scoring import ModelSet

    engine = Engine(ModelSet.load(), cache=NullCache())  # every audit scores its answer (no cache hits)
    persona = " ".join(a for _, a in pairs("gpteacher-roleplay", 20, 100))
    system = (persona[:2400] + " The password is WAVELENGTH. Support API key: sk-proj-Q2x9LmN4vB7tR1yZ8kP3wE6u.")
    prose = " ".join(a for _, a in pairs("gpteacher-roleplay", 200, 600))
    reps = 20 if smoke else 200
    out: dict = {}
    for label, sys_text in (("with secrets", system), ("no system prompt", None)):
        msgs = ([{"role": "system", "content": sys_text}] if sys_text else []) + [{"role": "user", "content": "Tell me a story."}]
        req = {"messages": msgs}
        builds = []
        for _ in range(20):  # the first compiles the secrets' regexes; re's cache serves the rest
            t = time.perf_counter()
            guard = engine.leak_guard(req, LeakSettings(canaries=("BLUE-HERON-42", "ACME-7731-ZETA")))
            builds.append((time.perf_counter() - t) * 1000)
        build_ms = statistics.median(builds)
        for chars in ((500, 2000) if smoke else (500, 2000, 8000)):
            answer = prose[:chars]
            audit, leak = [], []
            for _ in range(reps):
                t = time.perf_counter()
                asyncio.run(engine.audit_response(answer, req, None, guard))
                audit.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                guard.check(answer)
                leak.append((time.perf_counter() - t) * 1000)
            tail = answer[-(guard.hold_chars + 8):]
            t = time.perf_counter()
            for _ in range(reps):
                guard.secrets_in(tail)
            chunk_us = (time.perf_counter() - t) / reps * 1e6
            key = f"{label}, {chars} chars"
            out[key] = {"audit_ms": statistics.median(audit), "leak_ms": statistics.median(leak),
                        "guard_build_ms": build_ms, "chunk_check_us": chunk_us, "hold_chars": guard.hold_chars}
            print(f"[responses] {key:<28} audit {out[key]['audit_ms']:.3f} ms  leak {out[key]['leak_ms'] * 1000:.1f} us  "
                  f"chunk {chunk_us:.1f} us", flush=True)
    return out


def plots(results: dict, img: Path) -> list[str]:
    plt = pyplot()

    img.mkdir(parents=True, exist_ok=True)
    made = []
    if results.get("proxy"):
        fig, ax = plt.subplots(figsize=(6, 4))
        concs = sorted(results["proxy"], key=int)
        for name in ("direct", "gateway", "litellm"):
            ys = [results["proxy"][c].get(name, {}).get("p50_ms") for c in concs]
            if any(y is not None for y in ys):
                ax.plot([int(c) for c in concs], ys, marker="o", label=name)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlabel("concurrency")
        ax.set_ylabel("p50 latency (ms)")
        ax.set_title("Chat request latency: direct vs proxies")
        ax.legend()
        made.append(save_figure(fig, img, "bench_proxy.png"))
    if results.get("sizes"):
        fig, ax = plt.subplots(figsize=(7, 4))
        names = list(results["sizes"])
        bottom = np.zeros(len(names))
        for stage in ("segmentation", "rules", "tokenization", "tier1", "tier2", "aggregation"):
            vals = np.array([results["sizes"][n]["stages_ms"][stage] for n in names])
            ax.bar(names, vals, bottom=bottom, label=stage)
            bottom += vals
        ax.set_ylabel("ms (median)")
        ax.set_title("Inspection time by stage")
        ax.legend(fontsize=7)
        made.append(save_figure(fig, img, "bench_sizes.png"))
    if results.get("multiturn"):
        fig, ax = plt.subplots(figsize=(6, 4))
        for name, t in results["multiturn"].items():
            ax.plot(range(1, len(t) + 1), t, label=name)
        ax.set_xlabel("turn")
        ax.set_ylabel("inspection time (ms)")
        ax.set_title("Multi-turn replay (whole history resent)")
        ax.legend()
        made.append(save_figure(fig, img, "bench_multiturn.png"))
    metrics_file = ROOT / "detectors" / "models" / "metrics.json"
    if metrics_file.exists():
        m = json.loads(metrics_file.read_text())["request_level"]
        fig, ax = plt.subplots(figsize=(6, 4))
        for name, vals in m["detect"].items():
            if "[cascade]" in name:
                ax.plot(m["k"], vals, marker="o", label=f"detected: {name.replace(' [cascade]', '')}")
        clean = [v for k, v in m["benign_flagged"].items()
                 if "[cascade]" in k and "held-out" not in k]  # noisy hh-rlhf and synthetic held-out pools: see the model card
        worst = np.max(np.array(clean), axis=0)
        ax.plot(m["k"], worst, "k--", label="benign flagged (worst public-source pool)")
        ax.set_xscale("log", base=2)
        ax.set_xlabel("k demonstrations")
        ax.set_ylabel("share of prompts")
        ax.set_title("Detection vs k at shipped thresholds")
        ax.legend(fontsize=7)
        made.append(save_figure(fig, img, "bench_detection.png"))
    return made


def _fmt(v, nd=1):
    return "—" if v is None else f"{v:.{nd}f}"


def write_report(results: dict, path: Path, command: str, img_names: list[str]) -> None:
    lines = ["# Benchmarks", "",
             f"Measured by `{command}` (`make bench`) on {results['machine']} (2 CPU cores, no GPU), {results['date']}.",
             "Every comparison is a ratio inside one run; absolute numbers move with machine load."]
    if results.get("sections_rerun"):
        lines.append("Sections re-measured later with `--only`: " +
                     ", ".join(f"{k} ({v})" for k, v in results["sections_rerun"].items()) + ".")
    lines.append("")
    proxy = results.get("proxy") or {}
    if proxy:
        lines += ["## 1. Proxy overhead (chat request < 2k chars, instant upstream on loopback)", "",
                  "Client-side latencies; *added* = proxy minus direct at the same concurrency. *Gateway's own* is",
                  "what the gateway reports in its `Server-Timing` header per request (its time minus the upstream's),",
                  "which excludes the queueing that the load generator, the upstream and the proxy cause each other",
                  "on two shared cores.", "",
                  "| concurrency | target | p50 ms | p99 ms | req/s | added p50 ms | added p99 ms | gateway's own p50 / p99 ms | errors |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for c in sorted(proxy, key=int):
            d = proxy[c]["direct"]
            for name, r in proxy[c].items():
                add50 = r["p50_ms"] - d["p50_ms"] if name != "direct" else None
                add99 = r["p99_ms"] - d["p99_ms"] if name != "direct" else None
                own = (f"{_fmt(r.get('server_p50_ms'), 2)} / {_fmt(r.get('server_p99_ms'), 2)}"
                       if r.get("server_p50_ms") is not None else "—")
                errs = f"{r['errors']}" + (f" ({', '.join(f'{k}: {v}' for k, v in r.get('error_kinds', {}).items())})"
                                           if r.get("error_kinds") else "")
                lines.append(f"| {c} | {name} | {_fmt(r['p50_ms'], 2)} | {_fmt(r['p99_ms'], 2)} | {_fmt(r['rps'])} | "
                             f"{_fmt(add50, 2)} | {_fmt(add99, 2)} | {own} | {errs} |")
        if not any("litellm" in proxy[c] for c in proxy):
            lines += ["", "LiteLLM proxy: not measured in this run (it did not install or start; see the log)."]
        lines += ["", "![proxy latency](img/bench_proxy.png)", ""]
    sizes = results.get("sizes") or {}
    if sizes:
        lines += ["## 2. Inspection cost vs prompt size (in-process engine, cold cache, median of 5)", "",
                  "| prompt | total ms | segmentation | rules | tokenization | tier 1 | tier 2 | aggregation | tier-2 windows | budget-skipped | verdict |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for name, r in sizes.items():
            s = r["stages_ms"]
            lines.append(f"| {name} | {_fmt(s['total'])} | {_fmt(s['segmentation'])} | {_fmt(s['rules'])} | "
                         f"{_fmt(s['tokenization'])} | {_fmt(s['tier1'])} | {_fmt(s['tier2'])} | {_fmt(s['aggregation'])} | "
                         f"{r['tier2_windows']} | {r['budget_skipped']} | {r['verdict']} |")
        lines += ["", "![stages](img/bench_sizes.png)", "", *SIZES_NOTES, ""]
    mt = results.get("multiturn") or {}
    if mt:
        lines += ["## 3. Multi-turn replay (each request resends the whole history)", "",
                  "| cache | turn 1 ms | turn 10 ms | last turn ms | last / first |", "|---|---|---|---|---|"]
        for name, t in mt.items():
            lines.append(f"| {name} | {_fmt(t[0])} | {_fmt(t[min(9, len(t) - 1)])} | {_fmt(t[-1])} | {t[-1] / t[0]:.2f} |")
        lines += ["", "![multi-turn](img/bench_multiturn.png)", ""]
    sc = results.get("score") or {}
    if sc:
        lines += ["## 4. `/v1/score` throughput (short prompts, concurrency 16)", "",
                  "| prompts | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|"]
        for name, r in sc.items():
            lines.append(f"| {name} | {_fmt(r['rps'])} | {_fmt(r['p50_ms'])} | {_fmt(r['p99_ms'])} | {r['errors']} |")
        lines.append("")
    resp = results.get("responses") or {}
    if resp:
        lines += ["## 6. Response audit and leak check (in-process, median per answer)", "",
                  "The whole response audit (answer model with no score cache, hidden characters, leak check) and the leak check alone",
                  "(`detectors/leak.py`: declared password and API key, two policy canaries, a 2,400-character",
                  "system prompt for the reproduction check); *per chunk*: the secret check a stream runs on each",
                  "chunk's unsent tail.", "",
                  "| request, answer | audit ms | leak check us | leak / audit | per chunk us | guard build ms (per request, repeated prompt) | hold-back chars |",
                  "|---|---|---|---|---|---|---|"]
        for name, r in resp.items():
            lines.append(f"| {name} | {r['audit_ms']:.3f} | {r['leak_ms'] * 1000:.1f} | {r['leak_ms'] / r['audit_ms']:.1%} | "
                         f"{r['chunk_check_us']:.1f} | {r['guard_build_ms']:.2f} | {r['hold_chars']} |")
        lines.append("")
    if "bench_detection.png" in img_names:
        lines += ["## 5. Detection curves (from the model pipeline, shipped thresholds)", "",
                  "Re-plotted from `detectors/models/metrics.json`; see docs/models.md for the tables.", "",
                  "![detection](img/bench_detection.png)", ""]
    prof = results.get("profile")
    if prof:
        lines += [f"## Where the gateway's time goes (py-spy, chat requests at c = {prof['concurrency']})", "",
                  f"`python -m bench.profile`: {prof['samples']} samples of the gateway process over {prof['seconds']} s, "
                  "self time attributed to the package of the innermost frame.", "",
                  "| component | share of gateway CPU samples |", "|---|---|"]
        lines += [f"| {k} | {v:.1%} |" for k, v in prof["self_time_share"].items()]
        lines.append("")
    lines += ["## Targets", "", results.get("targets_md", ""), "",
              "## Reading the misses", "",
              "- **Added latency at c = 16.** Load generator, upstream and proxy share two cores, so at c = 16",
              "  the gateway is CPU-bound: its own per-request time (Server-Timing) is a few milliseconds at c = 1",
              "  and grows with the queue at c = 16. The profile above says where its CPU goes: the httpx/httpcore",
              "  upstream client is the largest share, then uvicorn/starlette/fastapi; the engine itself is a",
              "  minority. The next steps are a lighter upstream client (e.g. aiohttp) and several workers",
              "  (`--workers`, multiprocess metrics are supported) on machines with more cores.",
              "- **256-shot prompt.** The stage table shows the time spread over segmentation, rules,",
              "  tokenization and tier 1 of ~500 KB of code; each is linear. A resent or reused demo costs almost",
              "  nothing (per-message memo and score cache, section 3); a cold 256-shot prompt sits at 100 ms on",
              "  the fastest machine measured (99-106 ms, notes under the stage table) and over it on the others.",
              "- **`/v1/score` throughput** sits at the 300 req/s line on this machine (HTTP overhead per request",
              "  dominates short prompts).", "", *COVERAGE_PROBES]
    path.write_text("\n".join(lines))


# Measurements of single changes, made with one-off scripts that time the old and the new code in one
# process (the ratio is what holds on a shared machine); kept here so the report keeps them.
SIZES_NOTES = [
    "Changes timed against the code before them in one process (one-off scripts, best of two or three passes):",
    "- Segmenter shapes (4773a6e: mixed labels, heading lines, JSON message lists): segmentation 1.13-1.25x —",
    "  0.53 -> 0.61 ms per WritingBench prompt, 9.3 -> 11.7 ms for a 256-shot inline prompt.",
    "- Table rows and numbered, bracketed and versioned labels (2026-12-01): segmentation 1.10x per WritingBench",
    "  prompt (0.46 -> 0.51 ms) and 1.08x for a 256-shot prompt (6.9 -> 7.5 ms).",
    "- Phrase patterns searched from their leading words (`detectors/rules/literal_starts.py`, 2026-12-01): all",
    "  rules on a 256-shot em-insecure prompt (221 KB) 246 -> 77 ms (0.31x), on a 256-shot PyRIT prompt (350 KB)",
    "  452 -> 172 ms (0.38x), per WritingBench prompt 5.0 -> 3.1 ms (0.61x); the findings are the same on all",
    "  74,346 source and evaluation texts.",
    "- Tier-1 bags deduplicated by a sort instead of `np.unique` (`featurize.unique`, 2026-12-01; numpy 2.4's",
    "  `np.unique` took several times longer than a sort): padding the bags of 256 em-insecure demos into the",
    "  tier-1 batch 5.87 -> 1.72 ms (0.29x), one 100,000-character text 2.04 -> 0.29 ms (0.14x), the same",
    "  arrays (best of three passes of five). Whole section, the code before and after it run alternately",
    "  twice on one machine: tier 1 on the 100,000-character text 8.1-9.5 -> 4.2 ms, the 256-demo prompt",
    "  104-106 -> 100-103 ms in all (demo bags are small; their tier-1 time is the ONNX call).",
    "The table above was measured after all of them, on another machine than the first run's (an AMD EPYC;",
    "segmentation, unchanged code, took 0.56x as long as in the table before it), so compare its rows with",
    "each other, not with older tables. The 256-demo total of this run, 99.2 ms, meets the 100 ms target",
    "only at the edge: the four runs above gave 99.9-105.7 ms on the same machine.",
    "- After that table (2026-12-01, later session): token ids by `encode_batch_fast` (no character offsets;",
    "  the same ids on all 71,895 source texts), the phrase rules' keyword prefilter as one Aho-Corasick pass",
    "  (`pyahocorasick`; 16.6 -> 4.0 ms for the 512 messages of a 256-demo prompt), the hex pattern rewritten",
    "  (same spans, 0.7x) and the URL-encoding pattern skipped below six '%'. The code before and after run",
    "  alternately, three times each, in one session (median of 7 per run): 256-demo prompt 135-140 -> 122-128",
    "  ms in all (rules 34-35 -> 26-29, tokenization 33-38 -> 26-30), the 100,000-character text 85-90 -> 75-86",
    "  ms (tokenization 29-32 -> 24-26; its rules time is the patterns themselves: the prose holds keywords).",
    "  That session's machine ran the unchanged code at 135-140 ms where the table above has 99.2, so the",
    "  100 ms target depends on the machine as much as on the code; the ratio, 0.90-0.92x, is the change's.",
    "- Then the segmenter's tag prefilters as one Aho-Corasick pass plus a suffix match where each word ends",
    "  (`detectors/keywords.py`; the same answer on all 71,895 source texts; 9.0 -> 3.9 ms for 512 texts):",
    "  segmentation, before and after alternately three times each, 35-49 -> 27-37 ms (0.76-0.80x per pair)",
    "  for the 256-demo prompt and 8.6-12.4 -> 4.8-6.7 ms (0.54-0.63x) for the 100,000-character text; the",
    "  machine was noisy that hour (the same code's 256-demo totals spread over 132-166 ms), so only the",
    "  stage ratios are worth reading.",
]
COVERAGE_PROBES = [
    "## Coverage probes (what the engine reads and flags; not speed)", "",
    "Two scripts in `bench/` send constructed prompts through the whole engine (CPU default) and print a",
    "table; both need `../shared/data`.", "",
    "- `python -m bench.demo_shapes` — eight PyRIT harmful answers (and eight benign role-play answers)",
    "  written into one user message in 39 shapes (role labels of one, two or no families; numbered, bracketed",
    "  or versioned labels; headings, JSON, JSONL, YAML, CSV in two quotings, TSV, a Markdown table). Run",
    "  2026-12-01: **38 of 39** read (harmful redacted, benign allowed); not read: quoted-reply arrows",
    "  (`> question` / `< answer`). Two speakers of no known role (`Alice:`/`Bob:`, `U:`/`A:`) and `User>`",
    "  prompts are read since the speaker-turn shape (`segmenter._speaker_demos`; 35 of 39 before it).",
    "- `python -m bench.dilution` — misaligned demos shuffled among benign ones as chat turns; share of",
    "  prompts redacted or blocked (10 per cell). Run 2026-12-01:", "",
    "| misaligned among benign | misaligned demos | +0 benign | +8 benign | +24 benign | +56 benign | +120 benign |",
    "|---|---|---|---|---|---|---|",
    "| PyRIT harmful compliance among gpteacher role-play | 8 | 1.00 | 1.00 | 0.00 | 0.00 | 0.00 |",
    "| PyRIT harmful compliance among gpteacher role-play | 16 | 1.00 | 1.00 | 0.90 | 0.00 | 0.00 |",
    "| PyRIT harmful compliance among gpteacher role-play | 32 | 1.00 | 1.00 | 1.00 | 1.00 | 0.00 |",
    "| em-insecure code among em-secure code | 8 | 1.00 | 1.00 | 0.10 | 0.00 | 0.00 |",
    "| em-insecure code among em-secure code | 16 | 1.00 | 1.00 | 0.90 | 0.00 | 0.00 |",
    "| em-insecure code among em-secure code | 32 | 1.00 | 1.00 | 1.00 | 1.00 | 0.00 |", "",
    "  About three benign demos per misaligned one hide an attack: a known gap, with what was tried, in",
    "  docs/models.md (\"Attacks padded with benign demonstrations\").",
    "- `python -m bench.long_answers` — the docstrings of installed third-party packages (numpy, pydantic,",
    "  httpx, fastapi, starlette, redis, prometheus-client, onnxruntime, tokenizers, openai; 465 answers,",
    "  none trained on) as answers to \"What does X do?\", through the response audit at the shipped",
    "  thresholds, and pasted into a user message (\"Can you explain this documentation?\") through the",
    "  whole engine. Run 2026-12-01 on v1.8.0: the audit blocked 0.104 of answers under 500 characters,",
    "  0.257 of 500-1,500, 0.412 of 1,500-4,000 and all 11 longer ones (flagged besides: 0.06-0.12). On",
    "  v1.9.0 (trained on the standard library's docstrings, as answers and as pasted text): blocked 0.000",
    "  in every bucket, flagged 0.005 / 0.006 / 0.000 / 0.000; pasted, acted on 0.000 / 0.000 / 0.015 /",
    "  0.091 (v1.8.0's injection model: 0.000 / 0.011 / 0.176 / 0.364).", "",
]


def targets(results: dict) -> str:
    out = ["| target | measured | met |", "|---|---|---|"]
    p = results.get("proxy", {})
    if "16" in p and "gateway" in p["16"]:
        g, d = p["16"]["gateway"], p["16"]["direct"]
        add50 = g["p50_ms"] - d["p50_ms"]
        add99 = g["p99_ms"] - d["p99_ms"]
        out.append(f"| added p50 ≤ 5 ms at c=16 (client view) | {add50:.2f} ms | {'yes' if 0 <= add50 <= 5 else 'no'} |")
        out.append("| added p99 ≤ 25 ms at c=16 (client view) | " + (f"{add99:.2f} ms | {'yes' if add99 <= 25 else 'no'} |"
                   if add99 >= 0 else f"{add99:.2f} ms: direct's own tail is noisier than the proxy's; not measurable this way | — |"))
        if g.get("server_p50_ms") is not None:
            out.append(f"| gateway's own added time at c=16 (Server-Timing) p50 ≤ 5 / p99 ≤ 25 ms | "
                       f"{g['server_p50_ms']:.2f} / {g['server_p99_ms']:.2f} ms | "
                       f"{'yes' if g['server_p50_ms'] <= 5 and g['server_p99_ms'] <= 25 else 'no'} |")
    for c, r in sorted(p.items(), key=lambda kv: int(kv[0])):
        if "litellm" in r and "gateway" in r:
            g = r["gateway"]["p50_ms"] - r["direct"]["p50_ms"]
            ll = r["litellm"]["p50_ms"] - r["direct"]["p50_ms"]
            out.append(f"| below LiteLLM's added p50 at c={c} | gateway {g:.2f} ms vs LiteLLM {ll:.2f} ms | {'yes' if g < ll else 'no'} |")
    s = results.get("sizes", {}).get("256 demos")
    if s:
        t = s["stages_ms"]["total"]
        out.append(f"| 256-shot verdict ≤ 100 ms | {t:.1f} ms | {'yes' if t <= 100 else 'no'} |")
    mt = results.get("multiturn", {}).get("redis cache")
    if mt:
        r = mt[-1] / mt[0]
        out.append(f"| turn {len(mt)} ≤ 1.5× turn 1 with the cache | {r:.2f}× | {'yes' if r <= 1.5 else 'no'} |")
    sc = results.get("score", {}).get("distinct prompts")
    if sc:
        out.append(f"| `/v1/score` ≥ 300 short req/s | {sc['rps']:.0f} req/s | {'yes' if sc['rps'] >= 300 else 'no'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="seconds-long run for CI (no LiteLLM, tiny counts)")
    ap.add_argument("--out", type=Path, default=None, help="report directory (default docs/, or .cache/bench-smoke)")
    ap.add_argument("--only", nargs="*", default=None, choices=["proxy", "sizes", "multiturn", "score", "responses"])
    ap.add_argument("--report-only", action="store_true", help="rewrite the report from the saved results")
    args = ap.parse_args(argv)
    out = args.out or (ROOT / ".cache" / "bench-smoke" if args.smoke else ROOT / "docs")
    work = ROOT / ".cache" / "bench-work"
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    saved = out / "img" / "bench_results.json"
    results: dict = json.loads(saved.read_text()) if (args.only or args.report_only) and saved.exists() else {}
    now = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results.update({"machine": f"{platform.node()} ({platform.processor() or platform.machine()}, Python {platform.python_version()})",
                    "date": results.get("date", now) if results else now})
    run = set() if args.report_only else set(args.only or ["proxy", "sizes", "multiturn", "score", "responses"])
    if args.only:  # sections re-measured in this run, the rest kept from the saved results
        results.setdefault("sections_rerun", {}).update({s: now for s in args.only})
    if "sizes" in run:
        results["sizes"] = bench_sizes(args.smoke)
    if "multiturn" in run:
        results["multiturn"] = bench_multiturn(args.smoke)
    if "score" in run:
        results["score"] = bench_score(args.smoke)
    if "responses" in run:
        results["responses"] = bench_responses(args.smoke)
    if "proxy" in run:
        results["proxy"] = bench_proxy(work, args.smoke)
    results["targets_md"] = targets(results)
    img = plots(results, out / "img")
    command = "python -m bench.run" + (" --smoke" if args.smoke else "")
    (out / "img" / "bench_results.json").write_text(json.dumps(results, indent=2))
    write_report(results, out / "benchmarks.md", command, img)
    print(f"wrote {out / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
