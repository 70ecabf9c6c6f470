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
