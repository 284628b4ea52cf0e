"""Split a request into demonstrations (example exchanges), each with an exact span.

Two sources of demonstrations:

* real chat turns: every ``user`` message answered by the next ``assistant`` message;
* inline demos inside any message (system, user, tool output…): role-tagged transcripts
  (``User:/Assistant:``, ``Human:/AI:``, ``Q:/A:``, ``H:/A:``, ``### Instruction/### Response``, ``Patient:/Doctor:``…,
  labels of two families when the pair repeats, ``Prompt:/Response:``, ``Me:/You:``…, the roles as heading
  lines, ``### User``, or as XML-style tags, ``<user>…</user><assistant>…</assistant>``), transcripts
  written in a model's chat template (ChatML ``<|im_start|>user``, Llama 2 ``[INST] … [/INST]``,
  Llama 3 headers, Gemma turns, ``<|user|>``/``<|assistant|>``), ``Example N:`` blocks, JSON arrays
  of example objects or of chat messages, JSONL lines, and table rows (CSV/TSV or Markdown under a
  ``question``/``answer``-style header; ``tables.py``).

Everything here is linear in the input: the marker regexes are alternations of literals with
no nested quantifiers, and JSON is decoded with ``raw_decode`` from candidate positions that
only move forward (a failed decode resumes after the position where it failed).
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from .keywords import KeywordSet
from .tables import table_demos
from .types import Demonstration, Message

# family -> (request tags, answer tags); the order is the priority when families nest.
FAMILIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "chat_template": (("user", "human", "prompter", "[inst]"), ("assistant", "model", "[/inst]")),
    "user_assistant": (("user", "human"), ("assistant", "ai", "bot", "gpt", "model")),
    "instruction_response": (("instruction",), ("response",)),
    "question_answer": (("question",), ("answer",)),
    "q_a": (("q", "h"), ("a",)),  # "H:/A:" is Anthropic's short transcript form
    "input_output": (("input",), ("output",)),
    "prompt_completion": (("prompt",), ("completion",)),
    # Dialogues between people in named roles ("Patient:/Doctor:", "Customer:/Agent:"): how advice and
    # support demonstrations are often written.
    "dialogue_roles": (("customer", "patient", "student", "client", "caller", "learner", "interviewer"),
                       ("agent", "doctor", "teacher", "tutor", "advisor", "adviser", "therapist", "counselor",
                        "counsellor", "coach", "lawyer", "expert", "representative", "nurse", "mentor", "interviewee")),
}
_TAG_FAMILY: dict[str, tuple[str, bool]] = {}
for _fam, (_reqs, _answers) in FAMILIES.items():
    if _fam == "chat_template":  # its tags are template tokens (``_TEMPLATE_TAG``), not "word:" tags
        continue
    for _t in _reqs:
        _TAG_FAMILY[_t] = (_fam, True)
    for _t in _answers:
        _TAG_FAMILY[_t] = (_fam, False)

# Labels that mark a turn only when they open a line and pair with a label of another family
# ("Query:/Response:", "Me:/You:", "User:/Chatbot:"): too common in prose and records to be a family.
LOOSE_FAMILY = "role_labels"  # also the kind of every demonstration whose two labels differ in family
LOOSE_LABELS: dict[str, bool] = {"query": True, "request": True, "message": True, "person": True, "me": True,
                                  "reply": False, "chatbot": False, "you": False,
                                  # assistants by name ("User:/ChatGPT:", the shape of many in-the-wild shots)
                                  "chatgpt": False, "claude": False, "gemini": False, "llama": False,
                                  "copilot": False, "bard": False, "mistral": False}

# Every multi-letter role word, longest first: one alternation for the "word:" tags, their prefilter
# and the XML-style tags below.
_WORD_TAGS = "|".join(sorted((t for t in _TAG_FAMILY if len(t) > 1), key=lambda t: (-len(t), t)))
# Multi-letter tags may appear mid-line (the PyRIT many-shot template is one long line);
# they must follow a boundary character and be followed by a colon.
# A label may be numbered or versioned and bracketed: "Question 1:", "[User]:", "GPT-4o:", "Claude 3.5:".
_LABEL_SUFFIX = r"(?:[ \t]?#?\d{1,3}(?:\.\d{1,2})?|-\d[\w.]{0,5})?\]?"
_MULTI_TAG = re.compile(
    r"(?:(?<=^)|(?<=[\s>*#\]\)\.\"'`|:;,!?]))(?:#{1,4}[ \t]?)?(?:\*\*)?\[?"
    rf"(?P<tag>{_WORD_TAGS}){_LABEL_SUFFIX}(?:\*\*)?[ \t]?:(?:\*\*)?",
    re.IGNORECASE | re.MULTILINE,
)
# Single-letter Q/A (and H/A) only at the start of a line, upper case ("Plan A: ..." is not a demo),
# after a list number or bullet at most ("1. Q: ...").
_LIST_ITEM = r"(?:\d{1,3}[.)][ \t]+|[-*\u2022][ \t]+)?"
# "Q1:"/"A1:" are numbered too; "H1:" is a heading, not Anthropic's Human.
_SINGLE_TAG = re.compile(
    rf"^[ \t]{{0,8}}{_LIST_ITEM}(?:\*\*)?\[?(?P<tag>[QAH])(?:(?<=[QA])\d{{1,3}})?\]?(?:\*\*)?[ \t]?:", re.MULTILINE)
_LOOSE_WORDS = "|".join(sorted(LOOSE_LABELS, key=lambda t: (-len(t), t)))
_LOOSE_TAG = re.compile(
    rf"^[ \t]{{0,8}}{_LIST_ITEM}(?:#{{1,4}}[ \t]?)?(?:\*\*)?\[?(?P<tag>{_LOOSE_WORDS}){_LABEL_SUFFIX}"
    r"(?:\*\*)?[ \t]?:(?:\*\*)?",
    re.IGNORECASE | re.MULTILINE,
)
# A role as a heading line of its own, no colon needed ("### User", "**Assistant**", "## Response:").
_HEADING_TAG = re.compile(
    rf"^[ \t]{{0,3}}(?:#{{1,4}}[ \t]*(?:\*\*)?|\*\*)(?P<tag>{_WORD_TAGS}|{_LOOSE_WORDS})"
    r"(?:\*\*)?[ \t]*:?[ \t]*(?:\*\*)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_EXAMPLE_HEADER = re.compile(
    r"^[ \t]{0,8}(?:#{1,4}[ \t]?)?(?:\*\*)?(?:example|sample|demo|shot)[ \t]?#?[ \t]?\d{1,5}(?:\*\*)?[ \t]?[:.)](?:\*\*)?",
    re.IGNORECASE | re.MULTILINE,
)
# Keys of JSON example objects, request key -> answer keys.
_JSON_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("user", ("assistant",)),
    ("human", ("assistant", "ai", "bot", "gpt")),
    ("instruction", ("response", "output", "answer")),
    ("prompt", ("completion", "response", "output", "answer")),
    ("question", ("answer",)),
    ("input", ("output", "response", "answer")),
    ("query", ("response", "answer")),
    ("request", ("response",)),
)
MAX_JSON_ATTEMPTS = 256  # candidate '[' / '{' positions tried per message
MAX_JSON_DEPTH = 64


@dataclass(frozen=True)
class _Marker:
    start: int  # where the tag begins (span of the demo starts here)
    end: int  # just after the colon (content starts here)
    family: str
    is_request: bool
    tag: str = ""


# Case-insensitive alternations are slow in ``re``; whether any multi-letter tag (or loose label) can be
# present at all is asked of the lower-cased text first (most code and prose: no): one pass finds every
# occurrence of the words, and the label's suffix and colon are matched where each ends. Same answer as
# a search for the alternation followed by the suffix (all 71,895 source texts; `test_segmenter`), in
# 0.43x the time (3.9 against 9.0 ms for the 512 texts of a 256-demo prompt, one-off, best of 9).
_LABEL_END = re.compile(rf"{_LABEL_SUFFIX}(?:\*\*)?[ \t]?:")
_TAG_WORDS = KeywordSet(t for t in _TAG_FAMILY if len(t) > 1)
_LOOSE_WORD_SET = KeywordSet(LOOSE_LABELS)


def _label_in(lowered: str, words: KeywordSet) -> bool:
    """Whether one of ``words`` followed by a label suffix and a colon occurs anywhere in ``lowered``."""
    return any(_LABEL_END.match(lowered, end) for end in words.ends(lowered))


# Turns written in a model's chat template: ChatML, Llama 3 headers, Gemma, Zephyr/Phi-style
# ``<|user|>``, OpenAssistant's ``<|prompter|>``, Llama 2's ``[INST] … [/INST]``. A ``system`` turn
# is a boundary (it ends the answer before it), not a demonstration.
_TEMPLATE_TAG = re.compile(
    r"<\|im_start\|>[ \t]*(?P<im>user|human|assistant|system)\b[ \t]*\n?"
    r"|<\|start_header_id\|>[ \t]*(?P<hdr>user|assistant|system)[ \t]*<\|end_header_id\|>[ \t]*\n?"
    r"|<start_of_turn>[ \t]*(?P<gem>user|model|system)\b[ \t]*\n?"
    r"|<\|(?P<pipe>user|assistant|system|prompter)\|>[ \t]*\n?"
    r"|(?P<inst>\[/?INST\])",
    re.IGNORECASE,
)
# End-of-turn and sequence tokens that close template turns; not part of what was said.
_TEMPLATE_END = re.compile(r"<\|im_end\|>|<\|eot_id\|>|<end_of_turn>|<\|end\|>|<\|endoftext\|>|</?s>|<</?SYS>>")
_TEMPLATE_REQUEST = {"user", "human", "prompter", "[inst]"}
_TEMPLATE_ANSWER = {"assistant", "model", "[/inst]"}


def _template_markers(text: str) -> tuple[list[_Marker], list[int]]:
    """Chat-template turn markers, and the starts of system turns (boundaries only)."""
    if "<" not in text and "[INST]" not in text.upper():
        return [], []
    found, systems = [], []
    for m in _TEMPLATE_TAG.finditer(text):
        role = next(g for g in m.groups() if g).lower()
        if role in _TEMPLATE_REQUEST or role in _TEMPLATE_ANSWER:
            found.append(_Marker(m.start(), m.end(), "chat_template", role in _TEMPLATE_REQUEST))
        else:
            systems.append(m.start())
    return found, systems


# The same roles written as XML-style tags ("<user>…</user><assistant>…</assistant>", "<question>"…),
# as prompt guides recommend for examples; no attributes, so HTML such as ``<input type="text">`` is not
# one, and not ``<input>``/``<output>`` at all: code samples use them as markup (two synthetic tool outputs
# of the injection sources did), and a message that carries demonstrations is scored as one bag, which
# cost those two their injection finding. Closing tags and ``<example>`` wrappers are not content.
_XML_TAGS = "|".join(t for t in _WORD_TAGS.split("|") if t not in ("input", "output"))
_XML_TAG = re.compile(rf"<(?P<tag>{_XML_TAGS})>", re.IGNORECASE)
_XML_CLOSE = re.compile(rf"</(?:{_XML_TAGS})>|</?examples?>", re.IGNORECASE)


def _markers(text: str) -> list[_Marker]:
    found: list[_Marker] = []
    lowered = text.lower()
    rxs = (_MULTI_TAG, _SINGLE_TAG) if _label_in(lowered, _TAG_WORDS) else (_SINGLE_TAG,)
    if "<" in text:
        rxs += (_XML_TAG,)
    if _label_in(lowered, _LOOSE_WORD_SET):
        rxs += (_LOOSE_TAG,)
    if "#" in text or "**" in text:
        rxs += (_HEADING_TAG,)
    seen: set[int] = set()
    for rx in rxs:
        for m in rx.finditer(text):
            if m.start("tag") in seen:  # "### User:" is both a word tag and a heading
                continue
            seen.add(m.start("tag"))
            tag = m.group("tag").lower()
            fam, is_req = _TAG_FAMILY.get(tag) or (LOOSE_FAMILY, LOOSE_LABELS[tag])
            found.append(_Marker(m.start(), m.end(), fam, is_req, tag))
    found.sort(key=lambda mk: mk.start)
    return found


class SpanSet:
    """Claimed character ranges with O(log n) membership (keeps segmentation linear)."""

    def __init__(self, spans: "list[tuple[int, int]] | SpanSet | None" = None):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in (spans or []):
            self.add(s, e)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(zip(self._starts, self._ends))

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        # keep ends as a running maximum so one bisect answers "inside any span"
        for j in range(i, len(self._ends)):
            prev = self._ends[j - 1] if j else -1
            if self._ends[j] >= prev and j > i:
                break
            self._ends[j] = max(self._ends[j], prev)

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def any_start_in(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self._starts, lo)
        return i < len(self._starts) and self._starts[i] < hi


def _inside(pos: int, spans: SpanSet) -> bool:
    return spans.contains(pos)


def _family_demos(
    text: str, markers: list[_Marker], limits: list[int], taken: SpanSet, answers_end_at_requests: bool = False
) -> list[tuple[int, int, int, int, int, int]]:
    """Pair each request marker with the answer marker that follows it.

    Returns (span_start, span_end, req_start, req_end, ans_start, ans_end) tuples. ``limits``
    are extra boundaries (example headers) where an answer must stop; with ``answers_end_at_requests``
    other answer markers do not end an answer ("Response: Output: [1, 3, 5] ..." is one answer).
    """
    out = []
    bounds = sorted({m.start for m in markers if m.is_request or not answers_end_at_requests}
                    | set(limits) | {len(text)})

    def next_bound(pos: int) -> int:
        return bounds[bisect.bisect_right(bounds, pos)]

    for i, mk in enumerate(markers):
        if not mk.is_request or _inside(mk.start, taken):
            continue
        nxt = markers[i + 1] if i + 1 < len(markers) else None
        if nxt is None or nxt.is_request:
            continue  # a request with no answer: the live query or a dangling turn
        ans_end = next_bound(nxt.start)
        out.append((mk.start, ans_end, mk.end, nxt.start, nxt.end, ans_end))
    return out


def _tagged_demos(text: str, message: int, taken: SpanSet) -> list[Demonstration]:
    template, systems = _template_markers(text)
    markers = [m for m in template + _markers(text) if not _inside(m.start, taken)]
    headers = [m.start() for m in _EXAMPLE_HEADER.finditer(text)]
    demos: list[Demonstration] = []
    claimed = SpanSet(taken)
    for fam in FAMILIES:
        fam_markers = [m for m in markers if m.family == fam and not _inside(m.start, claimed)]
        if not any(m.is_request for m in fam_markers) or all(m.is_request for m in fam_markers):
            continue
        end_tokens = _TEMPLATE_END if fam == "chat_template" else _XML_CLOSE
        clean = (lambda t, rx=end_tokens: rx.sub("", t).strip())
        new_spans = []
        for s, e, rs, re_, as_, ae in _family_demos(text, fam_markers, headers + systems, claimed):
            if not clean(text[as_:ae]):
                continue  # the generation prompt after the live query ("A:", "<|im_start|>assistant\n")
            demos.append(
                Demonstration(
                    kind=fam,
                    request=clean(text[rs:re_]),
                    answer=clean(text[as_:ae]),
                    message=message,
                    start=s,
                    end=_rstrip_end(text, s, e),
                )
            )
            new_spans.append((s, e))
        for span in new_spans:
            claimed.add(*span)
    demos += _mixed_label_demos(text, message, [m for m in markers if m.family != "chat_template"],
                                headers + systems, claimed)
    # Example blocks with no tagged exchange inside: first line is the request, the rest the answer.
    for i, h in enumerate(headers):
        end = headers[i + 1] if i + 1 < len(headers) else len(text)
        if _inside(h, taken) or claimed.any_start_in(h, end):
            continue
        body_start = _EXAMPLE_HEADER.match(text, h).end()  # type: ignore[union-attr]
        body = text[body_start:end]
        first, _, rest = body.strip().partition("\n")
        demos.append(
            Demonstration(
                kind="example",
                request=first.strip() if rest else "",
                answer=(rest or first).strip(),
                message=message,
                start=h,
                end=_rstrip_end(text, h, end),
            )
        )
    return demos


def _mixed_label_demos(text: str, message: int, markers: list[_Marker], limits: list[int],
                       claimed: SpanSet) -> list[Demonstration]:
    """Exchanges whose labels come from different families or from ``LOOSE_LABELS``
    ("Prompt:/Response:", "Query:/Answer:", "User:/Chatbot:", "Me:/You:"). A label pair counts only
    when it repeats — two exchanges or more — so a stray "Request:" before a "Reply:" in a document
    is not read as a demonstration (and the message keeps its windowed injection scoring)."""
    rest = [m for m in markers if not _inside(m.start, claimed)]
    if not any(m.is_request for m in rest) or all(m.is_request for m in rest):
        return []
    by_start = {m.start: m for m in rest}
    found = _family_demos(text, rest, limits + [s for s, _ in claimed], claimed, answers_end_at_requests=True)
    pairs = [(by_start[s].tag, by_start[re_].tag) for s, _, _, re_, _, _ in found]
    counts: dict[tuple[str, str], int] = {}
    for p in pairs:
        counts[p] = counts.get(p, 0) + 1
    demos = []
    for (s, e, rs, re_, as_, ae), p in zip(found, pairs):
        if counts[p] < 2 or not _XML_CLOSE.sub("", text[as_:ae]).strip():
            continue
        demos.append(Demonstration(kind=LOOSE_FAMILY, request=_XML_CLOSE.sub("", text[rs:re_]).strip(),
                                   answer=_XML_CLOSE.sub("", text[as_:ae]).strip(), message=message,
                                   start=s, end=_rstrip_end(text, s, e)))
        claimed.add(s, e)
    return demos


# Two speakers of no known role taking turns ("Alice:/Bob:", "U:/A:", "User>/Assistant>"): a many-shot
# prompt can rename its roles to get past the role words above. Read only in a message where no other
# shape found anything: of the line-opening labels that occur at least SPEAKER_MIN_TURNS times, the two
# that alternate strictly (other labels, "Step 1:" or "Note:" inside a turn, are its text) and make up
# SPEAKER_LABEL_SHARE of the labels from the first turn on (a record's fields do not); the first to
# speak asks, unless a label is a known role word that says otherwise. The engine keeps such a
# message's windowed injection score.
SPEAKER_KIND = "speaker_turns"
SPEAKER_MIN_TURNS = 4
SPEAKER_CANDIDATES = 6
SPEAKER_LABEL_SHARE = 0.6  # of the line-opening labels from the first turn on
_SPEAKER = re.compile(r"^[ \t]{0,8}(?:\*\*)?(?P<name>[A-Z][\w.'-]{0,15}(?: [A-Z][\w.'-]{0,15})?)(?:\*\*)?[ \t]?[:>]"
                      r"(?:\*\*)?(?=[ \t]|$)", re.MULTILINE)


def _speaker_demos(text: str, message: int) -> list[Demonstration]:
    """The exchanges of two alternating speakers, or none (see SPEAKER_KIND above)."""
    found = [(m.start(), m.end(), m.group("name").lower()) for m in _SPEAKER.finditer(text)]
    counts: dict[str, int] = {}
    for *_, name in found:
        counts[name] = counts.get(name, 0) + 1
    # The most frequent labels only, so that a text of many distinct labels costs a few passes, not one
    # per pair of them.
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:SPEAKER_CANDIDATES]
    frequent = [n for n, c in top if c >= SPEAKER_MIN_TURNS]
    best: list[tuple[int, int, str]] = []
    for i, a in enumerate(frequent):  # the pair of labels that alternates strictly, most turns first
        for b in frequent[i + 1:]:
            turns = [f for f in found if f[2] in (a, b)]
            if len(turns) > len(best) and all(x[2] != y[2] for x, y in zip(turns, turns[1:])):
                best = turns
    # Records take this shape too ("Domain Name:" ... "Registrar URL:" once per WHOIS record): there the
    # pair is two of many labels, in a dialogue it is nearly all of them.
    if not best or len(best) < SPEAKER_LABEL_SHARE * sum(1 for f in found if f[0] >= best[0][0]):
        return []
    names = list(dict.fromkeys(name for *_, name in best))
    role = {n: _TAG_FAMILY.get(n, (None, LOOSE_LABELS.get(n)))[1] for n in names}
    asker = names[1] if role[names[0]] is False or role[names[1]] is True else names[0]  # "Assistant>" first
    demos = []
    ends = [start for start, *_ in best[1:]] + [len(text)]
    for i, (start, label_end, name) in enumerate(best[:-1]):
        if name != asker:
            continue
        request = text[label_end:ends[i]].strip()
        answer = text[best[i + 1][1]:ends[i + 1]].strip()
        if request and answer:
            demos.append(Demonstration(kind=SPEAKER_KIND, request=request, answer=answer, message=message,
                                       start=start, end=_rstrip_end(text, start, ends[i + 1])))
    return demos


_OPENING_WRAPPER = re.compile(r"<examples?>\s*$", re.IGNORECASE)


def _rstrip_end(text: str, start: int, end: int) -> int:
    """End of a span without trailing blanks or the next example's opening ``<example>`` tag."""
    while end > start and text[end - 1].isspace():
        end -= 1
    tail = _OPENING_WRAPPER.search(text, max(start, end - 32), end)
    if tail is not None:
        end = tail.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    return end


