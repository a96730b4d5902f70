"""The signed-file views of the web app (the office's documents on the period page, the clerk's
build page) say of each signature what `hoso verify` says: who signed and when, whose word that
time is (the signer's own machine, or a timestamp authority's token), and what of the file it
covers; every name read from a certificate is shown as text, never as markup."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

from pipeline.signing.appearance import said_time, vietnam_time
from pipeline.web.builds import folder_of, queue
from pipeline.web.models import Build
from pipeline.web.periods import TRUST
from tests import pki
from tests.pki import SIGNER, UNIT, Keys
from tests.pki_tsa import TSA_NAME, local_tsa
from tests.webtools import drawn, finished_run, office_login, unit_clerk, upload_file

pytestmark = [pytest.mark.libreoffice]
SELF_SAID = "(giờ do máy của người ký tự ghi, chưa được xác nhận: không có dấu thời gian)."
ODD = "Văn phòng <b>UBND</b> & “Đội 3”"  # a certificate's name with markup in it


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path) -> Path:
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)
    assert done.code == 0, done.out + done.err
    return target


def _signed_twice(run_cli, keys: Keys, source: Path, tmp_path: Path, tsa: str) -> Path:
    """The document signed by the signer (no timestamp), then sealed with a timestamp."""
    first = _sign(run_cli, source, tmp_path / f"{source.stem}-1.pdf", keys.signer_p12)
    both = tmp_path / f"{source.stem}-da-ky.pdf"
    return _sign(run_cli, first, both, keys.unit_p12, "--role", "co-quan", "--tsa", tsa)


def _trusting(data_dir: Path, keys: Keys, tsa_ca: pki.Identity) -> None:
    """The data folder's trust folder: the test PKI's root and the timestamp authority's."""
    shutil.copytree(keys.trust, data_dir / TRUST)
    pki.write_cert(tsa_ca, data_dir / TRUST / "ca-dau-thoi-gian.pem")


def _odd_p12(tmp_path: Path) -> Path:
    ca = pki.make_ca()
    return pki.write_pkcs12(pki.issue(ca, ODD, ODD), ca, tmp_path / "la.p12")


def _notes(cell: str) -> list[str]:
    """A table cell's signature lines as a reader sees them (markup gone, entities read)."""
    items = re.findall(r"<li>(.*?)</li>", cell)
    return [html.unescape(re.sub(r"<br>", " ", re.sub(r"</?small>", "", i))) for i in items]


def _row(page: str, part: str, title: str) -> str:
    section = page.split(f'id="{part}"')[1].split("</section>")[0]
    return section.split(f"<td>{title}</td>")[1].split("</tr>")[0]


def _expected(run_cli, signed: Path, trust: Path) -> list[str]:
    """What `hoso verify` says of each signature: its who-and-when line and what it covers."""
    lines = [line.strip() for line in run_cli("verify", signed, "--trust", trust).out.splitlines()]
    starts = [i for i, line in enumerate(lines) if re.match(r"\d+\. ", line)]
    return [f"{lines[i].split('. ', 1)[1]}. {lines[i + 2]}" for i in starts]


