"""`hoso --help` and each group's help as a newcomer reads them: every command's whole
description, in Vietnamese, never cut with "..." nor split at a hyphen."""

from __future__ import annotations

import re

import click
import pytest

from pipeline.cli import cli

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def _commands(text: str) -> dict[str, str]:
    """The `Lệnh:` section of a help page: each command and its description, lines joined."""
    section = text.split("\nLệnh:\n", 1)[1]
    commands: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        if not line.strip():
            break
        if line.startswith("  ") and not line.startswith("   "):
            name, _, said = line.strip().partition(" ")
            commands[name] = said.strip()
        else:
            commands[name] += " " + line.strip()
    return commands


@pytest.mark.parametrize("group", ["", "period", "user", "plans", "templates", "signed"])
def test_every_command_is_listed_with_its_whole_vietnamese_description(group: str, run_cli) -> None:
    result = run_cli(*group.split(), "--help")
    assert result.code == 0
    body = result.out.split("\n", 1)[1]  # below the usage line, which ends in "[THAM_SỐ]..."
    for line in body.splitlines():
        assert not line.endswith("..."), line
        assert not line.endswith("-"), line  # a name such as don-vi/ is never split
    listed = _commands(result.out)
    command = cli if not group else cli.commands[group]
    assert isinstance(command, click.Group)
    assert list(listed) == [name for name, sub in command.commands.items() if not sub.hidden]
    for name, said in listed.items():
        assert VIETNAMESE.search(said), (name, said)
        assert said.endswith((".", ")")), (name, said)
        first = (command.commands[name].help or "").split("\n\n")[0]
        assert " ".join(first.split()).startswith(said), (name, said)


def test_long_descriptions_wrap_under_themselves(run_cli) -> None:
    text = run_cli("period", "--help").out
    assert "Tạo thư mục đợt xét: tệp cấu hình dot-xet.toml và thư mục\n" in text
    assert "\n                don-vi/ cho tệp của các đơn vị.\n" in text
    assert "thư mục don-\n" not in text
