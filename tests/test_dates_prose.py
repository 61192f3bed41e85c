"""Dates as people write them (issue #15, item 4): the order of slashed dates per document,
ambiguity said, ordinals, spaced and slashed ranges, numeric ranges, bare years that need no
context word, and a set of things that are not dates. Our own sentences, six languages."""

from __future__ import annotations

import pytest

from intra_extract.dates_grammar import find_dates, slash_order


def found(text: str, lang: str) -> list[tuple]:
    return [(text[m.start:m.end], str(m.start_date), str(m.end_date), m.ambiguous) for m in find_dates(text, lang)]


def test_a_part_over_12_decides_the_order_for_the_whole_document():
    text = "The survey opened on 09/04/2015 and closed on 09/21/2015."
    assert slash_order(text, "en") == (True, True)
    assert found(text, "en") == [
        ("09/04/2015", "2015-09-04", "2015-09-04", False), ("09/21/2015", "2015-09-21", "2015-09-21", False)]
    text = "Abierta el 09/04/2015, cerrada el 21/04/2015."
    assert slash_order(text, "es") == (False, True)
    assert found(text, "es")[0] == ("09/04/2015", "2015-04-09", "2015-04-09", False)


def test_without_evidence_the_language_and_country_decide_and_the_record_says_ambiguous():
    us = "A report for the U.S. Department of Commerce, dated 09/04/2015."
    assert found(us, "en") == [("09/04/2015", "2015-09-04", "2015-09-04", True)]
    for text, lang in [("Rok: 09/04/2015.", "sl"), ("Plazo: 09/04/2015.", "es"), ("Due 09/04/2015.", "en"),
                       ("Prazo: 09/04/2015.", "pt"), ("Scadenza: 09/04/2015.", "it"), ("Срок: 09/04/2015.", "bg")]:
        assert found(text, lang) == [("09/04/2015", "2015-04-09", "2015-04-09", True)], lang
    # the same day and month either way: not ambiguous
    assert found("Due 04/04/2015.", "en")[0][3] is False


@pytest.mark.parametrize("text, lang, want", [
    ("Final version, February 13th, 2017.", "en", ("February 13th, 2017", "2017-02-13", "2017-02-13")),
    ("The fair ran 12th - 14th June 2017.", "en", ("12th - 14th June 2017", "2017-06-12", "2017-06-14")),
    ("FINAL VERSION, FEBRUARY 13TH, 2017", "en", ("FEBRUARY 13TH, 2017", "2017-02-13", "2017-02-13")),
    ("Avviato il 1° aprile 2016.", "it", ("1° aprile 2016", "2016-04-01", "2016-04-01")),
    ("Avviato il 1 ° aprile 2016.", "it", ("1 ° aprile 2016", "2016-04-01", "2016-04-01")),
    ("Iniciado a 1.º de Setembro de 2017.", "pt", ("1.º de Setembro de 2017", "2017-09-01", "2017-09-01")),
    ("El jueves 23 de Noviembre de 2017.", "es", ("23 de Noviembre de 2017", "2017-11-23", "2017-11-23")),
    ("Del 22 al 24 de mayo de 2019.", "es", ("Del 22 al 24 de mayo de 2019", "2019-05-22", "2019-05-24")),
    ("Periodo 2014 / 2020.", "es", ("2014 / 2020", "2014-01-01", "2020-12-31")),
    ("Período de programação: 2014/2020.", "pt", ("2014/2020", "2014-01-01", "2020-12-31")),
    ("Jornadas 26-27/09/2018.", "es", ("26-27/09/2018", "2018-09-26", "2018-09-27")),
    ("Прием 05.02. – 16.03.2018 г.", "bg", ("05.02. – 16.03.2018 г.", "2018-02-05", "2018-03-16")),
    ("Prijave 05.02. – 16.03.2018.", "sl", ("05.02. – 16.03.2018", "2018-02-05", "2018-03-16")),
])
def test_forms_people_type(text, lang, want):
    assert [f[:3] for f in found(text, lang)] == [want]


@pytest.mark.parametrize("text, lang, years", [
    ("1. Kovač, M. (2017). Izvoz malih podjetij.", "sl", ["2017"]),
    ("Petrov, S. (2016). Износът на МСП.", "bg", ["2016"]),
    ("Smith, J. (2018) Mentoring firms abroad.", "en", ["2018"]),
    ("Poročilo o razvoju 2016.", "sl", ["2016"]),
    ("Informe económico provincial 2015. Mérida.", "es", ["2015"]),
    ("Interreg Europe · 2019", "en", ["2019"]),
    ("The report was commissioned in the fall of 2016.", "en", ["2016"]),
    ("Objavljeno jeseni 2017 na spletu.", "sl", ["2017"]),
])
def test_bare_years_that_need_no_context_word(text, lang, years):
    assert [f[0] for f in found(text, lang)] == years


