"""Hand-built ONNX graphs for the trained heads (small, dependency-free at serving time)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def bag_model(weights: np.ndarray, bias: float, path: Path, doc: str) -> Path:
    """Tier 1: logit = sum_j w[ids_j] * weights_j + b (a linear model over a hashed feature bag)."""
    W = numpy_helper.from_array(weights.astype(np.float32).reshape(-1), "W")
    B = numpy_helper.from_array(np.array([bias], dtype=np.float32), "b")
    axes = numpy_helper.from_array(np.array([1], dtype=np.int64), "axes")
    nodes = [
        helper.make_node("Gather", ["W", "ids"], ["g"], axis=0),
        helper.make_node("Mul", ["g", "weights"], ["gw"]),
        helper.make_node("ReduceSum", ["gw", "axes"], ["s"], keepdims=0),
        helper.make_node("Add", ["s", "b"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["prob"]),
    ]
    graph = helper.make_graph(
        nodes, "tier1_bag",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "feats"]),
         helper.make_tensor_value_info("weights", TensorProto.FLOAT, ["batch", "feats"])],
        [helper.make_tensor_value_info("logit", TensorProto.FLOAT, ["batch"]),
         helper.make_tensor_value_info("prob", TensorProto.FLOAT, ["batch"])],
        [W, B, axes],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="prompt-gateway")
    model.doc_string = doc
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def heads_graph(heads: dict[str, tuple[np.ndarray, float]], dim: int = 384) -> onnx.ModelProto:
    """Linear heads on the pooled embedding: one output logit per task, named ``<task>_logit``."""
    inits = [numpy_helper.from_array(np.array([-1], dtype=np.int64), "flat_shape")]
    nodes, outputs = [], []
    for name, (w, b) in heads.items():
        inits.append(numpy_helper.from_array(w.astype(np.float32).reshape(dim, 1), f"{name}_W"))
        inits.append(numpy_helper.from_array(np.array([b], dtype=np.float32), f"{name}_b"))
        nodes.append(helper.make_node("MatMul", ["embedding", f"{name}_W"], [f"{name}_mm"]))
        nodes.append(helper.make_node("Add", [f"{name}_mm", f"{name}_b"], [f"{name}_2d"]))
        nodes.append(helper.make_node("Reshape", [f"{name}_2d", "flat_shape"], [f"{name}_logit"]))
        outputs.append(helper.make_tensor_value_info(f"{name}_logit", TensorProto.FLOAT, ["batch"]))
    graph = helper.make_graph(
        nodes, "heads", [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", dim])], outputs, inits
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def attach_heads(encoder_path: Path, heads: dict[str, tuple[np.ndarray, float]], path: Path, doc: str) -> Path:
    """One graph: encoder → embedding → every head, so one pass serves all tasks."""
    enc = onnx.load(str(encoder_path))
    head_model = heads_graph(heads)
    # Align opset/IR versions before composing.
    head_model.ir_version = enc.ir_version
    del head_model.opset_import[:]
    head_model.opset_import.extend(enc.opset_import)
    merged = onnx.compose.merge_models(
        enc, head_model, io_map=[("embedding", "embedding")],
        outputs=[o.name for o in head_model.graph.output],
    )
    merged.doc_string = doc
    onnx.save(merged, str(path))
    return path
