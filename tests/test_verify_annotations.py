"""The văn thư's number and date, typed as comments by the office's signing tool after the signer
signed and before the organisation seals, leave the signer's signature whole; anything else
added to the pages after a signature does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from tests import pki
from tests.conftest import batch_of
from tests.pki import SIGNER, Keys

pytestmark = pytest.mark.libreoffice
NUMBER = "Số: 15/TTr-UBND"


@pytest.fixture
def folder(bgm_copy: Path) -> Path:
    """The built Bù Gia Mập example's batch folder, this test's own copy."""
    return batch_of(bgm_copy)


def _updated(source: Path, target: Path, text: str, forge: bool = False) -> Path:
    """`source` with a comment on its first page added as an incremental update (as a signing
    tool types the number); `forge` also writes words into the page's own content."""
    with source.open("rb") as f:
        writer = IncrementalPdfFileWriter(f, strict=False)
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        annot = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/FreeText"),
                pdf_name("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (80, 700, 250, 720)]
                ),
                pdf_name("/Contents"): pdf_string(text),
                pdf_name("/DA"): pdf_string("/Helv 12 Tf 0 g"),
                pdf_name("/P"): page_ref,
            }
        )
        page[pdf_name("/Annots")] = generic.ArrayObject(
            [*page.get("/Annots", generic.ArrayObject()), writer.add_object(annot)]
        )
        writer.update_container(page)
        if forge:
            contents = page.raw_get("/Contents")
            ref = contents[0] if isinstance(contents, generic.ArrayObject) else contents
            stream = ref.get_object()
            stream._data = stream.data + b"\nBT /F1 24 Tf 100 100 Td (Khong dong y) Tj ET\n"
            stream._encoded_data = None
            writer.mark_update(ref)
        with target.open("wb") as out:
            writer.write(out)
    return target


def _sign(run_cli, source: Path, target: Path, p12: Path, *options: str) -> None:
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *options)
    assert done.code == 0, done.out + done.err


def test_the_number_typed_before_the_seal_keeps_the_signers_signature_whole(
    run_cli, keys: Keys, folder: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "nguoi-ky.pdf"
    _sign(run_cli, folder / "van-ban" / "01-to-trinh.pdf", signed, keys.signer_p12)
    numbered = _updated(signed, tmp_path / "cap-so.pdf", NUMBER)

    unsealed = run_cli("verify", numbered, "--trust", keys.trust)

    assert unsealed.code == 1  # a comment nobody signed after
    assert (
        "CHỈ BAO TRÙM MỘT PHẦN: chú thích được thêm sau khi ký, không có chữ ký nào sau đó: "
        f"trang 1: «{NUMBER}»" in unsealed.out
    )

    sealed = tmp_path / "da-ky.pdf"
    _sign(run_cli, numbered, sealed, keys.unit_p12, "--role", "co-quan")
    result = run_cli("verify", sealed, "--trust", keys.trust)

    assert result.code == 0, result.out
    lines = result.out.splitlines()
    assert lines[1].strip().startswith(f"1. {SIGNER} (")
    assert lines[2].strip().startswith("hợp lệ: nội dung còn nguyên, chứng thư số tin cậy")
    assert lines[3].strip() == (
        "sau khi ký có thêm chú thích (được chữ ký sau bao trùm; trang văn bản không đổi): "
        f"trang 1: «{NUMBER}»"
    )
    taken = run_cli("signed", "add", folder.parent, sealed)
    assert taken.code == 0 and f"✓ {sealed} → " in taken.out, taken.out


def test_words_written_into_the_page_after_signing_are_not_covered_by_a_later_seal(
    run_cli, keys: Keys, folder: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "nguoi-ky.pdf"
    _sign(run_cli, folder / "van-ban" / "01-to-trinh.pdf", signed, keys.signer_p12)
    forged = _updated(signed, tmp_path / "sua.pdf", NUMBER, forge=True)
    sealed = tmp_path / "da-ky.pdf"
    _sign(run_cli, forged, sealed, keys.unit_p12, "--role", "co-quan")

    result = run_cli("verify", sealed, "--trust", keys.trust)

    assert result.code == 1
    assert "CHỈ BAO TRÙM MỘT PHẦN: nội dung được thêm hoặc sửa sau khi ký" in result.out
    assert "sau khi ký có thêm chú thích" not in result.out
