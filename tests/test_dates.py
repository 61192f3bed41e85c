"""The `dates` stage and its grammar: every local form of a day, a list or range, a month,
a year, a period, a half or a quarter in bg, sl, es, pt, it and en, and numbers that are
not dates. All sentences here are made up for the tests."""

from __future__ import annotations

import re
from datetime import date

import pytest

from intra_extract import model
from intra_extract.dates_grammar import grammar, month_forms
from intra_extract.records import finalise
from intra_extract.stages import get
from intra_extract.dates_grammar import DateMatch, find_dates
from intra_extract.state import Block, DocState, Line


def found(text: str, lang: str) -> list[tuple[str, str, str, str]]:
    return [(text[m.start:m.end], m.start_date.isoformat(), m.end_date.isoformat(), m.granularity)
            for m in find_dates(text, lang)]


def one(text: str, lang: str) -> tuple[str, str, str, str]:
    got = found(text, lang)
    assert len(got) == 1, got
    return got[0]


# ---------------------------------------------------------------- single days

@pytest.mark.parametrize("lang, sentence, span", [
    ("bg", "Партньорите се събраха на 11 декември 2018 г. в Русе.", "11 декември 2018 г."),
    ("sl", "Partnerji so se sestali 11. decembra 2018 v Celju.", "11. decembra 2018"),
    ("pt", "Os parceiros reuniram-se a 11 de dezembro de 2018 em Faro.", "11 de dezembro de 2018"),
    ("es", "Los socios se reunieron el 11 de diciembre de 2018 en Cáceres.", "11 de diciembre de 2018"),
    ("it", "I partner si sono riuniti l'11 dicembre 2018 a Chieti.", "11 dicembre 2018"),
    ("en", "The partners met on December 11, 2018 in Coventry.", "December 11, 2018"),
    ("en", "The partners met on 11 December 2018 in Coventry.", "11 December 2018"),
    ("en", "The partners met on the 11th of December 2018.", "11th of December 2018"),
    ("bg", "Срокът изтича на 11.12.2018 г.", "11.12.2018 г."),
    ("sl", "Rok je 11. 12. 2018 opoldne.", "11. 12. 2018"),
    ("en", "Last updated 2018-12-11 by the lead partner.", "2018-12-11"),
    ("es", "Fecha de envío: 11/12/2018.", "11/12/2018"),
    ("pt", "Prazo: 11-12-2018.", "11-12-2018"),
    ("bg", "Крайният срок е 11 дек. 2018 г.", "11 дек. 2018 г."),
    ("pt", "Início a 1.º de dezembro de 2018.", "1.º de dezembro de 2018"),
])
def test_single_day_in_every_local_form(lang, sentence, span):
    text, start, end, gran = one(sentence, lang)
    assert text == span
    assert gran == "day" and start == end
    assert end in ("2018-12-11", "2018-12-01")


def test_numeric_dates_are_day_first_never_guessed():
    assert one("Начало: 01.04.2016", "bg")[1:] == ("2016-04-01", "2016-04-01", "day")
    assert one("Start: 01/04/2016", "en")[1:] == ("2016-04-01", "2016-04-01", "day")
    # 04/13/2016 is no day-first date, and we never try month first
    assert found("Start: 04/13/2016 and 31.02.2019", "en") == []


# ---------------------------------------------------------------- lists and ranges of days

