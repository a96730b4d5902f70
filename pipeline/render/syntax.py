"""Jinja's syntax errors in an office's template, said in Vietnamese for whoever edits it in Word."""

from __future__ import annotations

import re

# Jinja's messages (English), most specific first; each group is quoted back to the author.
_MEANINGS: tuple[tuple[str, str], ...] = (
    (
        r"unknown tag '(\w+)'.*The innermost block that needs to be closed is '(\w+)'",
        "thẻ {{% {0} %}} không đúng chỗ: khối {{% {1} %}} phải được đóng bằng {{% end{1} %}} trước",
    ),
    (
        r"The innermost block that needs to be closed is '(\w+)'",
        "khối {{% {0} %}} chưa được đóng: thiếu thẻ {{% end{0} %}}",
    ),
    (r"Encountered unknown tag '(\w+)'", "thẻ {{% {0} %}} không có, hoặc không có thẻ mở đi cùng"),
    (r"No filter named '(\w+)'", "bộ lọc “{0}” không có (xem các bộ lọc: hoso templates)"),
    (
        r"expected token 'end of print statement', got '([^']*)'",
        "trong {{{{ … }}}} có chữ thừa “{0}” (tên biến viết liền, không dấu cách)",
    ),
    (r"unexpected end of template", "một thẻ {{{{ … }}}} hoặc {{% … %}} chưa được đóng"),
    (r"unexpected '([^']*)'", "ký tự “{0}” không đúng chỗ trong một thẻ"),
)


def explain(message: str) -> str:
    """What a Jinja syntax error means, in Vietnamese, then Jinja's own words for a technician."""
    for pattern, meaning in _MEANINGS:
        found = re.search(pattern, message, re.DOTALL)
        if found:
            said = meaning.format(*found.groups())
            return f"{said} (chi tiết kỹ thuật: {message.strip()})"
    return f"một thẻ {{{{ … }}}} hoặc {{% … %}} viết sai (chi tiết kỹ thuật: {message.strip()})"
