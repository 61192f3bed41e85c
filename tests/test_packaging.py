"""The wheel as a user gets it: built from this tree, installed into a fresh virtual environment,
run from another directory on the real sample bulletin and on a sample PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .helpers import ROOT, SHARED_SAMPLE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # From a clean copy of the sources: setuptools reuses an in-tree build/ folder, which may
    # hold files a developer's earlier build left there.
    source = tmp_path_factory.mktemp("source") / "intra-extract"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "structured", "raw_docs", "bench", ".pytest_cache"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
                    "-w", str(dist), str(source)], check=True, timeout=600)
    (built,) = dist.glob("intra_extract-*.whl")
    return built


def test_the_wheel_holds_the_pipelines_and_the_licence_and_no_development_tools(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert {"intra_extract/pipelines/bulletin.toml", "intra_extract/pipelines/handbook.toml"} <= set(names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: Apache-2.0" in metadata
    assert "intra_extract/__main__.py" in names
    assert not [n for n in names if "samplegen" in n], "samplegen is a development tool, not for users"


def test_installed_wheel_runs_from_any_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, timeout=900)
    elsewhere = tmp_path / "somewhere-else"
    inputs = elsewhere / "inputs"
    inputs.mkdir(parents=True)
    shutil.copy(ROOT / "raw_docs" / "bulletin-en-2col-letter.pdf", inputs)
    if SHARED_SAMPLE.is_file():
        shutil.copy(SHARED_SAMPLE, inputs)
    version = subprocess.run([str(python), "-m", "intra_extract", "--version"], cwd=elsewhere,
                             capture_output=True, text=True)
    assert version.returncode == 0 and "intra-extract, version" in version.stdout
    done = subprocess.run([str(env_dir / "bin" / "intra-extract"), "run", "inputs", "--out", "out",
                           "--format", "json", "--quiet"], cwd=elsewhere, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout)
    assert summary["counts"] == {"ok": len(list(inputs.iterdir()))}
    assert summary["records"] > 10
    checked = subprocess.run([str(env_dir / "bin" / "intra-extract"), "validate", "out"], cwd=elsewhere,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
