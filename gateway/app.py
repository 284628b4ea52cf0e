"""FastAPI app factory: ``create_app(settings)``; ``uvicorn --factory gateway.app:create_app``."""
from __future__ import annotations

import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI

from detectors import Engine

from .errors import install_handlers
from .routes import admin, proxy, score
from .service import Gateway
from .settings import Settings


class RequestIdMiddleware:
    """Pure ASGI middleware: a request id per request (the caller's ``x-request-id`` if sane)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rid = None
        for k, v in scope.get("headers", []):
            if k == b"x-request-id":
                candidate = v.decode("latin-1")[:64]
                if candidate.replace("-", "").replace("_", "").isalnum():
                    rid = candidate
                break
        scope.setdefault("state", {})["request_id"] = rid or uuid.uuid4().hex
        return await self.app(scope, receive, send)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    gateway = Gateway(settings, engine=engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await gateway.start()
        yield
        await gateway.stop()

    app = FastAPI(title="prompt-integrity gateway", version="0.1.0", lifespan=lifespan,
                  description="OpenAI-compatible proxy that inspects prompts for many-shot misaligned "
                              "demonstrations and risky constructs, and audits responses.")
    app.state.gateway = gateway
    install_handlers(app)
    app.include_router(admin.router)
    app.include_router(score.router)
    app.include_router(proxy.router)  # last: it holds the /v1/{path} catch-all
    app.add_middleware(RequestIdMiddleware)
    return app
