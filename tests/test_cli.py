"""The command line: exit codes, help with examples, schema output, validate on a tampered copy."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from intra_extract import __version__
from intra_extract.cli import main

from .helpers import BULLETIN, CORE_PIPELINE, write


@pytest.fixture
def cli():
    return CliRunner()


def test_version_and_help(cli):
    assert __version__ in cli.invoke(main, ["--version"]).output
    for command in ("run", "validate", "schema"):
        result = cli.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output and f"intra-extract {command}" in result.output


def test_run_exit_codes_and_summary(cli, tmp_path):
    src = tmp_path / "in"
    write(src, "good.txt", BULLETIN)
    ok = cli.invoke(main, ["run", str(src), "--out", str(tmp_path / "out"), "--pipeline", CORE_PIPELINE])
    assert ok.exit_code == 0, ok.output
    assert "1 files: 1 ok" in ok.output
    write(src, "broken.pdf", b"%PDF-1.7\n%garbage")
    bad = cli.invoke(main, ["run", str(src), "--out", str(tmp_path / "out"), "--pipeline", CORE_PIPELINE])
    assert bad.exit_code == 1
    assert "failed broken.pdf: [corrupt]" in bad.output and "1 unchanged" in bad.output
    usage = cli.invoke(main, ["run", str(src), "--pipeline", "no-such-pipeline"])
    assert usage.exit_code == 2 and "no pipeline 'no-such-pipeline'" in usage.output
    missing = cli.invoke(main, ["run", str(src), "--out", str(tmp_path / "x"), "--pipeline", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and "no pipeline" in missing.output
    missing = cli.invoke(main, ["run", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    broken = write(tmp_path, "broken.toml", 'stages = ["layout", "structure"]\n')
    usage = cli.invoke(main, ["run", str(src), "--out", str(tmp_path / "out"), "--pipeline", str(broken)])
    assert usage.exit_code == 2
    assert f"Error: pipeline {broken}: stage 'structure' reads" in usage.output
    assert "Traceback" not in usage.output


def test_validate_exit_codes(cli, tmp_path):
    src = tmp_path / "in"
    write(src, "good.txt", BULLETIN)
    out = tmp_path / "out"
    assert cli.invoke(main, ["run", str(src), "--out", str(out), "--pipeline", CORE_PIPELINE]).exit_code == 0
    assert cli.invoke(main, ["validate", str(out)]).exit_code == 0
    tampered = tmp_path / "tampered"
    shutil.copytree(out, tampered)
    doc_path = next((tampered / "documents").glob("*.json"))
    doc = json.loads(doc_path.read_text("utf-8"))
    doc["records"][1]["text"] = doc["records"][1]["text"].upper()
    doc_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    result = cli.invoke(main, ["validate", str(tampered)])
    assert result.exit_code == 1 and "span invariant broken" in result.output
    assert cli.invoke(main, ["validate", str(tmp_path / "in")]).exit_code == 2


def test_schema_writes_generated_schemas(cli, tmp_path):
    result = cli.invoke(main, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.glob("*.schema.json"))
    assert "document.schema.json" in names and "record.recommendation.schema.json" in names
    schema = json.loads((tmp_path / "document.schema.json").read_text("utf-8"))
    assert {"doc_id", "text", "records", "language"} <= set(schema["required"])


def test_validate_reports_gaps_and_duplicates_in_a_list(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "good.txt", BULLETIN.replace("2. Vouchers", "2. Vouchers x.\n3. Fairs y.\n4. Grants"))
    assert cli.invoke(main, ["run", str(src), "--out", str(out), "--pipeline", CORE_PIPELINE]).exit_code == 0
    doc_path = next((out / "documents").glob("*.json"))
    doc = json.loads(doc_path.read_text("utf-8"))
    items = [r for r in doc["records"] if r["kind"] == "recommendation"]
    assert [r["number"] for r in items] == [1, 2, 3, 4]
    items[2]["number"] = 2  # 1, 2, 2, 4: a duplicate and a gap
    doc_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    (out / "records.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in doc["records"]), "utf-8")
    result = cli.invoke(main, ["validate", str(out)])
    assert result.exit_code == 1
    assert "number 2 appears twice" in result.output and "numbers missing: [3]" in result.output
