"""PageControl: focus requests and the leave-page warning, as traits the page reads."""

from __future__ import annotations

from pathlib import Path

from closer_widgets.views import page_control
from closer_widgets.views.page_control import PageControl


def test_each_focus_request_is_new_even_for_the_same_heading():
    page = PageControl()
    page.focus(".closer-step-profile h2")
    page.focus(".closer-step-profile h2")
    assert page.focus_selector == ".closer-step-profile h2" and page.focus_request == 2


def test_the_warning_follows_the_unsaved_trait_set_from_either_side():
    page = PageControl()
    assert not page.unsaved
    page.unsaved = True
    page.set_state({"unsaved": False})  # the page, after the session was downloaded
    assert not page.unsaved


def test_the_browsers_time_zone_arrives_as_a_trait():
    page = PageControl()
    assert page.time_zone == ""  # until the browser says
    page.set_state({"time_zone": "Europe/London"})
    assert page.time_zone == "Europe/London"
    source = (Path(page_control.__file__).parent / "static" / "page_control.js").read_text()
    assert "resolvedOptions().timeZone" in source


def test_the_script_hooks_leaving_and_downloads():
    source = (Path(page_control.__file__).parent / "static" / "page_control.js").read_text()
    assert "beforeunload" in source and ".session.json" in source


def test_the_page_reports_its_fragment_and_takes_a_counsellors_link_out_of_sight():
    page = PageControl()
    assert page.location_hash == ""
    page.set_state({"location_hash": "#counsellor=abc"})  # as the browser reports it
    assert page.location_hash == "#counsellor=abc"
    source = (Path(page_control.__file__).parent / "static" / "page_control.js").read_text()
    assert "window.location.hash" in source and "history.replaceState" in source
    assert "fetch(" not in source  # the fragment goes to the kernel over the comm only
