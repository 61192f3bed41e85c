"""Numbered items in prose as people write it (issue 15): lists inside a sentence, and what is
never an item (contents lines, numbered section headings, references), in the six languages.
The texts are our own."""

from __future__ import annotations

import pytest

from intra_extract.pipeline import load
from intra_extract.runner import process_file

from .helpers import CORE_PIPELINE


def items_of(text: str):
    doc = process_file("t.txt", "t.txt", text.encode("utf-8"), load(CORE_PIPELINE))
    for r in doc.records:
        assert doc.text[r.span.start:r.span.end] == r.text
    return [r for r in doc.records if r.kind == "recommendation"]


# (lead-in, items, the sentence with the items joined as the language joins them)
INLINE = {
    "en": ("The workshop looked at three questions", ["who pays for the first fair", "how to find staff", "where to sell"],
           "The workshop looked at three questions: 1. who pays for the first fair; 2. how to find staff; and 3. where to sell. Then lunch was served."),
    "es": ("El plan tiene tres líneas", ["ayudas para ferias", "formación de técnicos", "un portal de mercados"],
           "El plan tiene tres líneas: 1. ayudas para ferias; 2. formación de técnicos; y 3. un portal de mercados. Se revisará en otoño."),
    "pt": ("A rede pediu duas coisas", ["prazos mais curtos", "um balcão único para as empresas"],
           "A rede pediu duas coisas: (1) prazos mais curtos e (2) um balcão único para as empresas. O governo respondeu em maio."),
    "it": ("Il tavolo ha indicato due priorità", ["voucher per le fiere, anche digitali", "corsi di lingua"],
           "Il tavolo ha indicato due priorità: (1) voucher per le fiere, anche digitali, e (2) corsi di lingua. Seguirà una relazione."),
    "sl": ("Podjetja so izpostavila tri ovire", ["pomanjkanje kadrov", "drage sejme", "zapletene razpise"],
           "Podjetja so izpostavila tri ovire: 1. pomanjkanje kadrov; 2. drage sejme; in 3. zapletene razpise. Agencija bo pripravila odgovor."),
    "bg": ("Фирмите посочиха две нужди", ["по-бързо плащане", "един център за информация"],
           "Фирмите посочиха две нужди: (1) по-бързо плащане и (2) един център за информация. Агенцията ще отговори до есента."),
}


@pytest.mark.parametrize("lang", sorted(INLINE))
def test_an_enumeration_inside_a_sentence_gives_one_item_each(lang):
    lead_in, bodies, sentence = INLINE[lang]
    text = f"News of the partners\n\n{sentence}\n\nAnother paragraph follows here, with 2 figures and 3. points.\n"
    got = items_of(text)
    assert [(r.number, r.body, r.list_heading) for r in got] == [(n, b, lead_in) for n, b in enumerate(bodies, 1)]
    assert got[0].text.startswith("1. ") or got[0].text.startswith("(1) ")


def test_numbers_inside_a_sentence_without_a_lead_in_or_a_sequence_are_not_items():
    text = ("Report\n\nThe partners met on 1. aprila 2016 and again on 2. maja 2017 in Maribor.\n\n"
            "See the figures: 1. 4. 2016 and 2. 5. 2017 were the dates.\n\n"
            "Two rooms: 1. upstairs only.\n")
    assert items_of(text) == []


