"""The questions and closing-ask steps in a real dashboard (Voilà + headless Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from closer_widgets.questions import load_bank

pytestmark = pytest.mark.browser


def _bank_text(question_id: str) -> str:
    bank = load_bank()
    return bank.loc[bank["id"] == question_id, "text"].iloc[0]


@pytest.mark.timeout(240)
def test_add_from_the_bank_then_reorder(dashboard):
    page = dashboard
    page.click(".closer-goto-questions")
    bank = page.locator(".closer-step-questions .closer-question-bank")
    expect(bank).to_be_visible()
    category = bank.locator(".widget-dropdown").filter(has_text="Category").locator("select")
    category.select_option(label="Closing ask")
    first, second = "closing_ask-01", "closing_ask-02"
    for question_id in (first, second):
        card = bank.locator(".closer-bank-list .widget-vbox").filter(
            has=page.locator(f'[data-question-id="{question_id}"]')
        )
        card.get_by_role("button", name="Add to my list").click()
        expect(card.get_by_role("button", name="Added")).to_be_visible()

    rows = page.locator(".closer-my-questions .closer-my-question")
    expect(rows).to_have_count(2)
    texts = rows.locator(".closer-q-input textarea")
    expect(texts.nth(0)).to_have_value(_bank_text(first))
    expect(texts.nth(1)).to_have_value(_bank_text(second))

    rows.nth(0).get_by_role("button", name="Move down").click()
    expect(texts.nth(0)).to_have_value(_bank_text(second))
    expect(texts.nth(1)).to_have_value(_bank_text(first))

    rows.nth(1).get_by_role("button", name="Move up").click()
    expect(texts.nth(0)).to_have_value(_bank_text(first))
    expect(texts.nth(1)).to_have_value(_bank_text(second))


@pytest.mark.timeout(240)
def test_ticking_signals_changes_the_advice(dashboard):
    page = dashboard
    page.click(".closer-goto-ask")
    step = page.locator(".closer-step-ask")
    advice = step.locator(".closer-advice .closer-advice-level")
    # Nothing is advised until the candidate says how it felt.
    expect(advice).to_have_class("closer-advice-level closer-level-none")
    step.locator(".closer-ask-read").get_by_label("I am not sure").check()
    expect(advice).to_have_class("closer-advice-level closer-level-advance")

    step.locator(".closer-ask-read").get_by_label("It went well").check()
    expect(advice).to_have_class("closer-advice-level closer-level-mild")

    step.locator(".closer-signal-ran_over input[type=checkbox]").check()
    step.locator(".closer-signal-start_dates input[type=checkbox]").check()
    expect(advice).to_have_class("closer-advice-level closer-level-bold")
    expect(advice).to_contain_text("The bold ask")

    step.locator(".closer-signal-concern_raised input[type=checkbox]").check()
    expect(advice).to_have_class("closer-advice-level closer-level-advance")
