"""The sentences of the documents' own chapters, one module of strategy.text per document:
the diagnosis, the strategy and its scope chapters, the two programmes, the implementation
report, the control annex, the consultation report, and the sentences they share. Every
expected string is written by hand from the function's definition (a "~" is a no-break space).
"""
from strategy import DEMO_MARK
from strategy.catalog import default_catalog
from strategy.text import (
    NBSP,
    diagnoza,
    diagnoza_obszary,
    grammar,
    konsultacje,
    kontrola,
    prognoza,
    program_pieczy,
    program_rodziny,
    sprawozdanie,
    strategia,
    wspolne,
)
from strategy.text import strategia_zakres as zakres

CAT = default_catalog()


def sp(text: str) -> str:
    return text.replace("~", NBSP)


# ---- shared pieces ---------------------------------------------------------------------------
def test_count_agrees_the_phrase_with_the_number():
    forms = ("uwaga", "uwagi", "uwag")
    assert grammar.count(1, forms) == sp("1~uwaga")
    assert grammar.count(3, forms) == sp("3~uwagi")
    assert grammar.count(12, forms) == sp("12~uwag")
    assert grammar.count(22, forms) == sp("22~uwagi")
    assert grammar.count(12345, forms) == sp("12~345~uwag")


def test_shared_sentences():
    assert wspolne.demo_note() == (f"{DEMO_MARK}: liczby w tym dokumencie są wygenerowane i "
                                   "służą wyłącznie do pokazania działania narzędzia; kody TERYT "
                                   "i nazwy gmin są prawdziwe, wartości nie.")
    assert wspolne.justification("Liczba rodzin", "1.2", "Nowe przepisy.") == (
        "Wskaźnik „Liczba rodzin” (cel 1.2): wartość docelowa dopuszcza pogorszenie względem "
        "wartości bazowej. Uzasadnienie: Nowe przepisy.")
    assert wspolne.outputs_missing([]) == ""
    assert wspolne.outputs_missing(["1.1.1"]).startswith(
        "Kierunek działań 1.1.1 nie ma jeszcze wskaźnika produktu")
    assert wspolne.outputs_missing(["1.1.1", "2.1.3"]).startswith(
        "Kierunki działań 1.1.1, 2.1.3 nie mają jeszcze wskaźnika produktu")
    assert wspolne.funding_total(1234567) == sp(
        "Łączne szacowane nakłady wynoszą 1~234~567~zł (zob. {t}); kwoty w kolejnych latach "
        "określą uchwały budżetowe.")


def test_area_frame_sentences():
    assert diagnoza_obszary.table_note() == (
        "Wartości wskaźników z tego obszaru zestawiono w tabeli (zob. {t}).")
    assert diagnoza_obszary.no_data("gmina Blizanów") == (
        "Brak danych w tym obszarze dla jednostki: gmina Blizanów.")
    assert prognoza.in_areas_note() == ("Zdania opisujące prognozę każdego wskaźnika podano w "
                                        "rozdziałach poświęconych poszczególnym obszarom.")


# ---- the diagnosis ---------------------------------------------------------------------------
def test_diagnosis_chapter_sentences():
    assert diagnoza.purpose("Blizanów").startswith(
        "Diagnoza sytuacji społecznej gminy Blizanów jest podstawą gminnej strategii")
    assert diagnoza.data_years(2015, 2024, 2024) == (
        "Wykorzystano dane z lat 2015–2024 (rokiem diagnozy jest 2024 r.) pochodzące z "
        "następujących źródeł:")
    assert diagnoza.data_years(2024, 2024, 2024) == (
        "Wykorzystano dane z 2024 r. (rokiem diagnozy jest 2024 r.) pochodzące z "
        "następujących źródeł:")
    assert diagnoza.comparison_summary(20, 8, 5).startswith(
        "Spośród 20 wskaźników porównywalnych z powiatem (zob. {t}) gmina wypada korzystniej w "
        "8, a mniej korzystnie w 5;")
    assert diagnoza.forecast_table_note(4, 6).startswith(
        "Prognozy 4 z 6 wskaźników kluczowych zestawiono w tabeli (zob. {t});")
    assert diagnoza.ranking_top("Bezrobocie").startswith(
        "Najwyższy wynik ma obszar „Bezrobocie” (zob. {a}).")


