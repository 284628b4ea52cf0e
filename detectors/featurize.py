"""Inputs for both classifier tiers, shared by the runtime and the training pipeline.

Tier 1 (cheap) sees a *bag* of hashed features: WordPiece unigrams plus hashed bigrams, in
separate namespaces for a demo's request and answer, each feature weighted 1/sqrt(n). A bag has
no length limit, so tier 1 reads every token of every segment.

Tier 2 (MiniLM) sees windows of at most ``max_len`` tokens. A demo window is
``[CLS] request-head [SEP] answer-window [SEP]``: the answer is covered completely by
overlapping windows; only the request is clipped to its first ``request_tokens`` tokens
(the whole request is still read by tier 1 and by the injection detector) and that clipping
is counted. A plain text is covered completely by overlapping windows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLS, SEP, PAD = 101, 102, 0


@dataclass(frozen=True)
class BagSpec:
    vocab: int = 30522
    buckets: int = 1 << 17
    paired: bool = False  # demo model: separate request/answer namespaces

    @property
    def size(self) -> int:
        return (self.vocab + self.buckets) * (2 if self.paired else 1)


def _bag(ids: np.ndarray, spec: BagSpec, namespace: int) -> np.ndarray:
    """Feature ids of one text. Id ``base + 0`` ([PAD], never a real token) is in every bag: weighted
    1/sqrt(n) like the rest, it gives the model a length-dependent prior, so a two-word text is not
    judged on two words alone."""
    base = namespace * (spec.vocab + spec.buckets)
    uni = np.concatenate([np.zeros(1, dtype=np.int64), ids.astype(np.int64)]) + base
    if len(ids) > 1:
        a = ids[:-1].astype(np.int64)
        b = ids[1:].astype(np.int64)
        bi = (a * 1_000_003 + b * 7919 + 17) % spec.buckets + spec.vocab + base
        return np.concatenate([uni, bi])
    return uni


def bag_batch(bags: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pad unique-feature bags into (ids, weights) arrays, weights 1/sqrt(n)."""
    uniq = [np.unique(b) for b in bags]
    width = max(1, max((len(u) for u in uniq), default=1))
    ids = np.zeros((len(uniq), width), dtype=np.int64)
    weights = np.zeros((len(uniq), width), dtype=np.float32)
    for i, u in enumerate(uniq):
        if len(u):
            ids[i, : len(u)] = u
            weights[i, : len(u)] = 1.0 / np.sqrt(len(u))
    return ids, weights


def text_bags(token_ids: list[list[int]], spec: BagSpec) -> list[np.ndarray]:
    return [_bag(np.asarray(t, dtype=np.int64), spec, 0) for t in token_ids]


def text_window_bags(token_ids: list[list[int]], spec: BagSpec, size: int, stride: int) -> tuple[list[np.ndarray], list[int]]:
    """Bags of the overlapping ``size``-token windows of every text longer than ``size`` tokens, and
    the index of the text each window belongs to. Scoring the windows as well as the whole text finds
    a payload that one bag over a long document would dilute (indirect injection)."""
    bags: list[np.ndarray] = []
    owner: list[int] = []
    for i, ids in enumerate(token_ids):
        if len(ids) <= size:
            continue
        arr = np.asarray(ids, dtype=np.int64)
        for start in range(0, len(ids) - size + stride, stride):
            bags.append(_bag(arr[start : start + size], spec, 0))
            owner.append(i)
            if start + size >= len(ids):
                break
    return bags, owner


def max_into(whole: np.ndarray, window_logits: np.ndarray, owner: list[int]) -> np.ndarray:
    """Per text, the larger of its whole-text logit and its windows' logits."""
    out = whole.copy()
    if len(owner):
        np.maximum.at(out, np.asarray(owner), window_logits)
    return out


def demo_bags(req_ids: list[list[int]], ans_ids: list[list[int]], spec: BagSpec) -> list[np.ndarray]:
    return [
        np.concatenate([_bag(np.asarray(r, dtype=np.int64), spec, 0), _bag(np.asarray(a, dtype=np.int64), spec, 1)])
        for r, a in zip(req_ids, ans_ids)
    ]


@dataclass(frozen=True)
class WindowSpec:
    max_len: int = 128
    stride: int = 96
    request_tokens: int = 32
    max_windows: int = 64  # per segment; windows beyond are counted as unscored


def text_windows(ids: list[int], spec: WindowSpec) -> tuple[list[list[int]], int]:
    """Overlapping windows covering ``ids`` (without special tokens); returns (windows, unscored tokens)."""
    body = spec.max_len - 2
    step = min(spec.stride, body)
    starts = list(range(0, max(1, len(ids) - body + step), step)) or [0]
    windows = []
    for s in starts[: spec.max_windows]:
        windows.append([CLS, *ids[s : s + body], SEP])
        if s + body >= len(ids):
            break
    covered = min(len(ids), starts[min(len(starts), spec.max_windows) - 1] + body)
    return windows, max(0, len(ids) - covered)


def demo_windows(req: list[int], ans: list[int], spec: WindowSpec) -> tuple[list[list[int]], list[list[int]], int, int]:
    """Windows for one demo: (ids, token_type_ids, unscored answer tokens, clipped request tokens)."""
    head = req[: spec.request_tokens]
    body = spec.max_len - 3 - len(head)
    step = min(spec.stride, body)
    starts = list(range(0, max(1, len(ans) - body + step), step)) or [0]
    ids, types = [], []
    last = 0
    for s in starts[: spec.max_windows]:
        piece = ans[s : s + body]
        ids.append([CLS, *head, SEP, *piece, SEP])
        types.append([0] * (len(head) + 2) + [1] * (len(piece) + 1))
        last = s
        if s + body >= len(ans):
            break
    unscored = max(0, len(ans) - (last + body))
    return ids, types, unscored, max(0, len(req) - len(head))


def pad_batch(seqs: list[list[int]], types: list[list[int]] | None = None) -> dict[str, np.ndarray]:
    width = max(len(s) for s in seqs)
    ids = np.full((len(seqs), width), PAD, dtype=np.int64)
    mask = np.zeros_like(ids)
    tt = np.zeros_like(ids)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1
        if types is not None:
            tt[i, : len(s)] = types[i]
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": tt}
