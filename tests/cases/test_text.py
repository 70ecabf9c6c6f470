import pytest

from cases.text import fold, sort_key, tr_lower, tr_upper


@pytest.mark.parametrize(
    ("query", "stored"),
    [("ışık", "IŞIK"), ("istanbul", "İSTANBUL"), ("çalışma", "ÇALIŞMA"), ("isik", "Işık"), ("IĞDIR", "ığdır")],
)
def test_folded_query_is_found_in_folded_text(query, stored):
    assert fold(query) in fold(f"Dosya: {stored} Müdürlüğü")


def test_turkish_case_mapping():
    assert tr_upper("istanbul ılıca") == "İSTANBUL ILICA"
    assert tr_lower("İSTANBUL ILICA") == "istanbul ılıca"


def test_sorting_follows_the_turkish_alphabet():
    words = ["Zeynep", "Çiğdem", "Cem", "Ömer", "Oya", "İsmail", "Irmak", "Şule", "Selim", "Ümit", "Ufuk"]
    assert sorted(words, key=sort_key) == [
        "Cem",
        "Çiğdem",
        "Irmak",
        "İsmail",
        "Oya",
        "Ömer",
        "Selim",
        "Şule",
        "Ufuk",
        "Ümit",
        "Zeynep",
    ]


def test_unions_institutions_and_people_sort_in_turkish_order():
    unions = ["Enerji Bir-Sen", "Eğitim-Bir-Sen", "Diyanet-Sen", "Büro Memur-Sen"]
    assert sorted(unions, key=sort_key) == ["Büro Memur-Sen", "Diyanet-Sen", "Eğitim-Bir-Sen", "Enerji Bir-Sen"]
    places = ["Çankırı Valiliği", "Cankurtaran İlkokulu", "Çorum", "Ceyhan"]
    assert sorted(places, key=sort_key) == ["Cankurtaran İlkokulu", "Ceyhan", "Çankırı Valiliği", "Çorum"]


def test_dotless_and_dotted_i_sort_apart_lower_case_first():
    assert sorted(["İ", "i", "I", "ı"], key=sort_key) == ["ı", "I", "i", "İ"]
    assert sorted(["İnce", "Işık", "ilgi", "ısı"], key=sort_key) == ["ısı", "Işık", "ilgi", "İnce"]  # s < ş


def test_spaces_and_digits_come_before_letters_and_accents_only_break_ties():
    assert sorted(["Abc", "Ab C", "Ab2"], key=sort_key) == ["Ab C", "Ab2", "Abc"]
    assert sorted(["kâr", "kar", "karar"], key=sort_key) == ["kar", "kâr", "karar"]