@pytest.mark.parametrize("lang, sentence, span", [
    ("bg", "Срещата в Марибор беше на 11 и 12 декември 2018 г. и мина добре.", "11 и 12 декември 2018 г."),
    ("bg", "Срещата беше от 11 до 12 декември 2018 г.", "от 11 до 12 декември 2018 г."),
    ("sl", "Srečanje je bilo 11. in 12. decembra 2018 v Mariboru.", "11. in 12. decembra 2018"),
    ("sl", "Srečanje je bilo 11.–12. decembra 2018.", "11.–12. decembra 2018"),
    ("es", "El seminario tuvo lugar el 11 y 12 de diciembre de 2018.", "11 y 12 de diciembre de 2018"),
    ("es", "El seminario fue del 11 al 12 de diciembre de 2018.", "del 11 al 12 de diciembre de 2018"),
    ("pt", "O seminário decorreu a 11 e 12 de dezembro de 2018.", "11 e 12 de dezembro de 2018"),
    ("pt", "O seminário decorreu de 11 a 12 de dezembro de 2018.", "de 11 a 12 de dezembro de 2018"),
    ("it", "Il seminario si è svolto l'11 e 12 dicembre 2018.", "11 e 12 dicembre 2018"),
    ("it", "Il seminario si è svolto dall'11 al 12 dicembre 2018.", "dall'11 al 12 dicembre 2018"),
    ("it", "Il seminario si è svolto l'11 e il 12 dicembre 2018.", "11 e il 12 dicembre 2018"),
    ("es", "El seminario fue el 11 y el 12 de diciembre de 2018.", "11 y el 12 de diciembre de 2018"),
    ("en", "The seminar ran on 11 and 12 December 2018.", "11 and 12 December 2018"),
    ("en", "The seminar ran on December 11-12, 2018.", "December 11-12, 2018"),
    ("en", "The seminar ran on 11–12 December 2018.", "11–12 December 2018"),
])
def test_two_days_are_one_record(lang, sentence, span):
    assert one(sentence, lang) == (span, "2018-12-11", "2018-12-12", "day")


def test_longer_lists_and_dashes():
    assert one("Study visits on 14-15 March 2019 in Pescara.", "en")[1:] == ("2019-03-14", "2019-03-15", "day")
    assert one("Visits on 14 — 15 March 2019.", "en")[1:] == ("2019-03-14", "2019-03-15", "day")
    assert one("Visits on 11, 12 and 14 March 2019.", "en") == ("11, 12 and 14 March 2019", "2019-03-11", "2019-03-14", "day")
    # days out of order or past the month's end are no list
    assert [f[0] for f in found("on 12 and 11 March 2019", "en")] == ["11 March 2019"]
    assert [f[0] for f in found("on 30 and 31 February 2019", "en")] == ["February 2019"]


def test_days_across_months_sharing_a_year():
    assert one("from 30 November to 2 December 2018", "en") == (
        "from 30 November to 2 December 2018", "2018-11-30", "2018-12-02", "day")
    assert one("November 30 – December 2, 2018", "en")[1:] == ("2018-11-30", "2018-12-02", "day")
    assert one("od 30. novembra do 2. decembra 2018", "sl")[1:] == ("2018-11-30", "2018-12-02", "day")
    assert one("del 30 de diciembre al 2 de enero de 2019", "es")[1:] == ("2018-12-30", "2019-01-02", "day")


@pytest.mark.parametrize("lang, sentence", [
    ("bg", "Фаза 1: 01.04.2016 – 31.03.2019"),
    ("en", "Phase 1: 01.04.2016-31.03.2019."),
    ("en", "Phase 1: 01.04.2016 - 31.03.2019."),
    ("sl", "Faza 1: 01.04.2016—31.03.2019."),
    ("it", "Fase 1: 01.04.2016 — 31.03.2019."),
    ("es", "Fase 1: 01/04/2016 – 31/03/2019."),
])
def test_numeric_ranges_with_any_dash(lang, sentence):
    text, start, end, gran = one(sentence, lang)
    assert (start, end, gran) == ("2016-04-01", "2019-03-31", "day")
    assert text[:2] == "01" and text.endswith("2019")


# ---------------------------------------------------------------- months and month ranges

@pytest.mark.parametrize("lang, sentence, span, gran", [
    ("bg", "Втората фаза (от април 2019 г. до март 2021 г.) започва.", "от април 2019 г. до март 2021 г.", "month"),
    ("en", "Phase two runs from April 2019 to March 2021.", "from April 2019 to March 2021", "month"),
    ("en", "Phase two: April 2019 – March 2021.", "April 2019 – March 2021", "month"),
    ("es", "La fase dos va del 1 de abril de 2019 al 31 de marzo de 2021.",
     "del 1 de abril de 2019 al 31 de marzo de 2021", "day"),
    ("sl", "Druga faza traja od aprila 2019 do marca 2021.", "od aprila 2019 do marca 2021", "month"),
    ("pt", "A segunda fase decorre de abril de 2019 a março de 2021.", "de abril de 2019 a março de 2021", "month"),
    ("it", "La seconda fase va da aprile 2019 a marzo 2021.", "da aprile 2019 a marzo 2021", "month"),
    ("it", "La seconda fase va dall'aprile 2019 al marzo 2021.", "dall'aprile 2019 al marzo 2021", "month"),
    ("es", "Entre el 1 de abril de 2019 y el 31 de marzo de 2021.",
     "Entre el 1 de abril de 2019 y el 31 de marzo de 2021", "day"),
    ("pt", "Entre abril de 2019 e março de 2021.", "Entre abril de 2019 e março de 2021", "month"),
])
def test_ranges_of_months_are_one_record(lang, sentence, span, gran):
    assert one(sentence, lang) == (span, "2019-04-01", "2021-03-31", gran)


