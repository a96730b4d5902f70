"""Jinja's syntax errors in an office's template, explained in Vietnamese (Jinja's own words only
when hoso cannot say what is wrong)."""

from __future__ import annotations

import jinja2
import pytest

from pipeline.render.syntax import explain, undefined_meaning


@pytest.mark.parametrize(
    ("source", "meaning"),
    [
        ("{% for a in b %}x", "khối {% for %} chưa được đóng: thiếu thẻ {% endfor %}"),
        ("{% if a %}x", "khối {% if %} chưa được đóng: thiếu thẻ {% endif %}"),
        (
            "{% if a %}x{% endfor %}",
            "thẻ {% endfor %} không đúng chỗ: khối {% if %} phải được đóng bằng {% endif %} trước",
        ),
        ("{% endif %}", "thẻ {% endif %} thừa: không có thẻ mở {% if … %} đi cùng"),
        ("{% else %}", "thẻ {% else %} nằm ngoài khối {% if hoặc for … %}"),
        ("{% lap %}", "thẻ {% lap %} không có (thẻ dùng được: if, elif, else, for, set"),
        ("{% tr for a in b %}", "thẻ {%tr …%} phải nằm trong một ô của bảng"),
        ("{{ x | khong_co }}", "bộ lọc “khong_co” không có (xem các bộ lọc: hoso templates)"),
        ("{{ ho ten }}", "trong {{ … }} có chữ thừa “ten” (tên biến viết liền, không dấu cách)"),
        ("{{ x ", "một thẻ chưa được đóng: thiếu “}}”"),
        ("{% for a b %}{% endfor %}", "trong một thẻ, chỗ cần “in” lại là “b”"),
        ("{% if %}{% endif %}", "một thẻ thiếu tên biến hay giá trị: chỗ cần nó lại là “%}”"),
        ("{{ (x }}", "ký tự “}” không đúng chỗ: cần “)” trước"),
        ("{{ “x” }}", "dấu nháy cong “ (Word tự đổi) trong một thẻ: hãy gõ dấu nháy thẳng"),
    ],
)
def test_each_kind_of_mistake_is_said_in_vietnamese_without_jinjas_english(
    source: str, meaning: str
) -> None:
    with pytest.raises(jinja2.TemplateSyntaxError) as raised:
        jinja2.Environment().from_string(source)
    said = explain(raised.value.message or "")
    assert said.startswith(meaning), said
    assert "chi tiết kỹ thuật" not in said and "Jinja" not in said


def test_a_mistake_hoso_cannot_name_keeps_jinjas_words_as_the_last_resort() -> None:
    message = "some message Jinja may add one day"
    assert explain(message) == (
        f"một thẻ {{{{ … }}}} hoặc {{% … %}} viết sai (chi tiết kỹ thuật: {message})"
    )


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
