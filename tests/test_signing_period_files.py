"""The receiving office's check of signed submissions reads every PDF a unit put beside its
workbook, whatever the case of its extension (Windows tools write .PDF), and says what it does
not read: a ZIP (such as the package of hoso package) must be unpacked first."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from tests import pki
from tests.test_period_signed import _signed_period

pytestmark = pytest.mark.libreoffice


def test_a_signed_pdf_named_in_capitals_counts_and_a_zip_is_said_to_need_unpacking(
    run_cli, period, tmp_path: Path
) -> None:
    folder = _signed_period(run_cli, period)
    first = next(r for r in check_period(load_period(folder)).results if r.batch is not None)
    built = folder / "ket-qua" / "don-vi" / first.path.stem / "van-ban" / "01-to-trinh.pdf"
    ca = pki.make_ca()
    name = first.batch.info.signer.name
    p12 = pki.write_pkcs12(pki.issue(ca, name, first.batch.info.unit), ca, tmp_path / "k.p12")
    inbox = first.path.with_suffix("")
    inbox.mkdir()
    signed = inbox / "TO-TRINH.PDF"
    done = run_cli("sign", built, "-o", signed, "--p12", p12, "--password", pki.PASSWORD)
    assert done.code == 0, done.out + done.err
    with zipfile.ZipFile(inbox / "goi-nop.zip", "w") as archive:
        archive.write(signed, "01-to-trinh.pdf")

    done = run_cli("period", "check", "--json", folder)

    unit = next(
        u for u in json.loads(done.out)["units"] if u["file"] and first.path.stem in u["file"]
    )
    assert not any(p.startswith("Tờ trình") for p in unit["signing"]), unit["signing"]
    assert (
        "goi-nop.zip: tệp ZIP không được đọc; hãy giải nén các tệp PDF đã ký trong đó vào thư mục "
        f"{inbox.name}/ (xem trước bằng hoso verify goi-nop.zip)"
    ) in unit["signing"]