# ---- the strategy ----------------------------------------------------------------------------
def test_strategy_sentences():
    assert strategia.purpose("kaliski", 2025, 2030, "PCPR w Kaliszu").startswith(
        "Strategia rozwiązywania problemów społecznych powiatu kaliskiego na lata 2025–2030 "
        "określa")
    assert strategia.statute_item("ust. 2 pkt 1", 3) == "art. 16b ust. 2 pkt 1 – rozdział 3"
    assert strategia.goals_summary(1, 3, 5) == sp(
        "Strategia ma 1~cel strategiczny, 3~cele operacyjne i 5~kierunków działań. Dla każdego "
        "kierunku podano realizatorów, partnerów, termin i źródła finansowania.")
    assert strategia.diagnosis_intro("kaliski", 2024, 82345, 11).startswith(
        sp("Diagnozę sporządzono dla powiatu kaliskiego według stanu na 31 grudnia 2024 r. "
           "Powiat kaliski liczył wtedy 82~345 mieszkańców w 11 gminach."))
    assert strategia.social_economy_note(1) == (
        "W zestawieniu (zob. {t}) ujęto jeden podmiot z jego zakresem usług i potencjałem.")
    assert "ujęto 3 podmioty z ich" in strategia.social_economy_note(3)
    assert "ujęto 7 podmiotów z ich" in strategia.social_economy_note(7)
    # 250 000 of 1 000 000 is a quarter
    assert strategia.funding_total("2025–2030", 1_000_000, 250_000, "budżet powiatu") == sp(
        "Łączne szacowane nakłady na realizację strategii w latach 2025–2030 wynoszą "
        "1~000~000~zł (zob. {t}). Największą część, 250~000~zł (25,0%), ma pochodzić ze "
        "źródła: budżet powiatu.")


def test_strategy_scope_sentences():
    assert zakres.kind_item("domy pomocy społecznej", 2, 150, 140, 140 / 150 * 100, 12) == sp(
        "domy pomocy społecznej – 2~jednostki, 150~miejsc (zajęte: 140, tj. 93,3%); osoby "
        "oczekujące na miejsce: 12;")
    assert zakres.kind_item("mieszkania chronione", 1, float("nan"), None, None, None) == sp(
        "mieszkania chronione – 1~jednostka;")
    assert zakres.detail_note(float("nan")).endswith("wymieniono w wykazie (zob. {t}).")
    assert zakres.detail_note(5).endswith(
        "Łączna liczba osób oczekujących na miejsce we wszystkich jednostkach: 5.")
    assert zakres.gmina_remarks(None, 11, 4) == sp("Gminy zgłosiły do projektu łącznie 4~uwagi.")
    assert zakres.gmina_remarks(0, 11, 0) == "Żadna z gmin nie zgłosiła uwag do projektu."
    assert zakres.gmina_remarks(1, 11, 5) == sp(
        "Uwagi do projektu zgłosiła 1 spośród 11 gmin powiatu – łącznie 5~uwag.")
    assert zakres.gmina_remarks(3, 11, 22).startswith("Uwagi do projektu zgłosiły 3 spośród")
    assert zakres.gmina_remarks(5, 11, 9).startswith("Uwagi do projektu zgłosiło 5 spośród")
    assert zakres.ngo_remarks(2, 3, 10) == sp(
        "Uwagi zgłosiły 2~organizacje pozarządowe spośród 10 zaproszonych – łącznie 3~uwagi.")
    assert zakres.ngo_remarks(0, 0) == "Żadna z organizacji pozarządowych nie zgłosiła uwag."
    assert zakres.adoption("Rada Powiatu Kaliskiego", "Zarządowi Powiatu Kaliskiego",
                           annexed=False) == sp(
        "Strategię przyjmuje Rada Powiatu Kaliskiego w drodze uchwały (art.~12 pkt~11 ustawy o "
        "samorządzie powiatowym w związku z art.~19 pkt~1 ustawy o pomocy społecznej), której "
        "wykonanie powierza się Zarządowi Powiatu Kaliskiego.")


# ---- the programmes --------------------------------------------------------------------------
def test_family_programme_sentences():
    # 30 of 120 families: 25,0%
    assert program_rodziny.families_helped(2024, 120, 30) == sp(
        "W 2024 r. pomocą społeczną objęto 120~rodzin; liczba rodzin, którym przyznano pomoc z "
        "powodu bezradności w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa "
        "domowego, wyniosła 30 (25,0% rodzin objętych pomocą).")
    load = program_rodziny.assistant_load(2024, 16.5, CAT.get("rodziny_na_asystenta"), 15)
    assert "co przekracza ustawowy limit 15 rodzin na asystenta" in load
    assert "co mieści się w ustawowym limicie 15" in program_rodziny.assistant_load(
        2024, 12, CAT.get("rodziny_na_asystenta"), 15)
    assert program_rodziny.children_in_care(2024, 3) == sp(
        "W 2024 r. w pieczy zastępczej przebywało 3~dzieci z gminy.")
    assert program_rodziny.children_in_care(2024, 1, 25000) == sp(
        "W 2024 r. w pieczy zastępczej przebywało 1~dziecko z gminy; gmina współfinansowała "
        "ich pobyt kwotą 25~000,00~zł.")  # fmt_amount: grosze shown
    assert program_rodziny.assistants(2023, 2, float("nan")) == (
        "W 2023 r. liczba asystentów rodziny zatrudnionych w gminie wynosiła 2.")
    assert program_rodziny.assistants(2023, 2, 1) == (
        "W 2023 r. liczba asystentów rodziny zatrudnionych w gminie wynosiła 2, a placówek "
        "wsparcia dziennego – 1.")
    assert program_rodziny.annual_report("wójt gminy").startswith(
        "Wójt gminy składa radzie gminy coroczne sprawozdanie")


