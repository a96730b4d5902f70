"""click's own words (usage, help, errors) in Vietnamese: command classes and a translation.

click marks every text it prints with gettext (`_()`, `ngettext()`), bound in each of its
modules at import. `vietnamese()` binds them to a Vietnamese catalogue while the command runs,
and puts click's own back afterwards; the command classes give usage lines Vietnamese metavars.
"""

from __future__ import annotations

import gettext
import importlib
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

OPTIONS_METAVAR = "[TÙY_CHỌN]"
HELP = "Hiện hướng dẫn này rồi thoát."
WHOLE = 10_000  # a short help limit no description reaches: never cut

# click's messages a user can meet (its source: `_("...")`), in Vietnamese. Placeholders keep
# click's names; a message click builds from another (`{name}`) gets the Vietnamese one.
TEXTS = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Positional arguments": "Tham số",
    "Commands": "Lệnh",
    "Show this message and exit.": HELP,
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu lệnh.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn {name}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là một số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng cho phép ({range}).",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải là giá trị đúng/sai. Các giá trị nhận: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} không phải là UUID hợp lệ.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Choice({choices})": "Lựa chọn({choices})",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    # click capitalises the kind of path ("Thư Mục"), so the messages name the path alone, and
    # say what to give instead.
    "{name} {filename!r} does not exist.": "{filename!r} không tồn tại; hãy kiểm tra tên và đường dẫn.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp; hãy chỉ một thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục; hãy chỉ một tệp.",
    "{name} {filename!r} is not readable.": "không có quyền đọc {filename!r}.",
    "{name} {filename!r} is not writable.": "không có quyền ghi vào {filename!r}.",
    "{name} {filename!r} is not executable.": "không có quyền chạy {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tính khi chạy)",
    "Aborted!": "Đã dừng.",
}

# ngettext's messages, keyed by the singular: Vietnamese nouns do not change with the count.
PLURALS = {
    # Extra words are most often a name with spaces left unquoted: say so.
    "Got unexpected extra argument ({args})": (
        "Thừa tham số ({args}); hãy bỏ đi, hoặc đặt tên có dấu cách trong ngoặc kép."
    ),
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị, nhưng chỉ có {len}.",
    "{value!r} is not {choice}.": "không có giá trị {value!r}; hãy chọn một trong: {choices}.",
    "{value!r} does not match the format {format}.": ("{value!r} không đúng định dạng {formats}."),
    "{len_type} values are required, but {len_value} was given.": (
        "Cần {len_type} giá trị, nhưng có {len_value}."
    ),
}
# A message whose singular and plural read differently in Vietnamese.
PLURAL_ONLY = {
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
}

# click's modules that bind gettext's functions at import (`from gettext import gettext as _`).
MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


class Vietnamese(gettext.NullTranslations):
    """The catalogue above as a gettext translation; a message it lacks stays as click has it."""

    def gettext(self, message: str) -> str:
        """The Vietnamese of one of click's messages."""
        return TEXTS.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The Vietnamese of one of click's messages that has a plural."""
        if n != 1 and msgid2 in PLURAL_ONLY:
            return PLURAL_ONLY[msgid2]
        return PLURALS.get(msgid1, msgid1 if n == 1 else msgid2)


@contextmanager
def vietnamese() -> Iterator[None]:
    """click speaks Vietnamese inside the block (the command's run), its own English after."""
    catalogue = Vietnamese()
    saved: list[tuple[Any, str, Any]] = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, function in (("_", catalogue.gettext), ("ngettext", catalogue.ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, function)
    try:
        yield
    finally:
        for module, attr, function in reversed(saved):
            setattr(module, attr, function)


class HelpFormatter(click.HelpFormatter):
    """click's help formatter, whose wrapped descriptions never split a word at its hyphen
    (`don-` / `vi/`: a folder or file name a clerk types must read whole)."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, each description wrapped at spaces only."""
        rows = list(rows)
        first_col = min(max((len(first) for first, _ in rows), default=0), col_max) + col_spacing
        width = max(self.width - first_col - 2, 10)
        indent = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + indent)
            lines = textwrap.wrap(second, width, break_on_hyphens=False) or [""]
            self.write(lines[0] + "\n" + "".join(f"{indent}{line}\n" for line in lines[1:]))