def test_the_office_sees_what_each_signature_covers_and_whose_time_it_is(
    db: None, data_dir: Path, run_cli, keys: Keys, tmp_path: Path
) -> None:
    period, _, run = finished_run(data_dir)
    tsa_ca = pki.make_ca("CA dấu thời gian thử nghiệm")
    _trusting(data_dir, keys, tsa_ca)
    office = office_login()
    documents = data_dir / run.folder / "tong-hop" / "giay-khen-xa" / "van-ban"
    stamped_at = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=3)
    with local_tsa(tsa_ca, stamped_at) as url:
        decision = _signed_twice(run_cli, keys, documents / "01-quyet-dinh.pdf", tmp_path, url)
    listing = _sign(
        run_cli, documents / "02-danh-sach.pdf", tmp_path / "danh-sach-da-ky.pdf",
        _odd_p12(tmp_path), "--role", "dinh-kem",
    )  # fmt: skip
    base = f"/dot-xet/{period.slug}/van-ban/{run.pk}"
    sent = {"tep": [upload_file(decision), upload_file(listing)]}

    page = office.post(f"{base}/da-ky/", sent, follow=True).content.decode()

    award = "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bù Gia Mập"
    notes = _notes(_row(page, "ky-so-co-quan", f"Quyết định khen thưởng – {award}"))
    assert notes == _expected(run_cli, decision, data_dir / TRUST)
    first, seal = notes
    assert first.startswith(f"{SIGNER} ({UNIT}), ký lúc ") and SELF_SAID in first
    assert "Chữ ký này bao trùm toàn bộ tệp tại thời điểm ký (" in first
    assert f"sau đó có thêm chữ ký của {UNIT} (" in first
    said = said_time(vietnam_time(stamped_at))
    assert seal.startswith(f"{UNIT}, ký lúc {said} (theo dấu thời gian của {TSA_NAME}). ")
    assert "Chữ ký này bao trùm toàn bộ tệp (" in seal
    odd = _row(page, "ky-so-co-quan", f"Danh sách kèm theo Quyết định – {award}")
    assert "<b>UBND</b>" not in odd and "Văn phòng &lt;b&gt;UBND&lt;/b&gt; &amp; " in odd
    assert _notes(odd)[0].startswith(f"{ODD}, ký lúc ")
    shown = _browser_text(page, tmp_path / "co-quan.png")
    assert f"{UNIT}, ký lúc {said} (theo dấu thời gian của {TSA_NAME})." in shown
    assert f"{ODD}, ký lúc " in shown


def _browser_text(page: str, shot: Path) -> str:
    """The page's text as Chromium shows it (its stylesheet inlined), a screenshot kept."""
    with drawn(page, height=900) as tab:
        tab.screenshot(path=str(shot), full_page=True)
        return tab.inner_text("body")


@pytest.mark.django_db(transaction=True)
@pytest.mark.with_worker
def test_the_clerk_sees_what_each_signature_covers_and_whose_time_it_is(
    data_dir: Path, example, run_cli, keys: Keys, tmp_path: Path
) -> None:
    who = unit_clerk(data_dir)
    clerk, pk = who.clerk, who.pk
    who.upload(who.own(example()), "de-nghi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    waited = queue().wait(build.job_id, timeout=900)
    assert waited.status == "done", waited
    tsa_ca = pki.make_ca("CA dấu thời gian thử nghiệm")
    source = folder_of(build) / "de-nghi" / "van-ban" / "01-to-trinh.pdf"
    with local_tsa(tsa_ca) as url:
        signed = _signed_twice(run_cli, keys, source, tmp_path, url)
    clerk.post(f"/ho-so/{build.pk}/da-ky/", {"tep": [upload_file(signed)]})
    (data_dir / TRUST).mkdir()  # made by the administrator, no root put in it yet

    shown = clerk.get(f"/ho-so/{build.pk}/")
    page = shown.content.decode()

    row = page.split('id="ky-so"')[1].split("<td>Tờ trình</td>")[1].split("</tr>")[0]
    first, seal = _notes(row)
    assert first.startswith(f"{SIGNER} ({UNIT}), ký lúc ") and SELF_SAID in first
    assert f"sau đó có thêm chữ ký của {UNIT} (" in first
    # No root to check against: the timestamp's authority is named, not vouched for.
    assert shown.status_code == 200
    assert f"(theo dấu thời gian của {TSA_NAME}, chưa xác minh chứng thư gốc). " in seal
    assert "Chữ ký này bao trùm toàn bộ tệp (" in seal
    shown = _browser_text(page, tmp_path / "van-thu.png")
    assert f"theo dấu thời gian của {TSA_NAME}, chưa xác minh chứng thư gốc" in shown
