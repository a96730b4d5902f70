"""`hoso plans schema`: Vietnamese titles and descriptions for every model and key, and a schema
that still accepts every shipped plan file."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from pipeline.errors import PlanError
from pipeline.inputs.kinds import KINDS
from pipeline.inputs.plans import Plan, plan_schema, schema_texts
from pipeline.inputs.toml import read_toml
from pipeline.resources import PLANS_DIR
from tests.conftest import Run

PLAN_FILES = sorted(PLANS_DIR.glob("*.toml"))
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Letters only Vietnamese writes (a title in English or unaccented Vietnamese has none of them).
VIETNAMESE = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return plan_schema()


def _models(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every model of the schema by name: the plan itself (the root) and its $defs."""
    return {"Plan": schema, **schema["$defs"]}


def _texts(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, node) for every node that must carry a Vietnamese title and description."""
    for name, model in _models(schema).items():
        yield name, model
        for key, node in model["properties"].items():
            yield f"{name}.{key}", node


def _is_vietnamese(text: str) -> bool:
    return any(ch in VIETNAMESE for ch in text.lower())


# --- every model and key speaks Vietnamese ----------------------------------------------------


def test_every_model_and_key_has_a_vietnamese_title_and_description(schema: dict) -> None:
    missing = []
    for where, node in _texts(schema):
        for part in ("title", "description"):
            text = node.get(part, "")
            if not (_is_vietnamese(text) and unicodedata.is_normalized("NFC", text)):
                missing.append(f"{where} {part}: {text!r}")
    assert missing == [], "add Vietnamese texts to data/plan-schema.toml:\n" + "\n".join(missing)


def test_there_are_texts_for_the_ten_models_and_their_keys(schema: dict) -> None:
    nodes = dict(_texts(schema))
    assert len(_models(schema)) == 11  # the plan and the ten models of its tables
    assert len(nodes) - 11 >= 65
    assert "path" not in schema["properties"]  # where a plan was loaded from is not a key


def test_the_table_names_only_models_and_keys_that_exist(schema: dict) -> None:
    models = _models(schema)
    stale = [
        f"{name}.{key}" if key else name
        for name, text in schema_texts().items()
        for key in ("", *text.keys)
        if name not in models or (key and key not in models[name]["properties"])
    ]
    assert stale == []


def test_the_english_docstrings_stay_in_the_code_and_out_of_the_schema(schema: dict) -> None:
    printed = json.dumps(schema, ensure_ascii=False)
    assert Plan.__doc__ == "One emulation-movement plan, as a preset."
    for english in (
        Plan.__doc__,
        "An award form the plan",
        "Vote Threshold Percent",
        '"title": "Award"',
    ):
        assert english not in printed


def _allowed(node: dict[str, Any]) -> list[Any]:
    """The fixed values a key accepts (enum, const), also inside arrays and optional values."""
    found = [*node.get("enum", []), *([node["const"]] if "const" in node else [])]
    for inner in ([node["items"]] if "items" in node else []) + node.get("anyOf", []):
        found += _allowed(inner)
    return found


def test_every_fixed_value_is_explained_in_its_description(schema: dict) -> None:
    unexplained = [
        f"{where}: {value}"
        for where, node in _texts(schema)
        for value in _allowed(node)
        if f'"{value}"' not in node["description"]
    ]
    assert unexplained == []


def test_the_document_kinds_are_named_as_the_dossier_names_them(schema: dict) -> None:
    documents = schema["$defs"]["Dossier"]["properties"]["documents"]
    titles = {kind.id: kind.title for kind in KINDS}
    for kind_id in documents["items"]["enum"]:
        assert f'"{kind_id}" ({titles[kind_id]})' in documents["description"]


def test_a_broken_text_table_is_reported_with_its_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "plan-schema.toml"
    path.write_text('[Plan]\ntitle = "Tệp kế hoạch"\ndescrption = "…"\n', encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        schema_texts(path)
    assert path.name in str(exc.value) and "descrption" in str(exc.value)


# --- what `hoso plans schema` prints ----------------------------------------------------------


def test_hoso_plans_schema_prints_the_vietnamese_schema(run_cli: Callable[..., Run]) -> None:
    run = run_cli("plans", "schema")
    assert run.code == 0, run.err
    printed = json.loads(run.out)
    assert printed == plan_schema()
    assert printed["$schema"] == DIALECT
    assert printed["title"] == "Tệp kế hoạch phong trào thi đua (data/plans/*.toml)"
    award = printed["$defs"]["Award"]
    assert award["title"] == "Hình thức khen thưởng"
    vote = award["properties"]["vote_threshold_percent"]
    assert vote["title"] == "Tỷ lệ phiếu đồng ý tối thiểu (%)"
    assert "tổng số thành viên Hội đồng (không phải số thành viên có mặt)" in vote["description"]
    kind = printed["$defs"]["Review"]["properties"]["kind"]
    assert kind["description"] == (
        '"so-ket": sơ kết; "tong-ket": tổng kết; "hang-nam": xét khen thưởng hằng năm.'
    )
    # Written as letters, not \u escapes, so that the output reads in a terminal too.
    assert "“Căn cứ”" in run.out and "\\u" not in run.out
    assert unicodedata.is_normalized("NFC", run.out)


# --- the schema still accepts every shipped plan ----------------------------------------------

# The keywords the small validator below checks, and those that only annotate.
CHECKED = {"$ref", "anyOf", "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum"}
CHECKED |= {"format", "required", "additionalProperties", "properties", "items"}
ANNOTATIONS = {"title", "description", "default"}
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


def _as_json(path: Path) -> Any:
    """A plan file as the JSON an editor would check (TOML dates become ISO strings)."""
    return json.loads(json.dumps(read_toml(path, "tệp kế hoạch"), default=dt.date.isoformat))


def _keywords(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            inner = value.values() if key in ("properties", "$defs") else [value]
            for child in inner:
                yield from _keywords(child)
    elif isinstance(node, list):
        for child in node:
            yield from _keywords(child)


def _scalar_errors(node: dict[str, Any], value: Any, where: str) -> list[str]:
    errors = []
    if "enum" in node and value not in node["enum"]:
        errors.append(f"{where}: {value!r} not in {node['enum']}")
    if "const" in node and value != node["const"]:
        errors.append(f"{where}: {value!r} is not {node['const']!r}")
    if "minimum" in node and value < node["minimum"]:
        errors.append(f"{where}: {value} < {node['minimum']}")
    if "maximum" in node and value > node["maximum"]:
        errors.append(f"{where}: {value} > {node['maximum']}")
    if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
        errors.append(f"{where}: {value} <= {node['exclusiveMinimum']}")
    if node.get("format") == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            errors.append(f"{where}: {value!r} is not a date")
    return errors


def _errors(node: dict[str, Any], value: Any, defs: dict[str, Any], where: str = "") -> list[str]:
    """Why `value` does not match `node`, for the keywords in CHECKED (JSON Schema 2020-12)."""
    if "$ref" in node:
        return _errors(defs[node["$ref"].removeprefix("#/$defs/")], value, defs, where)
    if "anyOf" in node:
        branches = [_errors(b, value, defs, where) for b in node["anyOf"]]
        return [] if [] in branches else [e for b in branches for e in b]
    if "type" in node and not TYPES[node["type"]](value):
        return [f"{where}: {value!r} is not {node['type']}"]
    errors = _scalar_errors(node, value, where)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        errors += [f"{where}.{k}: required" for k in node.get("required", []) if k not in value]
        if node.get("additionalProperties") is False:
            errors += [f"{where}.{k}: not allowed" for k in value if k not in properties]
        for key, inner in value.items():
            if key in properties:
                errors += _errors(properties[key], inner, defs, f"{where}.{key}")
    if isinstance(value, list) and "items" in node:
        for i, inner in enumerate(value):
            errors += _errors(node["items"], inner, defs, f"{where}[{i}]")
    return errors


def test_the_schema_uses_only_keywords_the_validator_checks(schema: dict) -> None:
    used = set(_keywords(schema))
    assert used - CHECKED - ANNOTATIONS - {"$schema", "$defs"} == set()
    assert {n["format"] for _, n in _nodes(schema) if "format" in n} == {"date"}
    assert all(
        n["additionalProperties"] is False for _, n in _nodes(schema) if "additionalProperties" in n
    )
    refs = {n["$ref"] for _, n in _nodes(schema) if "$ref" in n}
    assert refs == {f"#/$defs/{name}" for name in schema["$defs"]}


def _nodes(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema, with where it is."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, child in value.items():
                    yield from _nodes(child, f"{where}/{name}")
            elif isinstance(value, dict | list):
                yield from _nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _nodes(child, f"{where}/{i}")


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_the_schema_accepts_every_shipped_plan(schema: dict, path: Path) -> None:
    data = _as_json(path)
    assert _errors(schema, data, schema["$defs"]) == []
    TypeAdapter(Plan).validate_json(json.dumps(data))  # and pydantic reads the same JSON


MISTAKES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown key": lambda p: p["awards"][0].update(vote_treshold_percent=80),
    "unknown review kind": lambda p: p["reviews"][0].update(kind="giua-ky"),
    "missing key": lambda p: p.pop("movement"),
    "percent over 100": lambda p: p["awards"][0].update(vote_threshold_percent=120),
    "quoted number": lambda p: p["awards"][0].update(vote_threshold_percent="80"),
    "not a date": lambda p: p["document"].update(date="10/10/2022"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_schema_and_the_loader_refuse_the_same_mistakes(schema: dict, mistake: str) -> None:
    data = copy.deepcopy(_as_json(PLANS_DIR / "bac-kan-cds-2022-2025.toml"))
    MISTAKES[mistake](data)
    assert _errors(schema, data, schema["$defs"]) != []
    with pytest.raises(ValidationError):
        TypeAdapter(Plan).validate_json(json.dumps(data))


def test_jsonschema_agrees(schema: dict) -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)
    for path in PLAN_FILES:
        jsonschema.Draft202012Validator(schema).validate(_as_json(path))
