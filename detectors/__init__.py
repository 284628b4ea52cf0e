"""Prompt-integrity detection engine: a library with no HTTP in it.

    >>> from detectors import Engine
    >>> report = Engine.from_directory().analyze_sync({"messages": [...]})

See docs/engine.md for the pipeline and the aggregation math.
"""
from .aggregate import AggregationParams
from .cache import LRUScoreCache, ScoreCache
from .engine import Engine, EngineConfig
from .report import Report, ResponseReport
from .request import RequestFormatError, parse_request
from .runtime import ModelError
from .segmenter import segment
from .verdict import DecisionThresholds, DetectorThresholds

__all__ = [
    "AggregationParams", "DecisionThresholds", "DetectorThresholds", "Engine", "EngineConfig", "LRUScoreCache",
    "ModelError", "Report", "RequestFormatError", "ResponseReport", "ScoreCache", "parse_request", "segment",
]
__version__ = "0.1.0"
