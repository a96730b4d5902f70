"""The blank workbook and the example a clerk downloads, naming the clerk's unit."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import openpyxl
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from pipeline.authoring.cells import put
from pipeline.authoring.scaffold import init_workbook, write_workbook
from pipeline.errors import PlanError
from pipeline.inputs.contract import INFO_SHEET
from pipeline.inputs.plans import get_plan
from pipeline.period.examples import unit_example
from pipeline.web.access import requires, unit_of
from pipeline.web.clerk import choices


@require_GET
@requires("van-thu", "thi-dua", "quan-tri")
def blank_workbook(request: HttpRequest, plan_id: str, review_id: str, kind: str) -> HttpResponse:
    """The blank workbook of a plan and review, or the example (`kind` "trong" or "vi-du")."""
    if f"{plan_id}/{review_id}" not in dict(choices()) or kind not in ("trong", "vi-du"):
        raise Http404
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"de-nghi-{review_id}.xlsx"
        unit = unit_of(request.user)
        try:
            init_workbook(path, get_plan(plan_id), review_id, kind == "vi-du", audience="web")
            if kind == "vi-du" and unit is not None:
                _unit_example(path, plan_id, review_id, unit.name)
        except PlanError as exc:  # an example no living body could decide: said, not a 500
            messages.error(request, f"Không tải được tệp có dữ liệu ví dụ: {_on_the_page(exc)}")
            return redirect(_back(request))
        if unit is not None:  # a clerk's workbook names the clerk's unit, the example's too
            _name_unit(path, unit.name)
        data = path.read_bytes()
    name = f"{'vi-du' if kind == 'vi-du' else 'de-nghi'}-{plan_id}-{review_id}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The example's refusal tells a CLI user how to write another; the clerk has the blank workbook.
_CLI_REMEDY = re.compile(r"Hãy thêm hình thức đó vào kế hoạch .*$|Chưa ghi tệp nào\.$", re.S)


def _on_the_page(exc: PlanError) -> str:
    """Why no example can be made, with the clerk's way on instead of the command line's."""
    said = _CLI_REMEDY.sub("", str(exc)).rstrip()
    return f"{said} Hãy tải “Tệp Excel trống” và điền hồ sơ thật của đơn vị."


def _back(request: HttpRequest) -> str:
    """The page the link was clicked on (a proposal of this site), else the proposals."""
    came = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(came, {request.get_host()}, request.is_secure()):
        return came
    return reverse("de-nghi")


def _unit_example(path: Path, plan_id: str, review_id: str, unit: str) -> None:
    """Write the example of the clerk's unit over the plan's when that unit is one of the plan's
    example period's: the plan's example proposes every such unit as a collective, so a clerk
    who submitted it would clash with all the others."""
    plan = get_plan(plan_id)
    review = plan.review(review_id)
    found = unit_example(plan, review, unit) if review is not None else None
    if review is not None and found is not None:
        write_workbook(path, plan, review, *found, guide="web")


def _name_unit(path: Path, unit: str) -> None:
    """Write the clerk's unit as "Cơ quan trình khen": an upload naming another unit cannot be
    submitted, and the example would otherwise name the example's."""
    wb = openpyxl.load_workbook(path)
    ws = wb[INFO_SHEET.name]
    label = next(f.header for f in INFO_SHEET.fields if f.key == "unit")
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == label:
            put(ws, row[1].row, 2, unit)
    wb.save(path)