# ---------------------------------------------------------------- JSON / JSONL demos
def _as_text(v: Any) -> str | None:
    if isinstance(v, str):
        return v
    if isinstance(v, list):  # content parts
        parts = [p.get("text") for p in v if isinstance(p, dict) and isinstance(p.get("text"), str)]
        return "\n".join(parts) if parts else None
    return None


_JSON_REQUEST_ROLES = ("user", "human")
_JSON_ANSWER_ROLES = ("assistant", "gpt", "bot", "ai", "model")


def _message_turn(m: Any) -> tuple[str, str] | None:
    """(role, text) of one chat message object (OpenAI or ShareGPT keys), if it is a user or assistant turn."""
    if not isinstance(m, dict):
        return None
    role = str(m.get("role", m.get("from", ""))).lower()
    text = _as_text(m.get("content", m.get("value")))
    if text is None or role not in _JSON_REQUEST_ROLES + _JSON_ANSWER_ROLES:
        return None
    return role, text


def pairs_from_object(obj: Any) -> list[tuple[str, str]]:
    """(request, answer) pairs held by one JSON example object, in any common schema."""
    if not isinstance(obj, dict):
        return []
    lowered = {str(k).lower(): v for k, v in obj.items()}
    msgs = lowered.get("messages") or lowered.get("conversations") or lowered.get("conversation")
    if isinstance(msgs, list):
        pairs = []
        pending: str | None = None
        for m in msgs:
            turn = _message_turn(m)
            if turn is None:
                continue
            role, text = turn
            if role in _JSON_REQUEST_ROLES:
                pending = text
            elif pending is not None:
                pairs.append((pending, text))
                pending = None
        return pairs
    for req_key, ans_keys in _JSON_PAIRS:
        req = _as_text(lowered.get(req_key))
        if req is None:
            continue
        for ak in ans_keys:
            ans = _as_text(lowered.get(ak))
            if ans is not None:
                extra = _as_text(lowered.get("input")) if req_key == "instruction" else None
                return [(f"{req}\n{extra}" if extra else req, ans)]
    return []


