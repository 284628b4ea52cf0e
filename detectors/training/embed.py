"""Build the int8 encoder and embed every training row with it (cached on disk).

Heads are trained on embeddings from the exact int8 graph that ships, so quantisation error is
part of what they learn, not a surprise at serving time.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ..featurize import WindowSpec, demo_windows, text_windows
from .encoder import Embedder, export_encoder, minilm_dir
from .sources import DemoRow, TextRow


def build_int8_encoder(work: Path, tuned_layers: Path | None = None) -> Path:
    """fp32 export (with fine-tuned layers, if given) → ORT transformer fusions → dynamic per-channel int8.

    The file name carries a hash of the tuned weights, so embedding caches keyed by it stay apart."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    tag = "frozen" if tuned_layers is None else hashlib.sha1(tuned_layers.read_bytes()).hexdigest()[:12]
    out = work / f"encoder-int8-{tag}.onnx"
    if out.exists():
        return out
    fp32 = export_encoder(work / f"encoder-fp32-{tag}.onnx", tuned_layers)
    opt = optimizer.optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384)
    opt.save_model_to_file(str(work / f"encoder-opt-{tag}.onnx"))
    quantize_dynamic(str(work / f"encoder-opt-{tag}.onnx"), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return out


def _key(parts: list[str]) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def embed_rows(rows: list[DemoRow] | list[TextRow], encoder: Path, cache: Path, spec: WindowSpec,
               batch: int = 1, desc: str = "embed") -> np.ndarray:
    """First-window embedding of each row ([n, 384]); cached per row by content hash.

    One window per call by default, as the engine runs the dynamically quantised encoder (see
    ``runtime.EncoderModel``): in a batch, int8 activation scales depend on the other rows."""
    tok_path = minilm_dir() / "tokenizer.json"
    is_demo = bool(rows) and isinstance(rows[0], DemoRow)
    keys = [_key([r.request, r.answer]) if is_demo else _key([r.text]) for r in rows]
    cache_file = cache / f"{desc}-{_key([str(spec), encoder.name, f'batch={batch}'])[:12]}.npz"
    known: dict[str, np.ndarray] = {}
    if cache_file.exists():
        with np.load(cache_file) as z:
            cached_keys, cached_emb = z["keys"], z["emb"]  # read each array once
        known = {str(k): cached_emb[i] for i, k in enumerate(cached_keys)}
    todo = [i for i, k in enumerate(keys) if k not in known]
    if todo:
        emb = Embedder(encoder, tok_path)
        tok = emb.tokenizer
        seqs: list[list[int]] = []
        types: list[list[int]] = []
        for c in range(0, len(todo), 256):
            chunk = [rows[i] for i in todo[c : c + 256]]
            if is_demo:
                reqs = tok.encode_batch([r.request for r in chunk], add_special_tokens=False)
                anss = tok.encode_batch([r.answer for r in chunk], add_special_tokens=False)
                for rq, an in zip(reqs, anss):
                    ids, tt, _, _ = demo_windows(rq.ids, an.ids, spec)
                    seqs.append(ids[0])
                    types.append(tt[0])
            else:
                for enc in tok.encode_batch([r.text for r in chunk], add_special_tokens=False):
                    wins, _ = text_windows(enc.ids, spec)
                    seqs.append(wins[0])
                    types.append([0] * len(wins[0]))
        order = np.argsort([len(x) for x in seqs])  # length buckets: little padding
        for b in tqdm(range(0, len(order), batch), desc=desc, mininterval=5):
            idx = order[b : b + batch]
            vecs = emb.embed_ids([seqs[j] for j in idx], [types[j] for j in idx])
            for j, v in zip(idx, vecs):
                known[keys[todo[j]]] = v
        cache.mkdir(parents=True, exist_ok=True)
        all_keys = list(known)
        np.savez(cache_file, keys=np.array(all_keys), emb=np.stack([known[k] for k in all_keys]))
    return np.stack([known[k] for k in keys]).astype(np.float32)
