"""Check a workbook: read its cells, type them, apply the plan's rules, name every wrong cell."""

from pipeline.check.validate import CheckResult, check_file, check_files

__all__ = ["CheckResult", "check_file", "check_files"]
