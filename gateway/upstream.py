"""The pooled httpx client to the OpenAI-compatible upstream, with errors mapped to 502/504."""
from __future__ import annotations

from typing import Any

import logging

import httpx

from .errors import GatewayError
from .metrics import UPSTREAM_ERRORS
from .settings import Settings

log = logging.getLogger("gateway.upstream")

FORWARDED = ("authorization", "openai-organization", "openai-project", "openai-beta", "accept", "user-agent",
             "x-stainless-lang", "x-stainless-package-version")


class Upstream:
    def __init__(self, settings: Settings):
        self.base = settings.upstream_url
        self.api_key = settings.upstream_api_key
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_read_timeout_s, connect=settings.upstream_connect_timeout_s),
            limits=httpx.Limits(max_connections=settings.upstream_max_connections,
                                max_keepalive_connections=settings.upstream_max_connections),
        )

    def headers(self, incoming: Any, request_id: str) -> dict[str, str]:
        out = {k: incoming[k] for k in FORWARDED if k in incoming}
        if self.api_key:
            out["authorization"] = f"Bearer {self.api_key}"
        out["x-request-id"] = request_id
        return out

    async def send(self, method: str, path: str, headers: dict[str, str], json_body: Any = None,
                   content: bytes | None = None, params: Any = None, stream: bool = False) -> httpx.Response:
        req = self.client.build_request(method, f"{self.base}/{path.lstrip('/')}", headers=headers,
                                        json=json_body, content=content, params=params)
        try:
            return await self.client.send(req, stream=stream)
        except httpx.TimeoutException as exc:
            UPSTREAM_ERRORS.labels("timeout").inc()
            log.warning("upstream timeout on %s: %r", path, exc)
            raise GatewayError(504, f"upstream timed out ({type(exc).__name__})", "upstream_error", "upstream_timeout") from None
        except httpx.HTTPError as exc:
            UPSTREAM_ERRORS.labels("connect" if isinstance(exc, httpx.ConnectError) else "transport").inc()
            log.warning("upstream error on %s: %r", path, exc)
            raise GatewayError(502, f"upstream unavailable: {type(exc).__name__}", "upstream_error", "upstream_unavailable") from None

    async def close(self) -> None:
        await self.client.aclose()
