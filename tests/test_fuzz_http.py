"""Arbitrary JSON at the scoring endpoint never yields a 500: only 200 or a clear 4xx."""
from __future__ import annotations

import asyncio

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors import Engine
from gateway.app import create_app
from gateway.settings import Settings

_ENGINE = None


def engine():
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine.from_directory()
    return _ENGINE


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
message = st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", "tool", "bogus", 3]),
                                 "content": json_values})
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"messages": st.lists(message, max_size=5)}),
    st.fixed_dictionaries({"prompt": json_values}, optional={"response": json_values}),
    st.fixed_dictionaries({"messages": json_values, "response": json_values}),
)


async def _post_all(payloads: list) -> list[int]:
    app = create_app(Settings(upstream_url="http://127.0.0.1:9/v1"), engine=Engine(engine().models))
    gw = app.state.gateway
    await gw.start()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
            codes = []
            for p in payloads:
                r = await client.post("/v1/score", json=p)
                assert r.headers["content-type"].startswith("application/json")
                if r.status_code != 200:
                    assert set(r.json()["error"]) >= {"message", "type", "code"}
                codes.append(r.status_code)
            return codes
    finally:
        await gw.stop()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(bodies, min_size=1, max_size=8))
def test_score_endpoint_never_500(payloads):
    codes = asyncio.run(_post_all(payloads))
    assert all(c in (200, 400, 413) for c in codes), codes
