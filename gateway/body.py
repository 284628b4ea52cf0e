"""Read and validate a JSON request body defensively: size, UTF-8, JSON syntax, nesting depth.

Runs before anything else touches the body, so oversized, malformed or absurdly nested input
gets a clear 4xx and can never reach a recursive parser or the engine.
"""
from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request

from .errors import GatewayError


async def read_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > max_bytes:
                raise GatewayError(413, f"request body is larger than {max_bytes} bytes", code="request_too_large")
        except ValueError:
            raise GatewayError(400, "invalid Content-Length header", code="invalid_request") from None
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise GatewayError(413, f"request body is larger than {max_bytes} bytes", code="request_too_large")
        chunks.append(chunk)
    return b"".join(chunks)


_STRUCTURAL = re.compile(r'[\[\]{}"\\]')


def _depth_exceeds(raw: str, limit: int) -> bool:
    """Bracket depth outside strings, in one pass over structural characters only (no recursion)."""
    depth = 0
    in_str = False
    skip_at = -1  # position of a character escaped by a backslash
    for m in _STRUCTURAL.finditer(raw):
        pos, ch = m.start(), m.group()
        if pos == skip_at:
            continue
        if in_str:
            if ch == "\\":
                skip_at = pos + 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def parse_json(raw: bytes, max_depth: int) -> dict[str, Any]:
    if not raw.strip():
        raise GatewayError(400, "request body is empty; expected a JSON object", code="invalid_json")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GatewayError(400, f"request body is not valid UTF-8 (byte {exc.start})", code="invalid_encoding") from None
    if _depth_exceeds(text, max_depth):
        raise GatewayError(400, f"JSON nesting deeper than {max_depth} levels", code="json_too_deep")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GatewayError(400, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", code="invalid_json") from None
    except RecursionError:
        raise GatewayError(400, "JSON nesting too deep", code="json_too_deep") from None
    if not isinstance(data, dict):
        raise GatewayError(400, "request body must be a JSON object", code="invalid_request")
    return data


async def json_body(request: Request, max_bytes: int, max_depth: int) -> dict[str, Any]:
    return parse_json(await read_body(request, max_bytes), max_depth)
