"""Turn the accepted request forms into a flat list of :class:`Message`.

Accepted: OpenAI chat ``messages`` (content as a string, a list of parts, or null), a
completions ``prompt`` (string or list of strings) or plain text. Non-text parts (images,
audio, files) cannot be inspected; they are counted so the report can say so instead of
silently dropping them.
"""
from __future__ import annotations

from typing import Any

from .types import Message

KNOWN_ROLES = {"system", "developer", "user", "assistant", "tool", "function"}


class RequestFormatError(ValueError):
    """The request is not in a form the engine understands; the message says why."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param


def _content_text(content: Any, where: str) -> tuple[str, int]:
    if content is None:
        return "", 0
    if isinstance(content, str):
        return content, 0
    if isinstance(content, list):
        texts: list[str] = []
        non_text = 0
        for j, part in enumerate(content):
            if isinstance(part, str):
                texts.append(part)
                continue
            if not isinstance(part, dict):
                raise RequestFormatError(f"{where}.content[{j}] must be an object", f"{where}.content")
            if part.get("type", "text") == "text" or "text" in part:
                text = part.get("text")
                if not isinstance(text, str):
                    raise RequestFormatError(
                        f"{where}.content[{j}].text must be a string", f"{where}.content"
                    )
                texts.append(text)
            else:
                non_text += 1
        return "\n".join(texts), non_text
    raise RequestFormatError(f"{where}.content must be a string, a list of parts or null", f"{where}.content")


def _tool_call_text(msg: dict[str, Any]) -> str:
    """Arguments of assistant tool calls are text the model wrote; inspect them too."""
    parts = []
    for call in msg.get("tool_calls") or []:
        if isinstance(call, dict):
            fn = call.get("function") or {}
            if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                parts.append(fn["arguments"])
    fc = msg.get("function_call")
    if isinstance(fc, dict) and isinstance(fc.get("arguments"), str):
        parts.append(fc["arguments"])
    return "\n".join(parts)


def parse_messages(messages: Any) -> list[Message]:
    if not isinstance(messages, list):
        raise RequestFormatError("'messages' must be a list of message objects", "messages")
    out: list[Message] = []
    for i, msg in enumerate(messages):
        where = f"messages[{i}]"
        if not isinstance(msg, dict):
            raise RequestFormatError(f"{where} must be an object", where)
        role = msg.get("role")
        if not isinstance(role, str):
            raise RequestFormatError(f"{where}.role is required and must be a string", f"{where}.role")
        if role not in KNOWN_ROLES:
            raise RequestFormatError(
                f"{where}.role '{role[:40]}' is not one of {sorted(KNOWN_ROLES)}", f"{where}.role"
            )
        text, non_text = _content_text(msg.get("content"), where)
        if role == "assistant":
            calls = _tool_call_text(msg)
            if calls:
                text = f"{text}\n{calls}" if text else calls
        out.append(Message(index=i, role=role, text=text, non_text_parts=non_text))
    return out


def parse_prompt(prompt: Any) -> list[Message]:
    if isinstance(prompt, str):
        return [Message(index=0, role="prompt", text=prompt)]
    if isinstance(prompt, list) and all(isinstance(p, str) for p in prompt):
        return [Message(index=i, role="prompt", text=p) for i, p in enumerate(prompt)]
    if isinstance(prompt, list) and all(isinstance(p, int) for p in prompt):
        raise RequestFormatError("token-id prompts cannot be inspected; send text", "prompt")
    raise RequestFormatError("'prompt' must be a string or a list of strings", "prompt")


def parse_request(request: Any) -> list[Message]:
    """Accept a chat body, a completions body, or plain text."""
    if isinstance(request, str):
        return [Message(index=0, role="prompt", text=request)]
    if not isinstance(request, dict):
        raise RequestFormatError("request must be a JSON object or text")
    if "messages" in request:
        return parse_messages(request["messages"])
    if "prompt" in request:
        return parse_prompt(request["prompt"])
    raise RequestFormatError("request needs 'messages' or 'prompt'")