@pytest.mark.parametrize("lang, sentence, span, start, end", [
    ("bg", "Събитието е през декември 2018 г.", "декември 2018 г.", "2018-12-01", "2018-12-31"),
    ("en", "Published in March 2019.", "March 2019", "2019-03-01", "2019-03-31"),
    ("en", "Published in Feb. 2020.", "Feb. 2020", "2020-02-01", "2020-02-29"),
    ("es", "Publicado en marzo de 2019.", "marzo de 2019", "2019-03-01", "2019-03-31"),
    ("es", "Publicado en setiembre de 2019.", "setiembre de 2019", "2019-09-01", "2019-09-30"),
    ("pt", "Publicado em março de 2019.", "março de 2019", "2019-03-01", "2019-03-31"),
    ("pt", "Publicado em Marco de 2019.", "Marco de 2019", "2019-03-01", "2019-03-31"),
    ("it", "Pubblicato a marzo 2019.", "marzo 2019", "2019-03-01", "2019-03-31"),
    ("it", "Pubblicato nel dicembre del 2018.", "dicembre del 2018", "2018-12-01", "2018-12-31"),
    ("sl", "Objavljeno januarja 2019.", "januarja 2019", "2019-01-01", "2019-01-31"),
    ("sl", "Objavljeno v decembru 2018.", "decembru 2018", "2018-12-01", "2018-12-31"),
    ("sl", "Objavljeno marca 2019.", "marca 2019", "2019-03-01", "2019-03-31"),
    ("sl", "Objavljeno dec. 2018.", "dec. 2018", "2018-12-01", "2018-12-31"),
    ("bg", "Публикувано през септ. 2019 г.", "септ. 2019 г.", "2019-09-01", "2019-09-30"),
])
def test_month_and_year(lang, sentence, span, start, end):
    assert one(sentence, lang) == (span, start, end, "month")


def test_month_ranges_sharing_a_year():
    assert one("from April to June 2019", "en") == ("from April to June 2019", "2019-04-01", "2019-06-30", "month")
    assert one("od aprila do junija 2019", "sl")[1:] == ("2019-04-01", "2019-06-30", "month")
    assert one("de abril a junio de 2019", "es")[1:] == ("2019-04-01", "2019-06-30", "month")
    assert one("November 2018 – February 2019", "en")[1:] == ("2018-11-01", "2019-02-28", "month")


def test_slovenian_cases_and_cldr_names():
    forms = month_forms("sl")
    for nominative, genitive, locative, month in [
        ("januar", "januarja", "januarju", 1), ("marec", "marca", "marcu", 3), ("april", "aprila", "aprilu", 4),
        ("maj", "maja", "maju", 5), ("junij", "junija", "juniju", 6), ("december", "decembra", "decembru", 12),
    ]:
        assert forms[nominative][0] == forms[genitive][0] == forms[locative][0] == month
    assert forms["septembrom"][0] == 9 and forms["januarjem"][0] == 1
    assert one("med 3. in 5. januarjem 2019", "sl")[1:] == ("2019-01-03", "2019-01-05", "day")


def test_every_cldr_month_name_is_known():
    from babel.dates import get_month_names

    for lang in ("bg", "sl", "es", "pt", "it", "en"):
        forms = month_forms(lang)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, lang).items():
                    assert forms[name.lower().rstrip(".")][0] == month, (lang, name)


# ---------------------------------------------------------------- years and periods

