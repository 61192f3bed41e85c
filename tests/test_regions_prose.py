"""Regions as people write them (issue #15, item 5), one class per test, in the six languages:
longer place names, persons, streets, towns abroad, evidence for bare NUTS labels, province
words, descriptive names and elided articles. All texts are our own."""

from __future__ import annotations

import tomllib

import pytest

from intra_extract import gazetteer
from intra_extract.regions import find_regions, supported


def codes(text: str, lang: str) -> list[tuple[str, str | None]]:
    """(text, nuts_code or level) of what one document keeps."""
    return [
        (text[r.start:r.end], r.nuts_code or r.level)
        for r in supported(find_regions(text, lang))
    ]


@pytest.mark.parametrize("text, lang, want", [
    ("La Slovenia orientale e la Bulgaria nord-orientale, con la Slovenia.", "it",
     [("Slovenia orientale", "SI03"), ("Bulgaria nord-orientale", "BG33"), ("Slovenia", "SI")]),
    ("Partner dell'Abruzzo e dell'Estremadura.", "it", [("Abruzzo", "ITF1"), ("Estremadura", "ES43")]),
    ("Firms of the Estremadura region met.", "en", [("Estremadura", "ES43")]),
    ("Empresas del noreste de Bulgaria y de Eslovenia Oriental.", "es",
     [("noreste de Bulgaria", "BG33"), ("Eslovenia Oriental", "SI03")]),
    ("Empresas do Nordeste da Bulgária.", "pt", [("Nordeste da Bulgária", "BG33")]),
    ("Podjetja iz Vzhodne Slovenije.", "sl", [("Vzhodne Slovenije", "SI03")]),
    ("Фирми от Североизточна България.", "bg", [("Североизточна България", "BG33")]),
])
def test_descriptive_names_and_exonyms_are_the_region_not_the_country(text, lang, want):
    assert codes(text, lang) == want


@pytest.mark.parametrize("text, lang", [
    ("Our office in New York and a partner in New South Wales.", "en"),
    ("Un socio de Nueva York y otro de Nueva Gales del Sur.", "es"),
    ("Un socio di New York e uno del Nuovo Galles del Sud.", "it"),
    ("Checks in New Mexico and New Jersey.", "en"),  # a country too
])
def test_a_name_inside_a_longer_place_name_is_not_a_region(text, lang):
    assert codes(text, lang) == []


@pytest.mark.parametrize("text, lang", [
    ("The meeting with Ms. Laura Bromley was short. Bromley said the firm grows.", "en"),
    ("Habló el Sr. Soria con Marta Zaragoza.", "es"),
    ("Ha parlato il dott. Chieti.", "it"),
])
def test_person_names_are_not_regions(text, lang):
    assert codes(text, lang) == []


@pytest.mark.parametrize("text, lang", [
    ("Our office is at 12 Westminster Blvd.", "en"),
    ("La oficina está en la calle Zaragoza, 5.", "es"),
    ("L'ufficio è in via Bari 3.", "it"),
    ("O escritório fica na rua Faro.", "pt"),
])
def test_street_names_are_not_regions(text, lang):
    assert codes(text, lang) == []


@pytest.mark.parametrize("text, lang", [
    ("A firm in Valencia, California and one in Lodi, CA export wine. Valencia grows.", "en"),
    ("Una consultora de Valencia, California.", "es"),
])
def test_towns_abroad_with_a_regions_name_are_not_regions(text, lang):
    assert codes(text, lang) == []


def test_a_bare_table_label_needs_evidence_from_the_document():
    # No Spain, no other Spanish place: "Soria" is not the province.
    assert codes("Soria will lead the new team.", "en") == []
    # Spain named: it is.
    assert codes("In Spain, Soria has few exporters.", "en") == [("Spain", "ES"), ("Soria", "city")]
    # A region word is evidence too.
    assert codes("The province of Soria has few exporters.", "en") == [("Soria", "ES417")]
    # "in" after a name is a word, not Indiana's postal code.
    assert codes("L'incontro di Maribor, in Slovenia.", "it") == [("Maribor", "city"), ("Slovenia", "SI")]


