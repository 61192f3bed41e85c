"""The `regions` stage: gazetteer, `find_regions` in six languages, the stage itself."""

from __future__ import annotations

import re
import time


from intra_extract import gazetteer, model
from intra_extract.gazetteer import clean_label, load_gazetteer
from intra_extract.regions import RegionMatch, find_regions


def found(text: str, lang: str) -> list[tuple]:
    """(mention as written, name, nuts_code, country, level) of every match."""
    return [(text[m.start:m.end], m.name, m.nuts_code, m.country, m.level) for m in find_regions(text, lang)]


def mentions(text: str, lang: str) -> list[str]:
    return [t[0] for t in found(text, lang)]


SI03 = ("Eastern Slovenia", "SI03", "SI", "nuts2")
BG33 = ("North-East Bulgaria", "BG33", "BG", "nuts2")
ES43 = ("Extremadura", "ES43", "ES", "nuts2")
PT15 = ("Algarve", "PT15", "PT", "nuts2")
UKG = ("West Midlands", "UKG", "GB", "nuts1")
ITF1 = ("Abruzzo", "ITF1", "IT", "nuts2")
SI = ("Slovenia", "SI", "SI", "country")
BG = ("Bulgaria", "BG", "BG", "country")
ES = ("Spain", "ES", "ES", "country")
PT = ("Portugal", "PT", "PT", "country")
GB = ("United Kingdom", "UK", "GB", "country")
IT = ("Italy", "IT", "IT", "country")
MARIBOR = ("Maribor", None, "SI", "city")


def m(text: str, place: tuple) -> tuple:
    return (text, *place)


# ------------------------------------------------------------------------------ gazetteer


def test_gazetteer_builds_fast_and_is_cached():
    gazetteer.forget()
    t = time.process_time()
    gaz = load_gazetteer()
    took = time.process_time() - t
    assert load_gazetteer() is gaz
    assert took < 3.0, f"gazetteer took {took:.2f} s of CPU to build (aim: < 1 s)"


def test_gazetteer_nuts_2021_and_uk_2016():
    places = load_gazetteer().places
    assert places["SI03"].level == "nuts2" and places["SI03"].name == "Eastern Slovenia"
    assert places["BG33"].name == "North-East Bulgaria"
    assert places["UKG"] == gazetteer.Place("UKG", "West Midlands", "UKG", "GB", "nuts1")
    assert places["PT15"].country == "PT" and places["ITF1"].country == "IT"
    assert places["PT16"].name == "Central Portugal"  # NUTS 2021 code (named by nuts_names.toml) (NUTS 2024 has PT19)
    assert "PT19" not in places
    assert places["EL30"].country == "GR" and places["country:GR"].nuts_code == "EL"
    assert places["country:GB"].nuts_code == "UK" and places["country:GB"].name == "United Kingdom"
    assert places["country:US"].nuts_code is None
    # Extra-Regio entries and country-sized NUTS regions are not places.
    assert not any(code.endswith("Z") for code in places if not code.startswith(("country:", "city:")))
    assert "SI0" not in places and "IE0" not in places
    assert places["city:SI:Maribor"].nuts_code is None


def test_gazetteer_drops_common_word_labels():
    texts = {gazetteer.fold(f.text) for f in load_gazetteer().forms}
    for word in ("centro", "norte", "sud", "isole", "este", "centre", "nord-est", "southern", "ave", "sur"):
        assert word not in texts, word
    assert "centro (pt)" in texts  # the qualified label stays
    assert not any("extra-regio" in t for t in texts)


def test_clean_label():
    assert clean_label("Prov. Limburg (BE)") == "Limburg"
    assert clean_label("West Midlands (England)") == "West Midlands"
    assert clean_label("Suhl, Kreisfreie Stadt") == "Suhl"
    assert clean_label("Shropshire CC") == "Shropshire"
    assert clean_label("Frankfurt (Oder), Kreisfreie Stadt") == "Frankfurt (Oder)"


# ------------------------------------------------------------------------------ Bulgarian


