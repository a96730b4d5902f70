"""The signing stage's next steps (pipeline.steps.Step): the command, and the page's button."""

from __future__ import annotations

from pipeline.steps import ADMIN, Step

# The signing stage's refusals reach a terminal (`hoso signed add`, `hoso package`) and a web page
# alike: each names its next step as a Step (pipeline.steps), the page's button its {remake}.

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
# A signature's verdict (pipeline.signing.verify_texts), in `hoso verify`'s words and in a
# package's report read from a page: ADD_ROOT, a CRL renewed, roots the server has none of yet.
FETCH_CRL = Step("hãy tải CRL mới", f"hãy báo {ADMIN} tải CRL mới")
NO_TRUST = Step(
    "không có --trust",
    "máy chủ hoso chưa có chứng thư gốc tin cậy của cơ quan để đối chiếu; người quản trị máy chủ "
    "thêm được",
)
# A folder whose manifest.json is gone: on the web, the page's own build folder, made again.
NOT_A_BUILD = Step(
    "{out} không phải thư mục kết quả của hoso build (không có manifest.json); hãy chỉ thư mục "
    "kết quả, ví dụ output/ hoặc output/de-nghi/.",
    "danh mục các văn bản (manifest.json) của lần tạo này không còn; hãy tạo lại bằng nút "
    "{remake} rồi tải lên lại tệp đã ký.",
)
