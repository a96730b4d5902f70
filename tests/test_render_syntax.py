"""Jinja's syntax errors in an office's template, explained in Vietnamese (Jinja's own words kept
as technical detail)."""

from __future__ import annotations

import jinja2
import pytest

from pipeline.render.syntax import explain, undefined_meaning


@pytest.mark.parametrize(
    ("source", "meaning"),
    [
        ("{% for a in b %}x", "khối {% for %} chưa được đóng: thiếu thẻ {% endfor %}"),
        (
            "{% if a %}x{% endfor %}",
            "thẻ {% endfor %} không đúng chỗ: khối {% if %} phải được đóng bằng {% endif %} trước",
        ),
        ("{% endif %}", "thẻ {% endif %} không có, hoặc không có thẻ mở đi cùng"),
        ("{{ x | khong_co }}", "bộ lọc “khong_co” không có (xem các bộ lọc: hoso templates)"),
        ("{{ ho ten }}", "trong {{ … }} có chữ thừa “ten” (tên biến viết liền, không dấu cách)"),
        ("{{ x ", "một thẻ {{ … }} hoặc {% … %} chưa được đóng"),
        ("{{ (x }}", "ký tự “}” không đúng chỗ trong một thẻ"),
        ("{{ a. }}", "một thẻ {{ … }} hoặc {% … %} viết sai"),
    ],
)
def test_each_kind_of_mistake_is_said_with_jinjas_words_after_it(source: str, meaning: str) -> None:
    with pytest.raises(jinja2.TemplateSyntaxError) as raised:
        jinja2.Environment().from_string(source)
    message = raised.value.message or ""
    assert explain(message) == f"{meaning} (chi tiết kỹ thuật: {message.strip()})"


def test_a_missing_value_is_named_with_jinjas_words_after_it() -> None:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for source, meaning in (
        ("{{ khong_co }}", "biến “khong_co” không có"),
        ("{{ ho_ten.dem }}", "giá trị này không có phần “dem”"),
    ):
        with pytest.raises(jinja2.UndefinedError) as raised:
            env.from_string(source).render(ho_ten="An")
        message = raised.value.message or ""
        assert undefined_meaning(message) == (
            f"{meaning} (xem danh sách biến: hoso templates) (chi tiết kỹ thuật: {message})"
        )
