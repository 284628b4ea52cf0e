"""The prompt-integrity gateway service (FastAPI); depends on ``detectors``, never the reverse."""
from .app import create_app

__all__ = ["create_app"]
