"""onnxruntime sessions for the shipped models: provider choice, manifests, batched runs.

Providers are tried in the order TensorRT → CUDA → CPU (or the order configured); if a GPU
provider fails to initialise the session falls back to CPU and the reason is kept, so the
report can say which provider actually ran.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .featurize import CHAR_GRAM_SIZES, BagSpec, CharGrams, pad_batch

log = logging.getLogger(__name__)

DEFAULT_PROVIDERS = ("TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider")
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models"


class ModelError(RuntimeError):
    """A model directory is missing, corrupt, or does not match its manifest."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class Manifest:
    name: str
    version: str
    kind: str
    file: str
    sha256: str
    labels: list[str]
    thresholds: dict[str, float]
    tokenizer: str = "tokenizer.json"
    extra: dict[str, Any] = field(default_factory=dict)
    directory: Path = Path(".")

    @classmethod
    def load(cls, directory: Path) -> "Manifest":
        path = directory / "manifest.json"
        if not path.exists():
            raise ModelError(f"no manifest.json in {directory}")
        data = json.loads(path.read_text())
        known = {k: data.pop(k) for k in list(data) if k in cls.__dataclass_fields__}
        return cls(**known, extra=data, directory=directory)

    def verify(self) -> None:
        actual = sha256_file(self.directory / self.file)
        if actual != self.sha256:
            raise ModelError(f"{self.directory / self.file}: sha256 {actual[:12]}… does not match manifest {self.sha256[:12]}…")


def choose_providers(preferred: list[str] | tuple[str, ...] | None = None) -> list[str]:
    import onnxruntime as ort

    available = set(ort.get_available_providers())
    order = list(preferred or DEFAULT_PROVIDERS)
    chosen = [p for p in order if p in available]
    if "CPUExecutionProvider" not in chosen:
        chosen.append("CPUExecutionProvider")
    return chosen


class OnnxModel:
    """One model directory: manifest + verified ONNX session (+ tokenizer when it has one)."""

    def __init__(self, directory: Path, providers: list[str] | None = None, threads: int = 0, verify: bool = True):
        import onnxruntime as ort

        self.manifest = Manifest.load(directory)
        if verify:
            self.manifest.verify()
        so = ort.SessionOptions()
        if threads:
            so.intra_op_num_threads = threads
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        requested = list(providers or DEFAULT_PROVIDERS)
        wanted = choose_providers(requested)
        self.fallback_reason: str | None = None
        if requested[0] != wanted[0]:
            self.fallback_reason = f"{requested[0]} is not available in this onnxruntime build"
        path = str(directory / self.manifest.file)
        try:
            self.session = ort.InferenceSession(path, so, providers=wanted)
        except Exception as exc:  # a GPU provider that cannot start must not take the service down
            if wanted == ["CPUExecutionProvider"]:
                raise ModelError(f"cannot load {path}: {exc}") from exc
            self.fallback_reason = f"{wanted[0]} failed: {exc}"[:300]
            log.warning("falling back to CPU for %s: %s", directory.name, exc)
            self.session = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        active = self.session.get_providers()
        self.provider = active[0] if active else "CPUExecutionProvider"
        if wanted[0] != self.provider and self.fallback_reason is None:
            self.fallback_reason = f"{wanted[0]} not usable; running on {self.provider}"
        self.output_names = [o.name for o in self.session.get_outputs()]

    @property
    def version(self) -> str:
        return self.manifest.version


class BagModel(OnnxModel):
    """Tier 1: hashed feature bag → logit."""

    def __init__(self, directory: Path, **kw: Any):
        super().__init__(directory, **kw)
        ex = self.manifest.extra
        self.spec = BagSpec(vocab=int(ex.get("vocab", 30522)), buckets=int(ex.get("buckets", 1 << 17)),
                            paired=bool(ex.get("paired", False)), char_buckets=int(ex.get("char_buckets", 0)))
        self.chars: CharGrams | None = None
        if self.spec.char_buckets:  # character grams are rebuilt from the model's own vocabulary
            from tokenizers import Tokenizer

            sizes = tuple(ex.get("char_gram_sizes", ()))
            if sizes != CHAR_GRAM_SIZES:
                raise ModelError(f"{directory}: character grams {sizes} are not the {CHAR_GRAM_SIZES} this build computes")

            self.chars = CharGrams(Tokenizer.from_file(str(directory / self.manifest.tokenizer)).get_vocab())
        # Injection models trained for it also score overlapping windows of long texts (0 = off).
        self.window_tokens = int(ex.get("window_tokens", 0))
        self.window_stride = int(ex.get("window_stride", self.window_tokens))

    def logits(self, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        (logit,) = self.session.run(["logit"], {"ids": ids, "weights": weights})
        return logit


class EncoderModel(OnnxModel):
    """Tier 2: MiniLM encoder with one linear head per task; windows are run in length buckets.

    A *dynamically* quantised graph (the shipped int8 encoder) computes each activation's int8 scale
    from the whole input tensor, so in a batch one window's score would depend on the other windows
    and on padding (measured: up to 0.9 logit). Such graphs run one window per call — a window's
    score is then a function of the window alone, which caching and audits rely on; it costs ~10 %
    throughput on 128-token windows on a CPU. fp16/fp32 graphs (the GPU variant) are batched.
    """

    def __init__(self, directory: Path, max_batch: int = 64, **kw: Any):
        super().__init__(directory, **kw)
        dynamic = "dynamic" in str(self.manifest.extra.get("quantization", "")).lower()
        self.max_batch = 1 if dynamic else max_batch
        self.heads = [n[: -len("_logit")] for n in self.output_names if n.endswith("_logit")]

    def logits(self, seqs: list[list[int]], types: list[list[int]]) -> dict[str, np.ndarray]:
        """Logit of every head for every window; windows are sorted by length and batched."""
        out = {h: np.zeros(len(seqs), dtype=np.float32) for h in self.heads}
        if not seqs:
            return out
        order = np.argsort([len(s) for s in seqs], kind="stable")
        names = [f"{h}_logit" for h in self.heads]
        for i in range(0, len(order), self.max_batch):
            idx = order[i : i + self.max_batch]
            feed = pad_batch([seqs[j] for j in idx], [types[j] for j in idx])
            res = self.session.run(names, feed)
            for h, r in zip(self.heads, res):
                out[h][idx] = r.reshape(-1)
        return out
