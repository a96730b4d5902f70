"""The `hoso` command: a thin layer over the library, every message in Vietnamese."""

from pipeline.cli.commands import cli, main

__all__ = ["cli", "main"]