def test_bulgarian_partner_regions_with_brackets():
    text = ("Участници: Източна Словения (SI), Североизточна България (BG), Естремадура (ES), "
            "Алгарве (PT), Уест  Мидландс (Великобритания) и Абруцо (Италия).")
    assert found(text, "bg") == [
        m("Източна Словения", SI03), m("SI", SI),
        m("Североизточна България", BG33), m("BG", BG),
        m("Естремадура", ES43), m("ES", ES),
        m("Алгарве", PT15), m("PT", PT),
        m("Уест  Мидландс", UKG), m("Великобритания", GB),
        m("Абруцо", ITF1), m("Италия", IT),
    ]


def test_bulgarian_definite_and_inflected_forms():
    text = "Гостите на Марибора дойдоха от Обединеното кралство, от Българията и от Българя."
    assert found(text, "bg") == [
        m("Марибора", MARIBOR), m("Обединеното кралство", GB), m("Българията", BG), m("Българя", BG),
    ]
    assert found("Срещата в гр. Марибор и в Обединено кралство.", "bg") == [
        m("Марибор", MARIBOR), m("Обединено кралство", GB),
    ]


def test_bulgarian_names_over_line_breaks_and_spaces():
    assert found("Партньорът от Уест \n\n Мидландс и от Североизточна\nБългария.", "bg") == [
        m("Уест \n\n Мидландс", UKG), m("Североизточна\nБългария", BG33),
    ]


def test_bulgarian_no_regions_from_common_words():
    text = ("Регионалните и европейски политики, Европейските региони на ЕС, EEN и INTERREG EUROPE; "
            "Enterprise Europe Network подкрепя българските и словенските МСП. Регион, район, Европа.")
    assert found(text, "bg") == []


def test_bulgarian_paradigms_keep_words_apart():
    # Русия (Russia) and Русе (the city; its oblast is BG323) share a stem, never a form.
    assert found("Износ за Русия и от Русе.", "bg") == [
        ("Русия", "Russia", None, "RU", "country"), ("Русе", "Ruse", None, "BG", "city"),
    ]
    assert found("Варна и Североизточен район", "bg") == [
        ("Варна", "Varna", None, "BG", "city"), m("Североизточен район", BG33),
    ]


def test_longest_match_wins():
    assert found("в Източна Словения", "bg") == [m("Източна Словения", SI03)]
    assert found("in Eastern Slovenia and Slovenia", "en") == [m("Eastern Slovenia", SI03), m("Slovenia", SI)]


# ------------------------------------------------------------------------------ Slovenian


def test_slovenian_cases():
    text = "Partnerji iz Severovzhodne Bolgarije so bili v Vzhodni Sloveniji, v Mariboru in na Portugalskem."
    assert found(text, "sl") == [
        m("Severovzhodne Bolgarije", BG33), m("Vzhodni Sloveniji", SI03), m("Mariboru", MARIBOR),
        m("Portugalskem", PT),
    ]
    text = "Gostje iz Združenega kraljestva, Italije in Španije ter iz Abruzza in Algarveja."
    assert found(text, "sl") == [
        m("Združenega kraljestva", GB), m("Italije", IT), m("Španije", ES), m("Abruzza", ITF1),
        m("Algarveja", PT15),
    ]
    assert found("Vzhodna Slovenija (SI) in Bolgarija", "sl") == [
        m("Vzhodna Slovenija", SI03), m("SI", SI), m("Bolgarija", BG),
    ]


def test_slovenian_adjectives_and_common_words_are_not_places():
    assert found("portugalski izdelki, slovenski izvoz, bolgarske in italijanske družbe, evropska unija.", "sl") == []
    # "Varno" (safely) looks like a case of Varna; "Slovenska" like a case of Slovensko (Slovakia).
    assert found("Varno in zanesljivo. Varni izdelki. Slovenska izvozna banka. Slovensko podjetje.", "sl") == []
    # Paradigms of foreign names do not make Slovenian words: "Barem" (at least) is not Bari.
    assert found("Barem enkrat letno v Bariju.", "sl") == [("Bariju", "Bari", None, "IT", "city")]


# ---------------------------------------------------------------------------- Spanish


