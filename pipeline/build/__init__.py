"""Build dossiers: the stages of one workbook, their overlap across many, the output folder."""

from pipeline.build.build import build
from pipeline.build.options import BatchResult, BuildOptions, BuildReport

__all__ = ["BatchResult", "BuildOptions", "BuildReport", "build"]
