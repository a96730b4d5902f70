"""Where hoso's own files live: plan presets, the legal table, example data, built-in templates.

In the wheel they are inside the package (pipeline/data, pipeline/templates); in a source
checkout they are the top-level data/ and templates/ folders, which the wheel maps in.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


DATA_DIR = _shipped("data")
PLANS_DIR = DATA_DIR / "plans"
TEMPLATES_DIR = _shipped("templates")
