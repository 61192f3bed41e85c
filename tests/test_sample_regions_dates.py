"""Issue 4's acceptance on the real Bulgarian bulletin, through the whole bulletin pipeline."""

from __future__ import annotations

import shutil

from intra_extract.pipeline import load
from intra_extract.runner import process_file


def test_regions_and_dates_of_the_real_bulletin(shared_sample, tmp_path):
    path = tmp_path / shared_sample.name
    shutil.copyfile(shared_sample, path)
    doc = process_file(str(path), path.name, path.read_bytes(), load("bulletin"))
    regions = [r for r in doc.records if r.kind == "region"]
    dates = [r for r in doc.records if r.kind == "date"]

    partner = {(r.nuts_code, r.country) for r in regions if r.level in ("nuts1", "nuts2")}
    assert partner == {("SI03", "SI"), ("BG33", "BG"), ("ES43", "ES"), ("PT15", "PT"), ("UKG", "GB"), ("ITF1", "IT")}
    assert {r.country for r in regions if r.level == "country"} == {"SI", "BG", "ES", "PT", "GB", "IT"}
    assert {(r.name, r.level) for r in regions if r.level == "city"} == {("Maribor", "city")}
    assert {r.text for r in regions if r.level == "country" and r.country == "GB"} == {"Великобритания", "Обединеното кралство"}

    got = sorted((r.start, r.end, r.granularity) for r in dates)
    assert got == sorted([
        ("2018-12-11", "2018-12-12", "day"),
        ("2016-04-01", "2019-03-31", "day"),
        ("2019-04-01", "2021-03-31", "day"),
        ("2019-04-01", "2021-03-31", "month"),
        ("2014-01-01", "2020-12-31", "year"),
        ("2021-01-01", "2027-12-31", "year"),
        ("2021-01-01", "2027-12-31", "year"),
        ("2019-01-01", "2019-06-30", "half"),
    ])
    # the exact list above also says that nothing came from the counts 41, 89 and 83
    for r in regions + dates:
        assert doc.text[r.span.start:r.span.end] == r.text
    assert {r.language for r in regions + dates} == {"bg"}
