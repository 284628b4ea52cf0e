"""OpenAI-compatible proxy routes."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()


@router.post("/v1/chat/completions")
async def chat_completions(request: Request) -> Response:
    return await request.app.state.gateway.completion(request, "/v1/chat/completions", chat=True)


@router.post("/v1/completions")
async def completions(request: Request) -> Response:
    return await request.app.state.gateway.completion(request, "/v1/completions", chat=False)


@router.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def passthrough(request: Request, path: str) -> Response:
    return await request.app.state.gateway.passthrough(request, path)
