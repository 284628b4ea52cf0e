"""Demonstrations written as table rows: the shape of a pasted dataset or spreadsheet.

* CSV, TSV or semicolon-separated rows under a header that names a request column and an answer
  column (``question,answer``, ``prompt<TAB>response``, ``id,instruction,input,output``…), fields
  quoted as the ``csv`` module reads them (quoted fields may span lines);
* Markdown tables whose header row names the same columns (``| User | Assistant |``).

The column names are those of JSON example objects (``segmenter.pairs_from_object`` reads each row
as one), so a table and a JSON array of the same examples give the same demonstrations. A header
must consist of whole cells that are such names: "Question, answer and discussion" is prose.

Linear in the input: candidate header lines come from one regex pass over the lower-cased text,
and the scan resumes after whatever a table parse consumed, so no character is read as a row twice.
"""
from __future__ import annotations

import csv
import json
import re
from typing import Callable, Iterator

from .types import Demonstration

KIND = "table"
DELIMITERS = ("\t", ",", ";")
_REQUEST_NAMES = ("instruction", "prompt", "question", "input", "query", "request", "user", "human")
# What may stand right after a request-column name in a header cell, and right before it.
_CELL_CLOSER = re.compile(r"[\"']?[ \t]*(?:[,\t;|\r\n]|$)")
_CELL_OPENERS = frozenset("\n,\t;| \"'")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MD_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*\r?\n?")
_MD_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
MAX_HEADER_CHARS = 512


def _column_names(cells: list[str]) -> list[str]:
    return [c.strip().strip("\"'").strip().lower() for c in cells]


def _is_header(names: list[str], pairs_of: Callable[[dict], list]) -> bool:
    return len(names) >= 2 and bool(pairs_of({n: "x" for n in names if n}))


def _lines_from(text: str, pos: int, consumed: list[int]) -> Iterator[str]:
    """Lines of ``text`` from ``pos``, recording in ``consumed[0]`` where the last one handed out ends."""
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl + 1
        consumed[0] = end
        yield text[pos:end]
        pos = end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _json_cells(raw: str) -> list[str] | None:
    """Cells of a row written as JSON strings (``"say \\"hi\\"","hi"``): not CSV quoting, but common
    when rows are printed with ``json.dumps``."""
    raw = raw.strip()
    if not raw.startswith('"'):
        return None
    try:
        cells = json.loads(f"[{raw}]")
    except (ValueError, RecursionError):
        return None
    return [c if isinstance(c, str) else json.dumps(c) for c in cells]


def _csv_rows(text: str, body: int, delimiter: str, names: list[str]) -> tuple[list[tuple[int, int, dict]], int]:
    """Rows of a delimited table whose header ends at ``body``: (start, end, {column: cell}) each,
    and where reading stopped (the end of the last row that fitted the header)."""
    consumed = [body]
    reader = csv.reader(_lines_from(text, body, consumed), delimiter=delimiter)
    rows, start = [], body
    while True:
        try:
            cells = next(reader)
        except (StopIteration, csv.Error):  # csv.Error: a quote left open to the end, a field over the size limit
            return rows, consumed[0]
        raw = text[start:consumed[0]]
        if len(cells) != len(names) or '\\"' in raw:
            cells = _json_cells(raw) or cells
        if len(cells) != len(names):  # a blank line, prose after the table, a ragged row: the table ends
            return rows, consumed[0]
        rows.append((start, _rstrip(text, start, consumed[0]), dict(zip(names, cells))))
        start = consumed[0]


def _markdown_rows(text: str, body: int, names: list[str]) -> tuple[list[tuple[int, int, dict]], int]:
    rows, pos = [], body
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl + 1
        line = text[pos:end].strip()
        if "|" not in line:
            break
        cells = _MD_CELL_SPLIT.split(line.strip("|"))
        if len(cells) == len(names):
            values = [_MD_BREAK.sub("\n", c.strip().replace("\\|", "|")) for c in cells]
            rows.append((pos, _rstrip(text, pos, end), dict(zip(names, values))))
        pos = end
    return rows, pos


def _header_hints(lowered: str) -> list[int]:
    """Where a request-column name ends a cell: the cheap first look for a header line (``str.find``
    per name is several times faster than one regex alternation over prose, which rarely holds one)."""
    found = []
    for name in _REQUEST_NAMES:
        i = lowered.find(name)
        while i != -1:
            if _CELL_CLOSER.match(lowered, i + len(name)):
                found.append(i)
            i = lowered.find(name, i + 1)
    return sorted(found)


def table_demos(text: str, message: int, taken: Callable[[int], bool],
                pairs_of: Callable[[dict], list]) -> list[Demonstration]:
    """Every table row of ``text`` that holds a (request, answer) pair, outside the spans ``taken``
    already claims (JSON found first). ``pairs_of`` reads one row as an example object."""
    if "\n" not in text:
        return []
    demos: list[Demonstration] = []
    resume = 0  # past the last table read, and past every line already tried as a header
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: keep positions, lower ASCII only
        lowered = text.translate(_ASCII_LOWER)
    for at in _header_hints(lowered):
        if at < resume or (at and text[at - 1] not in _CELL_OPENERS):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        nl = text.find("\n", at)
        resume = len(text) if nl == -1 else nl
        if nl == -1 or nl - line_start > MAX_HEADER_CHARS or taken(line_start):
            continue
        header = text[line_start:nl]
        sep = _MD_SEPARATOR.match(text, nl + 1)
        if "|" in header and sep is not None:
            names = _column_names(_MD_CELL_SPLIT.split(header.strip().strip("|")))
            if not _is_header(names, pairs_of):
                continue
            rows, resume = _markdown_rows(text, sep.end(), names)
        else:
            for delimiter in DELIMITERS:
                names = _column_names(next(csv.reader([header], delimiter=delimiter), []))
                if _is_header(names, pairs_of):
                    break
            else:
                continue
            rows, resume = _csv_rows(text, nl + 1, delimiter, names)
        for start, end, row in rows:
            for request, answer in pairs_of(row):
                if answer.strip():
                    demos.append(Demonstration(kind=KIND, request=request.strip(), answer=answer.strip(),
                                               message=message, start=start, end=end))
    return demos
