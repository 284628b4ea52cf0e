"""Benign text in other languages and benign machine text for the injection model (synthetic, Faker).

Every non-Latin-script row of the injection sources is an attack (neuralchemy's obfuscated and
translated payloads), and the sources' benign rows are English prose. A bag-of-words model learns
the confound: an everyday question in Chinese, or a pasted log full of identifiers, sat at or
just under the caution threshold (v1.5.0). These generators give the model benign text of both
kinds, so that neither a script nor dense identifiers count as evidence of an attack:

* **other languages** — Faker's per-locale word lists, names, addresses, companies and jobs in
  about thirty locales (word salad in real script, not natural sentences);
* **machine text** — access and system logs, key-value records, CSV and aligned tables, stack
  traces, diffs, hex dumps, configuration and JSON, built from Faker's providers, sometimes under
  a one-line English request ("what does this mean?").

Deterministic for a seed and a Faker version (pinned in ``pyproject.toml``). The evaluation sets
in ``eval_prompts.py`` (natural questions, hand-written pastes) were written apart from these.
"""
from __future__ import annotations

import json
import random
from datetime import datetime

_START, _END = datetime(2016, 1, 1), datetime(2025, 12, 31)

# Locales whose lorem provider writes their own language; the rest give Latin filler there, so
# only their names, addresses, companies and jobs are used.
TEXT_LOCALES = ("zh_CN", "zh_TW", "ja_JP", "ru_RU", "uk_UA", "ar_AA", "he_IL", "th_TH", "el_GR", "fa_IR",
                "hy_AM", "bn_BD", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "nl_NL", "cs_CZ", "vi_VN")
RECORD_LOCALES = ("ko_KR", "hi_IN", "ta_IN", "ka_GE", "tr_TR", "id_ID", "sv_SE", "pt_BR", "ne_NP", "bg_BG")

LEAD_INS = ("", "", "", "what does this mean?\n", "Can you summarise this?\n", "why is this failing?\n",
            "Explain this output:\n", "Is anything wrong here?\n", "Convert this to a table:\n",
            "Here is the output:\n", "help me read this\n", "What should I check first?\n")
TAILS = ("", "", "", "\nany idea?", "\nthanks", "\nWhat does this tell us?", "\nHow do I fix it?")


def _faker(locale: str, seed: int):
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    return fake


def foreign_texts(seed: int, n: int = 1200) -> list[str]:
    """Benign text in other languages and scripts (synthetic; Faker word lists)."""
    rng = random.Random(seed)
    locales = TEXT_LOCALES + RECORD_LOCALES
    fakers = {loc: _faker(loc, seed + i) for i, loc in enumerate(locales)}
    out: set[str] = set()
    while len(out) < n:
        loc = rng.choice(locales)
        fake = fakers[loc]
        parts = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.choice(("text", "text", "address", "company", "person") if loc in TEXT_LOCALES
                              else ("address", "company", "person", "job"))
            if kind == "text":
                parts.append(fake.text(max_nb_chars=rng.choice((60, 120, 200, 400))))
            elif kind == "address":
                parts.append(fake.address())
            elif kind == "company":
                parts.append(fake.company())
            elif kind == "person":
                parts.append(f"{fake.name()} {fake.job()}")
            else:
                parts.append(fake.job())
        out.add(rng.choice((" ", "\n")).join(parts).strip())
    return sorted(out)


def _when(fake):
    """A fixed window: Faker's own default ends at the current time, which would change the rows daily."""
    return fake.date_time_between(start_date=_START, end_date=_END)


def _log_lines(fake, rng: random.Random) -> list[str]:
    return [f'{fake.ipv4()} - - [{_when(fake):%d/%b/%Y:%H:%M:%S} +0000] "{fake.http_method()} /{fake.uri_path()} '
            f'HTTP/1.1" {rng.choice((200, 200, 200, 301, 304, 401, 403, 404, 500, 502))} {rng.randint(80, 90000)} '
            f'"-" "{fake.user_agent()}"' for _ in range(rng.randint(2, 12))]


def _syslog(fake, rng: random.Random) -> list[str]:
    host = fake.hostname().split(".")[0]
    procs = ("systemd[1]", f"sshd[{rng.randint(300, 40000)}]", f"kernel", f"cron[{rng.randint(300, 9000)}]",
             f"{fake.word()}d[{rng.randint(300, 40000)}]", f"dockerd[{rng.randint(300, 9000)}]")
    return [f"{_when(fake):%b %d %H:%M:%S} {host} {rng.choice(procs)}: {fake.sentence(nb_words=rng.randint(4, 12))}"
            for _ in range(rng.randint(2, 10))]


def _record(fake, rng: random.Random) -> list[str]:
    fields = [("Name", fake.name), ("Company", fake.company), ("Email", fake.email), ("Phone", fake.phone_number),
              ("Address", lambda: fake.address().replace("\n", ", ")), ("Domain Name", fake.domain_name),
              ("Registry ID", lambda: f"{fake.pystr(min_chars=6, max_chars=12).upper()}-{fake.lexify('????').upper()}"),
              ("Created", lambda: _when(fake).isoformat() + "Z"), ("Updated", lambda: _when(fake).isoformat() + "Z"),
              ("Status", lambda: rng.choice(("active", "ok", "clientTransferProhibited", "pending", "suspended"))),
              ("Name Server", lambda: "ns1." + fake.domain_name()), ("IBAN", fake.iban), ("SHA1", fake.sha1),
              ("UUID", fake.uuid4), ("MAC", fake.mac_address), ("IPv4", fake.ipv4), ("IPv6", fake.ipv6),
              ("Port", lambda: str(fake.port_number())), ("MIME type", fake.mime_type), ("Job", fake.job),
              ("Country", fake.country), ("License plate", fake.license_plate), ("Account", fake.bban)]
    sep = rng.choice((": ", ":\t", " = ", "  "))
    return [f"{k}{sep}{v()}" for k, v in rng.sample(fields, rng.randint(4, 14))]


