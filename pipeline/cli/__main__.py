"""`python -m pipeline.cli`: the same as the `hoso` command."""

from pipeline.cli import main

main()
