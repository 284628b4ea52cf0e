"""Prometheus metrics (prometheus-client), named in base units with ``_total`` / ``_seconds``.

Multiprocess mode: when ``PROMETHEUS_MULTIPROC_DIR`` is set (to an empty, writable directory,
before the workers start), every uvicorn worker writes its samples there and ``/metrics``
aggregates them with ``MultiProcessCollector``; gauges use the ``livesum``/``max`` modes.
See docs/operations.md.
"""
from __future__ import annotations

import os

from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest)

LATENCY = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
SCORE = (0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)
MULTIPROC = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def _gauge(name: str, doc: str, labels: tuple[str, ...] = (), mode: str = "livesum") -> Gauge:
    kw = {"multiprocess_mode": mode} if MULTIPROC else {}
    return Gauge(name, doc, labels, **kw)


REQUESTS = Counter("gateway_requests_total", "Requests handled, by route, verdict and tenant", ("route", "verdict", "tenant"))
REQUEST_SECONDS = Histogram("gateway_request_duration_seconds", "End-to-end request latency", ("route",), buckets=LATENCY)
INSPECTION_SECONDS = Histogram("gateway_inspection_duration_seconds", "Prompt inspection latency (engine)", ("route",), buckets=LATENCY)
STAGE_SECONDS = Histogram("gateway_inspection_stage_duration_seconds", "Engine time per stage", ("stage",), buckets=LATENCY)
UPSTREAM_SECONDS = Histogram("gateway_upstream_duration_seconds", "Upstream latency to response headers", ("route",), buckets=LATENCY)
DETECTOR_SCORE = Histogram("gateway_detector_score", "Request-level score per detector", ("detector",), buckets=SCORE)
DETECTOR_SECONDS = Histogram("gateway_detector_duration_seconds",
                             "Time per detector per request: each rule (on messages not seen before) and the "
                             "classifier by tier", ("detector", "tier"), buckets=LATENCY)
SEGMENT_SCORE = Histogram("gateway_segment_score", "Per-segment classifier probability by task and tier",
                          ("task", "tier"), buckets=SCORE)
RISK = Histogram("gateway_request_risk", "Request risk", buckets=SCORE)
SEGMENTS_BY_TIER = Counter("gateway_segments_scored_total", "Segments scored, by deepest tier that scored them", ("tier",))
DEMOS = Histogram("gateway_demonstrations_per_request", "Demonstrations found per request", buckets=(0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512))
MISALIGNED_DEMOS = Counter("gateway_misaligned_demonstrations_total", "Demonstrations scored as misaligned")
ACTIONS = Counter("gateway_actions_total", "Actions applied to requests (caution, redact, block)", ("action", "tenant"))
REDACTED_DEMOS = Counter("gateway_redacted_demonstrations_total", "Demonstrations removed by redaction")
FINDINGS = Counter("gateway_findings_total", "Findings by detector", ("detector",))
RESPONSES = Counter("gateway_response_audits_total", "Response audits by verdict and mode", ("verdict", "mode"))
RESPONSE_LEAKS = Counter("gateway_response_leaks_total",
                         "Answers that gave away a secret or the system prompt, by kind (secret_leak, system_prompt_leak)",
                         ("kind",))
STREAM_CUTOFFS = Counter("gateway_stream_cutoffs_total", "Streams ended with finish_reason content_filter")
CACHE = Counter("gateway_score_cache_total", "Score cache lookups", ("result",))
UNSCORED = Counter("gateway_unscored_total", "Things the engine did not score", ("kind",))
BATCH_SIZE = Histogram("gateway_batch_items", "Segments per micro-batch", buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512))
BATCH_SECONDS = Histogram("gateway_batch_duration_seconds", "Micro-batch scoring time", buckets=LATENCY)
QUEUE_DEPTH = _gauge("gateway_batch_queue_depth", "Jobs waiting for the micro-batcher", mode="livesum")
REDIS_UP = _gauge("gateway_redis_up", "1 when Redis is configured and reachable", mode="min")
AUDIT_BUFFERED = _gauge("gateway_audit_buffered_records", "Audit records waiting for Redis", mode="livesum")
AUDIT_OVERFLOW = Counter("gateway_audit_buffer_overflow_total", "Audit records dropped because the buffer was full")
AUDIT_WRITTEN = Counter("gateway_audit_records_total", "Audit records written", ("sink",))
UPSTREAM_ERRORS = Counter("gateway_upstream_errors_total", "Upstream failures by kind", ("kind",))
RATE_LIMITED = Counter("gateway_rate_limited_total", "Requests refused by the rate limit", ("tenant",))
BAD_REQUESTS = Counter("gateway_bad_requests_total", "Requests refused as malformed", ("code",))
MODEL_INFO = _gauge("gateway_model_info", "Loaded models (value 1)", ("model", "version", "provider"), mode="max")
POLICY_RELOADS = Counter("gateway_policy_reloads_total", "Policy reloads", ("result",))


def render() -> tuple[bytes, str]:
    if MULTIPROC:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


def observe_report(route: str, tenant: str, report, inspection_s: float) -> None:
    """Everything a report says that operators chart."""
    INSPECTION_SECONDS.labels(route).observe(inspection_s)
    for stage, ms in report.timings.stages.items():
        if stage != "total":
            STAGE_SECONDS.labels(stage).observe(ms / 1000)
    for det, score in report.detector_scores.items():
        DETECTOR_SCORE.labels(det).observe(score)
    for det, ms in report.detector_ms.items():
        name, _, tier = det.partition(":")
        DETECTOR_SECONDS.labels(name, tier or "rules").observe(ms / 1000)
    for task, tier, p in report.segment_scores:
        SEGMENT_SCORE.labels(task, f"tier{tier}").observe(p)
    RISK.observe(report.risk)
    for tier, n in report.tiers.items():
        SEGMENTS_BY_TIER.labels(tier).inc(n)
    DEMOS.observe(report.demonstrations.total)
    if report.demonstrations.misaligned:
        MISALIGNED_DEMOS.inc(report.demonstrations.misaligned)
    for f in report.findings:
        FINDINGS.labels(f.detector).inc()
    CACHE.labels("hit").inc(report.cache.get("hits", 0))
    CACHE.labels("miss").inc(report.cache.get("misses", 0))
    if report.cache.get("errors"):
        CACHE.labels("error").inc(report.cache["errors"])
    u = report.unscored
    for kind in ("tokens", "demos_dropped", "non_text_parts", "tier2_budget_skipped"):
        v = getattr(u, kind)
        if v:
            UNSCORED.labels(kind).inc(v)
    if report.verdict != "allow":
        ACTIONS.labels(report.verdict, tenant).inc()
