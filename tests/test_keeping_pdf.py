"""The Tờ trình's closing line ("Kính trình …") and its signature block (Nơi nhận, the signer)
move to the next page together, wherever the page break falls: LibreOffice's PDFs of the built-in
template with a body one line longer each time, across the break from one page to two."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.check import check_file
from pipeline.documents.context import to_trinh
from pipeline.pdf.converter import ConversionJob
from pipeline.pdf.pool import LibreOfficePool
from pipeline.render.environment import environment
from pipeline.render.prepared import PreparedTemplate
from pipeline.resources import TEMPLATES_DIR

SHORT = "Căn cứ kết quả thực hiện nhiệm vụ năm 2023."  # one printed line
LONG = (  # two printed lines
    "Căn cứ kết quả thực hiện nhiệm vụ năm 2023 của các đơn vị, các phòng ban trên địa bàn "
    "huyện Bù Gia Mập."
)
STEPS = 24  # from a body that leaves the signature room on page 1 to one that does not


def pages_of(pdf: Path) -> list[str]:
    """Each page's text, non-breaking spaces read as spaces."""
    return [page.extract_text().replace("\xa0", " ") for page in PdfReader(pdf).pages]


@pytest.mark.libreoffice
def test_the_closing_line_and_the_signature_block_share_a_page(example, tmp_path: Path) -> None:
    batch = check_file(example()).batch
    assert batch is not None
    context = to_trinh(batch)
    template = PreparedTemplate((TEMPLATES_DIR / "to-trinh.docx").read_bytes(), environment())
    jobs = []
    for step in range(STEPS):
        bases = [SHORT] * (step // 2) + [LONG] * (step % 2)
        source = tmp_path / f"to-trinh-{step:02d}.docx"
        source.write_bytes(template.render({**context, "can_cu": bases}, {"title": "Tờ trình"}))
        jobs.append(ConversionJob(source, source.with_suffix(".pdf"), "Tờ trình"))
    with LibreOfficePool(size=2) as pool:
        results = pool.convert(jobs)
    assert all(r.ok for r in results), [r.error for r in results]
    closing = " ".join(context["ket_luan"].split()[:2])  # "Kính trình" (the line may wrap)
    signer = context["ky"]["ho_ten"]
    counts = set()
    for job in jobs:
        pages = pages_of(job.target)
        counts.add(len(pages))
        where = {
            text: [i for i, page in enumerate(pages) if text in page]
            for text in (closing, "quyết định./.", "Nơi nhận:", signer)
        }
        assert len({tuple(found) for found in where.values()}) == 1, (job.source.name, where)
        assert len(where[signer]) == 1, (job.source.name, where)
    assert counts == {1, 2}  # the steps cross the page break