@pytest.mark.parametrize("lang, sentence, span", [
    ("en", "In 2019 the partners met four times.", "2019"),
    ("en", "The plan runs until 2019.", "2019"),
    ("bg", "Отчетът за 2019 г. е готов.", "2019 г."),
    ("bg", "Това стана през 2019 година.", "2019 година"),
    ("bg", "Това стана през 2019.", "2019"),
    ("sl", "To se je zgodilo leta 2019.", "2019"),
    ("sl", "To se je zgodilo v 2019.", "2019"),
    ("es", "Esto ocurrió en 2019.", "2019"),
    ("es", "Esto ocurrió en el año 2019.", "2019"),
    ("pt", "Isto aconteceu em 2019.", "2019"),
    ("pt", "Isto aconteceu no ano de 2019.", "2019"),
    ("it", "Questo è successo nel 2019.", "2019"),
    ("it", "Il piano è valido fino al 2019.", "2019"),
    ("it", "Il piano scade entro la fine del 2019.", "2019"),
])
def test_years_in_context(lang, sentence, span):
    assert one(sentence, lang) == (span, "2019-01-01", "2019-12-31", "year")


def test_a_count_after_a_year_word_keeps_the_year():
    assert one("През 2019 г. 150 фирми получиха подкрепа.", "bg")[0] == "2019 г."
    assert one("In 2019 150 firms got support.", "en")[0] == "2019"


def test_years_in_a_list_after_a_year():
    assert [f[0] for f in found("in 2018, 2019 and 2020", "en")] == ["2018", "2019", "2020"]
    assert [f[0] for f in found("през 2018 и 2019 г.", "bg")] == ["2018", "2019 г."]


@pytest.mark.parametrize("lang, sentence, span, y1, y2", [
    ("bg", "Програмният период 2014 - 2020 приключва.", "2014 - 2020", 2014, 2020),
    ("bg", "Новият програмен период 2021-2027 г. започва.", "2021-2027 г.", 2021, 2027),
    ("bg", "и през новия програмен период 2021 - 2027 г..", "2021 - 2027 г.", 2021, 2027),
    ("en", "The 2021-2027 period brings new rules.", "2021-2027", 2021, 2027),
    ("en", "Cohesion policy 2014–2020 ends.", "2014–2020", 2014, 2020),
    ("sl", "Obdobje 2014 – 2020 se končuje.", "2014 – 2020", 2014, 2020),
    ("en", "between 2019 and 2021", "between 2019 and 2021", 2019, 2021),
    ("en", "from 2019 to 2021", "from 2019 to 2021", 2019, 2021),
    ("bg", "от 2019 до 2021 г.", "от 2019 до 2021 г.", 2019, 2021),
    ("es", "desde 2019 hasta 2021", "desde 2019 hasta 2021", 2019, 2021),
    ("pt", "de 2014 a 2020", "de 2014 a 2020", 2014, 2020),
    ("it", "dal 2014 al 2020", "dal 2014 al 2020", 2014, 2020),
    ("it", "tra il 2014 e il 2020", "tra il 2014 e il 2020", 2014, 2020),
    ("sl", "od 2014 do 2020", "od 2014 do 2020", 2014, 2020),
])
def test_year_ranges_and_programming_periods(lang, sentence, span, y1, y2):
    assert one(sentence, lang) == (span, f"{y1}-01-01", f"{y2}-12-31", "year")


# ---------------------------------------------------------------- halves and quarters

