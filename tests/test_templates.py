"""The Jinja2 templates of the standalone pages: found, autoescaped, strict, self-contained."""

from __future__ import annotations

import re
from importlib import resources

import jinja2
import pytest
from markupsafe import Markup, escape

from closer_widgets.templates import environment, render

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')

CUE_CARD = {
    "title": "Data Analyst at Northwind Health",
    "meta": ["with Sam Patel", "2026-12-03", "first round"],
    "length_target": "Aim to say it in 60-90 seconds.",
    "cues": ["Thank them"],
    "statement_written": True,
    "questions": ["What does success look like?"],
    "ask": "Is there anything you'd like me to clear up?",
    "dates": ["Fri 11 Dec 2026: They expect to decide"],
}
"""Every variable ``cue_card.html.j2`` uses."""

REPORT = {
    "sessions": 1,
    "folder": "/class",
    "today": "2026-12-03",
    "skipped": 0,
    "anonymise": False,
    "column_notes": "Notes on the columns.",
    "table": Markup("<table></table>"),
    "charts": [("A chart", Markup("<svg></svg>"))],
    "skipped_table": Markup("<p>No file was skipped.</p>"),
}
"""Every variable ``class_report.html.j2`` uses."""

PAGES = {"cue_card.html.j2": CUE_CARD, "class_report.html.j2": REPORT}


def shipped(suffix: str) -> list[str]:
    folder = resources.files("closer_widgets.templates")
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(suffix))


def test_every_template_ships_and_is_tested():
    assert shipped(".j2") == sorted(PAGES)
    assert sorted(environment().list_templates(extensions=["j2"])) == sorted(PAGES)


def test_the_environment_is_made_once():
    assert environment() is environment()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_missing_variable_raises(name):
    context = dict(PAGES[name])
    render(name, **context)  # the full context renders
    for key in context:
        partial = {k: v for k, v in context.items() if k != key}
        with pytest.raises(jinja2.UndefinedError):
            render(name, **partial)


def test_an_unknown_template_raises():
    with pytest.raises(jinja2.TemplateNotFound):
        render("no_such_page.html.j2")


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_text_is_escaped_and_markup_kept(name, payload):
    context = {}
    for key, value in PAGES[name].items():
        # Plain text (not Markup) and lists of it all get the payload.
        if type(value) is str:
            value = payload
        elif isinstance(value, list) and all(type(item) is str for item in value):
            value = [payload] * len(value)
        context[key] = value
    page = render(name, **context)
    assert "<script>" not in page and "<img" not in page
    assert escape(payload) in page
    if name == "class_report.html.j2":
        assert "<table></table>" in page and "<svg></svg>" in page  # Markup goes in as it is


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_inlines_its_stylesheet_and_links_nothing(name):
    css_name = name.replace(".html.j2", ".css")
    css = resources.files("closer_widgets.templates").joinpath(css_name).read_text("utf-8")
    page = render(name, **PAGES[name])
    # Word for word: no quote turned into an entity, nothing read as template syntax.
    assert f"<style>\n{css}</style>" in page
    assert '"Segoe UI"' in page or name != "cue_card.html.j2"
    assert "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert page.startswith("<!doctype html>\n") and page.endswith("</html>\n")


def test_every_stylesheet_belongs_to_a_page():
    assert shipped(".css") == sorted(name.replace(".html.j2", ".css") for name in PAGES)


def test_a_fragment_not_marked_as_markup_is_escaped():
    page = render("class_report.html.j2", **{**REPORT, "table": "<table></table>"})
    assert "<table></table>" not in page and "&lt;table&gt;&lt;/table&gt;" in page
