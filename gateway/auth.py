"""Gateway API keys (stored as sha256 hashes) → tenants, and the admin key."""
from __future__ import annotations

import hashlib
import hmac

from .errors import GatewayError


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def bearer(headers) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return headers.get("x-api-key")


def tenant_for(headers, keys: dict[str, str]) -> str:
    """The tenant of the caller; with no keys configured everyone is tenant 'default'."""
    if not keys:
        return "default"
    key = bearer(headers)
    if key:
        digest = hash_key(key)
        for known, tenant in keys.items():
            if hmac.compare_digest(known, digest):
                return tenant
    raise GatewayError(401, "invalid or missing gateway API key", "authentication_error", "invalid_api_key")


def require_admin(headers, admin_sha256: str | None) -> None:
    if not admin_sha256:
        raise GatewayError(403, "admin endpoints are disabled: set ADMIN_KEY_SHA256", "permission_error", "admin_disabled")
    key = headers.get("x-admin-key") or bearer(headers)
    if not key or not hmac.compare_digest(hash_key(key), admin_sha256.lower()):
        raise GatewayError(401, "invalid or missing admin key", "authentication_error", "invalid_admin_key")