# A report: a contents page with dot leaders, numbered section headings, a numbered list of
# recommendations, then numbered references under their heading in the document's language.
REPORT = {
    "en": ("Contents", "Introduction", "Findings", "Recommendations", "References", "We recommend the following:",
           ["Keep the mentoring scheme.", "Report every quarter."], "Smith, J. (2016). Export support. London: Press."),
    "es": ("Índice", "Introducción", "Resultados", "Propuestas", "Bibliografía", "Proponemos lo siguiente:",
           ["Mantener las ayudas.", "Informar cada trimestre."], "Pérez, L. y Gil, R. (2015). Pymes y exportación. Madrid."),
    "pt": ("Sumário", "Enquadramento", "Resultados", "Recomendações", "Referências bibliográficas", "Recomendamos:",
           ["Manter o balcão.", "Reportar a cada trimestre."], "INE (2020). Anuário estatístico. Lisboa: INE."),
    "it": ("Indice", "Introduzione", "Risultati", "Proposte", "Bibliografia", "Proponiamo quanto segue:",
           ["Mantenere i voucher.", "Riferire ogni trimestre."], "Rossi, M. e Neri, F. (2014). Piccole imprese. Roma."),
    "sl": ("Kazalo", "Uvod", "Ugotovitve", "Predlogi", "Viri in literatura", "Predlagamo naslednje:",
           ["Ohraniti mentorstvo.", "Poročati vsako četrtletje."], "Novak, A. (2016). Izvoz MSP. Ljubljana: Založba."),
    "bg": ("Съдържание", "Въведение", "Резултати", "Препоръки", "Използвана литература", "Препоръчваме следното:",
           ["Да се запази менторството.", "Да се отчита всяко тримесечие."], "Петров, С. (2016). Износът на МСП. София."),
}


@pytest.mark.parametrize("lang", sorted(REPORT))
def test_contents_headings_and_references_are_not_items(lang):
    contents, intro, findings, recs, references, lead_in, bodies, reference = REPORT[lang]
    text = "\n".join([
        "Report 2016", "", contents, "",
        f"1. {intro} {'.' * 40} 2",
        f"2. {findings} {'.' * 40} 3",
        f"   2.1 {findings} A {'. ' * 20} 3",
        f"3. {recs} {'.' * 40} 5",
        f"{references} {'.' * 40} 7", "", "",
        f"1. {intro}", "", "The report was written in 2016 for the partners of the project.", "",
        f"2. {findings}", "", f"2.1 {findings} A", "", "Firms export less than they could, for three reasons.", "",
        f"3. {recs}", "", lead_in, "",
        *[f"{n}. {b}" for n, b in enumerate(bodies, 1)], "",
        references, "",
        f"1. {reference}",
        "2. Interreg Europe (2019). Policy learning platform. Lille.",
        "3. OECD (2017). Small firms abroad. Paris: OECD. https://doi.org/10.1787/0000-en", "",
    ])
    got = items_of(text)
    assert [(r.number, r.body) for r in got] == list(enumerate(bodies, 1))


def test_a_numbered_list_of_references_without_a_heading_is_no_list():
    text = ("Further work\n\nThe reader may turn to these works:\n\n"
            "1. Bromley, K. and Hart, J. (2018). Mentoring first exporters. Leeds: Policy Press.\n"
            "2. Kovač, M. (2017). Export support in the east. Maribor: University Press.\n"
            "3. Gil, R. et al. Vouchers for small exporters. doi:10.1000/xyz123\n")
    assert items_of(text) == []


def test_a_numbered_title_followed_by_its_items_stays_a_list():
    text = "Actions\n\nWe agreed on:\n\n1. Joint missions\n\n2. Shared export managers\n\n3. A trade portal\n\nThe next meeting is in May.\n"
    assert [r.body for r in items_of(text)] == ["Joint missions", "Shared export managers", "A trade portal"]


def test_items_ending_in_commas_go_on_in_lower_case():
    text = ("Novice\n\nPodjetja potrebujejo:\n\n1. boljše informacije o trgih,\n2. pomoč pri iskanju kadrov,\n"
            "3. preprostejše razpise.\n\nNaslednje srečanje bo junija.\n")
    assert [r.body for r in items_of(text)] == ["boljše informacije o trgih,", "pomoč pri iskanju kadrov,",
                                              "preprostejše razpise."]


