"""hoso: Vietnamese award dossiers (Tờ trình, Biên bản, Báo cáo thành tích) from one workbook."""

from __future__ import annotations

# Importing the toolkit registers hoso's corrected Vietnamese converter with num2words, so that
# `num2words(n, lang="vi")` anywhere (templates included) reads numbers correctly.
from pipeline import vietnamese as _vietnamese  # noqa: F401

__version__ = "0.1.0"