@pytest.mark.parametrize("text, lang", [
    ("Call +44 121 555 2019 or 0121 496 2018 before 10:30.", "en"),
    ("Тел.: +359 52 600 2015, факс 052 600 2016.", "bg"),
    ("Funded under CCI 2014TC16RFIR001 and Horizon 2020.", "en"),
    ("Reglamento (UE) 2016/679 y Reglamento (UE) n.º 1303/2013.", "es"),
    ("Decisione C(2016) 2210, rif. INTRA-IT-05/2018.", "it"),
    ("doi:10.1016/j.ecolind.2019.01.002 e 10.2019/abc.", "it"),
    ("Financiamento do CRESC Algarve 2020, no total de 2 000 000 EUR.", "pt"),
    ("Pobreška cesta 20, 2000 Maribor.", "sl"),
    ("Budget 2019 EUR; we counted 2019 members.", "en"),
])
def test_not_dates(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text, lang, want", [
    ("Call of 1 October 2020. Deadline 16 November.", "en", [("16 November", "2020-11-16", "2020-11-16")]),
    ("En 2019: del 22 al 24 de mayo, y en junio.", "es",
     [("22 al 24 de mayo", "2019-05-22", "2019-05-24"), ("junio", "2019-06-01", "2019-06-30")]),
    ("Nel 2019, dal 4 al 6 giugno.", "it", [("4 al 6 giugno", "2019-06-04", "2019-06-06")]),
    ("Em 2020: em março.", "pt", [("março", "2020-03-01", "2020-03-31")]),
    ("Leta 2017: 20. oktobra.", "sl", [("20. oktobra", "2017-10-20", "2017-10-20")]),
    ("През 2018 г.: на 8 ноември и през декември.", "bg",
     [("8 ноември", "2018-11-08", "2018-11-08"), ("декември", "2018-12-01", "2018-12-31")]),
])
def test_days_and_months_without_a_year_take_the_year_before(text, lang, want):
    assert [f[:3] for f in found(text, lang)][1:] == want


@pytest.mark.parametrize("text, lang, want", [
    # English months alone are words too ("May we"); after a year word they are months
    ("In 2019. May we meet in March?", "en", ["2019", "March"]),
    ("Em 2020, um marco importante.", "pt", ["2020"]),  # "marco" (landmark) is not "março"
    ("Leta 2017 je Maja rekla.", "sl", ["2017"]),  # a name, not "maja" (of May)
    ("Sin fecha: 16 de mayo.", "es", []),  # no year anywhere in the text
])
def test_no_yearless_date_without_its_month_or_a_year(text, lang, want):
    assert [f[0] for f in found(text, lang)] == want


@pytest.mark.parametrize("text, lang, want", [
    # a law cited by number and year dates the day and month that follow it
    ("Según el Reglamento (UE) 2016/679, de 27 de abril, y hasta el 31 de diciembre de 2026.", "es",
     ("27 de abril", "2016-04-27")),
    # a full date later in the same sentence
    ("Razpis je bil objavljen 20. oktobra, rok pa je bil 10. novembra 2017.", "sl",
     ("20. oktobra", "2017-10-20")),
    # news dated at its head: the month nearest to that date, though the last date before says 2019
    ("Публикувано: 15 ноември 2018\n\nСреща през февруари 2019 г. Програмата ще е готова до края на декември.",
     "bg", ("декември", "2018-12-01")),
    ("26 de outubro de 2017\n\nO plano será discutido em janeiro.", "pt", ("janeiro", "2018-01-01")),
    # a weekday named with the day picks the year it falls on
    ("Agenda, 1 de febrero de 2018.\n\nJornada celebrada el jueves 23 de noviembre en Plasencia.", "es",
     ("23 de noviembre", "2017-11-23")),
])
def test_a_date_without_a_year_takes_it_from_its_context(text, lang, want):
    assert want in [f[:2] for f in found(text, lang)]


def test_french_and_german_have_their_own_words():
    assert [f[:3] for f in found("La phase d'avril 2019 à mars 2021, au premier trimestre 2021.", "fr")] == [
        ("d'avril 2019 à mars 2021", "2019-04-01", "2021-03-31"), ("premier trimestre 2021", "2021-01-01", "2021-03-31")]
    assert [f[:3] for f in found("Am 3. Juni 2019, vom 1. April 2019 bis 31. März 2021, ab September.", "de")] == [
        ("3. Juni 2019", "2019-06-03", "2019-06-03"), ("vom 1. April 2019 bis 31. März 2021", "2019-04-01", "2021-03-31"),
        ("September", "2019-09-01", "2019-09-30")]


def test_a_language_outside_the_grammar_gets_its_months_and_numbers_only():
    # Dutch months from CLDR; no Spanish, Portuguese or Slovenian word reads "en 2019" or "a 2020".
    assert [f[0] for f in found("Op 12 maart 2019 en in mei 2020; 2019 en 2020; 01.02.2019.", "nl")] == [
        "12 maart 2019", "mei 2020", "01.02.2019"]


def test_english_dates_in_words_and_two_digit_years_show_the_slash_order():
    form = "Date of Incident: 01/09/2015\n\nOn January 10, 2015, the agency received a report."
    assert slash_order(form, "en") == (True, True)
    assert found(form, "en")[0] == ("01/09/2015", "2015-01-09", "2015-01-09", False)
    assert slash_order("Report of 10 January 2015; incident 01/09/2015.", "en") == (False, True)
    assert slash_order("RUN 12/3/2014 ELECTION 11/04/14 CLOSE 10/20/14", "en") == (True, True)
