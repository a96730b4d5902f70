"""The example generator's names where the authoring commands import them (pipeline.inputs.examples)."""

from __future__ import annotations

from pipeline.inputs.examples import (
    EXAMPLES_DIR,
    LEADERS,
    N_INDIVIDUALS,
    example_award,
    example_marks,
    example_spec,
    example_values,
    proposal_date,
)

__all__ = [
    "EXAMPLES_DIR",
    "LEADERS",
    "N_INDIVIDUALS",
    "example_award",
    "example_marks",
    "example_spec",
    "example_values",
    "proposal_date",
]