@pytest.mark.parametrize("lang, sentence, span, start, end", [
    ("bg", "Одобрение през първата половина на 2019 г.", "първата половина на 2019 г.", "2019-01-01", "2019-06-30"),
    ("bg", "Одобрение през втората половина на 2019 г.", "втората половина на 2019 г.", "2019-07-01", "2019-12-31"),
    ("bg", "Одобрение през II полугодие на 2019 г.", "II полугодие на 2019 г.", "2019-07-01", "2019-12-31"),
    ("en", "Approval in the first half of 2019.", "first half of 2019", "2019-01-01", "2019-06-30"),
    ("en", "Approval in H1 2019.", "H1 2019", "2019-01-01", "2019-06-30"),
    ("en", "Approval in H2 2019.", "H2 2019", "2019-07-01", "2019-12-31"),
    ("sl", "Odobritev: prva polovica 2019.", "prva polovica 2019", "2019-01-01", "2019-06-30"),
    ("sl", "Odobritev v prvi polovici leta 2019.", "prvi polovici leta 2019", "2019-01-01", "2019-06-30"),
    ("sl", "Odobritev v drugem polletju 2019.", "drugem polletju 2019", "2019-07-01", "2019-12-31"),
    ("es", "Aprobación en la primera mitad de 2019.", "primera mitad de 2019", "2019-01-01", "2019-06-30"),
    ("es", "Aprobación en el segundo semestre de 2019.", "segundo semestre de 2019", "2019-07-01", "2019-12-31"),
    ("pt", "Aprovação no primeiro semestre de 2019.", "primeiro semestre de 2019", "2019-01-01", "2019-06-30"),
    ("it", "Approvazione nel primo semestre 2019.", "primo semestre 2019", "2019-01-01", "2019-06-30"),
    ("it", "Approvazione nella seconda metà del 2019.", "seconda metà del 2019", "2019-07-01", "2019-12-31"),
])
def test_halves(lang, sentence, span, start, end):
    assert one(sentence, lang) == (span, start, end, "half")


@pytest.mark.parametrize("lang, sentence, span", [
    ("en", "Results are due in Q3 2019.", "Q3 2019"),
    ("en", "Results are due in 2019-Q3.", "2019-Q3"),
    ("en", "Results are due in the third quarter of 2019.", "third quarter of 2019"),
    ("bg", "Резултатите се очакват през трето тримесечие на 2019 г.", "трето тримесечие на 2019 г."),
    ("bg", "Резултатите се очакват през третото тримесечие на 2019 г.", "третото тримесечие на 2019 г."),
    ("sl", "Rezultati bodo v tretjem četrtletju 2019.", "tretjem četrtletju 2019"),
    ("es", "Resultados en el tercer trimestre de 2019.", "tercer trimestre de 2019"),
    ("pt", "Resultados no terceiro trimestre de 2019.", "terceiro trimestre de 2019"),
    ("it", "Risultati nel terzo trimestre 2019.", "terzo trimestre 2019"),
])
def test_quarters(lang, sentence, span):
    assert one(sentence, lang) == (span, "2019-07-01", "2019-09-30", "quarter")


# ---------------------------------------------------------------- numbers that are not dates

@pytest.mark.parametrize("lang, sentence", [
    ("bg", "Досега: 41 събития, 89 практики, като 83 от тях са описани; 89-те практики са оценени."),
    ("bg", "1. Първа препоръка.\n2. Втора препоръка.\n12. Дванадесета препоръка."),
    ("en", "See page 12 and p. 2019; 45% of firms; 2 000 000 EUR; 1,500 people; 2019,5 tonnes."),
    ("en", "Software version 2.1.2019 and v. 11.12.2018; tel. 02/123 2019; fax: 11.12.2018."),
    ("en", "We counted 2019 members, 1800 visitors and 2150 hours."),
    ("en", "A budget of 2000 EUR, up to 2000 € or 2000-2500 EUR; ISBN 978-2019-2020."),
    ("bg", "Бюджет до 2000 лв. и 2000-2500 евро; 2 000 000 лв."),
    ("es", "Hasta 2000 euros; más de 1500 empresas; el 45 %."),
    ("it", "Circa 2000 imprese e 89 buone pratiche."),
    ("sl", "Sodelovalo je 41 podjetij in 2000 udeležencev."),  # sl `in` is "and", not a year word
    ("en", "Calls 2019-2020-2021 and room 1999."),
    ("en", "See www.interregeurope.eu/2014-2020/news and interregeurope.eu/2019-12-11."),
    ("en", "The first half of the meeting; the third quarter; 11 December; May we."),
    ("bg", "Проектът е в шестия семестър; две и половина години след старта."),
])
def test_no_dates_from_numbers(lang, sentence):
    assert found(sentence, lang) == []


def test_bare_year_needs_context():
    assert found("The 2019 report", "en") == []
    assert found("Report 2019", "en") == []
    assert one("in the year 2019", "en")[0] == "2019"


def test_english_context_words_do_not_leak_into_other_languages():
    # `in` is a year word in English only
    assert found("Podjetja in 2019 sodelavcev", "sl") == []
    assert found("Companies in 2019 said", "en")[0][0] == "2019"