@pytest.mark.parametrize("text, lang, want", [
    ("Фирми от областите Варна, Добрич и Шумен, и от град Варна.", "bg",
     [("Варна", "BG331"), ("Добрич", "BG332"), ("Шумен", "BG333"), ("Варна", "city")]),
    ("Firms of the province of Badajoz and of Badajoz itself.", "en",
     [("Badajoz", "ES431"), ("Badajoz", "city")]),
    ("Le province di Pescara e Teramo; a Pescara.", "it",
     [("Pescara", "ITF13"), ("Teramo", "ITF12"), ("Pescara", "city")]),
    ("Empresas da provincia de Cáceres.", "es", [("Cáceres", "ES432")]),
])
def test_a_province_word_makes_a_city_name_its_nuts3_region(text, lang, want):
    assert codes(text, lang) == want


def test_countries_of_the_statistical_regions_have_their_code():
    assert codes("Exports to Switzerland and Turkey.", "en") == [("Switzerland", "CH"), ("Turkey", "TR")]


def test_a_form_is_defined_in_one_curated_file_only():
    with open(gazetteer.NAMES_PATH, "rb") as f:
        names = tomllib.load(f)["region"]
    aliases = gazetteer.load_aliases()
    in_names = {(gazetteer.fold(t), r["nuts_code"]) for r in names for t in gazetteer.curated_forms(r)}
    in_aliases = [(gazetteer.fold(t), r["nuts_code"]) for r in aliases.get("region", [])
                  for t in gazetteer.curated_forms(r)]
    assert not in_names & set(in_aliases)
    assert not {r["nuts_code"] for r in names} & {r["nuts_code"] for r in aliases.get("region", [])}
    assert "template" not in aliases


@pytest.mark.parametrize("text, lang, want", [
    ("Firms in Coventry and Wolverhampton, in the UK.", "en",
     [("Coventry", "city"), ("Wolverhampton", "city"), ("UK", "UK")]),
    ("Фирми от Русе и от област Русе, България.", "bg", [("Русе", "city"), ("Русе", "BG323"), ("България", "BG")]),
    ("Una empresa de Soria, en España.", "es", [("Soria", "city"), ("España", "ES")]),
])
def test_a_bare_nuts_label_that_names_a_city_is_the_city(text, lang, want):
    assert codes(text, lang) == want


def test_slovenian_neuter_names_in_e_decline():
    assert codes("V Celju in okolici Celja, Slovenija.", "sl") == [
        ("Celju", "city"), ("Celja", "city"), ("Slovenija", "SI")]


@pytest.mark.parametrize("text, lang, want", [
    # Towns of GeoNames (data/cities.tsv), with their country in the document.
    ("Empresas de Loulé e de Tavira, no Algarve.", "pt",
     [("Loulé", "city"), ("Tavira", "city"), ("Algarve", "PT15")]),
    ("Podjetja iz Velenja in Velenju bližnjih krajev, Slovenija.", "sl",
     [("Velenja", "city"), ("Velenju", "city"), ("Slovenija", "SI")]),
    # A small town needs its country, or a town word beside it.
    ("Firms from Loulé came.", "en", []),
    ("Firms from the town of Loulé came.", "en", [("Loulé", "city")]),
    # A large town is known by its name alone, in the forms of other languages too.
    ("Missões a Berlim, Hamburgo e Lille.", "pt", [("Berlim", "city"), ("Hamburgo", "city"), ("Lille", "city")]),
    ("Smith, J. (2016). Export support. London: Press.", "en", [("London", "city")]),
])
def test_towns_are_found_with_evidence(text, lang, want):
    assert codes(text, lang) == want