def test_spanish():
    text = ("La Junta de Extremadura reunió en Mérida a socios de Badajoz, Cáceres, Eslovenia Oriental "
            "y del Algarve (PT), del Reino Unido y de España.")
    assert found(text, "es") == [
        m("Extremadura", ES43), ("Mérida", "Mérida", None, "ES", "city"),
        ("Badajoz", "Badajoz", None, "ES", "city"), ("Cáceres", "Cáceres", None, "ES", "city"),
        m("Eslovenia Oriental", SI03), m("Algarve", PT15), m("PT", PT), m("Reino Unido", GB), m("España", ES),
    ]


def test_spanish_common_words_are_not_regions():
    text = "Este proyecto del Centro y del Norte; Como resultado, el Sur y el Noroeste. Regiones de Europa."
    assert found(text, "es") == []


# ------------------------------------------------------------------------------ Portuguese


def test_portuguese_articles_and_contractions():
    text = "Os parceiros do Algarve e de Faro, nell'Algarve, no Reino Unido e em Portugal."
    assert found(text, "pt") == [
        m("Algarve", PT15), ("Faro", "Faro", None, "PT", "city"), m("Algarve", PT15),
        m("Reino Unido", GB), m("Portugal", PT),
    ]
    assert found("O Norte e o Centro do país; Norte 2020.", "pt") == []


# --------------------------------------------------------------------------------- Italian


def test_italian_articles_and_elision():
    text = "La Regione dell'Abruzzo, a L'Aquila, nella provincia dell'Aquila e a Pescara; nell'Algarve."
    aquila = ("L'Aquila", None, "IT", "city")
    province = ("L'Aquila", "ITF11", "IT", "nuts3")  # "nella provincia dell'Aquila"
    assert found(text, "it") == [
        m("Abruzzo", ITF1), m("L'Aquila", aquila), m("dell'Aquila", province),
        ("Pescara", "Pescara", None, "IT", "city"), m("Algarve", PT15),
    ]


def test_italian_common_words_are_not_regions():
    assert found("Sud e Isole, il Nord-Est e il Centro. Fermo restando le Regioni europee.", "it") == []


# --------------------------------------------------------------------------------- English


def test_english_partner_regions():
    text = ("Partners from North-East Bulgaria, Eastern Slovenia, Extremadura, the Algarve, "
            "the West Midlands (UK) and Abruzzo met in Birmingham and in Maribor, Slovenia.")
    assert found(text, "en") == [
        m("North-East Bulgaria", BG33), m("Eastern Slovenia", SI03), m("Extremadura", ES43),
        m("Algarve", PT15), m("West Midlands", UKG), m("UK", GB), m("Abruzzo", ITF1),
        ("Birmingham", "Birmingham", None, "GB", "city"), m("Maribor", MARIBOR), m("Slovenia", SI),
    ]


def test_english_false_positives_stay_out():
    text = ("The Regions of Europe and European policies: the EU, the EEN (Enterprise Europe Network), "
            "Interreg Europe. Southern partners, the North and the Centre. Contact Sofia Rossi or "
            "Maria Sofia Ferreira.")
    assert found(text, "en") == []


def test_case_tolerance():
    assert mentions("ALGARVE, Algarve and algarve; the UNITED KINGDOM; united kingdom", "en") == [
        "ALGARVE", "Algarve", "UNITED KINGDOM",
    ]
    assert mentions("Eastern\nSlovenia and West   Midlands", "en") == ["Eastern\nSlovenia", "West   Midlands"]


def test_bracketed_code_only_after_a_region():
    assert found("(SI) and (PT); IT sector, ES and BG.", "en") == []
    assert found("Maribor (SI)", "en") == [m("Maribor", MARIBOR), m("SI", SI)]
    assert found("Slovenia (SI)", "en") == [m("Slovenia", SI)]


def test_name_like_city_next_to_a_name():
    assert mentions("She flew to Sofia. Sofia Rossi stayed. Sofia, Varna and Plovdiv.", "en") == [
        "Sofia", "Sofia", "Varna", "Plovdiv",
    ]


def test_the_north_east_of_england_is_not_the_east_of_england():
    assert found("the North East of England", "en") == [
        ("North East of England", "North East England", "UKC", "GB", "nuts1"),
    ]


