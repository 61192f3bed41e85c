"""Handbooks whose facts stand as "Label: value" runs on one line, as in a framed box (issue 15,
item 7): each field ends at the next label, and the location's country and region are linked.
The texts are our own; the labels are the template's, in the six languages."""

from __future__ import annotations

import tomllib

import pytest

from intra_extract.pipeline import load
from intra_extract.practices import FIELDS_PATH
from intra_extract.runner import process_file

LABELS = tomllib.loads(FIELDS_PATH.read_text(encoding="utf-8"))["fields"]
# language -> (location, its country code, its region's NUTS code or None for a city)
PLACES = {
    "en": ("Birmingham, West Midlands, United Kingdom", "GB", "UKG"),
    "bg": ("Варна, България", "BG", None),
    "sl": ("Maribor, Slovenija", "SI", None),
    "es": ("Mérida, Extremadura, España", "ES", "ES43"),
    "pt": ("Faro, Algarve, Portugal", "PT", "PT15"),
    "it": ("Pescara, Abruzzo, Italia", "IT", "ITF1"),
}


def label(key: str, lang: str) -> str:
    return LABELS[key][lang][0]


@pytest.mark.parametrize("lang", sorted(PLACES))
def test_label_value_runs_end_at_the_next_label_and_link_the_location(lang):
    location, country, region = PLACES[lang]
    practice = "\n".join([
        f"{label('location', lang)}: {location} {label('timescale', lang)}: 2015 – 2018 "
        f"{label('institution', lang)}: Agency INTRA",
        f"{label('description', lang)}: Vouchers 2015 for first fairs abroad.",
        "Firms apply on one page.",
        f"{label('resources', lang)}: 20 000 EUR",
    ])
    text = f"Handbook\n\nPractice one\n\n{practice}\n\nPractice two\n\n{practice}\n"
    doc = process_file("hb.txt", "hb.txt", text.encode("utf-8"), load("bulletin"))
    practices = [r for r in doc.records if r.kind == "good_practice"]
    assert len(practices) == 2
    for gp in practices:
        assert gp.fields["location"] == location
        assert gp.fields["timescale"] == "2015 – 2018"
        assert gp.fields["institution"] == "Agency INTRA"
        assert gp.fields["description"] == "Vouchers 2015 for first fairs abroad. Firms apply on one page."
        assert (gp.start, gp.end) == ("2015-01-01", "2018-12-31")
        assert gp.country is not None and gp.country.country == country and gp.country.level == "country"
        assert gp.region is not None and gp.region.country == country
        assert gp.region.nuts_code == region
