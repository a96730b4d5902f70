"""The job queue's next steps (pipeline.steps.Step): the worker's command, the web page's way."""

from __future__ import annotations

from pipeline.steps import ADMIN, Step

# A job's failure names the worker's program and its options to a terminal's user; the clerk
# and the office on the web ask the server's administrator, who runs it.
CHECK_WORKER = Step(
    "Hãy kiểm tra máy xử lý (hoso worker) rồi tạo lại.",
    f"Hãy tạo lại; nếu vẫn vậy, hãy báo {ADMIN} kiểm tra máy xử lý.",
)
SEND_LOG = Step(
    "Chi tiết đã ghi vào nhật ký của máy xử lý (hoso worker); hãy gửi nhật ký đó cho người quản trị.",
    f"Chi tiết đã ghi vào nhật ký của máy chủ; hãy báo {ADMIN}.",
)
RUN_WORKER = Step(
    "; hãy chạy `hoso worker --data THƯ_MỤC --queue ĐỊA_CHỈ` trên ít nhất một máy rồi chạy lại.",
    f"; hãy báo {ADMIN} chạy máy xử lý, rồi tạo lại.",
)
