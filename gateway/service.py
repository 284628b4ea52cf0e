"""The gateway's state and its request flow: inspect → decide → act → forward → audit.

Routes are thin; everything a request goes through is here so it reads top to bottom.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from detectors import Engine, EngineConfig, LRUScoreCache, RequestFormatError
from detectors.report import Report, ResponseReport
from detectors.leak import LeakGuard
from detectors.verdict import RESPONSE_SEVERITY, DecisionThresholds

from . import metrics as M
from .actions import NothingLeft, apply_caution, apply_redaction
from .audit import AuditLog
from .auth import tenant_for
from .body import json_body
from .errors import GatewayError
from .policy import Policy, PolicyStore, ResponsePolicy
from .settings import Settings
from .store import RateLimiter, RedisHealth, RedisScoreCache
from .streaming import StreamAudit, leak_records, relay, tool_call_arguments
from .upstream import Upstream

log = logging.getLogger("gateway")


def _severity(rr: ResponseReport) -> tuple[int, float]:
    """Which of several choices' audits speaks for the response: the worst verdict, then the highest risk."""
    return RESPONSE_SEVERITY.index(rr.verdict), rr.risk


def _count_leaks(rr: ResponseReport) -> None:
    for leak in leak_records(rr):
        M.RESPONSE_LEAKS.labels(leak["kind"]).inc()


def _response_record(rr: ResponseReport | None) -> dict[str, Any] | None:
    """The audit trail's view of a response audit: verdict, risk, and what leaked (never the secret)."""
    if rr is None:
        return None
    leaks = leak_records(rr)
    return {"verdict": rr.verdict, "risk": rr.risk, **({"leaks": leaks} if leaks else {})}