@pytest.mark.parametrize("heading", ["10:30", "• a", "172", "and so the text goes on without a stop"])
def test_a_list_heading_is_a_real_heading(heading):
    from intra_extract.lists import list_heading
    from intra_extract.state import Block, Line

    blocks = [Block([Line("Recommendations of the partners")], role="heading"), Block([Line(heading)], role="heading"),
              Block([Line("1. Pool services."), Line("2. Fund vouchers.")])]
    assert list_heading(blocks, 2) == "Recommendations of the partners"


# A text layer exported from a PDF, double spaced (every printed line then a blank one, and
# sentences running on across the blanks): the last item ends before a "Title: subtitle" heading.
TITLE_WITH_COLON = {
    "en": "Good practice: shared export managers", "es": "Buena práctica: gestores compartidos",
    "pt": "Boa prática: gestores partilhados", "it": "Buona pratica: export manager condivisi",
    "sl": "Dobra praksa: skupni izvozni menedžerji", "bg": "Добра практика: общи мениджъри по износ",
}


@pytest.mark.parametrize("lang", sorted(TITLE_WITH_COLON))
def test_a_title_with_a_colon_ends_the_last_item_in_a_double_spaced_layer(lang):
    lines = [
        "Recommendations of the partners", "1. Regional agencies should pool their services so that",
        "small firms find one door for all questions.", "2. Vouchers for digital trade should be simpler",
        "and paid out before the fair.", TITLE_WITH_COLON[lang], "Small firms of one sector share a manager who",
        "is paid in part by the region and in part by them.", "Phase 1: 2016 - 2019",
    ]
    got = items_of("\n\n".join(lines) + "\n")
    assert [r.body for r in got] == ["Regional agencies should pool their services so that small firms find one door for all questions.",
                                     "Vouchers for digital trade should be simpler and paid out before the fair."]



def test_items_that_open_with_a_number_ordinals_inside_items_and_a_heading_in_another_style():
    from intra_extract.markers import marker_of

    assert marker_of("2. 34 firms took part;") == (2, 3)
    assert marker_of("2. 000 euros") is None and marker_of("3.5 million") is None
    got = items_of("What changed? The chamber reports:\n1. over 120 firms got advice;\n2. 34 firms went to a fair;\n"
                   "3. a network of 15 experts was set up.\n\nAgenda:\n1. Review of the 2. meeting\n2. Report\n3. Other\n\n"
                   "3. Costs\n\nThese costs count:\n1) fairs;\n2) staff;\n3) studies.\n\n4. Deadlines\n\nApply by May.")
    assert [(r.number, r.body) for r in got] == [
        (1, "over 120 firms got advice;"), (2, "34 firms went to a fair;"), (3, "a network of 15 experts was set up."),
        (1, "Review of the 2. meeting"), (2, "Report"), (3, "Other"),
        (1, "fairs;"), (2, "staff;"), (3, "studies."),
    ]


def test_a_forms_lines_to_fill_in_are_not_items():
    got = items_of("The form asks:\n\n1. Name of firm: ______________\n2. Employees: ____\n3. Signed ……………\n\nThanks.")
    assert got == []


def test_an_item_interrupted_by_an_article_in_a_text_layer_is_read_on():
    text = ("The partners recommend:\n\n1. Give first exporters one adviser.\n2. Fund shared staff.\n"
            "3. Link fair grants to a short\nexport plan, agreed before the fair,\nPartner news\n\n"
            "Bulgaria: a new export desk\nopened in Shumen in May.\n\nand check the results six months\nlater.\n"
            "4. Publish the data every year.\n")
    got = items_of(text)
    assert [(r.number, r.body) for r in got] == [
        (1, "Give first exporters one adviser."), (2, "Fund shared staff."),
        (3, "Link fair grants to a short export plan, agreed before the fair, and check the results six months later."),
        (4, "Publish the data every year."),
    ]
    # A line in capitals inside an item's sentence ("in the / West Midlands") is no interruption.
    got = items_of("Aims:\n\n1. Support firms in the\nWest Midlands and Algarve with\nvouchers.\n2. Share staff.\n")
    assert [r.body for r in got] == ["Support firms in the West Midlands and Algarve with vouchers.", "Share staff."]
