from home.ngrams import MAX_QUERY_LENGTH, index_text, query_terms, tokens


def test_chinese_run_is_split_into_overlapping_pairs():
    assert tokens("职称评审") == ["职称", "称评", "评审"]


def test_latin_words_and_numbers_stay_whole_and_lower_case():
    assert tokens("2026年度 PDF 表格") == ["2026", "年度", "pdf", "表格"]


def test_index_text_also_holds_single_characters_for_one_character_queries():
    assert set(index_text("省厅").split()) == {"省厅", "省", "厅"}


def test_query_terms_drop_punctuation_and_duplicates():
    assert query_terms("  评审，评审！ ") == ["评审"]


def test_empty_query_has_no_terms():
    assert query_terms("") == []
    assert query_terms("，。！") == []


def test_very_long_query_is_cut_to_the_maximum_length():
    terms = query_terms("评" * 10_000)
    assert terms == ["评评"]
    assert len(query_terms("".join(chr(0x4E00 + i) for i in range(500)))) == MAX_QUERY_LENGTH - 1
