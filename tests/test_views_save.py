"""SaveView: download link, restore from an upload, export links; no browser."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import json
import re
import subprocess
import sys
import textwrap
from html import escape

import icalendar
import pytest

from closer_widgets import debounce
from closer_widgets.export import FORMATS, download_name, to_markdown
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views import save as save_module
from closer_widgets.views.file_picker import PickedFile
from closer_widgets.views.save import ON_REQUEST, SaveView

LINK = re.compile(r'<a download="([^"]+)" href="data:([^;]+);base64,([^"]+)"[^>]*>')


class Errors(list):
    """Collects what the view reports, as the dashboard's show_error would show it."""

    def __call__(self, message):
        self.append(message)


def link_of(widget):
    """(filename, mime, bytes) of the download link in an HTML widget."""
    match = LINK.search(widget.value)
    assert match, widget.value
    return match.group(1), match.group(2), base64.b64decode(match.group(3))


def upload(view, content, name="session.json"):
    """Choose a file in the view's picker as the browser does (see conftest.choose_files)."""
    picker = view._upload
    refused = len(content) > picker.max_bytes
    problem = "too_large" if refused else ""
    picker.pick([PickedFile(name, len(content), None if refused else content, problem)])


@pytest.fixture
def sample(sample_session_path):
    plan = Session.load(sample_session_path).plan
    plan.decision_date = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    plan.interview_date = ""
    return plan


def test_download_link_decodes_back_to_the_same_session(sample):
    view = SaveView(sample)
    name, mime, data = link_of(view._download)
    # Named after the candidate and the company, so a class's files can be told apart.
    assert name.startswith("maya-lindqvist-northwind-health") and name.endswith(".session.json")
    assert (name, mime) == (download_name(sample, "session"), "application/json")
    assert Session.loads(data).plan.to_dict() == sample.to_dict()
    assert "closer-download" in view._download._dom_classes


def test_download_link_follows_the_plan(plan):
    view = SaveView(plan)
    plan.company = "Acme Rockets"
    assert Session.loads(link_of(view._download)[2]).plan.company == "Acme Rockets"


@pytest.fixture
def timers(monkeypatch):
    """A stand-in for the kernel's event loop: scheduled callbacks wait for the test."""
    pending = []

    class Timer:
        def __init__(self, callback):
            self.callback = callback

        def cancel(self):
            pending.remove(self.callback)

    class Loop:
        def call_later(self, delay, callback, *args):
            pending.append(functools.partial(callback, *args))
            return Timer(pending[-1])

    monkeypatch.setattr(debounce.asyncio, "get_running_loop", lambda: Loop())
    return pending


def test_in_a_kernel_the_step_shows_before_the_exports_are_built(plan, timers):
    view = SaveView(plan)
    assert Session.loads(link_of(view._download)[2]).plan.company == plan.company
    assert all("Preparing" in w.value for w in view._exports.values())
    (build,) = timers
    build()
    assert "<a " in view._exports["md"].value


def test_stale_links_are_hidden_until_rebuilt(plan, timers):
    view = SaveView(plan)
    plan.company = "Acme"
    plan.company = "Acme Rockets"
    assert "<a " not in view._download.value  # no link to an old plan while typing
    assert all(w.value == "" for w in view._exports.values())
    assert len(timers) == 1  # debounced: one rebuild waiting
    timers[0]()
    assert Session.loads(link_of(view._download)[2]).plan.company == "Acme Rockets"
    assert "<a " in view._exports["html"].value
    plan.role = "QA"
    assert "<a " not in view._download.value  # hidden again on the next change


def test_upload_restores_the_plan(sample_session_path):
    plan = ClosingPlan(company="Old Co")
    errors = Errors()
    view = SaveView(plan, on_error=errors)
    upload(view, sample_session_path.read_bytes(), name="maya.json")
    assert plan.to_dict() == Session.load(sample_session_path).plan.to_dict()
    assert errors == [""]  # clears an earlier error
    assert view.notice.startswith("Restored your session from 'maya.json'")
    assert view._upload.max_bytes == 1_000_000  # larger files never leave the browser
    assert Session.loads(link_of(view._download)[2]).plan.company == "Northwind Health"


def _session_with(**changes):
    data = json.loads(Session(ClosingPlan(company="Uploaded Co")).dumps())
    data.update(changes)
    return json.dumps(data).encode()


