"""Leaks in answers: secrets and the system prompt coming back out.

The injection checks judge what goes in. A prompt-extraction attack that slips past them ("spell the
password backwards", "encode it in base64", "repeat everything above") shows in the answer, and the
gateway sees both the operator's prompt and the answer, so it checks the answer against what must stay
inside:

* **secrets** — strings the operator lists (canaries) and the ones the system prompt itself declares
  ("the password is ...", API keys with well-known prefixes) — found in any case, spelled out with
  separators ("C-O-C-O", one letter per line), reversed, rot13'd, or inside a base64 / hex blob;
* **the system prompt**, reproduced in runs of at least ``min_words`` words that cover a large part of it.

Not caught: a secret translated, paraphrased, hinted at, or given as a riddle or an acrostic. Findings
never carry the secret itself (they go to the audit trail): they name its kind and how it was written.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import re
from dataclasses import dataclass, field

from .types import Finding
from .verdict import RESPONSE_SEVERITY

LEAK_DETECTORS = ("secret_leak", "system_prompt_leak")  # the findings this module makes
MIN_SECRET_CHARS = 4  # letters and digits; shorter strings occur by chance in ordinary answers

# "the password is COCOLOCO", "API key: sk-...", "secret phrase = 'open sesame'". A bare "secret" is left
# out ("the secret is that we ...", "the secret ingredient is love").
_DECLARED = re.compile(
    r"\b(?P<kind>pass(?:word|phrase|code)|secret[ _-]?(?:word|key|code|phrase|token)|api[ _-]?key|"
    r"access[ _-]?(?:token|key|code)|auth(?:entication)?[ _-]?token|client[ _-]?secret)s?\b"
    r"[^\S\n]*(?:is|was|:|=)[^\S\n]*"
    r"(?:[\"'`\u201c\u2018](?P<quoted>[^\"'`\u201d\u2019\n]{4,64})[\"'`\u201d\u2019]|(?P<value>[^\s\"'`,;]{4,128}))",
    re.IGNORECASE)
# Words that follow "the password is" without being one.
_NOT_A_VALUE = frozenset("""that this there these those then than the not never only also always kept keep given
provided shown stored required needed needs must should will would below above following unknown hidden secret
private confidential sensitive empty none null blank missing invalid incorrect correct wrong changed available
set your their its our my his her being known listed written something anything nothing password passwords
passphrase passcode secret token key apikey api_key""".split())
# Placeholders in example code and templates ("your_api_key", "<token>", "{{password}}", "$PASSWORD", "xxxx").
_PLACEHOLDER = re.compile(r"^[<{$%*\[(]|^my[_-]?[a-z]|your|example|placeholder|changeme|dummy|sample|redacted|x{4}|\*{3}", re.IGNORECASE)
# Credentials with well-known shapes, protected wherever they appear in the system prompt.
_KEY_SHAPES = re.compile(
    r"\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|"
    r"AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,})")
# Between the characters of a spelled-out secret: spaces, dashes, dots, newlines; for a secret without
# digits also list numbers ("1. W\n2. A\n...").
_SEP = r"[\W_]{0,4}"
_SEP_NUMBERED = r"[\W_\d]{0,6}"
SPELLED_WIDTH = 7  # characters a spelled-out secret takes at most per character of it
_BLOB = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")
_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_NOT_ALPHA = re.compile(r"[\W_\d]+")
_WORD = re.compile(r"\w+")
MAX_BLOBS = 64


@dataclass(frozen=True)
class LeakSettings:
    """What counts as a leak and what each kind does to the answer (``allow`` turns a kind off)."""

    canaries: tuple[str, ...] = ()          # operator-listed strings that must never appear in an answer
    declared_secrets: bool = True           # also protect the secrets the system prompt declares
    secret_action: str = "block"
    prompt_action: str = "flag"             # quoting the system prompt back is often legitimate (RAG)
    min_words: int = 8                      # shortest run of words that counts as reproduced
    prompt_fraction: float = 0.5            # part of the system prompt that must come back ...
    prompt_max_words: int = 60              # ... or this many of its words (long prompts, stream windows)


@dataclass(frozen=True)
class Secret:
    label: str  # what the finding says instead of the value: "canary 2", "declared password", "API key"
    pattern: re.Pattern
    length: int  # characters of the value, for the stream's hold-back
    forms: tuple[str, ...] = ()  # lowercase letters and digits of each form: a fast prefilter

    def search(self, text: str, squeezed: tuple[str, str]) -> "re.Match | None":
        """The first match in ``text``; ``squeezed``: ``text`` lowercased without separators, and
        without digits too (for secrets without digits, which may be spelled as a numbered list)."""
        haystack = squeezed[0] if any(c.isdigit() for c in self.forms[0]) else squeezed[1]
        return self.pattern.search(text) if any(f in haystack for f in self.forms) else None


def _alnum(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


def _spelled(chars: str) -> str:
    """Regex for ``chars`` in any case, with separators between characters, as a whole token."""
    sep = _SEP if any(c.isdigit() for c in chars) else _SEP_NUMBERED
    return r"(?<![^\W_])" + sep.join(re.escape(c) for c in chars) + r"(?![^\W_])"


def _secret(label: str, value: str) -> Secret | None:
    chars = _alnum(value)
    if len(chars) < MIN_SECRET_CHARS:
        return None
    forms = {"plain": chars, "reversed": chars[::-1], "rot13": codecs.encode(chars, "rot13")}
    kept: list[str] = []
    alts = []
    for how, form in forms.items():
        if form.lower() not in kept:  # a palindrome's reverse is itself
            kept.append(form.lower())
            alts.append(f"(?P<{how}>{_spelled(form)})")
    return Secret(label, re.compile("|".join(alts), re.IGNORECASE), len(value), tuple(kept))


def declared_secrets(system_text: str) -> list[tuple[str, str]]:
    """(kind, value) of every secret the system prompt declares or carries."""
    out = []
    for m in _DECLARED.finditer(system_text):
        value = (m.group("quoted") or m.group("value") or "").strip().rstrip(".!?)]}")
        if value and value.lower() not in _NOT_A_VALUE and not _PLACEHOLDER.search(value):
            out.append((m.group("kind").lower().replace("_", " ").replace("-", " "), value))
    out += [("API key", m.group()) for m in _KEY_SHAPES.finditer(system_text)]
    return out


def _decoded_blobs(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, decoded text, encoding) of base64 and hex blobs (8+ characters, as one token) that
    decode to readable text."""
    out: list[tuple[int, int, str, str]] = []
    for m in _BLOB.finditer(text):
        s = m.group()
        if (m.start() and text[m.start() - 1] in "+/=") or (s.isalpha() and (s.islower() or s.isupper() or s.istitle())):
            continue  # inside a longer token, or a plain word
        for how in ("hex", "base64") if _HEX.fullmatch(s) else ("base64",):
            try:
                raw = bytes.fromhex(s) if how == "hex" else base64.b64decode(s + "=" * (-len(s) % 4), validate=True)
                decoded = raw.decode("utf-8")
            except (binascii.Error, UnicodeDecodeError, ValueError):
                continue
            if decoded and sum(c.isprintable() for c in decoded) / len(decoded) > 0.9:
                out.append((m.start(), m.end(), decoded, how))
                break
        if len(out) >= MAX_BLOBS:
            break
    return out


