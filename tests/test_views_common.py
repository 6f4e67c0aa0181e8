"""The pieces every view shares: links, error areas, binding, the step base."""

from __future__ import annotations

import base64
import datetime as dt

from ipywidgets import HTML, Text

from closer_widgets.plan import SHORT_TEXT, ClosingPlan
from closer_widgets.views.common import (
    StepView,
    alert_html,
    bind,
    date_from_iso,
    download_link,
    iso_from_date,
    show_problem,
)


def test_download_link_carries_the_file_and_escapes_names():
    link = download_link('a"b.json', b"{}", "application/json", "Save <it>")
    assert 'download="a&#34;b.json"' in link and "Save &lt;it&gt;" in link
    encoded = link.split("base64,")[1].split('"')[0]
    assert base64.b64decode(encoded) == b"{}"


def test_an_error_area_is_hidden_when_there_is_no_problem():
    area = HTML()
    show_problem(area, "Bad <file>")
    assert area.value == alert_html("Bad <file>") == '<p role="alert">Bad &lt;file&gt;</p>'
    assert area.layout.display is None
    show_problem(area, "")
    assert area.value == "" and area.layout.display == "none"


def test_bind_shows_what_the_model_keeps():
    plan = ClosingPlan()
    box = Text()
    bind(plan, "company", box)
    box.value = "y" * (SHORT_TEXT + 20)
    assert box.value == plan.company == "y" * SHORT_TEXT
    plan.company = "Acme"
    assert box.value == "Acme"


def test_dates_go_both_ways():
    assert date_from_iso("2026-12-03") == dt.date(2026, 12, 3) and date_from_iso("") is None
    assert iso_from_date(dt.date(2026, 12, 3)) == "2026-12-03" and iso_from_date(None) == ""


class Counting(StepView):
    def render(self):
        pass


def test_a_hidden_step_draws_once_when_shown():
    view = Counting()
    view.request_render()
    assert view.renders == 1
    view.active = False
    view.request_render()
    view.request_render()
    assert view.renders == 1
    view.active = True
    assert view.renders == 2
    view.active = False
    view.active = True  # nothing changed meanwhile: nothing to draw
    assert view.renders == 2
