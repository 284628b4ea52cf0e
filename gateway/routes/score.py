"""``POST /v1/score`` — the scoring contract of DESIGN.md."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter()


@router.post("/v1/score")
async def score(request: Request) -> JSONResponse:
    return await request.app.state.gateway.score(request)
