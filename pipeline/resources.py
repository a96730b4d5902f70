"""Where hoso's own files live: plan presets, the legal table and built-in templates."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
PLANS_DIR = DATA_DIR / "plans"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
