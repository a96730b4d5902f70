"""The keys each kind of template may use, with what they hold (`hoso templates` prints them).

A test keeps these declarations and the context functions in step; a template that uses a key
not declared here is refused before anything is written.
"""

from __future__ import annotations

COMMON_KEYS: dict[str, str] = {
    "co_quan_chu_quan": "Cơ quan chủ quản, in hoa (dòng đầu góc trái); rỗng nếu không có",
    "co_quan": "Cơ quan trình khen, in hoa (dòng thứ hai góc trái, in đậm), không lặp địa danh "
    "đã có ở dòng cơ quan chủ quản",
    "ten_co_quan": "Cơ quan trình khen, như đã gõ (trong câu văn)",
    "ky_hieu": "Ký hiệu cơ quan, ví dụ VHTT",
    "so": "Số Tờ trình, 2 chữ số (05), hoặc khoảng trắng khi chưa cấp số",
    "ngay": "Ngày Tờ trình: “ngày 05 tháng 10 năm 2023”; chưa có số thì để trống ngày, tháng cho văn thư",
    "dia_danh": "Địa danh",
    "dia_danh_ngay": (
        "Địa danh, ngày tháng: “Bù Gia Mập, ngày 05 tháng 10 năm 2023”; chưa có số Tờ trình thì "
        "“Bù Gia Mập, ngày     tháng     năm 2023”"
    ),
    "phong_trao": "Tên phong trào thi đua (không có ngoặc kép)",
    "dot": "Đợt xét trong câu văn: “sơ kết năm 2023”",
    "dot_ten": "Đợt xét như tiêu đề: “Sơ kết năm 2023”",
    "hinh_thuc": "Hình thức khen thưởng đầy đủ",
    "hinh_thuc_in_hoa": "Hình thức khen thưởng, in hoa",
    "hinh_thuc_ngan": "Hình thức khen thưởng, dạng ngắn cho bảng (“Bằng khen”)",
    "nguoi_quyet_dinh": "Người, cơ quan có thẩm quyền quyết định khen thưởng",
    "ke_hoach": "Kế hoạch phát động, như trích dẫn trong Căn cứ",
    "mau_bao_cao": "Mẫu báo cáo thành tích theo quy định đang áp dụng",
    "nghi_dinh": "Nghị định đang áp dụng theo ngày Tờ trình",
}

TO_TRINH_KEYS: dict[str, str] = {
    **COMMON_KEYS,
    "kinh_gui": "Kính gửi",
    "can_cu": "Các dòng Căn cứ, mỗi dòng đủ dấu câu cuối (“;” hoặc “,”)",
    "trinh": "“trình <người quyết định> ” khi Kính gửi không phải người quyết định, ngược lại rỗng",
    "ket_luan": "Câu kết: “Kính trình … xem xét, quyết định./.” hoặc “Kính đề nghị … xem xét, trình … quyết định./.”",
    "de_nghi": "“07 (bảy) tập thể và 15 (mười lăm) cá nhân” (bỏ phần bằng 0)",
    "muc_de_nghi": "Danh sách mục: {so, noi_dung} — “1.”, “Tập thể: 07 (bảy) tập thể”",
    "kem_theo": "Dòng “(Có danh sách … kèm theo)”",
    "ky": "Người ký: {dong: các dòng quyền hạn, chức vụ (in hoa), ho_ten}",
    "noi_nhan": "Các dòng Nơi nhận đã định dạng (“- Như trên;” … “- Lưu: VT, VHTT.”)",
}

DANH_SACH_KEYS: dict[str, str] = {
    **COMMON_KEYS,
    "doi_tuong": "“tập thể, cá nhân”, “tập thể” hoặc “cá nhân”",
    "kem_theo_to_trinh": "“(Kèm theo Tờ trình số …/TTr-… ngày … của …)”",
    "tap_the": "Các tập thể: {stt, ten, ghi_chu}",
    "ca_nhan": "Các cá nhân: {stt, ho_ten, gioi_tinh, nam_sinh, chuc_vu_don_vi, ghi_chu}",
    "muc_tap_the": "Tiêu đề phần tập thể: “I. TẬP THỂ (07)” hoặc rỗng",
    "muc_ca_nhan": "Tiêu đề phần cá nhân: “II. CÁ NHÂN (15)” hoặc rỗng",
    "nhom": "Chỉ trong danh sách tổng hợp của đợt xét (danh-sach-tong-hop.docx): các đơn vị, "
    "mỗi đơn vị {muc, don_vi, tap_the, ca_nhan} (don_vi: tên đơn vị, ở đầu mỗi bảng)",
}

