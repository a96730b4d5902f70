"""hoso: Vietnamese award dossiers (Tờ trình, Biên bản, Báo cáo thành tích) from one workbook."""

__version__ = "0.1.0"