class Context(click.Context):
    """click's context, its help written by the formatter above."""

    formatter_class = HelpFormatter


class _HelpInVietnamese(click.Command):
    """The help option says what it does in Vietnamese, whenever click made it."""

    context_class = Context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """click's parsing; a mistake its parser finds (an option given no value) comes with the
        command, so it is said under the command's usage line like every other."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's help option (cached by click), its help text in Vietnamese."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option


class Command(_HelpInVietnamese):
    """A command whose usage line reads `[TÙY_CHỌN]`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(_HelpInVietnamese, click.Group):
    """A group of commands whose usage line reads `[TÙY_CHỌN] LỆNH [THAM_SỐ]...`."""

    command_class = Command
    group_class = type  # subgroups are Vietnamese groups too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        optional = kwargs.get("invoke_without_command", False)
        kwargs.setdefault(
            "subcommand_metavar", "[LỆNH] [THAM_SỐ]..." if optional else "LỆNH [THAM_SỐ]..."
        )
        super().__init__(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in the order they were added: the order of the work (init, check,
        build…), not the alphabet's."""
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands, each with its whole first sentence: a description longer than the line
        wraps under itself instead of being cut with "..." (click's short help)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=WHOLE)))
        if rows:
            with formatter.section(TEXTS["Commands"]):
                formatter.write_dl(rows)


class Code(click.types.StringParamType):
    """A code (a plan's, a review's) whose missing option says what it is and which codes exist,
    not click's bare "Thiếu tùy chọn '--plan'"."""

    name = "mã"

    def __init__(self, missing: Callable[[], str]) -> None:
        self.missing = missing

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        """What the option is and the codes to choose from, said after "Thiếu tùy chọn …"."""
        return self.missing()


def number(value: float) -> str:
    """A number as a Vietnamese reader writes it (decimal comma, no trailing ",0")."""
    return f"{value:g}".replace(".", ",")


class _VietnameseRange:
    """A number range described in words ("từ 1 đến 65535") instead of click's "1<=x<=65535"."""

    min: float | None
    max: float | None
    min_open: bool
    max_open: bool

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The number; out of the range, said with the number as a Vietnamese writes it ("-1",
        "8,5"), not as Python prints it ("-1.0", "8.5")."""
        typed = (
            super().convert(value, param, ctx) if self.clamp else self._number(value, param, ctx)
        )
        low = self.min is not None and (typed <= self.min if self.min_open else typed < self.min)
        high = self.max is not None and (typed >= self.max if self.max_open else typed > self.max)
        if low or high:
            said = TEXTS["{value} is not in the range {range}."]
            self.fail(said.format(value=number(typed), range=self._describe_range()), param, ctx)
        return typed

    def _number(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The value as a number of the range's kind (click's own message when it is none)."""
        return click.types._NumberParamTypeBase.convert(self, value, param, ctx)  # type: ignore[arg-type]

    def _describe_range(self) -> str:
        """The range in Vietnamese, for the help text and the out-of-range message."""
        low = high = ""
        if self.min is not None:
            low = f"{'lớn hơn' if self.min_open else 'từ'} {number(self.min)}"
        if self.max is not None:
            high = f"{'nhỏ hơn' if self.max_open else 'đến'} {number(self.max)}"
        if not high:
            return low if self.min_open else f"{low} trở lên"
        if not low:
            return high if self.max_open else f"không quá {number(self.max)}"
        if self.min_open or self.max_open:
            return f"{low} và {high}".replace("từ", "không dưới").replace("đến", "không quá")
        return f"{low} {high}"


class IntRange(_VietnameseRange, click.IntRange):
    """click's IntRange, its range in Vietnamese words."""


class FloatRange(_VietnameseRange, click.FloatRange):
    """click's FloatRange, its range in Vietnamese words; "36,5" (a Vietnamese decimal) reads."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The number, whether written with a decimal comma or a decimal point."""
        if isinstance(value, str) and value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
        return super().convert(value, param, ctx)
