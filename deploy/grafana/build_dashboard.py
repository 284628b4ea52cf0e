"""Generate dashboards/prompt-gateway.json (run: python deploy/grafana/build_dashboard.py).

Kept as code so panels stay consistent (datasource, units, grid) and the JSON is reproducible.
"""
from __future__ import annotations

import json
from pathlib import Path

DS = {"type": "prometheus", "uid": "prometheus"}
R = "$__rate_interval"

ROWS: list[tuple[str, list[tuple[str, str, list[tuple[str, str]], str]]]] = [
    ("Traffic and verdicts", [
        ("Requests/s by verdict", "timeseries", [(f"sum by (verdict) (rate(gateway_requests_total[{R}]))", "{{verdict}}")], "reqps"),
        ("Requests/s by route", "timeseries", [(f"sum by (route) (rate(gateway_requests_total[{R}]))", "{{route}}")], "reqps"),
        ("Requests/s by tenant", "timeseries", [(f"sum by (tenant) (rate(gateway_requests_total[{R}]))", "{{tenant}}")], "reqps"),
        ("Blocked or redacted share", "stat", [(f'sum(rate(gateway_requests_total{{verdict=~"block|redact"}}[{R}])) / clamp_min(sum(rate(gateway_requests_total{{verdict!="passthrough"}}[{R}])), 1e-9)', "share")], "percentunit"),
        ("Actions/s (caution, redact, block)", "timeseries", [(f"sum by (action) (rate(gateway_actions_total[{R}]))", "{{action}}")], "reqps"),
    ]),
    ("Risk and detectors", [
        ("Request risk distribution", "heatmap", [(f"sum by (le) (rate(gateway_request_risk_bucket[{R}]))", "{{le}}")], "short"),
        ("Detector score p90", "timeseries", [(f"histogram_quantile(0.9, sum by (le, detector) (rate(gateway_detector_score_bucket[{R}])))", "{{detector}}")], "short"),
        ("Findings/s by detector", "timeseries", [(f"sum by (detector) (rate(gateway_findings_total[{R}]))", "{{detector}}")], "short"),
        ("Demonstrations per request (p50, p99)", "timeseries", [
            (f"histogram_quantile(0.5, sum by (le) (rate(gateway_demonstrations_per_request_bucket[{R}])))", "p50"),
            (f"histogram_quantile(0.99, sum by (le) (rate(gateway_demonstrations_per_request_bucket[{R}])))", "p99")], "short"),
        ("Misaligned and redacted demonstrations/s", "timeseries", [
            (f"sum(rate(gateway_misaligned_demonstrations_total[{R}]))", "misaligned"),
            (f"sum(rate(gateway_redacted_demonstrations_total[{R}]))", "redacted")], "short"),
        ("Segments/s by tier", "timeseries", [(f"sum by (tier) (rate(gateway_segments_scored_total[{R}]))", "{{tier}}")], "short"),
        ("Per-segment score p90 by task and tier", "timeseries", [
            (f"histogram_quantile(0.9, sum by (le, task, tier) (rate(gateway_segment_score_bucket[{R}])))", "{{task}} {{tier}}")], "short"),
        ("Detector time p99 (rules; classifier by tier)", "timeseries", [
            (f"histogram_quantile(0.99, sum by (le, detector, tier) (rate(gateway_detector_duration_seconds_bucket[{R}])))", "{{detector}} {{tier}}")], "s"),
        ("Not scored (by kind)", "timeseries", [(f"sum by (kind) (increase(gateway_unscored_total[{R}]))", "{{kind}}")], "short"),
    ]),
    ("Latency budget", [
        ("End-to-end latency p50 / p99 by route", "timeseries", [
            (f"histogram_quantile(0.5, sum by (le, route) (rate(gateway_request_duration_seconds_bucket[{R}])))", "p50 {{route}}"),
            (f"histogram_quantile(0.99, sum by (le, route) (rate(gateway_request_duration_seconds_bucket[{R}])))", "p99 {{route}}")], "s"),
        ("Inspection latency p50 / p99", "timeseries", [
            (f"histogram_quantile(0.5, sum by (le) (rate(gateway_inspection_duration_seconds_bucket[{R}])))", "p50"),
            (f"histogram_quantile(0.99, sum by (le) (rate(gateway_inspection_duration_seconds_bucket[{R}])))", "p99")], "s"),
        ("Mean time per inspection stage", "timeseries", [
            (f"sum by (stage) (rate(gateway_inspection_stage_duration_seconds_sum[{R}])) / sum by (stage) (rate(gateway_inspection_stage_duration_seconds_count[{R}]))", "{{stage}}")], "s"),
        ("Upstream latency p50 / p99", "timeseries", [
            (f"histogram_quantile(0.5, sum by (le) (rate(gateway_upstream_duration_seconds_bucket[{R}])))", "p50"),
            (f"histogram_quantile(0.99, sum by (le) (rate(gateway_upstream_duration_seconds_bucket[{R}])))", "p99")], "s"),
    ]),
    ("Engine: cache and micro-batcher", [
        ("Score cache hit ratio", "stat", [(f'sum(rate(gateway_score_cache_total{{result="hit"}}[{R}])) / clamp_min(sum(rate(gateway_score_cache_total[{R}])), 1e-9)', "hit ratio")], "percentunit"),
        ("Cache lookups/s", "timeseries", [(f"sum by (result) (rate(gateway_score_cache_total[{R}]))", "{{result}}")], "short"),
        ("Micro-batch size p50 / p99", "timeseries", [
            (f"histogram_quantile(0.5, sum by (le) (rate(gateway_batch_items_bucket[{R}])))", "p50"),
            (f"histogram_quantile(0.99, sum by (le) (rate(gateway_batch_items_bucket[{R}])))", "p99")], "short"),
        ("Micro-batch queue depth", "timeseries", [("sum(gateway_batch_queue_depth)", "queued jobs")], "short"),
        ("Micro-batch duration p99", "timeseries", [(f"histogram_quantile(0.99, sum by (le) (rate(gateway_batch_duration_seconds_bucket[{R}])))", "p99")], "s"),
        ("Models and execution provider", "table", [("max by (model, version, provider) (gateway_model_info)", "{{model}} {{version}} {{provider}}")], "short"),
    ]),
    ("Responses", [
        ("Response audits/s by verdict", "timeseries", [(f"sum by (verdict, mode) (rate(gateway_response_audits_total[{R}]))", "{{mode}} {{verdict}}")], "short"),
        ("Streams cut with content_filter", "timeseries", [(f"sum(increase(gateway_stream_cutoffs_total[{R}]))", "cut-offs")], "short"),
        ("Leaks in answers by kind", "timeseries", [(f"sum by (kind) (increase(gateway_response_leaks_total[{R}]))", "{{kind}}")], "short"),
    ]),
    ("Upstream, Redis and audit", [
        ("Upstream errors/s by kind", "timeseries", [(f"sum by (kind) (rate(gateway_upstream_errors_total[{R}]))", "{{kind}}")], "short"),
        ("Malformed requests/s by code", "timeseries", [(f"sum by (code) (rate(gateway_bad_requests_total[{R}]))", "{{code}}")], "short"),
        ("Redis up", "stat", [("min(gateway_redis_up)", "redis up")], "short"),
        ("Audit records buffered (waiting for Redis)", "timeseries", [("sum(gateway_audit_buffered_records)", "buffered")], "short"),
        ("Audit records written/s", "timeseries", [(f"sum by (sink) (rate(gateway_audit_records_total[{R}]))", "{{sink}}")], "short"),
    ]),
]