def test_unknown_language_and_empty_text():
    assert find_regions("", "bg") == []
    assert mentions("Algarve", "und") == ["Algarve"]
    assert mentions("Algarve", "de") == ["Algarve"]


def test_deterministic_and_sorted():
    text = "Абруцо (Италия), Алгарве (PT), Словения, Марибор, Обединеното кралство. " * 3
    first = find_regions(text, "bg")
    assert first == find_regions(text, "bg")
    assert [r.start for r in first] == sorted(r.start for r in first)
    assert all(isinstance(r, RegionMatch) for r in first)


# ------------------------------------------------------------------- the real bulletin (bg)

EXPECTED_SAMPLE = [
    m("Марибор", MARIBOR), m("Марибор", MARIBOR), m("Марибор", MARIBOR),
    m("Източна Словения", SI03), m("SI", SI),
    m("Североизточна България", BG33), m("BG", BG),
    m("Естремадура", ES43), m("ES", ES),
    m("Алгарве", PT15), m("PT", PT),
    m("Уест Мидландс", UKG), m("Великобритания", GB),
    m("Абруцо", ITF1), m("Италия", IT),
    m("Словения", SI), m("България", BG), m("Абруцо", ITF1),
    m("Обединеното кралство", GB), m("Испания", ES), m("Португалия", PT),
]


def test_real_bulgarian_bulletin(shared_sample):
    text = shared_sample.read_text(encoding="utf-8")
    got = [(re.sub(r"\s+", " ", t[0]), *t[1:]) for t in found(text, "bg")]
    assert got == EXPECTED_SAMPLE
    # As the pipeline passes it, line breaks folded into spaces (here: all whitespace).
    assert found(re.sub(r"\s+", " ", text), "bg") == EXPECTED_SAMPLE


# ---------------------------------------------------------------------------------- stage


def _doc(paragraphs: list[tuple[str, str]]):
    from intra_extract.state import Block, DocState, Line

    text, blocks, langs = "", [], []
    for para, lang in paragraphs:
        lines = []
        for raw in para.split("\n"):
            if text:
                text += "\n"
            lines.append(Line(text=raw, start=len(text), end=len(text) + len(raw)))
            text += raw
        blocks.append(Block(lines=lines))
        langs.append(lang)
    source = model.Source(path="x.txt", sha256="0" * 64, format="txt", bytes=len(text.encode()))
    return DocState(path="x.txt", source=source, doc_id="x", text=text, blocks=blocks,
                    block_languages=langs, language="bg")


def test_stage_makes_region_records_per_block_language():
    from intra_extract import stages

    doc = _doc([
        ("Срещата беше в гр. Марибор, Източна Словения (SI).", "bg"),
        ("Partnerji v Vzhodni Sloveniji in v Mariboru.", "sl"),
        ("Partners from the West\nMidlands (UK).", "en"),
    ])
    stages.get("regions")(doc)
    regions = [r for r in doc.records if isinstance(r, model.Region)]
    assert [(r.text, r.name, r.nuts_code, r.country, r.level, r.language) for r in regions] == [
        ("Марибор", "Maribor", None, "SI", "city", "bg"),
        ("Източна Словения", "Eastern Slovenia", "SI03", "SI", "nuts2", "bg"),
        ("SI", "Slovenia", "SI", "SI", "country", "bg"),
        ("Vzhodni Sloveniji", "Eastern Slovenia", "SI03", "SI", "nuts2", "sl"),
        ("Mariboru", "Maribor", None, "SI", "city", "sl"),
        ("West\nMidlands", "West Midlands", "UKG", "GB", "nuts1", "en"),
        ("UK", "United Kingdom", "UK", "GB", "country", "en"),
    ]
    for r in regions:
        assert doc.text[r.span.start:r.span.end] == r.text


def test_stage_without_block_languages_uses_the_document_language():
    from intra_extract import stages

    doc = _doc([("Srečanje v Mariboru.", "sl")])
    doc.block_languages, doc.language = [], "sl"
    stages.get("regions")(doc)
    assert [(r.text, r.name, r.language) for r in doc.records] == [("Mariboru", "Maribor", "sl")]