BIEN_BAN_KEYS: dict[str, str] = {
    **COMMON_KEYS,
    "so_bien_ban": "Số Biên bản (để trống cho văn thư)",
    "ky_hieu_bien_ban": "Ký hiệu Biên bản: BB-HĐTĐKT",
    "dia_danh_ngay_hop": "Địa danh, ngày họp",
    "thoi_gian": "“14 giờ 00 phút, ngày 15 tháng 11 năm 2023”",
    "dia_diem": "Địa điểm họp",
    "chu_tri": "“Đồng chí <họ tên>, <chức vụ>, Chủ tịch Hội đồng”",
    "thu_ky": "“Đồng chí <họ tên>, <chức vụ>”",
    "thanh_phan": "“06/07 thành viên Hội đồng có mặt; vắng 01 (…)”",
    "thanh_vien": "Thành viên có mặt: {stt, ho_ten, chuc_vu, vai_tro}",
    "xet": "Số đưa ra xét: “05 (năm) tập thể và 08 (tám) cá nhân” (bỏ phần bằng 0)",
    "co_vang": "true khi Biên bản ghi ý kiến bằng văn bản của thành viên vắng mặt (“Lý do vắng” "
    "ghi “văn bản”, hoặc số phiếu nhiều hơn số thành viên có mặt)",
    "bieu_quyet": "Hình thức biểu quyết trong câu: “bỏ phiếu kín”",
    "nguong": "Tỷ lệ phiếu tối thiểu: “80%”",
    "ket_qua": "Kết quả: {stt, ten, tap_the, chuc_vu_don_vi, hinh_thuc, so_phieu, ty_le, ket_qua} "
    "(tap_the: true ở dòng của tập thể, tên in gộp cả ô “Chức vụ, đơn vị”); trong "
    "Biên bản của Hội đồng cơ quan trong đợt xét (bien-ban-tong-hop.docx), mỗi đơn vị đề nghị có "
    "thêm một dòng tiêu đề {muc} (“1. <đơn vị> (01 tập thể, 04 cá nhân)”) trước các dòng của "
    "đơn vị đó; muc rỗng ở các dòng kết quả",
    "de_nghi": "Số được đề nghị: “07 (bảy) tập thể và 15 (mười lăm) cá nhân”",
    "ket_thuc": "Giờ kết thúc: “16 giờ 30 phút”",
    "chu_tich": "Họ tên Chủ tịch Hội đồng",
    "thu_ky_ho_ten": "Họ tên Thư ký",
}

BAO_CAO_KEYS: dict[str, str] = {
    **COMMON_KEYS,
    "don_vi_cap_tren": (
        "Dòng đầu góc trái (in hoa): cơ quan cấp trên của đơn vị báo cáo. Tập thể: đơn vị cấp "
        "trên ghi ở dòng của tập thể. Cá nhân: nếu đơn vị công tác là một tập thể trong tệp (cùng "
        "tên, không kể dấu thanh), lấy đơn vị cấp trên của tập thể đó; nếu không, lấy cơ quan chủ "
        "quản của đơn vị đề nghị; đơn vị đề nghị không có cơ quan chủ quản thì lấy chính đơn vị "
        "đề nghị"
    ),
    "don_vi": "Dòng thứ hai góc trái (in hoa, in đậm): tập thể, hoặc đơn vị công tác của cá nhân",
    "tap_the": "true với báo cáo của tập thể, false với cá nhân",
    "ten": "Tên tập thể hoặc họ tên cá nhân",
    "chuc_vu_don_vi": "Chức vụ, đơn vị công tác (cá nhân); rỗng với tập thể",
    "thong_tin": "Phần I: các dòng {nhan, gia_tri}",
    "chuc_nang": "Chức năng, nhiệm vụ (tập thể)",
    "thanh_tich": "Phần II: các đoạn {text, bullet}",
    "chi_tieu": "Bảng chỉ tiêu: {stt, ten, yeu_cau, dang_ky, dat_duoc, danh_gia}",
    "xac_nhan": "Cấp xác nhận báo cáo (theo kế hoạch)",
    "thu_truong": "Họ tên thủ trưởng đơn vị (tập thể)",
    "chuc_vu_thu_truong": "Chức vụ thủ trưởng, in hoa (dòng ký của tập thể): “TRƯỞNG PHÒNG”",
}

TRICH_NGANG_KEYS: dict[str, str] = {
    **COMMON_KEYS,
    "doi_tuong": "“tập thể, cá nhân”, “tập thể” hoặc “cá nhân” (những người có trích ngang)",
    "kem_theo_to_trinh": "“(Kèm theo Tờ trình số …/TTr-… ngày … của …)”",
    "dong": "Các dòng: {stt, ten, chuc_vu_don_vi, tom_tat (các dòng), hinh_thuc}",
    "ky": "Người ký: {dong, ho_ten}",
}

QUYET_DINH_KEYS: dict[str, str] = {
    **COMMON_KEYS,
    "co_quan_ban_hanh": "Cơ quan ban hành Quyết định, in hoa, không lặp địa danh đã có ở dòng "
    "cơ quan cấp trên",
    "co_quan_ban_hanh_cap_tren": "Cơ quan cấp trên của cơ quan ban hành, in hoa; rỗng nếu không có",
    "so_quyet_dinh": "Số, ký hiệu Quyết định: “125/QĐ-UBND” (để trống cho văn thư)",
    "dia_danh_ngay_quyet_dinh": "Địa danh, ngày Quyết định",
    "trich_yeu": "“Về việc tặng … cho …”",
    "tham_quyen": "Thẩm quyền ban hành, in hoa: “CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …”",
    "can_cu": "Các dòng Căn cứ (theo quy định có hiệu lực ở ngày Quyết định) và dòng “Xét đề nghị …”",
    "dieu": "Các Điều: {so: “Điều 1.”, noi_dung}",
    "ky": "Người ký: {dong: các dòng quyền hạn, chức vụ (in hoa), ho_ten}",
    "noi_nhan": "Các dòng Nơi nhận (“- Như Điều 3;” … “- Lưu: VT, …”)",
}

DANH_SACH_QUYET_DINH_KEYS: dict[str, str] = {
    **QUYET_DINH_KEYS,
    "kem_theo": "“(Kèm theo Quyết định số … ngày … của …)”",
    "tap_the": "Các tập thể: {stt, ten, tien_thuong}",
    "ca_nhan": "Các cá nhân: {stt, ho_ten, chuc_vu_don_vi, tien_thuong}",
    "muc_tap_the": "“I. TẬP THỂ (05)” hoặc rỗng",
    "muc_ca_nhan": "“II. CÁ NHÂN (15)” hoặc rỗng",
    "tong_tien": "Dòng tổng tiền thưởng bằng số và bằng chữ; rỗng khi không có tiền thưởng",
}
