"""What hoso's stages tell a terminal's user to run (`hoso build`, `hoso signed add`, `hoso
worker`, an option such as `--trust`), said for a browser's user: the page's button that does the
same, or who at the server does it. A web user never has a terminal."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from pipeline.steps import advice_of

LOG = logging.getLogger("hoso.web")
TRUST = "thư mục tin cậy của máy chủ"
# Any of hoso's commands, as a text would tell a terminal's user to type it.
COMMAND = re.compile(
    r"\bhoso (?:build|check|init|plans|sign|signed|verify|package|period|user|serve|worker)\b"
)


# The signing stage's refusals, warnings and verdicts (a package's report included) carry their
# next step as data (pipeline.signing.steps), said here with the page's button or as the
# administrator's to do; a plain text is only stripped of any command it still names.
def signing_text(said: str | BaseException, remake: str, trust: Path | None = None) -> str:
    """A signing refusal or warning (or the error raising it) as the web says it: its next step
    as the page's button `remake` ("“Tạo văn bản của đợt” ở trang đợt xét") does it, the
    server's trust folder `trust` as the administrator's."""
    advice = advice_of(said)
    text = advice.for_page(remake) if advice is not None else str(said)
    if trust is not None:
        text = text.replace(f"{trust}/", "").replace(str(trust), TRUST)
    return without_commands(text)


def job_text(said: str) -> str:
    """A job's message (a build's, a period run's) with no command of the worker's machine: its
    next step (pipeline.jobs.steps) as the web says it, the server's administrator's to do."""
    advice = advice_of(said)
    # The queue's steps name no page's button (no {remake}): its administrator does them.
    return without_commands(advice.for_page(remake="") if advice is not None else said)


def without_commands(text: str) -> str:
    """The text with any command still named in brackets ("(hoso verify)") left out, and the
    server's log told, so a message written since is reworded here too."""
    bare = re.sub(rf" ?\((?:lệnh |bằng )?“?{COMMAND.pattern}[^()]*\)", "", text)
    if COMMAND.search(bare) or bare != text:
        LOG.warning("thông báo cho người dùng web nêu lệnh của hoso: %s", text)
    return bare