@pytest.mark.parametrize("text, lang", [
    ("Tomar medidas em Portugal é urgente.", "pt"),  # a verb, not the town of Tomar
    ("Fondi strutturali per l'Italia.", "it"),  # funds, not the town of Fondi
    ("Further Reading on the UK.", "en"),
    ("Guía para la exportación en España.", "es"),  # the short form of Guía de Isora
])
def test_a_town_named_like_a_frequent_word_is_not_read_in_that_language(text, lang):
    assert [c for c in codes(text, lang) if c[1] == "city"] == []


@pytest.mark.parametrize("text, lang", [
    ("Anderson, M. and Soria, P. (2014). Export promotion. In Spain.", "en"),
    ("Prepared by Harlow & Pike Economic Consulting, in the UK.", "en"),
    ("CHARLES M. SEVILLA, ESQ., San Diego, Cal.", "en"),
])
def test_authors_firms_and_initialled_names_are_not_places(text, lang):
    assert [c for c in codes(text, lang) if c[1] not in ("ES", "UK")] == []


def test_a_town_whose_name_is_also_a_town_abroad_named_in_the_document_is_dropped():
    # Lodi is also a Californian town: in a text that names the United States it is not Italian.
    assert codes("Wine from Lodi and Italy's exports.", "en") == [("Lodi", "city"), ("Italy", "IT")]
    assert codes("Wine from Lodi, sold across the United States and Italy.", "en") == [
        ("United States", "country"), ("Italy", "IT")]


@pytest.mark.parametrize("text, lang, want", [
    # Countries (CLDR) and the INTRA regions in languages outside the six, in text of that language.
    ("Partner aus Ostslowenien und Nordostbulgarien, aus Deutschland und Österreich.", "de",
     [("Ostslowenien", "SI03"), ("Nordostbulgarien", "BG33"), ("Deutschland", "DE"), ("Österreich", "AT")]),
    ("Les Abruzzes et l'Estrémadure, en Espagne.", "fr", [("Abruzzes", "ITF1"), ("Estrémadure", "ES43"), ("Espagne", "ES")]),
    ("Firmy ze Słowenii Wschodniej i z Estremadury.", "pl", [("Słowenii Wschodniej", "SI03"), ("Estremadury", "ES43")]),
    ("Η Ανατολική Σλοβενία και η Ελλάδα.", "el", [("Ανατολική Σλοβενία", "SI03"), ("Ελλάδα", "EL")]),
    # ... and not in another language's text
    ("Deutschland und Espagne.", "en", []),
    # Two NUTS regions of one name (city and district): the town.
    ("Die Messe in München.", "de", [("München", "city")]),
])
def test_names_in_languages_outside_the_six(text, lang, want):
    assert codes(text, lang) == want


@pytest.mark.parametrize("text, lang", [
    ("Avda. de Extremadura 12, 06800", "es"),
    ("Rua de Portugal, 15", "pt"),
    ("ул. „България“ 3", "bg"),
    ("Paseo de Roma 3", "es"),
    ("una misión a Ciudad de México", "es"),
    ("From: Luca Chieti", "en"),  # two names side by side: a person
    ("Ana Soria Zaragoza, Spain", "en"),
    ("Not Mérida in Yucatán, Mexico", "en"),
    ("LA REUNIÓN DEL COMITÉ", "es"),
])
def test_streets_cities_of_a_countrys_name_and_persons_are_not_regions(text, lang):
    assert [c for c in codes(text, lang) if c[1] not in ("ES", "MX", "country")] == []


def test_a_slovenian_case_form_opening_a_sentence_is_another_word():
    assert codes("Srečanje v Varni. Varni izdelki so dragi.", "sl") == [("Varni", "city")]


@pytest.mark.parametrize("text, lang", [
    ("Le trou anionique : TAu = UNa + UK – UCl.", "fr"),  # urinary potassium, not the UK
    ("Closure at P.F. Chang's China Bistro, Inc.", "en"),  # a firm's name
])
def test_a_country_inside_a_formula_or_a_firms_name_is_not_the_country(text, lang):
    assert codes(text, lang) == []
