"""Relay an upstream SSE stream chunk by chunk while auditing the answer over a sliding window.

Nothing is buffered beyond the window: each line goes to the client as it arrives. Every
``check_every`` new characters the last ``window`` characters are audited; once the verdict is
``block`` the stream ends with a ``finish_reason: "content_filter"`` chunk and ``[DONE]``.
"""
from __future__ import annotations

import json
import time
from typing import Any, AsyncIterator, Awaitable, Callable

import httpx

Auditor = Callable[[str], Awaitable[Any]]  # window text -> ResponseReport


class StreamAudit:
    def __init__(self) -> None:
        self.text = ""
        self.cut = False
        self.last = None  # last ResponseReport
        self.checks = 0


def _delta_text(obj: dict[str, Any]) -> str:
    out = []
    for ch in obj.get("choices") or []:
        if not isinstance(ch, dict):
            continue
        delta = ch.get("delta")
        if isinstance(delta, dict) and isinstance(delta.get("content"), str):
            out.append(delta["content"])
        elif isinstance(ch.get("text"), str):
            out.append(ch["text"])
    return "".join(out)


def _cutoff_chunk(last: dict[str, Any] | None, chat: bool) -> bytes:
    base = last or {}
    chunk = {
        "id": base.get("id", "gw-cutoff"),
        "object": "chat.completion.chunk" if chat else "text_completion",
        "created": base.get("created", int(time.time())),
        "model": base.get("model", ""),
        "choices": [{"index": 0, "delta": {}, "finish_reason": "content_filter"} if chat else
                    {"index": 0, "text": "", "finish_reason": "content_filter"}],
    }
    return f"data: {json.dumps(chunk)}\n\n".encode()


async def relay(resp: httpx.Response, audit: Auditor, state: StreamAudit, window: int, check_every: int,
                chat: bool, block_verdict: str = "block") -> AsyncIterator[bytes]:
    last_obj: dict[str, Any] | None = None
    since_check = 0
    try:
        async for line in resp.aiter_lines():
            if line.startswith("data:"):
                payload = line[5:].strip()
                if payload and payload != "[DONE]":
                    try:
                        obj = json.loads(payload)
                    except ValueError:
                        obj = None
                    if isinstance(obj, dict):
                        last_obj = obj
                        piece = _delta_text(obj)
                        state.text += piece
                        since_check += len(piece)
                        if len(state.text) > window * 4:  # keep memory bounded: only the window matters
                            state.text = state.text[-window * 2:]
                        if since_check >= check_every:
                            since_check = 0
                            state.checks += 1
                            state.last = await audit(state.text[-window:])
                            if state.last.verdict == block_verdict:
                                state.cut = True
                                yield _cutoff_chunk(last_obj, chat)
                                yield b"data: [DONE]\n\n"
                                return
            yield (line + "\n").encode()
        if since_check and state.text:
            state.checks += 1
            state.last = await audit(state.text[-window:])
    finally:
        await resp.aclose()
