"""A period's next step said both ways in one finding: the command and the period page's button."""

from __future__ import annotations

from dataclasses import dataclass

# A finding of the period reaches the terminal and the office's web page alike; it names the
# step for both, and each audience keeps its own half: pipeline.cli.period_texts drops the
# page's half (`for_terminal`), pipeline.web.wording rewrites the command's to the page's words.


@dataclass(frozen=True)
class Step:
    """One step: the command (maybe with a {folder}) and what the web page's user does instead."""

    command: str
    page: str

    def both(self, **values: object) -> str:
        """The step as a finding says it: the command, then the page's way."""
        return self.command.format(**values) + self.page


COUNCIL_MAKE = Step("tạo bằng “hoso period council {folder}”", " (hoặc tải ở trang đợt xét)")
COUNCIL_UPDATE = Step("“hoso period council”", ", hoặc “Tải tệp Hội đồng” ở trang đợt xét")
PERIOD_BUILD = Step("hoso period build", ", hay nút “Tạo văn bản của đợt” trên trang đợt xét")
DECISION_EDIT = Step(
    "ghi number, date của [decision]", " (hoặc ở trang “Sửa” của đợt xét trên ứng dụng web)"
)
STEPS = (COUNCIL_MAKE, COUNCIL_UPDATE, PERIOD_BUILD, DECISION_EDIT)


def for_terminal(text: str) -> str:
    """A period text as the terminal says it: each step's page half left out.

    >>> for_terminal(f"cập nhật tệp Hội đồng ({COUNCIL_UPDATE.both()})")
    'cập nhật tệp Hội đồng (“hoso period council”)'
    """
    for step in STEPS:
        text = text.replace(step.page, "")
    return text
