"""`intra-extract export`: the dataset as SQLite (opened by Datasette) and as CSV tables with a
data package frictionless accepts; an archivist's review goes along."""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from intra_extract import dataset, model
from intra_extract.cli import main
from intra_extract.export.to_csv import export_csv
from intra_extract.export.to_sqlite import export_sqlite

from .helpers import ROOT, frictionless_errors

STRUCTURED = ROOT / "structured"
KIND_TABLES = {f"{kind}s" for kind in model.RECORD_KINDS}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "intra.db"
    result = CliRunner().invoke(main, ["export", str(STRUCTURED), "--to", "sqlite", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{len(STRUCTURED.joinpath('records.jsonl').read_text('utf-8').splitlines())} records" in result.output
    return path


def test_sqlite_has_typed_tables_keys_and_indexes(db_path):
    db = sqlite_utils.Database(db_path)
    assert {"documents", "records", "boxes", "nuts_regions", *KIND_TABLES} <= set(db.table_names())
    lines = (STRUCTURED / "records.jsonl").read_text("utf-8").splitlines()
    assert db["records"].count == len(lines)
    assert sum(db[t].count for t in KIND_TABLES) == len(lines)
    assert db["documents"].count == 10
    assert {c.name: c.type for c in db["records"].columns}["span_start"] == "INTEGER"
    assert {c.name: c.type for c in db["recommendations"].columns}["number"] == "INTEGER"
    assert {c.name: c.type for c in db["boxes"].columns}["page"] == "INTEGER"
    assert {c.name: c.type for c in db["boxes"].columns}["x0"] in ("REAL", "FLOAT")
    fks = {(fk.table, fk.column, fk.other_table) for t in db.table_names() for fk in db[t].foreign_keys}
    assert {("records", "doc_id", "documents"), ("regions", "nuts_code", "nuts_regions"),
            ("regions", "id", "records"), ("boxes", "record_id", "records")} <= fks
    indexed = {(t, tuple(i.columns)) for t in db.table_names() for i in db[t].indexes}
    assert {("records", ("kind",)), ("records", ("doc_id",)), ("records", ("language",)),
            ("regions", ("nuts_code",)), ("dates", ("start",))} <= indexed
    assert list(db.query("PRAGMA foreign_key_check")) == []


def test_sqlite_regions_reference_the_nuts_table(db_path):
    db = sqlite_utils.Database(db_path)
    bg33 = db["nuts_regions"].get("BG33")
    assert (bg33["level"], bg33["country"], bg33["name"]) == ("nuts2", "BG", "North-East Bulgaria")
    assert "Североизточен район" in json.loads(bg33["names"])
    rows = list(db.query("SELECT r.text, n.name FROM regions r JOIN nuts_regions n ON n.code = r.nuts_code "
                         "WHERE n.code = 'BG33'"))
    assert rows and all(row["name"] == "North-East Bulgaria" for row in rows)
    missing = list(db.query("SELECT nuts_code FROM regions WHERE nuts_code IS NOT NULL "
                            "AND nuts_code NOT IN (SELECT code FROM nuts_regions)"))
    assert missing == []


def test_sqlite_full_text_search_over_records_and_documents(db_path):
    db = sqlite_utils.Database(db_path)
    hits = list(db["records"].search("Algarve"))
    assert hits and all("algarve" in hit["text"].lower() for hit in hits)
    assert list(db["documents"].search("Maribor"))


def test_datasette_serves_the_export_and_finds_regions_by_nuts_code(db_path):
    from datasette.app import Datasette

    async def query() -> tuple[list, list]:
        app = Datasette([str(db_path)])
        await app.invoke_startup()
        regions = await app.client.get("/intra/regions.json?nuts_code=BG33&_shape=array")
        assert regions.status_code == 200, regions.text
        search = await app.client.get("/intra/records.json?_search=Algarve&_shape=array")
        assert search.status_code == 200, search.text
        return regions.json(), search.json()

    regions, search = asyncio.run(query())
    assert regions and {row["nuts_code"] for row in regions} == {"BG33"}
    expected = [r.id for r in dataset.open(STRUCTURED).records(kind="region") if r.nuts_code == "BG33"]
    assert sorted(row["id"] for row in regions) == sorted(expected)
    assert search and all("algarve" in row["text"].lower() for row in search)


def test_csv_tables_with_table_schemas_pass_frictionless(tmp_path):
    out = tmp_path / "tables"
    result = CliRunner().invoke(main, ["export", str(STRUCTURED), "--to", "csv", str(out)])
    assert result.exit_code == 0, result.output
    for kind_table in KIND_TABLES:
        assert (out / f"{kind_table}.csv").is_file() and (out / f"{kind_table}.schema.json").is_file()
    assert frictionless_errors(out / "datapackage.json") == []
    schema = json.loads((out / "dates.schema.json").read_text("utf-8"))
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert (types["start"], types["page"], types["granularity"]) == ("date", "integer", "string")
    assert {"fields": "id", "reference": {"resource": "records", "fields": "id"}} in schema["foreignKeys"]
    with (out / "regions.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(row["nuts_code"] == "BG33" for row in rows)


def test_csv_data_package_catches_a_dangling_reference(tmp_path):
    out = tmp_path / "tables"
    export_csv(dataset.open(STRUCTURED), out)
    regions = (out / "regions.csv").read_text("utf-8").replace(",BG33,", ",XX99,")
    (out / "regions.csv").write_text(regions, "utf-8")
    descriptor = json.loads((out / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:  # so that only the reference can fail
        resource.pop("hash"), resource.pop("bytes")
    (out / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    errors = frictionless_errors(out / "datapackage.json")
    assert errors and all("foreign-key" in e and "XX99" in e for e in errors)


def reviewed_copy(tmp_path: Path) -> tuple[Path, str, str]:
    """structured/ as the review tool leaves it: a corrected region, a rejected record gone from
    records.jsonl (its document keeps it)."""
    copy = tmp_path / "structured"
    shutil.copytree(STRUCTURED, copy)
    lines = [json.loads(line) for line in (copy / "records.jsonl").read_text("utf-8").splitlines()]
    corrected = next(r for r in lines if r["kind"] == "region" and r["nuts_code"] == "BG33")
    corrected.update(nuts_code="BG34", name="South-East Bulgaria", review="corrected",
                     machine={"nuts_code": "BG33", "name": "North-East Bulgaria"})
    rejected = next(r for r in lines if r["kind"] == "date")
    lines = [r for r in lines if r is not rejected]
    (copy / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
    return copy, corrected["id"], rejected["id"]


def test_exports_carry_the_reviewed_values_and_leave_rejected_records_out(tmp_path):
    copy, corrected, rejected = reviewed_copy(tmp_path)
    export_sqlite(dataset.open(copy), tmp_path / "reviewed.db")
    db = sqlite_utils.Database(tmp_path / "reviewed.db")
    row = db["records"].get(corrected)
    assert (row["review"], json.loads(row["machine"])) == ("corrected", {"nuts_code": "BG33",
                                                                        "name": "North-East Bulgaria"})
    assert db["regions"].get(corrected)["nuts_code"] == "BG34"
    assert {r["review"] for r in db["records"].rows_where("id != ?", [corrected])} == {"unreviewed"}
    assert not list(db["records"].rows_where("id = ?", [rejected]))
    assert not list(db["dates"].rows_where("id = ?", [rejected]))
    export_csv(dataset.open(copy), tmp_path / "tables")
    with (tmp_path / "tables" / "records.csv").open(encoding="utf-8", newline="") as fh:
        rows = {row["id"]: row for row in csv.DictReader(fh)}
    assert rows[corrected]["review"] == "corrected" and rejected not in rows


def test_export_of_a_folder_that_is_no_dataset_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--to", "sqlite", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "not a dataset folder" in result.output
    assert not (tmp_path / "x.db").exists()


def test_export_to_a_place_that_cannot_be_written_says_so(tmp_path):
    (tmp_path / "file").write_text("in the way", "utf-8")
    result = CliRunner().invoke(main, ["export", str(STRUCTURED), "--to", "csv", str(tmp_path / "file" / "tables")])
    assert result.exit_code == 4 and "cannot write" in result.output and "Traceback" not in result.output