_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")


def _iter_array(text: str, pos: int) -> Iterator[tuple[int, int, Any]]:
    """Yield (start, end, element) for a JSON array starting at ``text[pos] == '['``."""
    i = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if i < len(text) and text[i] == "]":
        return
    while i < len(text):
        obj, end = _DECODER.raw_decode(text, i)
        yield i, end, obj
        j = _WS.match(text, end).end()  # type: ignore[union-attr]
        if j < len(text) and text[j] == ",":
            i = _WS.match(text, j + 1).end()  # type: ignore[union-attr]
            continue
        return


def _json_demos(text: str, message: int) -> tuple[list[Demonstration], SpanSet]:
    demos: list[Demonstration] = []
    spans = SpanSet()

    def add(pairs: list[tuple[str, str]], s: int, e: int, kind: str) -> None:
        for req, ans in pairs:
            demos.append(Demonstration(kind=kind, request=req, answer=ans, message=message, start=s, end=e))
        if pairs:
            spans.add(s, e)

    # JSONL: one example object per line.
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if len(stripped) > 1 and stripped[0] == "{" and stripped[-1] == "}":
            try:
                obj = json.loads(stripped)
            except (ValueError, RecursionError):
                obj = None
            pairs = pairs_from_object(obj)
            if pairs:
                s = pos + line.index("{")
                add(pairs, s, s + len(stripped), "jsonl")
        pos += len(line)

    # JSON arrays of example objects (possibly embedded in prose). The whole array is decoded
    # in C first; per-element spans are only computed for arrays that hold examples.
    attempts = 0
    i = text.find("[")
    while i != -1 and attempts < MAX_JSON_ATTEMPTS:
        if spans.contains(i):
            i = text.find("[", i + 1)
            continue
        attempts += 1
        resume = i + 1
        try:
            value, end = _DECODER.raw_decode(text, i)
        except RecursionError:
            value, end = None, i + 1
        except ValueError as exc:
            value, end = None, max(i + 1, getattr(exc, "pos", i + 1))
            resume = end if end > i + 1 and text.find("[", i + 1, end) == -1 else i + 1
        else:
            resume = end
        if isinstance(value, list) and any(pairs_from_object(v) for v in value[:1000] if isinstance(v, dict)):
            for s, e, obj in _iter_array(text, i):
                add(pairs_from_object(obj), s, e, "json")
        elif isinstance(value, list) and pairs_from_object({"messages": value[:1000]}):
            # A bare list of chat messages ([{"role": "user", ...}, {"role": "assistant", ...}, ...]):
            # each user message and the answer after it are one demonstration, spanning both objects.
            pending: tuple[int, str] | None = None
            for s, e, obj in _iter_array(text, i):
                pair = _message_turn(obj)
                if pair is None:
                    continue
                role, said = pair
                if role in _JSON_REQUEST_ROLES:
                    pending = (s, said)
                elif pending is not None:
                    add([(pending[1], said)], pending[0], e, "json")
                    pending = None
        elif value is not None and not isinstance(value, list):
            resume = end
        i = text.find("[", resume)
    return demos, spans


