"""A signing message's next step as data: the command a terminal's user runs, the page's way."""

from __future__ import annotations

from dataclasses import dataclass

# The signing stage's refusals reach a terminal (`hoso signed add`, `hoso package`) and a web page
# alike. Each names its next step as a Step, so the CLI prints the command and the web the page's
# button ({remake}, which the page passes in), with no rewording of finished text.
ADMIN = "người quản trị máy chủ"


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


# Made again, then the signed file taken again.
REMAKE_TAKE = Step(
    "hãy tạo lại hồ sơ (hoso build, hay hoso period build) rồi nhận lại tệp này",
    "hãy tạo lại bằng nút {remake} rồi tải lên lại tệp đã ký",
)
REMAKE_TAKE_BUILD = Step(
    "hãy tạo lại hồ sơ (hoso build) rồi nhận lại tệp đã ký",
    "hãy tạo lại bằng nút {remake} rồi tải lên lại tệp đã ký",
)
# Made again (the folder's manifest unreadable, a PDF of it changed or unreadable).
REMAKE = Step("hãy tạo lại hồ sơ (hoso build)", "hãy tạo lại bằng nút {remake}")
RERUN_BUILD = Step("hãy chạy lại hoso build", "hãy tạo lại bằng nút {remake}")
RERUN_BUILD_THERE = Step("hãy chạy lại hoso build cho thư mục đó", "hãy tạo lại bằng nút {remake}")
RERUN_BUILD_SIGNED = Step(
    "Hãy chạy lại hoso build (bản đã ký thì nhận lại bằng hoso signed add)",
    "Hãy tạo lại bằng nút {remake} (rồi tải lên lại bản đã ký)",
)
REMAKE_WITH_PDF = Step(
    " (hoso build --no-pdf): hãy tạo lại có PDF", ": hãy tạo lại bằng nút {remake}"
)
# A document of several batch folders: the CLI names one to take the file into.
TAKE_INTO = Step(
    "; hãy nhận tệp vào đúng thư mục hồ sơ, ví dụ hoso signed add {folder} {file}",
    "; hãy tạo lại bằng nút {remake} rồi tải lên lại tệp đã ký",
)
# The trust folder is the server's administrator's: its roots and CRLs are theirs to add or renew.
ADD_ROOT = Step("hãy thêm chứng thư gốc", f"hãy báo {ADMIN} thêm chứng thư gốc")
NEW_CRL = Step(
    "hãy tải CRL mới của tổ chức chứng thực vào đó rồi kiểm tra lại (hoso verify)",
    f"hãy báo {ADMIN} tải CRL mới của tổ chức chứng thực vào đó rồi tải lên lại tệp đã ký",
)
# A folder whose manifest.json is gone: on the web, the page's own build folder, made again.
NOT_A_BUILD = Step(
    "{out} không phải thư mục kết quả của hoso build (không có manifest.json); hãy chỉ thư mục "
    "kết quả, ví dụ output/ hoặc output/de-nghi/.",
    "danh mục các văn bản (manifest.json) của lần tạo này không còn; hãy tạo lại bằng nút "
    "{remake} rồi tải lên lại tệp đã ký.",
)
