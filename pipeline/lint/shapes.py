"""What each value of each built-in template's context is: text, a number, yes/no, a group of
named parts (a record) or a list, and the parts of each record (a test keeps this in step with the
contexts pipeline.documents and pipeline.period make for every built-in template)."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.documents import keys
from pipeline.render.shapes import (
    FLAG,
    LIST,
    NUMBER,
    RECORD,
    TEXT,
    B,
    N,
    Shape,
    T,
    items,
    merged,
    record,
    shape_of,
    texts,
)

__all__ = ["FLAG", "LIST", "NUMBER", "RECORD", "SHAPES", "TEXT", "Shape", "merged", "shape_of"]


SIGNER = record(dong=items(T), ho_ten=T)
COMMON = texts(*keys.COMMON_KEYS)
COLLECTIVE_ROW = record(stt=N, **texts("ten", "ghi_chu"))
PERSON_ROW = record(stt=N, **texts("ho_ten", "gioi_tinh", "nam_sinh", "chuc_vu_don_vi", "ghi_chu"))
RESULT_FIELDS = {
    **texts("ten", "chuc_vu_don_vi", "hinh_thuc", "so_phieu", "ty_le", "ket_qua"),
    "tap_the": B,
}

TO_TRINH = {
    **COMMON,
    **texts("kinh_gui", "trinh", "ket_luan", "de_nghi", "kem_theo"),
    "can_cu": items(T),
    "muc_de_nghi": items(record(**texts("so", "noi_dung"))),
    "ky": SIGNER,
    "noi_nhan": items(T),
}
DANH_SACH = {
    **COMMON,
    **texts("doi_tuong", "kem_theo_to_trinh", "muc_tap_the", "muc_ca_nhan"),
    "tap_the": items(COLLECTIVE_ROW),
    "ca_nhan": items(PERSON_ROW),
}
DANH_SACH_TONG_HOP = {
    **DANH_SACH,
    "nhom": items(
        record(muc=T, don_vi=T, tap_the=items(COLLECTIVE_ROW), ca_nhan=items(PERSON_ROW))
    ),
}
BIEN_BAN = {
    **COMMON,
    **texts(
        "so_bien_ban",
        "ky_hieu_bien_ban",
        "dia_danh_ngay_hop",
        "thoi_gian",
        "dia_diem",
        "chu_tri",
        "thu_ky",
        "thanh_phan",
        "xet",
        "bieu_quyet",
        "nguong",
        "de_nghi",
        "ket_thuc",
        "chu_tich",
        "thu_ky_ho_ten",
    ),
    "thanh_vien": items(record(stt=N, **texts("ho_ten", "chuc_vu", "vai_tro"))),
    "co_vang": B,
    "ket_qua": items(record(stt=N, **RESULT_FIELDS)),
}
# The office council's results: a heading row {muc} before each unit's rows, muc "" in them.
BIEN_BAN_TONG_HOP = {**BIEN_BAN, "ket_qua": items(record(stt=N, muc=T, **RESULT_FIELDS))}
BAO_CAO = {
    **COMMON,
    **texts(
        "don_vi_cap_tren",
        "don_vi",
        "ten",
        "chuc_vu_don_vi",
        "chuc_nang",
        "xac_nhan",
        "thu_truong",
        "chuc_vu_thu_truong",
    ),
    "tap_the": B,
    "thong_tin": items(record(**texts("nhan", "gia_tri"))),
    "thanh_tich": items(record(text=T, bullet=B)),
    "chi_tieu": items(record(stt=N, **texts("ten", "yeu_cau", "dang_ky", "dat_duoc", "danh_gia"))),
}
TRICH_NGANG = {
    **COMMON,
    **texts("doi_tuong", "kem_theo_to_trinh"),
    "dong": items(record(stt=N, tom_tat=items(T), **texts("ten", "chuc_vu_don_vi", "hinh_thuc"))),
    "ky": SIGNER,
}
QUYET_DINH = {
    **COMMON,
    **texts(
        "co_quan_ban_hanh",
        "co_quan_ban_hanh_cap_tren",
        "so_quyet_dinh",
        "dia_danh_ngay_quyet_dinh",
        "trich_yeu",
        "tham_quyen",
    ),
    "can_cu": items(T),
    "dieu": items(record(**texts("so", "noi_dung"))),
    "ky": SIGNER,
    "noi_nhan": items(T),
}
DANH_SACH_QUYET_DINH = {
    **QUYET_DINH,
    **texts("kem_theo", "muc_tap_the", "muc_ca_nhan", "tong_tien"),
    "tap_the": items(record(stt=N, **texts("ten", "tien_thuong"))),
    "ca_nhan": items(record(stt=N, **texts("ho_ten", "chuc_vu_don_vi", "tien_thuong"))),
}

# The context of the documents each built-in template file renders.
SHAPES: dict[str, Mapping[str, Shape]] = {
    "to-trinh.docx": TO_TRINH,
    "danh-sach.docx": DANH_SACH,
    "danh-sach-tong-hop.docx": DANH_SACH_TONG_HOP,
    "bien-ban.docx": BIEN_BAN,
    "bien-ban-tong-hop.docx": BIEN_BAN_TONG_HOP,
    "bao-cao-tap-the.docx": BAO_CAO,
    "bao-cao-ca-nhan.docx": BAO_CAO,
    "trich-ngang.docx": TRICH_NGANG,
    "quyet-dinh.docx": QUYET_DINH,
    "danh-sach-quyet-dinh.docx": DANH_SACH_QUYET_DINH,
}