class Gateway:
    def __init__(self, settings: Settings, engine: Engine | None = None):
        self.settings = settings
        self.policies = PolicyStore(settings.policy_file)
        client = None
        if settings.redis_url:
            import redis.asyncio as aioredis

            client = aioredis.from_url(settings.redis_url, socket_timeout=settings.redis_timeout_s,
                                       socket_connect_timeout=settings.redis_timeout_s, retry_on_timeout=False)
        self.redis = RedisHealth(client)
        cache = (RedisScoreCache(self.redis, settings.redis_prefix, settings.score_cache_ttl_s)
                 if client is not None else LRUScoreCache())
        policy = self.policies.current()
        config = EngineConfig(rules=policy.rules, tier2_budget=settings.tier2_budget)
        if engine is None:
            engine = Engine.from_directory(settings.model_dir, providers=settings.providers(), config=config, cache=cache)
        else:
            engine.cache = cache
        self.engine = engine
        defaults = engine.default_thresholds()
        self.base_thresholds = defaults.detectors
        self.base_response = (defaults.response_flag, defaults.response_block)
        self.audit = AuditLog(self.redis, settings.redis_prefix, settings.audit_stream_maxlen,
                              settings.audit_buffer_max, on_change=self._audit_changed)
        self.limiter = RateLimiter(self.redis, settings.redis_prefix)
        self.upstream = Upstream(settings)
        self.keys = settings.tenant_keys()
        self.ready = False
        self._overflow_seen = 0  # audit overflow already counted in the metric

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        self.engine.attach_batcher(self.settings.batch_max_items, self.settings.batch_max_wait_ms, self._batch_observed)
        self.audit.start()
        if self.redis.configured:
            await self.redis.ping()
        self.redis_gauge()
        models = self.engine.models
        for name, version in models.versions.items():
            provider = models.encoder.provider if (name == "encoder" and models.encoder) else "CPUExecutionProvider"
            M.MODEL_INFO.labels(name, version, provider).set(1)
        self.ready = True

    async def stop(self) -> None:
        if self.engine.batcher:
            await self.engine.batcher.close()
        await self.audit.close()
        await self.upstream.close()
        if self.redis.client is not None:
            await self.redis.client.aclose()

    def _batch_observed(self, items: int, depth: int, seconds: float) -> None:
        M.BATCH_SIZE.observe(items)
        M.BATCH_SECONDS.observe(seconds)
        M.QUEUE_DEPTH.set(depth)

    def redis_gauge(self) -> None:
        """gateway_redis_up exists only when Redis is configured, so no alert fires without it."""
        if self.redis.configured:
            M.REDIS_UP.set(1 if self.redis.up else 0)

    def _audit_changed(self, audit: AuditLog) -> None:
        M.AUDIT_BUFFERED.set(len(audit.buffer))
        self.redis_gauge()

    # ------------------------------------------------------------------ shared steps
    async def _admit(self, request: Request, route: str) -> tuple[str, Policy, DecisionThresholds, ResponsePolicy]:
        tenant = tenant_for(request.headers, self.keys)
        policy = self.policies.current()
        thresholds, response_policy, rate = policy.effective(route, tenant, self.base_thresholds, self.base_response,
                                                             self.engine.aggregation)
        allowed, reset = await self.limiter.hit(tenant, rate)
        if not allowed:
            M.RATE_LIMITED.labels(tenant).inc()
            raise GatewayError(429, f"rate limit of {rate} requests per minute exceeded", "rate_limit_error",
                               "rate_limit_exceeded", headers={"retry-after": str(reset)})
        return tenant, policy, thresholds, response_policy

    async def _body(self, request: Request) -> dict[str, Any]:
        try:
            return await json_body(request, self.settings.max_body_bytes, self.settings.max_json_depth)
        except GatewayError as exc:
            M.BAD_REQUESTS.labels(exc.code or "invalid").inc()
            raise

    async def _analyze(self, body: Any, policy: Policy, thresholds: DecisionThresholds, route: str,
                       tenant: str) -> Report:
        # Set per request and read by analyze before its first await, so requests never see each other's.
        self.engine.config.rules = policy.rules
        self.engine.config.inspect_system = policy.inspects_system(route, tenant)
        t = time.perf_counter()
        try:
            report = await self.engine.analyze(body, thresholds)
        except RequestFormatError as exc:
            M.BAD_REQUESTS.labels("invalid_request").inc()
            raise GatewayError(400, str(exc), code="invalid_request", param=exc.param) from None
        M.observe_report(route, tenant, report, time.perf_counter() - t)
        self.redis_gauge()
        return report

    def _record(self, request: Request, route: str, tenant: str, report: Report | None, **extra: Any) -> dict:
        rec: dict[str, Any] = {"request_id": request.state.request_id, "ts": time.time(), "tenant": tenant,
                               "route": route}
        if report is not None:
            rec.update({
                "verdict": report.verdict, "risk": round(report.risk, 6),
                "demonstrations": {"total": report.demonstrations.total, "misaligned": report.demonstrations.misaligned},
                "findings": [{"detector": f.detector, "score": f.score, "message": f.message, "start": f.start,
                              "end": f.end} for f in report.findings[:200]],
                "detectors": report.detector_scores,
                "timings_ms": {k: round(v, 3) for k, v in report.timings.stages.items()},
            })
        rec.update(extra)
        return rec

    async def _write_audit(self, rec: dict[str, Any]) -> None:
        try:
            await self.audit.record(rec)
            M.AUDIT_WRITTEN.labels("redis" if self.redis.configured else "memory").inc()
        except Exception:  # auditing must never fail the request
            log.exception("audit record failed")
        M.AUDIT_BUFFERED.set(len(self.audit.buffer))
        if self.audit.overflow > self._overflow_seen:
            M.AUDIT_OVERFLOW.inc(self.audit.overflow - self._overflow_seen)
            self._overflow_seen = self.audit.overflow

    def _excerpt(self, body: dict[str, Any]) -> str | None:
        n = self.settings.audit_excerpt_chars
        if n <= 0:
            return None
        if "messages" in body:
            users = [m for m in body["messages"] if isinstance(m, dict) and m.get("role") == "user"]
            text = users[-1].get("content") if users else ""
        else:
            text = body.get("prompt")
        return (text if isinstance(text, str) else json.dumps(text))[:n]

    @staticmethod
    def decision_headers(request: Request, report: Report) -> dict[str, str]:
        return {"x-request-id": request.state.request_id, "x-prompt-integrity-verdict": report.verdict,
                "x-prompt-integrity-risk": f"{report.risk:.4f}",
                "x-prompt-integrity-demonstrations": f"{report.demonstrations.misaligned}/{report.demonstrations.total}"}

    # ------------------------------------------------------------------ /v1/chat/completions, /v1/completions
    async def completion(self, request: Request, route: str, chat: bool) -> Response:
        started = time.perf_counter()
        tenant, policy, thresholds, response_policy = await self._admit(request, route)
        body = await self._body(request)
        if chat and not isinstance(body.get("messages"), list):
            raise GatewayError(400, "'messages' is required and must be a list", code="invalid_request", param="messages")
        if chat and not body["messages"]:
            raise GatewayError(400, "'messages' must not be empty", code="invalid_request", param="messages")
        if not chat and "prompt" not in body:
            raise GatewayError(400, "'prompt' is required", code="invalid_request", param="prompt")
        stream = body.get("stream", False)
        if not isinstance(stream, bool):
            raise GatewayError(400, "'stream' must be a boolean", code="invalid_request", param="stream")
        report = await self._analyze(body, policy, thresholds, route, tenant)
        headers = self.decision_headers(request, report)
        verdict = report.verdict
        forwarded = body
        redacted = 0
        if verdict == "redact":
            try:
                forwarded, redacted = apply_redaction(body, report, policy.redact_placeholder)
                M.REDACTED_DEMOS.inc(redacted)
            except NothingLeft:
                verdict = report.verdict = "block"
                headers["x-prompt-integrity-verdict"] = "block"
        if verdict != "block" and (verdict == "caution" or "caution" in report.actions.values()):
            forwarded = apply_caution(forwarded, policy.caution.before, policy.caution.after)
            if verdict != "caution":  # caution alongside a redaction: counted as an action of its own
                M.ACTIONS.labels("caution", tenant).inc()
        base_rec = self._record(request, route, tenant, report, model=body.get("model"), stream=stream,
                                redacted=redacted, excerpt=self._excerpt(forwarded))
        if verdict == "block":
            M.REQUESTS.labels(route, "block", tenant).inc()
            M.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
            await self._write_audit({**base_rec, "upstream_status": None})
            raise GatewayError(policy.block.status, policy.block.message, "invalid_request_error", policy.block.code,
                               headers=headers)

        up_headers = self.upstream.headers(request.headers, request.state.request_id)
        t_up = time.perf_counter()
        path = "chat/completions" if chat else "completions"
        if stream:
            resp = await self.upstream.send("POST", path, up_headers, json_body=forwarded, stream=True)
            M.UPSTREAM_SECONDS.labels(route).observe(time.perf_counter() - t_up)
            if resp.status_code != 200:
                content = await resp.aread()
                await resp.aclose()
                M.UPSTREAM_ERRORS.labels(f"http_{resp.status_code}").inc()
                await self._write_audit({**base_rec, "upstream_status": resp.status_code})
                M.REQUESTS.labels(route, verdict, tenant).inc()
                return Response(content, resp.status_code, headers=headers,
                                media_type=resp.headers.get("content-type", "application/json"))
            return self._stream(request, resp, body, forwarded, thresholds, response_policy, base_rec, headers,
                                route, tenant, verdict, started, chat)
        resp = await self.upstream.send("POST", path, up_headers, json_body=forwarded)
        upstream_s = time.perf_counter() - t_up
        M.UPSTREAM_SECONDS.labels(route).observe(upstream_s)
        if resp.status_code != 200:
            M.UPSTREAM_ERRORS.labels(f"http_{resp.status_code}").inc()
            await self._write_audit({**base_rec, "upstream_status": resp.status_code})
            M.REQUESTS.labels(route, verdict, tenant).inc()
            return Response(resp.content, resp.status_code, headers=headers,
                            media_type=resp.headers.get("content-type", "application/json"))
        try:
            data = resp.json()
        except ValueError:
            M.UPSTREAM_ERRORS.labels("invalid_json").inc()
            raise GatewayError(502, "upstream returned invalid JSON", "upstream_error", "upstream_invalid_response") from None
        rr = None
        if response_policy.enabled and isinstance(data, dict):
            rr = await self._audit_choices(data, forwarded, thresholds, response_policy, chat,
                                           self.engine.leak_guard(body, response_policy.leaks.settings()))
            headers["x-prompt-integrity-response"] = rr.verdict
        M.REQUESTS.labels(route, verdict, tenant).inc()
        M.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
        await self._write_audit({**base_rec, "upstream_status": 200, "response": _response_record(rr)})
        total_s = time.perf_counter() - started
        # Server-Timing: what the gateway itself added, separable from the upstream's time.
        headers["server-timing"] = (f"inspect;dur={report.timings.stages.get('total', 0.0):.2f}, "
                                    f"upstream;dur={upstream_s * 1000:.2f}, "
                                    f"gateway;dur={(total_s - upstream_s) * 1000:.2f}")
        if rr is None or rr.verdict != "block":  # unchanged: relay the upstream's bytes as they came
            return Response(resp.content, 200, headers=headers, media_type="application/json")
        return JSONResponse(data, headers=headers)

    async def _audit_choices(self, data: dict[str, Any], request_body: dict[str, Any], thresholds: DecisionThresholds,
                             policy: ResponsePolicy, chat: bool, guard: LeakGuard) -> ResponseReport:
        worst: ResponseReport | None = None
        question = self.engine.question_of(request_body)
        for choice in data.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            msg = choice.get("message") if chat else None
            msg = msg if isinstance(msg, dict) else {}
            text = msg.get("content") if chat else choice.get("text")
            text = text if isinstance(text, str) else ""
            args = tool_call_arguments(msg)
            if not text and not args:
                continue
            rr = (await self.engine.audit_response(text, request_body, thresholds, guard, question)
                  if text else ResponseReport())
            if args:  # a hijacked agent exfiltrates through its tool calls: same leak check there
                leaks = guard.check(args, where="tool-call arguments")
                rr.findings.extend(leaks)
                rr.verdict = max(rr.verdict, guard.verdict(leaks), key=RESPONSE_SEVERITY.index)
            M.RESPONSES.labels(rr.verdict, "full").inc()
            _count_leaks(rr)
            if rr.verdict == "block":
                if chat:
                    msg["content"] = policy.refusal
                    msg.pop("tool_calls", None)
                    msg.pop("function_call", None)
                else:
                    choice["text"] = policy.refusal
                choice["finish_reason"] = "content_filter"
            if worst is None or _severity(rr) > _severity(worst):
                worst = rr
        return worst or ResponseReport()

    def _stream(self, request: Request, resp, original: dict[str, Any], forwarded: dict[str, Any],
                thresholds: DecisionThresholds, policy: ResponsePolicy, base_rec: dict[str, Any],
                headers: dict[str, str], route: str, tenant: str, verdict: str, started: float,
                chat: bool) -> StreamingResponse:
        state = StreamAudit()
        guard = self.engine.leak_guard(original, policy.leaks.settings())
        question = self.engine.question_of(forwarded)  # once per stream, not once per audited window

        async def audit(text: str) -> ResponseReport:
            return await self.engine.audit_response(text, forwarded, thresholds, guard, question)

        async def body():
            try:
                if policy.enabled:
                    async for chunk in relay(resp, audit, state, policy.stream_window_chars,
                                             policy.stream_check_every_chars, chat, guard=guard):
                        yield chunk
                else:
                    async for chunk in resp.aiter_raw():
                        yield chunk
                    await resp.aclose()
            finally:
                rv = state.last.verdict if state.last else "allow"
                M.RESPONSES.labels(rv, "stream").inc()
                for leak in state.leaks:
                    M.RESPONSE_LEAKS.labels(leak["kind"]).inc()
                if state.cut:
                    M.STREAM_CUTOFFS.inc()
                M.REQUESTS.labels(route, verdict, tenant).inc()
                M.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
                await self._write_audit({**base_rec, "upstream_status": 200, "response": {
                    "verdict": rv, "risk": state.last.risk if state.last else 0.0, "stream_cut": state.cut,
                    "checks": state.checks, **({"leaks": state.leaks} if state.leaks else {})}})

        return StreamingResponse(body(), media_type="text/event-stream", headers=headers)

    # ------------------------------------------------------------------ /v1/score
    async def score(self, request: Request) -> JSONResponse:
        started = time.perf_counter()
        route = "/v1/score"
        tenant, policy, thresholds, response_policy = await self._admit(request, route)
        body = await self._body(request)
        if "messages" not in body and "prompt" not in body:
            raise GatewayError(400, "body needs 'messages' (chat format) or 'prompt'", code="invalid_request")
        response = body.get("response")
        if response is not None and not isinstance(response, str):
            raise GatewayError(400, "'response' must be a string", code="invalid_request", param="response")
        report = await self._analyze(body, policy, thresholds, route, tenant)
        if response is not None:
            report.response = await self.engine.audit_response(
                response, body, thresholds, self.engine.leak_guard(body, response_policy.leaks.settings()))
            M.RESPONSES.labels(report.response.verdict, "score").inc()
            _count_leaks(report.response)
        out = report.to_dict(include_demos=bool(body.get("include_demonstrations")))
        out["request_id"] = request.state.request_id
        M.REQUESTS.labels(route, report.verdict, tenant).inc()
        M.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
        await self._write_audit(self._record(request, route, tenant, report, response=_response_record(report.response)))
        return JSONResponse(out, headers=self.decision_headers(request, report))

    # ------------------------------------------------------------------ other /v1/* paths
    async def passthrough(self, request: Request, path: str) -> Response:
        started = time.perf_counter()
        route = "/v1/*"
        tenant = tenant_for(request.headers, self.keys)
        raw = await request.body()
        if len(raw) > self.settings.max_body_bytes:
            raise GatewayError(413, f"request body is larger than {self.settings.max_body_bytes} bytes",
                               code="request_too_large")
        headers = self.upstream.headers(request.headers, request.state.request_id)
        if "content-type" in request.headers:
            headers["content-type"] = request.headers["content-type"]
        resp = await self.upstream.send(request.method, path, headers, content=raw or None,
                                        params=request.query_params, stream=True)

        async def body():
            try:
                async for chunk in resp.aiter_raw():
                    yield chunk
            finally:
                await resp.aclose()

        M.REQUESTS.labels(route, "passthrough", tenant).inc()
        M.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
        keep = {k: v for k, v in resp.headers.items() if k.lower() in ("content-type", "openai-processing-ms")}
        keep["x-request-id"] = request.state.request_id
        return StreamingResponse(body(), status_code=resp.status_code, headers=keep)
