"""The period's next steps (pipeline.steps.Step): the command, and the period pages' way."""

from __future__ import annotations

from pipeline.steps import Step

# A finding of the period reaches the terminal and the office's web page alike: it names its
# step as an Advice (pipeline.steps), so the CLI prints the command and the web the page's
# link or button (pipeline.web.wording), with no text rewritten.
COUNCIL_PAGE = "“Tải tệp Hội đồng” ở trang đợt xét"
EDIT_PAGE = "trang “Sửa thông tin đợt xét”"

COUNCIL_MAKE = Step(
    "tạo bằng “hoso period council {folder}”, điền rồi kiểm tra lại",
    f"tải về bằng liên kết {COUNCIL_PAGE}, điền rồi tải lên ở ô “Tệp Hội đồng đã điền”",
)
COUNCIL_UPDATE = Step("“hoso period council”", f"liên kết {COUNCIL_PAGE}")
PERIOD_BUILD = Step("hoso period build", "nút “Tạo văn bản của đợt” trên trang đợt xét")
DECISION_EDIT = Step(
    "ghi number, date của [decision]",
    f"ghi “Số quyết định khen thưởng” và “Ngày quyết định” ở {EDIT_PAGE}",
)
# The office reads a unit's signed files on the period page itself: no preview to point to.
VERIFY_ZIP = Step(" (xem trước bằng hoso verify {file})", "")
