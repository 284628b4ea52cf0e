"""Health, readiness, metrics, audit reading and policy reload."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from .. import metrics as M
from ..auth import require_admin
from ..errors import GatewayError
from ..policy import PolicyError

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    gw = request.app.state.gateway
    redis_ok = await gw.redis.ping() if gw.redis.configured else None
    gw.redis_gauge()
    ready = gw.ready and redis_ok is not False
    body = {"status": "ready" if ready else "not ready", "models": gw.engine.models.versions,
            "execution_provider": gw.engine.models.provider,
            "redis": {"configured": gw.redis.configured, "reachable": redis_ok},
            "audit_buffered": len(gw.audit.buffer), "policy_error": gw.policies.last_error}
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics")
async def metrics() -> Response:
    data, ctype = M.render()
    return Response(data, media_type=ctype)


@router.get("/v1/audit")
async def audit(request: Request, limit: int = Query(100, ge=1, le=1000), verdict: str | None = None,
                tenant: str | None = None, since: float | None = None, request_id: str | None = None) -> dict:
    gw = request.app.state.gateway
    require_admin(request.headers, gw.settings.admin_key_sha256)
    if verdict is not None and verdict not in ("allow", "caution", "redact", "block"):
        raise GatewayError(400, "verdict must be one of allow, caution, redact, block", param="verdict")
    records = await gw.audit.recent(limit, verdict, tenant, since, request_id)
    return {"object": "list", "data": records, "buffered": len(gw.audit.buffer), "overflow": gw.audit.overflow}


@router.post("/admin/policy/reload")
async def reload_policy(request: Request) -> dict:
    gw = request.app.state.gateway
    require_admin(request.headers, gw.settings.admin_key_sha256)
    try:
        gw.policies.reload()
    except PolicyError as exc:
        M.POLICY_RELOADS.labels("error").inc()
        raise GatewayError(400, str(exc), code="invalid_policy") from None
    M.POLICY_RELOADS.labels("ok").inc()
    return {"status": "reloaded", "reloads": gw.policies.reloads}
