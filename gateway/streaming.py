"""Relay an upstream SSE stream chunk by chunk while auditing the answer over a sliding window.

Each line goes to the client as it arrives, except where the request has secrets to protect
(``detectors.leak``): then every chunk is checked for them and the last few characters' lines are held
back (``LeakGuard.hold_chars``), so a secret is cut before any of it is sent. Every ``check_every`` new
characters the last ``window`` characters are audited in full; once the verdict is ``block`` the stream
ends with a ``finish_reason: "content_filter"`` chunk and ``[DONE]``.
"""
from __future__ import annotations

import json
import time
from collections import deque
from typing import Any, AsyncIterator, Awaitable, Callable

import httpx

from detectors.leak import LEAK_DETECTORS, LeakGuard
from detectors.report import ResponseReport

Auditor = Callable[[str], Awaitable[Any]]  # window text -> ResponseReport


class StreamAudit:
    def __init__(self) -> None:
        self.text = ""
        self.cut = False
        self.last = None  # last ResponseReport
        self.checks = 0
        self.leaks: list[dict[str, str]] = []  # leak findings seen in any check: {"kind", "detail"}


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


def _calls(holder: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool and function calls of a message or a stream delta (function_call: the older API)."""
    tool_calls = holder.get("tool_calls")
    calls = [c.get("function") for c in tool_calls if isinstance(c, dict)] if isinstance(tool_calls, list) else []
    return [c for c in calls + [holder.get("function_call")] if isinstance(c, dict)]


def tool_call_arguments(message: dict[str, Any]) -> str:
    """The arguments of a message's tool calls, where a hijacked agent would put what it exfiltrates."""
    return "\n".join(a for c in _calls(message) if isinstance(a := c.get("arguments"), str))


def _delta_arguments(obj: dict[str, Any]) -> str:
    """Tool-call argument pieces of one stream chunk."""
    out = []
    for ch in obj.get("choices") or []:
        delta = ch.get("delta") if isinstance(ch, dict) else None
        if isinstance(delta, dict):
            out += [a for c in _calls(delta) if isinstance(a := c.get("arguments"), str)]
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


def leak_records(report: ResponseReport | None) -> list[dict[str, str]]:
    """The leak findings of a response audit, as the audit trail records them (never the secret)."""
    return [{"kind": f.detector, "detail": f.detail} for f in (report.findings if report else ())
            if f.detector in LEAK_DETECTORS]


def _note(state: StreamAudit, report: Any) -> None:
    state.last = report
    for leak in leak_records(report):
        if leak not in state.leaks:
            state.leaks.append(leak)


async def relay(resp: httpx.Response, audit: Auditor, state: StreamAudit, window: int, check_every: int,
                chat: bool, block_verdict: str = "block", guard: LeakGuard | None = None) -> AsyncIterator[bytes]:
    last_obj: dict[str, Any] | None = None
    since_check = 0
    hold = guard.hold_chars if guard is not None and guard.secrets else 0
    # Secrets are looked for in the answer and in tool-call arguments alike ("seen" text); the model
    # audit reads the answer alone (``state.text``).
    seen_tail = ""
    sent_upto = 0  # characters of seen text in the lines sent so far
    total = 0
    pending: deque[tuple[bytes, int]] = deque()  # lines held back, with the seen length at their end

    def secret_cut(tail: str) -> bool:
        leaks = guard.secrets_in(tail) if hold else []
        if leaks and guard.verdict(leaks) == block_verdict:
            prior = state.last
            _note(state, ResponseReport(verdict=block_verdict, risk=prior.risk if prior else 0.0, findings=leaks))
            return True
        return False

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
                        seen = piece + _delta_arguments(obj)
                        state.text += piece
                        since_check += len(piece)
                        if len(state.text) > window * 4:  # keep memory bounded: only the window matters
                            state.text = state.text[-window * 2:]
                        total += len(seen)
                        seen_tail = (seen_tail + seen)[-(total - sent_upto + hold):] if hold else ""
                        cut = bool(hold and seen) and secret_cut(seen_tail)
                        if not cut and since_check >= check_every:
                            since_check = 0
                            state.checks += 1
                            _note(state, await audit(state.text[-window:]))
                            cut = state.last.verdict == block_verdict
                        if cut:
                            state.cut = True
                            yield _cutoff_chunk(last_obj, chat)
                            yield b"data: [DONE]\n\n"
                            return
            pending.append(((line + "\n").encode(), total))
            while pending and pending[0][1] <= total - hold:
                data, sent_upto = pending.popleft()
                yield data
        if since_check and state.text:
            state.checks += 1
            _note(state, await audit(state.text[-window:]))
            if hold and state.last.verdict == block_verdict:  # held-back lines are still ours to withhold
                state.cut = True
                yield _cutoff_chunk(last_obj, chat)
                yield b"data: [DONE]\n\n"
                return
        while pending:
            yield pending.popleft()[0]
    finally:
        await resp.aclose()
