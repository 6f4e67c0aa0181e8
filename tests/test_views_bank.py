"""QuestionBankView: filters drive the list; Add puts a question in the plan."""

from html import unescape

import pandas as pd

from closer_widgets.views.bank import PAGE_SIZE, QuestionBankView


def card_ids(view):
    ids = []
    for row in view._list.children:
        html = row.children[0].value
        ids.append(html.split('data-question-id="')[1].split('"')[0])
    return ids


def test_filters_change_the_list(plan):
    view = QuestionBankView(plan)
    assert len(view._list.children) == PAGE_SIZE
    view._category.value = "closing_ask"
    assert view.filters.category == "closing_ask"
    asks = view.matches
    assert card_ids(view) == [row.id for row in asks[:PAGE_SIZE]]
    assert asks and all(row.category == "closing_ask" for row in asks)
    view._boldness.value = 3
    assert view.matches and all(row.boldness == 3 for row in view.matches)
    assert f"{len(view.matches)} of" in view._count.value
    view._search.value = "zzzz-no-match"
    assert view._list.children == ()
    assert "No question matches" in view._count.value


def test_show_more_pages_through(plan):
    view = QuestionBankView(plan)
    assert view._more.layout.display is None
    view._more.click()
    assert len(view._list.children) == 2 * PAGE_SIZE
    view._category.value = "closing_ask"  # a new filter starts at the first page again
    assert len(view._list.children) == min(PAGE_SIZE, len(view.matches))


def test_add_button(plan):
    view = QuestionBankView(plan)
    first = view._list.children[0].children[1]
    first.click()
    assert plan.questions[0]["source_id"] == card_ids(view)[0]
    assert first.disabled and first.description == "Added"


def test_user_text_is_escaped_in_cards(plan):
    plan.company = "<script>alert(1)</script>"
    bank = pd.DataFrame(
        {
            "id": ["x<1>"],
            "text": ["Why {company}?"],
            "category": ["role"],
            "boldness": [1],
            "stage": ["any"],
            "why": ["<b>bold</b>"],
            "avoid_if": ["never"],
        }
    )
    view = QuestionBankView(plan, bank=bank)
    html = view._list.children[0].children[0].value
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "Why <script>alert(1)</script>?" in unescape(html)


def test_company_change_refreshes_cards(plan):
    view = QuestionBankView(plan)
    view._search.value = "{company}"  # the raw text holds the placeholder
    if view._list.children:
        plan.company = "Globex"
        assert "Globex" in view._list.children[0].children[0].value