def build() -> dict:
    panels, pid, y = [], 1, 0
    for title, items in ROWS:
        panels.append({"type": "row", "title": title, "id": pid, "collapsed": False,
                       "gridPos": {"h": 1, "w": 24, "x": 0, "y": y}})
        pid += 1
        y += 1
        for i, (ptitle, ptype, targets, unit) in enumerate(items):
            panels.append({
                "type": ptype, "title": ptitle, "id": pid, "datasource": DS,
                "gridPos": {"h": 8, "w": 8, "x": (i % 3) * 8, "y": y + (i // 3) * 8},
                "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
                "options": {},
                "targets": [{"refId": chr(65 + k), "expr": expr, "legendFormat": legend, "datasource": DS}
                            for k, (expr, legend) in enumerate(targets)],
            })
            pid += 1
        y += ((len(items) + 2) // 3) * 8
    return {"title": "Prompt-integrity gateway", "uid": "prompt-gateway", "schemaVersion": 39, "version": 1,
            "editable": True, "time": {"from": "now-1h", "to": "now"}, "refresh": "30s", "tags": ["prompt-gateway"],
            "templating": {"list": []}, "annotations": {"list": []}, "panels": panels}


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "dashboards" / "prompt-gateway.json"
    out.write_text(json.dumps(build(), indent=2) + "\n")
    print(f"wrote {out}")
