"""The stream relay's hold-back (``gateway.streaming.relay``): however the upstream splits an answer into
chunks, a secret is cut before its first character reaches the client, and an answer without one is
relayed byte for byte."""
from __future__ import annotations

import asyncio
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.leak import LeakGuard, LeakSettings
from detectors.report import ResponseReport
from gateway.streaming import StreamAudit, relay

GUARD = LeakGuard.build(["The password is WAVELENGTH."], LeakSettings(prompt_action="allow"))
FORMS = ["WAVELENGTH", "wave length", "W-A-V-E-L-E-N-G-T-H", "H T G N E L E V A W", "1. W\n2. A\n3. V\n4. E\n5. L\n"
         "6. E\n7. N\n8. G\n9. T\n10. H"]
prose = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvxyz ,.\n")), max_size=300)


class _Upstream:
    """What ``relay`` reads from an httpx response: SSE lines, then close."""

    def __init__(self, pieces: list[str]):
        self.lines = []
        for p in pieces:
            chunk = {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": p}}]}
            self.lines += [f"data: {json.dumps(chunk)}", ""]
        self.lines += ["data: [DONE]", ""]

    async def aiter_lines(self):
        for line in self.lines:
            yield line

    async def aclose(self):
        pass


def _relay(pieces: list[str]) -> tuple[str, StreamAudit]:
    async def audit(text: str) -> ResponseReport:  # the model audit never blocks here: leaks alone decide
        return ResponseReport()

    async def run() -> str:
        state = StreamAudit()
        out = [chunk async for chunk in relay(_Upstream(pieces), audit, state, 1500, 200, True, guard=GUARD)]
        text = ""
        for raw in b"".join(out).decode().split("\n"):
            if raw.startswith("data: {"):
                for ch in json.loads(raw[6:])["choices"]:
                    text += ch.get("delta", {}).get("content") or ""
        return text, state

    return asyncio.run(run())


def _split(text: str, cuts: list[int]) -> list[str]:
    points = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in zip(points, points[1:]) if b > a]


@settings(max_examples=150, deadline=None)
@given(prose, st.sampled_from(FORMS), prose, st.lists(st.integers(0, 10_000), max_size=60))
def test_a_secret_is_cut_before_its_first_character_however_the_stream_is_chunked(before, form, after, cuts):
    full = before + " " + form + " " + after
    sent, state = _relay(_split(full, cuts))
    assert state.cut and state.leaks[0]["kind"] == "secret_leak"
    assert full.startswith(sent) and len(sent) <= len(before) + 1


@settings(max_examples=100, deadline=None)
@given(prose, st.lists(st.integers(0, 10_000), max_size=60))
def test_an_answer_without_the_secret_is_relayed_whole(text, cuts):
    sent, state = _relay(_split(text, cuts))
    assert not state.cut and sent == text