def test_foster_care_programme_sentences():
    # 48 families on 5 coordinators: 9,6 each
    assert program_pieczy.coordinator_load(2024, 48, 5, 15) == sp(
        "W 2024 r. na jednego koordynatora rodzinnej pieczy zastępczej przypadało średnio "
        "9,6~rodziny zastępczej lub rodzinnego domu dziecka (48 na 5~koordynatorów), co mieści "
        "się w limicie 15 rodzin na koordynatora (art. 77 ust. 4 ustawy o wspieraniu rodziny i "
        "systemie pieczy zastępczej).")
    note = "Program ustala limit rodzin zastępczych zawodowych na każdy rok jego realizacji (zob. {t})."
    assert program_pieczy.limit_note() == note
    assert program_pieczy.limit_note(2024, 1) == note + sp(" W 2024 r. w powiecie działała 1~taka rodzina.")
    assert program_pieczy.limit_note(2024, 3) == note + sp(" W 2024 r. w powiecie działały 3~takie rodziny.")
    assert program_pieczy.limit_note(2024, 5) == note + sp(" W 2024 r. w powiecie działało 5~takich rodzin.")


# ---- the implementation report ---------------------------------------------------------------
def test_report_sentences():
    assert sprawozdanie.indicators_summary(2024, 3, 4, 0).startswith(
        "Wartość osiągniętą w 2024 r. znamy dla 3 z 4 wskaźników; żaden z nich nie osiągnął "
        "celu (zob. {t}).")
    assert "z 1 wskaźnika; cel osiągnął lub przekroczył 1 z nich" in (
        sprawozdanie.indicators_summary(2024, 1, 1, 1))
    assert "cel osiągnęły lub przekroczyły 2 z nich" in sprawozdanie.indicators_summary(2024, 4, 4, 2)
    assert "cel osiągnęło lub przekroczyło 5 z nich" in sprawozdanie.indicators_summary(2024, 6, 6, 5)
    assert sprawozdanie.year_summary(2024) == ""
    assert sprawozdanie.year_summary(2024, 1, 13) == sp(
        "W 2024 r. pracował 1~asystent rodziny, który pracował z 13~rodzinami.")
    # 3 assistants with 12 families each: 36 families
    assert sprawozdanie.year_summary(2024, 3, 12, [("budżet gminy", 1500)], 2, 0) == sp(
        "W 2024 r. pracowało 3~asystentów rodziny, którzy łącznie pracowali z 36~rodzinami; "
        "wydatki wyniosły: budżet gminy – 1500,00~zł; liczba dzieci w pieczy zastępczej, których "
        "pobyt współfinansowała gmina, wyniosła 2 (w tym powroty do rodziny, przysposobienia i "
        "usamodzielnienia: 0).")


# ---- the control annex and the consultation report -------------------------------------------
def test_control_annex_sentences():
    assert kontrola.compared_intro("Porównano A i B.") == "Porównano A i B. Sprawdzono, czy:"
    assert kontrola.check_items([("cele", "są zgodne"), ("kwoty", "się sumują")]) == [
        "cele – są zgodne;", "kwoty – się sumują."]


def test_consultation_report_sentences():
    assert konsultacje.intro_sentences(
        ["1.0"], ["Blizanów", "Opatówek"], 3, [("komentarz", 2), ("zmiana", 0), ("", 1)],
        [("uwzględniona", 1), ("bez stanowiska", 2)]) == [
        "Raport dotyczy projektu w wersji 1.0.",
        "Liczba gmin, które zgłosiły uwagi: 2 (Blizanów, Opatówek).",
        "Liczba zgłoszonych uwag: 3.",
        "Według sposobu zgłoszenia – komentarze w tekście: 2; inne: 1.",
        "Według stanowiska – uwzględniona: 1; bez stanowiska: 2."]
    assert konsultacje.intro_sentences([], [], 0, [], []) == [
        "Liczba gmin, które zgłosiły uwagi: 0.", "Liczba zgłoszonych uwag: 0."]


def test_strategy_gmina_annex_sentences():
    assert strategia.annex_urgent_item("Bezrobocie", 0.4249, "Stopa bezrobocia") == (
        "Bezrobocie (wynik 0,42; najpilniejszy wskaźnik: Stopa bezrobocia)")
    assert strategia.annex_urgent_intro() == "Najpilniejsze obszary problemowe:"
    assert strategia.annex_urgent_none() == (
        "Dane nie wskazują obszarów wyraźnie odbiegających od powiatu.")
