"""A message and its next step as data: the command a terminal's user runs, the web page's way."""

from __future__ import annotations

import json
from dataclasses import dataclass

# hoso's messages reach a terminal (the CLI) and a web page alike, and many end in what to do
# next. Such a message names its step as a Step, so the CLI prints the command and the web the
# page's way (its button, {remake}, which the page passes in, or who at the server does it),
# with no rewording of finished text. Every stage may use it (the period, signing, the jobs).
ADMIN = "người quản trị máy chủ"
# A stored Advice (a job's message in the jobs' table) starts so; a plain message never does.
_STORED = '{"advice": '


@dataclass(frozen=True)
class Step:
    """One next step: as the terminal says it (maybe with {values}) and as the web page says it
    ({remake}: the page's button that makes the documents again)."""

    command: str
    page: str


class Advice(str):
    """A message with its next step in it. As a str it is the terminal's words, so the CLI's code
    and texts stay as they are; `for_page` gives the page's words. Made once, never changed."""

    head: str
    step: Step
    tail: str
    values: dict[str, object]

    def __new__(cls, head: str, step: Step, tail: str = "", **values: object) -> Advice:
        """`head`, the step's command (its {values} filled in), then `tail`."""
        said = super().__new__(cls, head + step.command.format(**values) + tail)
        said.head, said.step, said.tail, said.values = head, step, tail, values
        return said

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (a worker's error sent back) with its step, not as the str it reads as.
        return (_advice, (self.head, self.step, self.tail, self.values))

    def for_page(self, remake: str) -> str:
        """The message as a web page says it: `remake` is the page's button ("“Tạo văn bản của
        đợt” ở trang đợt xét") that makes the documents again."""
        return self.head + self.step.page.format(remake=remake) + self.tail


def _advice(head: str, step: Step, tail: str, values: dict[str, object]) -> Advice:
    return Advice(head, step, tail, **values)


def advice_of(said: object) -> Advice | None:
    """The Advice a message or an exception (a Refusal, a HosoError) carries, if any."""
    if isinstance(said, BaseException):
        said = said.args[0] if len(said.args) == 1 else None
    return said if isinstance(said, Advice) else None


def stored(said: str) -> str:
    """A message as a text column keeps it: an Advice with its step (JSON), else the text."""
    advice = advice_of(said)
    if advice is None:
        return str(said)
    step = [advice.step.command, advice.step.page]
    kept = [advice.head, step, advice.tail, advice.values]
    # A value such as a folder (Path) is kept as the text the message printed it as.
    return _STORED + json.dumps(kept, ensure_ascii=False, default=str) + "}"


def restored(text: str) -> str:
    """A message `stored` kept: the Advice again, or the plain text as it was."""
    if not text.startswith(_STORED):
        return text
    head, (command, page), tail, values = json.loads(text)["advice"]
    return Advice(head, Step(command, page), tail, **values)