def test_unknown_language_uses_all_six():
    text = "11 декември 2018 г.; 11. decembra 2018; 11 dicembre 2018; 11 de dezembro de 2018"
    assert [f[1] for f in found(text, "und")] == ["2018-12-11"] * 4


# ---------------------------------------------------------------- output properties

def test_sorted_longest_first_and_deterministic():
    text = ("Phase 2 (from April 2019 to March 2021) follows the meeting of 11 and 12 December 2018 "
            "and the 2014-2020 period; results in Q3 2019.")
    first = find_dates(text, "en")
    assert first == find_dates(text, "en")
    assert [m.start for m in first] == sorted(m.start for m in first)
    assert [text[m.start:m.end] for m in first] == [
        "from April 2019 to March 2021", "11 and 12 December 2018", "2014-2020", "Q3 2019"]
    for a, b in zip(first, first[1:]):
        assert a.end <= b.start
    assert isinstance(first[0], DateMatch) and first[0].start_date == date(2019, 4, 1)


def test_no_date_across_a_block_break():
    assert [f[0] for f in found("April 2019\n\n– March 2021", "en")] == ["April 2019", "March 2021"]
    assert found("in\n\n2019 partners", "en") == []


def test_grammar_is_compiled_once():
    assert grammar("sl") is grammar("sl")


# ---------------------------------------------------------------- the real bulletin

def test_real_bulgarian_bulletin(shared_sample):
    text = re.sub(r"\s+", " ", shared_sample.read_text(encoding="utf-8"))
    got = [(m.start_date.isoformat(), m.end_date.isoformat(), m.granularity, text[m.start:m.end])
           for m in find_dates(text, "bg")]
    assert sorted(got) == sorted([
        ("2018-12-11", "2018-12-12", "day", "11 и 12 декември 2018 г."),
        ("2016-04-01", "2019-03-31", "day", "01.04.2016 – 31.03.2019"),
        ("2019-04-01", "2021-03-31", "day", "01.04.2019 – 31.03.2021"),
        ("2019-04-01", "2021-03-31", "month", "от април 2019 г. до март 2021 г."),
        ("2014-01-01", "2020-12-31", "year", "2014 - 2020"),
        ("2021-01-01", "2027-12-31", "year", "2021-2027 г."),
        ("2021-01-01", "2027-12-31", "year", "2021 - 2027 г."),
        ("2019-01-01", "2019-06-30", "half", "първата половина на 2019 г."),
    ])


# ---------------------------------------------------------------- the stage

def _line(text: str, top: float) -> Line:
    return Line(text=text, page=1, bbox=(40.0, top, 40.0 + 5 * len(text), top + 10), size=10)


def test_stage_reads_each_block_in_its_language():
    doc = DocState(path="t.pdf", doc_id="t", source=model.Source(path="t.pdf", sha256="0" * 64, format="pdf", bytes=1))
    doc.blocks = [
        Block([_line("The partners met on 11 and 12", 100), _line("December 2018 in Maribor.", 112)], page=1),
        Block([_line("Druga faza traja od aprila 2019 do", 140), _line("marca 2021. Podjetja in 2000 ljudi.", 152)],
              page=1, flow_break=True),
        Block([_line("Companies in 2000 said yes.", 180)], page=1, flow_break=True),
    ]
    get("assemble")(doc)
    doc.language = "en"
    doc.block_languages = ["en", "sl", "en"]
    get("dates")(doc)
    finalise(doc)
    dates = [r for r in doc.records if r.kind == "date"]
    assert [(r.text, r.start, r.end, r.granularity) for r in dates] == [
        ("11 and 12 December 2018", "2018-12-11", "2018-12-12", "day"),
        ("od aprila 2019 do marca 2021", "2019-04-01", "2021-03-31", "month"),
        ("2000", "2000-01-01", "2000-12-31", "year"),
    ]
    for r in dates:
        assert doc.text[r.span.start:r.span.end] == r.text
        assert r.page == 1 and r.bbox is not None
        model.Date.model_validate(r.model_dump())
    assert [r.id for r in dates] == ["t/date/1", "t/date/2", "t/date/3"]
    assert len(dates[0].boxes) == 1 and dates[0].boxes[0][2] == 100.0
    assert dates[1].language == "sl"
