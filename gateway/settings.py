"""Service settings from the environment (pydantic-settings); the policy lives in its own file."""
from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every field maps to an upper-case environment variable of the same name."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    upstream_url: str = Field("http://127.0.0.1:8001/v1", description="OpenAI-compatible base URL, including /v1")
    upstream_api_key: str | None = Field(None, description="key the gateway sends upstream (else the caller's is forwarded)")
    upstream_connect_timeout_s: float = 5.0
    upstream_read_timeout_s: float = 120.0
    upstream_max_connections: int = 200

    redis_url: str | None = Field(None, description="redis://host:port/db; unset = in-process state")
    redis_prefix: str = "pgw:"
    redis_timeout_s: float = 0.25
    score_cache_ttl_s: int = 7 * 24 * 3600
    audit_stream_maxlen: int = 100_000
    audit_buffer_max: int = 10_000
    audit_excerpt_chars: int = 0  # > 0: store a redacted excerpt of the prompt with each decision

    policy_file: Path | None = None
    model_dir: Path | None = None
    ort_providers: str | None = Field(None, description="comma list, e.g. CUDAExecutionProvider,CPUExecutionProvider")
    tier2_budget: int = Field(0, ge=-1, description="CPU tier-2 windows per batch: 0 off, -1 no cap")
    batch_max_items: int = 512
    batch_max_wait_ms: float = 0.0  # 0 = natural batching: merge whatever queued while a batch ran

    max_body_bytes: int = 4 * 1024 * 1024
    max_json_depth: int = 64
    api_keys: str | None = Field(None, description="tenant:sha256hex pairs, comma-separated")
    admin_key_sha256: str | None = None

    @field_validator("upstream_url")
    @classmethod
    def _strip_slash(cls, v: str) -> str:
        return v.rstrip("/")

    def providers(self) -> list[str] | None:
        return [p.strip() for p in self.ort_providers.split(",") if p.strip()] if self.ort_providers else None

    def tenant_keys(self) -> dict[str, str]:
        """sha256 hex of each gateway key → tenant name."""
        out: dict[str, str] = {}
        for pair in (self.api_keys or "").split(","):
            if ":" in pair:
                tenant, digest = pair.strip().split(":", 1)
                out[digest.strip().lower()] = tenant.strip()
        return out
