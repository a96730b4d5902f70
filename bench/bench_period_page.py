"""Time the period page's check of a period of many units: the full check of every workbook (as
`hoso period check` does) against the web app's check cache once the workbooks are unchanged.

With `--signed`, also the signatures of a period that asks for signed PDFs: the example units'
documents built with LibreOffice and every one signed (a key made for each unit's signer, as the
tests make theirs), copied until there are N units, verified in full against the cache.

Prints figures; asserts nothing. Run:
`.venv/bin/python bench/bench_period_page.py [--units N] [--signed]`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_check import timed  # the median of repeated calls, as bench_check times

from pipeline.inputs.plans import get_plan
from pipeline.logs import quiet_libraries
from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.scaffold import init_period
from pipeline.period.signatures import with_signatures
from pipeline.signing.keys import Pkcs12
from pipeline.signing.sign import SignRequest, sign_pdf
from pipeline.web.check_cache import CheckCache, VerifyCache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' PKI, for the keys
from tests import pki


def make_period(folder: Path, units: int) -> Path:
    """The example period of Bù Gia Mập with its sent workbooks copied until there are `units`."""
    init_period(folder, get_plan("bu-gia-map-cds-2022-2025"), None, example=True)
    sent = sorted((folder / "don-vi").glob("*.xlsx"))
    for i in range(units - len(sent)):
        shutil.copy(sent[i % len(sent)], folder / "don-vi" / f"ban-sao-{i:04d}.xlsx")
    return folder


def sign_period(folder: Path, units: int) -> None:
    """Build the example units, sign each valid unit's documents with its signer's key, then copy
    the signed units (workbook, build, signed PDFs) until the period has `units` of them."""
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8").replace("# signed = true", "signed = true")
    config.write_text(text, encoding="utf-8")
    for old in (folder / "don-vi").glob("ban-sao-*.xlsx"):
        old.unlink()  # copies come after the build, with their documents
    build = [sys.executable, "-m", "pipeline.cli", "period", "build", "-q", str(folder)]
    subprocess.run(build, check=False, capture_output=True)  # exit 1: an example cell error
    ca, built = pki.make_ca(), folder / "ket-qua" / "don-vi"
    valid = [r for r in check_period(load_period(folder)).results if r.batch is not None]
    for result in valid:
        info = result.batch.info  # type: ignore[union-attr]
        key = pki.write_pkcs12(pki.issue(ca, info.signer.name, info.unit), ca, folder / "k.p12")
        inbox = result.path.with_suffix("")
        inbox.mkdir()
        for n, pdf in enumerate(
            sorted((built / result.path.stem).joinpath("van-ban").rglob("*.pdf"))
        ):
            request = SignRequest("dinh-kem" if "danh-sach" in pdf.name else "nguoi-ky")
            sign_pdf(pdf, inbox / f"{n:02}.pdf", Pkcs12(key, pki.PASSWORD), request)
    for i in range(units - len(valid)):
        source = valid[i % len(valid)].path
        name = f"ban-sao-{i:04d}"
        shutil.copy(source, source.with_name(f"{name}.xlsx"))
        shutil.copytree(source.with_suffix(""), source.with_name(name))
        shutil.copytree(built / source.stem, built / name)


def bench_signed(folder: Path, units: int, repeat: int) -> None:
    """Print the signature verification of a signed period, in full and with the cache."""
    sign_period(folder, units)
    checked = check_period(load_period(folder), CheckCache())
    results = folder / "ket-qua"
    files = sum(len(list(r.path.with_suffix("").glob("*.pdf"))) for r in checked.results)
    full = timed(lambda: with_signatures(checked, results), repeat)
    cache = VerifyCache()
    with_signatures(checked, results, verify=cache)
    warm = timed(lambda: with_signatures(checked, results, verify=cache), repeat)
    print(f"signed units: {units}, signed PDFs: {files}")
    print(f"signatures, full (hoso period check): {full:7.2f} s")
    print(f"signatures, files unchanged (cache): {warm:7.2f} s")
    print(f"ratio unchanged / full:              {warm / full:7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--signed", action="store_true", help="time signature checks too")
    args = parser.parse_args()
    quiet_libraries()  # pyHanko's tracebacks for paths it cannot build without a trust folder
    with tempfile.TemporaryDirectory() as tmp:
        period = load_period(make_period(Path(tmp) / "dot-xet", args.units))
        check_period(period)  # warm: plans, legal table and imports loaded once, as in a server
        full = timed(lambda: check_period(period), args.repeat)
        cache = CheckCache()
        first = timed(lambda: check_period(period, CheckCache()), 1)
        check_period(period, cache)
        warm = timed(lambda: check_period(period, cache), args.repeat)
        print(f"units: {args.units}")
        print(f"full check (hoso period check):      {full:7.2f} s")
        print(f"cache, first view (all checked):     {first:7.2f} s")
        print(f"cache, workbooks unchanged:          {warm:7.2f} s")
        print(f"ratio unchanged / full:              {warm / full:7.3f}")
        if args.signed:
            bench_signed(period.folder, args.units, args.repeat)


if __name__ == "__main__":
    main()
