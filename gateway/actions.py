"""Apply a verdict to the request body that goes upstream: caution (guidance around the user
content) or redact (remove the flagged demonstrations, keep the body valid and coherent)."""
from __future__ import annotations

import copy
from typing import Any

from detectors.report import Report


class NothingLeft(Exception):
    """Redaction would leave no question to answer; the caller blocks instead."""


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p if isinstance(p, str) else p.get("text", "") for p in content
                         if isinstance(p, str) or (isinstance(p, dict) and ("text" in p or p.get("type") == "text")))
    return ""


def _with_text(content: Any, text: str) -> Any:
    """Replace the text of a message's content, keeping its non-text parts."""
    if isinstance(content, list):
        others = [p for p in content if isinstance(p, dict) and p.get("type", "text") != "text" and "text" not in p]
        return [{"type": "text", "text": text}, *others]
    return text


def apply_caution(body: dict[str, Any], before: str, after: str) -> dict[str, Any]:
    out = copy.deepcopy(body)
    if "messages" in out:
        msgs = out["messages"]
        lead = 0
        while lead < len(msgs) and msgs[lead].get("role") in ("system", "developer"):
            lead += 1
        msgs.insert(lead, {"role": "system", "content": before})
        last_user = max((i for i, m in enumerate(msgs) if m.get("role") == "user"), default=None)
        if last_user is not None:
            m = msgs[last_user]
            m["content"] = _with_text(m.get("content"), f"{_text_of(m.get('content'))}\n\n{after}")
        else:
            msgs.append({"role": "system", "content": after})
    elif isinstance(out.get("prompt"), str):
        out["prompt"] = f"{before}\n\n{out['prompt']}\n\n{after}"
    elif isinstance(out.get("prompt"), list):
        out["prompt"] = [f"{before}\n\n{p}\n\n{after}" for p in out["prompt"]]
    return out


def _cut(text: str, spans: list[tuple[int, int]], placeholder: str) -> str:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out.append(text[pos:s])
        if placeholder:
            out.append(placeholder)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def apply_redaction(body: dict[str, Any], report: Report, placeholder: str) -> tuple[dict[str, Any], int]:
    """Remove every demonstration the report flags; returns the new body and how many were removed."""
    out = copy.deepcopy(body)
    flagged = [report.demo_list[f.demo] for f in report.misaligned_demos() if f.demo is not None]
    if not flagged:
        return out, 0
    if "messages" in out:
        msgs = out["messages"]
        drop: set[int] = set()
        spans: dict[int, list[tuple[int, int]]] = {}
        for d in flagged:
            if d["kind"] == "turns":
                drop.add(d["message"])
                if d["answer_message"] is not None:
                    drop.add(d["answer_message"])
            else:
                spans.setdefault(d["message"], []).append((d["start"], d["end"]))
        for idx, sp in spans.items():
            m = msgs[idx]
            text = _text_of(m.get("content"))
            m["content"] = _with_text(m.get("content"), _cut(text, sp, placeholder))
        # Tool results that answered a removed assistant turn go with it, or the body is invalid.
        removed_calls = {c.get("id") for i in drop for c in (msgs[i].get("tool_calls") or []) if isinstance(c, dict)}
        kept = [m for i, m in enumerate(msgs)
                if i not in drop and not (m.get("role") == "tool" and m.get("tool_call_id") in removed_calls)]
        if not any(m.get("role") == "user" and _text_of(m.get("content")).strip() for m in kept):
            raise NothingLeft()
        out["messages"] = kept
    elif "prompt" in out:
        prompts = out["prompt"] if isinstance(out["prompt"], list) else [out["prompt"]]
        spans = {}
        for d in flagged:
            spans.setdefault(d["message"], []).append((d["start"], d["end"]))
        prompts = [_cut(p, spans[i], placeholder) if i in spans else p for i, p in enumerate(prompts)]
        if not any(p.replace(placeholder, "").strip() for p in prompts):
            raise NothingLeft()
        out["prompt"] = prompts if isinstance(out["prompt"], list) else prompts[0]
    return out, len(flagged)
