"""Matplotlib helpers shared by the model card and the benchmark report (headless PNGs)."""
from __future__ import annotations

from pathlib import Path


def pyplot():
    """pyplot on the non-interactive Agg backend (no display on CI machines)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig, img: Path, name: str, dpi: int = 110) -> str:
    """Lay out, write ``img/name``, free the figure; returns ``name`` for the report's list."""
    fig.tight_layout()
    fig.savefig(img / name, dpi=dpi)
    pyplot().close(fig)
    return name