def _csv(fake, rng: random.Random) -> list[str]:
    cols = rng.sample(("id", "date", "name", "email", "city", "amount", "qty", "sku", "status", "ip", "country", "score"), rng.randint(3, 7))
    gen = {"id": lambda: str(rng.randint(1, 99999)), "date": lambda: f"{_when(fake):%Y-%m-%d}", "name": fake.name, "email": fake.email,
           "city": fake.city, "amount": lambda: f"{rng.uniform(0, 5000):.2f}", "qty": lambda: str(rng.randint(0, 300)),
           "sku": lambda: fake.bothify("SKU-####"), "status": lambda: rng.choice(("paid", "open", "void", "shipped")),
           "ip": fake.ipv4, "country": fake.country_code, "score": lambda: f"{rng.random():.3f}"}
    delim = rng.choice((",", ";", "\t", " | "))
    return [delim.join(cols)] + [delim.join(gen[c]() for c in cols) for _ in range(rng.randint(2, 15))]


def _aligned(fake, rng: random.Random) -> list[str]:
    head = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"] if rng.random() < 0.5 else ["CONTAINER ID", "IMAGE", "STATUS", "PORTS"]
    rows = []
    for _ in range(rng.randint(2, 10)):
        if head[0] == "NAME":
            rows.append([f"{fake.word()}-{fake.hexify('^^^^^^^^^')}-{fake.lexify('?????')}", f"{rng.randint(0, 2)}/{rng.randint(1, 2)}",
                         rng.choice(("Running", "Running", "Pending", "CrashLoopBackOff", "Completed", "Error")),
                         str(rng.randint(0, 40)), rng.choice(("5m", "38m", "2h", "3d", "41d"))])
        else:
            rows.append([fake.hexify("^^^^^^^^^^^^"), f"{fake.word()}:{rng.randint(1, 17)}", f"Up {rng.randint(1, 59)} minutes",
                         f"0.0.0.0:{fake.port_number()}->{rng.choice((80, 443, 5432, 6379, 8080))}/tcp"])
    width = [max(len(r[i]) for r in [head] + rows) + 3 for i in range(len(head))]
    return ["".join(c.ljust(w) for c, w in zip(r, width)).rstrip() for r in [head] + rows]


def _trace(fake, rng: random.Random) -> list[str]:
    lines = ["Traceback (most recent call last):"]
    for _ in range(rng.randint(1, 5)):
        lines += [f'  File "/{fake.file_path(depth=rng.randint(1, 4), extension="py").lstrip("/")}", line {rng.randint(1, 900)}, in {fake.word()}_{fake.word()}',
                  f"    {fake.word()} = {fake.word()}.{fake.word()}({fake.word()})"]
    err = rng.choice(("ValueError", "KeyError", "ConnectionRefusedError", "TimeoutError", "AttributeError", "PermissionError"))
    return lines + [f"{err}: {fake.sentence(nb_words=rng.randint(3, 9))}"]


def _diff(fake, rng: random.Random) -> list[str]:
    path = fake.file_path(depth=2, extension=rng.choice(("py", "js", "go", "ts", "rb"))).lstrip("/")
    out = [f"diff --git a/{path} b/{path}", f"index {fake.hexify('^^^^^^^')}..{fake.hexify('^^^^^^^')} 100644",
           f"--- a/{path}", f"+++ b/{path}", f"@@ -{rng.randint(1, 300)},7 +{rng.randint(1, 300)},9 @@"]
    for _ in range(rng.randint(3, 10)):
        out.append(rng.choice(("+", "-", " ")) + "    " + f"{fake.word()}_{fake.word()} = {fake.word()}({fake.word()}, {rng.randint(0, 99)})")
    return out


def _hexdump(fake, rng: random.Random) -> list[str]:
    out = []
    for i in range(rng.randint(2, 8)):
        raw = [rng.randint(0, 255) for _ in range(16)]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in raw)
        out.append(f"{i * 16:08x}  " + " ".join(f"{b:02x}" for b in raw[:8]) + "  " + " ".join(f"{b:02x}" for b in raw[8:]) + f"  |{text}|")
    return out


def _config(fake, rng: random.Random) -> list[str]:
    if rng.random() < 0.5:
        return [f"{fake.word().upper()}_{fake.word().upper()}={rng.choice((fake.pystr(), fake.url(), str(rng.randint(0, 65535)), 'true', 'false'))}"
                for _ in range(rng.randint(3, 12))]
    data = {fake.word(): rng.choice((fake.word(), rng.randint(0, 999), fake.url(), [fake.word() for _ in range(3)],
                                     {fake.word(): fake.ipv4()})) for _ in range(rng.randint(3, 9))}
    return json.dumps(data, indent=rng.choice((None, 2))).split("\n")


MACHINE_KINDS = {"access log": _log_lines, "syslog": _syslog, "record": _record, "csv": _csv, "table": _aligned,
                 "stack trace": _trace, "diff": _diff, "hex dump": _hexdump, "config": _config}


def machine_texts(seed: int, n: int = 1200) -> list[str]:
    """Benign pasted machine text (synthetic; Faker providers), some under a one-line request."""
    rng = random.Random(seed)
    fake = _faker("en_US", seed)
    out: set[str] = set()
    kinds = sorted(MACHINE_KINDS)
    while len(out) < n:
        body = "\n".join(MACHINE_KINDS[rng.choice(kinds)](fake, rng))
        out.add(f"{rng.choice(LEAD_INS)}{body}{rng.choice(TAILS)}".strip())
    return sorted(out)