BAD_UPLOADS = {
    "not JSON": (b"Dear Sam, thank you for your time", "not JSON"),
    "truncated JSON": (_session_with()[:-20], "cut short"),
    "wrong schema": (_session_with(schema="some-other-app"), "wrong schema"),
    "wrong types": (
        _session_with(plan={"company": 42}),
        "cannot be used (field 'company': expected text, got int)",
    ),
    "newer version": (_session_with(version=99), "newer Interview Closer"),
    "over 1 MB": (b" " * 1_000_001, "larger than 1 MB"),
    "not text": (b"\xff\xfe\x00binary", "not a saved session"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_reports_and_leaves_the_plan_alone(sample, case):
    content, expected = BAD_UPLOADS[case]
    before = sample.to_dict()
    errors = Errors()
    view = SaveView(sample, on_error=errors)
    upload(view, content, name="mine.json")
    assert len(errors) == 1
    message = errors[0]
    assert expected in message
    assert "'mine.json'" in message
    assert "Traceback" not in message and "\n" not in message
    assert sample.to_dict() == before
    assert view.notice == ""


def test_a_file_the_browser_refused_as_too_large_is_explained(plan):
    errors = Errors()
    view = SaveView(plan, on_error=errors)
    view._upload.pick([PickedFile("huge.json", 5_000_000, None, "too_large")])
    assert errors == [
        "'huge.json' is larger than 1 MB, too large to be a saved session. "
        "Choose a session file saved from Interview Closer."
    ]
    view._upload.pick([PickedFile("gone.json", 10, None, "unreadable")])
    assert "'gone.json' could not be read by this browser" in errors[-1]
    assert plan.company == "Northwind Health"


def test_without_on_error_the_view_shows_the_problem_escaped_beside_the_upload(plan):
    view = SaveView(plan)
    upload(view, b"nope", name="<img src=x onerror=alert(1)>.json")
    assert "not a saved session" in view.error_area.value
    assert "<img" not in view.error_area.value
    assert "&lt;img" in view.error_area.value
    assert view.error_area.layout.display is None
    assert view.notice == ""  # the status line is for confirmations


def prepare_button(view, fmt="docx"):
    """The 'Prepare' button of an on-request export, as the visitor sees it."""
    box = view._on_request[fmt]
    assert f"closer-export-{fmt}" in box._dom_classes
    button, result = box.children  # the result follows the button, for keyboard users
    assert button.description == ON_REQUEST[fmt]
    assert result is view._prepared[fmt]
    return button


def test_export_links_for_every_format(sample):
    view = SaveView(sample)
    assert set(view._exports) | set(view._on_request) == set(FORMATS)
    prepare_button(view).click()
    for fmt, spec in FORMATS.items():
        widget = view._exports[fmt] if fmt in view._exports else view._on_request[fmt]
        assert f"closer-export-{fmt}" in widget._dom_classes
        if fmt in view._on_request:
            widget = widget.children[1]  # the link, just after the button
        name, mime, data = link_of(widget)
        assert (name, mime) == (download_name(sample, fmt), spec.mime)
    assert link_of(view._exports["md"])[2].decode() == to_markdown(sample)
    assert link_of(view._exports["ics"])[2].startswith(b"BEGIN:VCALENDAR")

    from docx import Document

    doc = Document(io.BytesIO(link_of(view._prepared["docx"])[2]))
    assert sample.statement in [p.text for p in doc.paragraphs]


def test_word_file_is_built_only_when_asked_for(plan, monkeypatch):
    asked = []
    real = save_module.export_bytes

    def spy(plan, fmt):
        asked.append(fmt)
        return real(plan, fmt)

    monkeypatch.setattr(save_module, "export_bytes", spy)
    view = SaveView(plan)
    view.refresh()
    assert "docx" not in asked
    assert "<a " in view._exports["md"].value
    button = prepare_button(view)
    button.click()
    assert asked.count("docx") == 1
    again, link = view._on_request["docx"].children
    assert again is button  # still there: focus stays put, and it can be pressed again
    name, _, data = link_of(link)
    assert name == download_name(view.plan, "docx") and data.startswith(b"PK")  # a zip: .docx
    assert not button.disabled and button.description == ON_REQUEST["docx"]


def test_a_plan_change_takes_back_the_prepared_word_file(plan, timers):
    view = SaveView(plan)
    view.refresh()
    timers.clear()
    prepare_button(view).click()
    assert "<a " in view._prepared["docx"].value
    plan.company = "Acme Rockets"  # the file holds the old company: it must not be offered
    assert view._prepared["docx"].value == ""
    assert "<a " not in view._on_request["docx"].children[1].value
    timers[0]()  # the debounced refresh does not build the Word file by itself
    prepare_button(view).click()

    from docx import Document

    doc = Document(io.BytesIO(link_of(view._prepared["docx"])[2]))
    assert "Acme Rockets" in doc.paragraphs[0].text  # built from the plan as it is now


def test_a_restore_takes_back_the_prepared_word_file(plan, sample_session_path):
    view = SaveView(plan, on_error=Errors())
    prepare_button(view).click()
    upload(view, sample_session_path.read_bytes())
    assert plan.company == "Northwind Health"
    prepare_button(view)
    assert view._prepared["docx"].value == ""


def test_save_step_does_not_import_python_docx_until_asked():
    # A fresh interpreter: in this one, other tests have imported docx already.
    script = textwrap.dedent(
        """
        import sys
        from closer_widgets.plan import ClosingPlan
        from closer_widgets.views.save import SaveView

        view = SaveView(ClosingPlan(company="Acme", statement="I want this job."))
        view.refresh()
        assert "docx" not in sys.modules, "docx imported with the step"
        view._on_request["docx"].children[0].click()
        assert "docx" in sys.modules
        assert "<a " in view._prepared["docx"].value
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_calendar_without_decision_date_is_offered_and_says_what_is_missing(plan):
    # The follow-up step offers reminders without a decision date: so does Save.
    view = SaveView(plan)
    view.refresh()
    value = view._exports["ics"].value
    name, mime, data = link_of(view._exports["ics"])
    assert (name, mime) == (download_name(plan, "ics"), "text/calendar")
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 3
    assert "No decision date yet" in view.missing["ics"]
    assert escape(view.missing["ics"]) in value  # in words, beside the link
    assert set(view.missing) == {"ics"}
    plan.decision_date = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    view.refresh()
    assert view.missing == {}
    assert "They expect to decide" in link_of(view._exports["ics"])[2].decode()


def test_save_and_follow_up_offer_the_same_calendar(plan):
    from closer_widgets.views.follow_up import FollowUpView

    plan.decision_date = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    save = SaveView(plan)
    save.refresh()
    follow_up = FollowUpView(plan)
    match = re.search(r'href="data:text/calendar;base64,([^"]+)"', follow_up._ics.value)
    assert base64.b64decode(match.group(1)) == link_of(save._exports["ics"])[2]


def test_calendar_with_a_past_decision_date_shows_why(plan):
    plan.decision_date = "2020-01-03"
    view = SaveView(plan)
    view.refresh()
    value = view._exports["ics"].value
    assert "<a " not in value
    assert "already passed" in value and "already passed" in view.missing["ics"]
    assert "<a " in view._exports["html"].value


def test_a_failing_export_does_not_break_the_others(plan, monkeypatch):
    def broken(plan, fmt):
        if fmt == "docx":
            raise RuntimeError("boom")
        return b"ok"

    monkeypatch.setattr(save_module, "export_bytes", broken)
    view = SaveView(plan)
    assert "<a " in view._exports["md"].value
    prepare_button(view).click()
    button, message = view._on_request["docx"].children  # a second try, and the problem
    assert "could not be made" in message.value
    assert "boom" not in message.value
    assert button.description == ON_REQUEST["docx"] and not button.disabled


def test_upload_widget_is_labelled_and_hooked(plan):
    view = SaveView(plan)
    widget = view._upload
    assert (widget.accept, widget.multiple, widget.description) == (
        ".json",
        False,
        "Restore a session",
    )
    assert "closer-upload" in widget._dom_classes


def test_restore_errors_show_beside_the_upload_in_the_dashboard(sample_session_path):
    from closer_widgets.views.dashboard import Dashboard

    dashboard = Dashboard()
    dashboard.step = "save"
    (stack,) = dashboard.container("save").children
    view = stack.children[0]  # the save view, then the calibration view
    assert isinstance(view, SaveView)
    upload(view, b"{broken", name="old.json")
    assert "not a saved session" in view.error_area.value
    assert 'role="alert"' in view.error_area.value
    assert view.error_area.layout.display is None and dashboard.error.value == ""
    children = list(view.children)
    assert children.index(view.error_area) == children.index(view._upload) + 1
    upload(view, sample_session_path.read_bytes())
    assert view.error_area.value == "" and view.error_area.layout.display == "none"
    assert dashboard.plan.company == "Northwind Health"