# ---------------------------------------------------------------- entry point
def segment_message(msg: Message) -> list[Demonstration]:
    """Inline demonstrations inside one message (JSON/JSONL first, then table rows, then tagged transcripts)."""
    json_demos, spans = _json_demos(msg.text, msg.index)
    rows = table_demos(msg.text, msg.index, spans.contains, pairs_from_object)
    for d in rows:
        spans.add(d.start, d.end)
    tagged = _tagged_demos(msg.text, msg.index, spans)
    found = json_demos + rows + tagged
    if not found:
        found = _speaker_demos(msg.text, msg.index)
    return sorted(found, key=lambda d: (d.start, d.end))


def outside_demos(text: str, demos: list[Demonstration]) -> list[tuple[int, int]]:
    """The stretches of a message no inline demonstration covers (the preamble, the live query, text
    between examples), blank ones left out: what the message says besides its examples."""
    gaps, pos = [], 0
    for d in sorted(demos, key=lambda d: d.start):
        if d.start > pos and text[pos:d.start].strip():
            gaps.append((pos, d.start))
        pos = max(pos, d.end)
    if text[pos:].strip():
        gaps.append((pos, len(text)))
    return gaps


def without_template_tokens(text: str) -> str:
    """Text with chat-template turn markers and end-of-turn tokens taken out: the markup around a live
    query written in a template, which the fake-role-tag rule judges, not what the query says."""
    return _TEMPLATE_END.sub("", _TEMPLATE_TAG.sub("", text))


def cap(demos: list[Demonstration], max_demos: int) -> tuple[list[Demonstration], int]:
    demos = sorted(demos, key=lambda d: (d.message, d.start))
    return demos[:max_demos], max(0, len(demos) - max_demos)


def segment(messages: list[Message], max_demos: int = 4096) -> tuple[list[Demonstration], int]:
    """All demonstrations of a request, in message order, and how many were dropped over the cap."""
    demos: list[Demonstration] = []
    for msg in messages:
        demos.extend(segment_message(msg))
    demos.extend(turn_demos(messages))
    return cap(demos, max_demos)


def turn_demos(messages: list[Message]) -> list[Demonstration]:
    """A user message answered by the next assistant message (tool traffic in between allowed)."""
    out = []
    pending: Message | None = None
    for msg in messages:
        if msg.role == "user":
            pending = msg
        elif msg.role == "assistant" and pending is not None:
            if msg.text.strip():
                out.append(
                    Demonstration(
                        kind="turns",
                        request=pending.text,
                        answer=msg.text,
                        message=pending.index,
                        start=0,
                        end=len(pending.text),
                        answer_message=msg.index,
                    )
                )
            pending = None
    return out
