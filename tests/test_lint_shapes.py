"""The shapes lint knows the context values by (pipeline.lint.shapes) are those of the documents
hoso makes from every built-in template: a unit's for every plan, and a review period's."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pipeline.inputs.plans import all_plans
from pipeline.lint.shapes import LIST, RECORD, SHAPES, Shape, merged, shape_of
from pipeline.render.renderer import Renderer
from tests.conftest import BGM, cell_of, council_votes, decide_here, edit

MK = "muong-khuong-cds-2022-2025"


def made_contexts(
    example_cache, period_cache, run_cli, monkeypatch, tmp_path
) -> dict[str, list[Mapping]]:
    """Every context the built-in templates are given building every plan's example and the
    example period (with a council and a decision of the office's own)."""
    seen: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    real = Renderer.render

    def spy(self: Renderer, name: str, context: Mapping[str, Any], **kwargs: Any) -> bytes:
        seen[name].append(context)
        return real(self, name, context, **kwargs)

    council, decides = tmp_path / "hoi-dong", tmp_path / "quyet-dinh"
    shutil.copytree(period_cache(BGM), council)  # its office's council votes on every nominee
    council_votes(council)
    shutil.copytree(period_cache(MK), decides)  # it decides its Giấy khen (test_certificates.py)
    decide_here(decides)
    fix = sorted((decides / "don-vi").glob("*.xlsx"))[2]
    with edit(fix) as wb:
        wb["Cá nhân"][cell_of(wb["Cá nhân"], "Ngày sinh", 3)] = "28/02/1985"
    monkeypatch.setattr(Renderer, "render", spy)
    books = [example_cache(plan.id) for plan in all_plans()]
    out = tmp_path / "don-vi"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, *books).code == 0
    for folder in (council, decides):  # 1 for the example's unit in error: built all the same
        run_cli("period", "build", "--no-pdf", "-q", folder)
    return seen


def agrees(declared: Shape, real: Shape | None, where: str) -> list[str]:
    """Where a declared shape and the real one part ways (an empty list: nothing is known)."""
    if real is None:
        return []
    if declared.kind != real.kind:
        return [f"{where}: declared {declared.kind}, made {real.kind}"]
    if declared.kind == LIST and declared.item is not None:
        return agrees(declared.item, real.item, f"{where}[]")
    if declared.kind == RECORD:
        return [
            *(f"{where}.{k}: never made" for k in declared.fields if k not in real.fields),
            *(f"{where}.{k}: not declared" for k in real.fields if k not in declared.fields),
            *(
                said
                for k, v in declared.fields.items()
                for said in agrees(v, real.fields.get(k), f"{where}.{k}")
            ),
        ]
    return []


def test_every_template_s_declared_shapes_are_what_its_documents_are_given(
    example_cache, period_cache, run_cli, monkeypatch, tmp_path
) -> None:
    contexts = made_contexts(example_cache, period_cache, run_cli, monkeypatch, tmp_path)
    assert sorted(contexts) == sorted(SHAPES)
    for name, given in contexts.items():
        real: Shape | None = None
        for context in given:
            real = merged(real, shape_of(dict(context)))
        assert real is not None
        assert agrees(Shape(RECORD, SHAPES[name]), real, name) == []
