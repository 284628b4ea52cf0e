"""Train the cheap first tier: a linear model over hashed WordPiece uni/bigram bags (torch)."""
from __future__ import annotations

import numpy as np

from ..featurize import BagSpec
from .token_prior import TokenPrior


def train_bag(bags: list[np.ndarray], labels: np.ndarray, sample_weight: np.ndarray, size: int,
              epochs: int = 6, lr: float = 0.02, l2: float = 1e-6, seed: int = 7, batch: int = 64,
              prior: TokenPrior | None = None, spec: BagSpec | None = None) -> tuple[np.ndarray, float]:
    """Weights over all ``size`` features and a bias. Pass the bags' ``spec`` with character grams (their
    weighting needs it) or a ``prior``: with a prior one direction per namespace is learned over the
    token vectors as well and folded into the unigram weights, so the result scores exactly like a
    plain bag model."""
    import torch

    # Deterministic kernels: the default scatter-add behind the embedding gradient gave weights that
    # differed by ~1e-7 between identical runs, enough to flip the evidence-sum grid search.
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    try:
        dense = prior.features(bags, spec) if prior is not None else None
        W, direction, b = _train(bags, labels, sample_weight, size, epochs, lr, l2, seed, batch, dense,
                                 prior.l2 if prior is not None else 0.0, spec)
        return (prior.fold(W, direction, spec) if prior is not None else W), b
    finally:
        torch.use_deterministic_algorithms(deterministic)


def _train(bags, labels, sample_weight, size, epochs, lr, l2, seed, batch, dense, l2_dense,
           spec: BagSpec | None = None) -> tuple[np.ndarray, np.ndarray, float]:
    import torch

    from ..featurize import bag_batch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    emb = torch.nn.Embedding(size, 1)
    torch.nn.init.zeros_(emb.weight)
    bias = torch.nn.Parameter(torch.zeros(1))
    dense_t = torch.from_numpy(dense) if dense is not None else None
    direction = torch.nn.Parameter(torch.zeros(dense.shape[1] if dense is not None else 0))
    opt = torch.optim.Adam([emb.weight, bias] + ([direction] if dense is not None else []), lr=lr)
    y_all = torch.tensor(labels, dtype=torch.float32)
    w_all = torch.tensor(sample_weight, dtype=torch.float32)
    for _ in range(epochs):
        order = rng.permutation(len(bags))
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            ids, wts = bag_batch([bags[j] for j in idx], spec)
            ids_t = torch.from_numpy(ids)
            wts_t = torch.from_numpy(wts)
            touched = emb.weight[ids_t].squeeze(-1)
            logit = (touched * wts_t).sum(1) + bias
            if dense_t is not None:
                logit = logit + dense_t[idx] @ direction
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, y_all[idx], weight=w_all[idx])
            loss = loss + l2 * (touched ** 2).sum() / len(idx)
            if dense_t is not None:
                loss = loss + l2_dense * (direction ** 2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return emb.weight.detach().numpy().reshape(-1).copy(), direction.detach().numpy().copy(), float(bias.detach().item())


def predict_bag(weights: np.ndarray, bias: float, bags: list[np.ndarray], spec: BagSpec | None = None) -> np.ndarray:
    """Logits of ``bags``; pass the ``spec`` of bags with character grams (their weighting needs it)."""
    from ..featurize import bag_batch

    out = []
    for i in range(0, len(bags), 512):
        ids, wts = bag_batch(bags[i : i + 512], spec)
        out.append((weights[ids] * wts).sum(1) + bias)
    return np.concatenate(out) if out else np.zeros(0)
