"""What the built documents show: place names, dates, header lines, fonts and page layout."""

from __future__ import annotations

import pytest

from pipeline.check.reports import place_in


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Hợp tác xã Nông nghiệp Thanh Bình", None),
        ("Liên hiệp hợp tác xã Thanh Bình", None),
        ("Hợp tác xã Dịch vụ nông nghiệp xã Bản Lầu", "Bản Lầu"),
        ("Ủy ban nhân dân xã Bản Lầu", "Bản Lầu"),
        ("Trường Tiểu học thị trấn Mường Khương", "Mường Khương"),
        ("Đoàn xã Nông nghiệp", None),
    ],
)
def test_place_in_a_unit_name(name: str, place: str | None) -> None:
    """A report is dated at the place its unit's name ends with, never at "Nông" of a
    "Hợp tác xã Nông nghiệp …": a cooperative's "xã" is no level, "Nông nghiệp" no place."""
    assert place_in(name) == place
