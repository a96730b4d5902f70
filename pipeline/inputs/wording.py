"""A plan's rules in words, written once: the guide sheet, `hoso plans show` and messages use them."""

from __future__ import annotations

from pipeline.inputs.plans import TARGET_LABELS, Award, Quota
from pipeline.vietnamese import count_with_words, format_decimal


def quota_rule(quota: Quota) -> str:
    """“tối đa 07 (bảy) tập thể và 15 (mười lăm) cá nhân”."""
    parts = [
        f"{count_with_words(n)} {TARGET_LABELS[target]}"
        for n, target in ((quota.tap_the, "tap-the"), (quota.ca_nhan, "ca-nhan"))
        if n is not None
    ]
    return "tối đa " + " và ".join(parts)


def vote_rule(award: Award) -> str:
    """“từ 80% tổng số thành viên Hội đồng đồng ý”."""
    return (
        f"từ {format_decimal(award.vote_threshold_percent, 2)}% tổng số thành viên Hội đồng đồng ý"
    )


def leader_rule(award: Award) -> str | None:
    """“lãnh đạo, quản lý không quá 40% số cá nhân được đề nghị (…)”, or None without a cap."""
    share = award.leader_share
    if share is None:
        return None
    return (
        f"{share.who} không quá {format_decimal(share.max_percent, 2)}% số cá nhân được đề nghị "
        f"({share.basis})"
    )