_ASCII_SEPARATORS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalnum()))
_DIGITS = str.maketrans("", "", "0123456789")


def _squeeze(text: str) -> tuple[str, str]:
    """``text`` lowercased without separators, and without digits as well: the secrets' prefilter
    (``str.translate`` for ASCII text, five times faster than the regex it falls back to)."""
    if text.isascii():
        alnum = text.translate(_ASCII_SEPARATORS).lower()
        return alnum, alnum.translate(_DIGITS)
    return _NOT_ALNUM.sub("", text).lower(), _NOT_ALPHA.sub("", text).lower()


def _shingles(words: list[str], n: int) -> dict[tuple[str, ...], list[int]]:
    out: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(words) - n + 1):
        out.setdefault(tuple(words[i:i + n]), []).append(i)
    return out


@dataclass
class LeakGuard:
    """The secrets and system prompt of one request, compiled once and checked against every answer
    (or every stream window) of it."""

    settings: LeakSettings
    secrets: list[Secret] = field(default_factory=list)
    prompt_words: int = 0
    prompt_shingles: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    prompt_vocab: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, system_texts: list[str], settings: LeakSettings | None = None) -> "LeakGuard":
        settings = settings or LeakSettings()
        guard = cls(settings)
        if settings.secret_action != "allow":
            found = [(f"canary {i + 1}", c) for i, c in enumerate(settings.canaries)]
            if settings.declared_secrets:
                found += [(f"declared {kind}", v) for text in system_texts for kind, v in declared_secrets(text)]
            values: set[str] = set()
            for label, value in found:
                if _alnum(value).lower() not in values and (s := _secret(label, value)) is not None:
                    values.add(_alnum(value).lower())
                    guard.secrets.append(s)
        if settings.prompt_action != "allow":
            n = settings.min_words
            for text in system_texts:
                words = _WORD.findall(text.lower())
                offset = guard.prompt_words
                for gram, starts in _shingles(words, n).items():
                    guard.prompt_shingles.setdefault(gram, []).extend(offset + s for s in starts)
                guard.prompt_words += len(words)
                guard.prompt_vocab.update(words)
        return guard

    @property
    def active(self) -> bool:
        return bool(self.secrets or self.prompt_shingles)

    @property
    def hold_chars(self) -> int:
        """Characters a stream should hold back so that a secret is cut before any of it is sent:
        spelled out, a short secret can be ``SPELLED_WIDTH`` times its length; a long key is held for
        its length and a margin (its base64 form, a few separators), not seven times it."""
        longest = max((s.length for s in self.secrets), default=0)
        return min(SPELLED_WIDTH * longest, longest + 96, 512)

    def check(self, answer: str, where: str = "answer") -> list[Finding]:
        """Findings (score 1.0) for every secret and for a reproduced system prompt in ``answer``
        (``where`` names it in the findings: the answer, or the tool-call arguments)."""
        if not self.active or not answer:
            return []
        prompt = self._prompt(answer, where) if self.prompt_shingles else None
        return self.secrets_in(answer, where) + ([prompt] if prompt else [])

    def secrets_in(self, text: str, where: str = "answer") -> list[Finding]:
        """Findings for the secrets alone: cheap enough for every chunk of a stream."""
        return self._secrets(text, where) if self.secrets and text else []

    def verdict(self, findings: list[Finding]) -> str:
        acts = [self.settings.secret_action if f.detector == "secret_leak" else self.settings.prompt_action
                for f in findings if f.detector in LEAK_DETECTORS]
        return max(acts, key=RESPONSE_SEVERITY.index, default="allow")

    def _secrets(self, answer: str, where: str) -> list[Finding]:
        out = []
        blobs: list[tuple[int, int, str, str]] | None = None
        squeezed = _squeeze(answer)
        for s in self.secrets:
            m = s.search(answer, squeezed)
            if m is not None:
                how = m.lastgroup + (", separated" if _alnum(m.group()) != m.group() else "")
                out.append(Finding("secret_leak", 1.0, -1, m.start(), m.end(), f"{s.label} in the {where} ({how})"))
                continue
            if blobs is None:
                blobs = _decoded_blobs(answer)
            for start, end, decoded, enc in blobs:
                if s.search(decoded, _squeeze(decoded)):
                    out.append(Finding("secret_leak", 1.0, -1, start, end, f"{s.label} in the {where} ({enc})"))
                    break
        return out

    def _prompt(self, answer: str, where: str) -> Finding | None:
        n = self.settings.min_words
        words = _WORD.findall(answer.lower())
        vocab = self.prompt_vocab
        # Run of prompt-vocabulary words starting at each position: only runs of n or more can match.
        run = [0] * (len(words) + 1)
        for i in range(len(words) - 1, -1, -1):
            run[i] = run[i + 1] + 1 if words[i] in vocab else 0
        covered: set[int] = set()
        first = last = -1
        for i in range(len(words) - n + 1):
            if run[i] >= n and (starts := self.prompt_shingles.get(tuple(words[i:i + n]))):
                for s in starts:
                    covered.update(range(s, s + n))
                first = i if first < 0 else first
                last = i + n - 1
        need = max(n, min(self.settings.prompt_fraction * self.prompt_words, self.settings.prompt_max_words))
        if len(covered) < need:
            return None
        spans = [(m.start(), m.end()) for m in _WORD.finditer(answer)]  # offsets only for a finding
        start, end = (spans[first][0], spans[min(last, len(spans) - 1)][1]) if spans else (0, len(answer))
        return Finding("system_prompt_leak", 1.0, -1, start, end,
                       f"system prompt reproduced{'' if where == 'answer' else ' in the ' + where}: "
                       f"{len(covered)} of its {self.prompt_words} words")
