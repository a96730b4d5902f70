"""Authoring-time code: NĐ 30 templates built in code, the clerk's workbook, example data."""
