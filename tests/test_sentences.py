"""Sentence splitting: abbreviations, quotation marks, subheads and captions."""

from analysis.coding.sentences import paragraph_spans, split_story


def pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_story(text)]


def headings(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_story(text) if s.is_heading]


def test_abbreviations_do_not_end_sentences():
    text = (
        "Dr. Smith met Mr. Lee of Acme Inc. in the U.S. Capitol at 3 p.m. Tuesday. "
        "The meeting, set for Jan. 5, followed Resolution No. 12. It went well."
    )
    assert pieces(text) == [
        "Dr. Smith met Mr. Lee of Acme Inc. in the U.S. Capitol at 3 p.m. Tuesday.",
        "The meeting, set for Jan. 5, followed Resolution No. 12.",
        "It went well.",
    ]


def test_abbreviation_at_the_end_of_a_sentence():
    text = "The delegation flew to the U.S. The trip took a week."
    assert pieces(text) == ["The delegation flew to the U.S.", "The trip took a week."]


def test_each_sentence_of_a_quotation_is_its_own_row():
    text = "“We came to learn. We also had fun,” Ana Ruiz said. She left on Monday."
    assert pieces(text) == ["“We came to learn.", "We also had fun,” Ana Ruiz said.", "She left on Monday."]


def test_closing_quote_after_the_full_stop_stays_with_its_sentence():
    straight = 'He said: "It was good." Then he left.'
    spaced = '"That was new, and it was fun. "'
    assert pieces(straight) == ['He said: "It was good."', "Then he left."]
    assert pieces(spaced) == ['"That was new, and it was fun. "']


def test_question_and_exclamation_marks_end_sentences_but_not_before_lowercase():
    text = '"Why now?" she asked. It mattered! Yahoo! said nothing.'
    assert pieces(text) == ['"Why now?" she asked.', "It mattered!", "Yahoo! said nothing."]


def test_subhead_on_its_own_line_is_a_heading():
    text = "The first paragraph ends here. It has two sentences.\nA new direction\nThe second paragraph starts."
    assert headings(text) == ["A new direction"]


def test_short_first_paragraph_with_a_full_stop_is_the_headline():
    text = "Verizon, striking unions reach four-year deal.\n\nThe deal ends a strike of 39,000 workers. It runs until 2019."
    assert headings(text) == ["Verizon, striking unions reach four-year deal."]
    lede = "Thousands of workers at the telecoms giant Verizon will return to work on Wednesday after the deal.\n\nIt runs until 2019."
    assert headings(lede) == []
    unbroken = "Ana Ruiz, a nurse from Madrid, said the shift was long.\nIt never ends."
    assert headings(unbroken) == []


def test_photo_descriptions_and_page_links_are_headings_but_not_a_sentence_about_a_photo():
    text = (
        "Prices rose in May. Analysts expect more.\n"
        "Aerial photo taken on July 1, 2020 shows a new bridge over the Yangtze River.\n"
        "Premier Li Keqiang attends the meeting at the Great Hall of the People in Beijing, capital of China, Nov. 12, 2020.\n"
        "The treaty was signed in Beijing, capital of China, Nov. 12, 2020.\n"
        "A photo attached to the report shows a prototype of the vehicle.\n"
        "【1】 【2】 【3】"
    )
    assert headings(text) == [
        "Aerial photo taken on July 1, 2020 shows a new bridge over the Yangtze River.",
        "Premier Li Keqiang attends the meeting at the Great Hall of the People in Beijing, capital of China, Nov. 12, 2020.",
        "【1】 【2】 【3】",
    ]


def test_subhead_glued_to_the_end_of_a_paragraph_is_a_heading():
    text = "Prices rose in May. Analysts expect more. The road ahead\nNext month will tell."
    assert pieces(text) == ["Prices rose in May.", "Analysts expect more.", "The road ahead", "Next month will tell."]
    assert headings(text) == ["The road ahead"]


def test_long_unpunctuated_line_is_a_sentence_not_a_heading():
    text = "At the fair held in June in the city the makers of many new models were showing what they can do for buyers\nThen the fair closed."
    assert headings(text) == []


def test_photo_credit_is_a_heading():
    text = "Photo: Xinhua\nThe talks began on Monday."
    assert headings(text) == ["Photo: Xinhua"]


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "The committee met on Monday and agreed\nto publish its report before the\nend of the month.\n\n"
        "Members said the delay was\nunavoidable given the size of\nthe task.\n"
    )
    assert len(paragraph_spans(text)) == 2
    assert [s.paragraph for s in split_story(text)] == [1, 2]


def test_a_scraped_headline_byline_and_dates_stay_separate_headings():
    text = (
        "Ports reopen after storm\nBy Ana Ruiz and Tom Lee\nPublished: Jan 05, 2024 10:12 PM\nUpdated: Jan 06, 2024\n\n"
        "The ports reopened on Friday after a week of closures caused by the storm, officials said.\n"
    )
    rows = split_story(text)
    assert [s.is_heading for s in rows] == [True, True, True, True, False]


def test_a_signature_after_a_quotation_stays_with_it():
    text = "“The ferry is late again. We wait every day.” ― Mara Olsen, a commuter\n"
    rows = split_story(text)
    assert [text[s.start : s.end] for s in rows] == ["“The ferry is late again.", "We wait every day.” ― Mara Olsen, a commuter"]


def test_an_edited_abbreviation_list_is_read_for_the_next_story(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(tmp_path))
    listing = tmp_path / "abbreviations.csv"
    text = "They met at the Ave. The talks began."
    listing.write_text("abbreviation,kind\nMr,title\n", encoding="utf-8")
    assert pieces(text) == ["They met at the Ave.", "The talks began."]
    listing.write_text("abbreviation,kind\nMr,title\nAve,title\n", encoding="utf-8")
    assert pieces(text) == [text]


def test_a_subhead_in_capitals_glued_to_a_sentence_is_a_heading_of_its_own():
    text = 'Xi spoke. TARGETS THROUGH 2035 The session raised a set of objectives. The UN and NATO met. US AND CHINA AGREE Trade is up.'
    assert headings(text) == ["TARGETS THROUGH 2035", "US AND CHINA AGREE"]
    assert "The session raised a set of objectives." in pieces(text)


def test_a_short_first_paragraph_is_the_lede_when_the_title_is_known_and_different(tmp_path):
    from analysis.coding.sentences import split_story

    text = "Tax rates are rising across Europe.\n\nGovernments need revenue, economists say."
    assert [s.is_heading for s in split_story(text, title="Europe's tax squeeze")] == [False, False]
    assert [s.is_heading for s in split_story(text, title="Tax rates are rising across Europe")] == [True, False]
    assert [s.is_heading for s in split_story(text)] == [True, False]
