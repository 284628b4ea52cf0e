"""The committed standard-library docstrings (aligned long technical answers for the demo model)."""
from __future__ import annotations

import collections
import platform

import pytest

from detectors.training import python_docs


def test_committed_rows_are_well_formed():
    rows = python_docs.load()
    assert len(rows) > 500
    per_module = collections.Counter(r["module"] for r in rows)
    assert max(per_module.values()) <= python_docs.PER_MODULE
    answers = [r["answer"] for r in rows]
    assert len(set(answers)) == len(answers)
    for r in rows:
        assert set(r) == {"module", "name", "request", "answer"}
        assert python_docs.MIN_CHARS <= len(r["answer"]) <= python_docs.MAX_CHARS and r["answer"].isascii()
        assert r["name"].split(".")[0] == r["module"] and r["name"] in r["request"]
        assert r["module"] not in python_docs.SKIP


@pytest.mark.skipif(platform.python_version() != python_docs.EXTRACTED_WITH,
                    reason=f"docstrings differ between Python releases; rows were extracted with {python_docs.EXTRACTED_WITH}")
def test_re_extraction_gives_the_committed_rows():
    """Extraction parses sources without importing them, so it gives the same rows inside pytest
    (whose import hooks changed one docstring in an import-based first version) as in a build."""
    assert python_docs.extract() == python_docs.load()
