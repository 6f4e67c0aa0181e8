"""Dashboard: steps, navigation and the CONTRACT hooks, without a browser."""

import pytest

from closer_widgets.views.dashboard import STEPS, Dashboard

CONTRACT_ORDER = [
    "profile",
    "interest",
    "strengths",
    "concerns",
    "questions",
    "ask",
    "statement",
    "rehearse",
    "follow_up",
    "save",
]


def test_steps_follow_the_contract_order():
    assert [step for step, _, _ in STEPS] == CONTRACT_ORDER


def test_goto_buttons_and_step_containers():
    app = Dashboard()
    for step, _, _ in STEPS:
        button = app._goto[step]
        assert f"closer-goto-{step}" in button._dom_classes
        button.click()
        assert app.step == step
        assert f"closer-step-{step}" in app.container(step)._dom_classes
        assert app._body.children == (app.container(step),)
        assert "is-current" in button._dom_classes


def test_back_and_next():
    app = Dashboard()
    assert app._back.disabled and not app._next.disabled
    app._next.click()
    assert app.step == STEPS[1][0]
    app._back.click()
    assert app.step == "profile"
    assert "Step 1 of" in app._progress.value


def test_steps_are_built_lazily_and_share_one_plan():
    app = Dashboard()
    assert set(app._containers) == {"profile"}
    app.step = "questions"
    assert set(app._containers) == {"profile", "questions"}
    app.container("profile").children[0]._company.value = "Initech"
    assert app.plan.company == "Initech"


def test_unknown_step_is_refused():
    app = Dashboard()
    with pytest.raises(Exception, match="unknown step"):
        app.step = "nowhere"


def test_error_area_escapes_messages():
    app = Dashboard()
    assert "closer-error" in app.error._dom_classes
    app.show_error("Bad <file>")
    assert "Bad &lt;file&gt;" in app.error.value and 'role="alert"' in app.error.value
    app.clear_error()
    assert app.error.value == ""


def test_each_visitor_gets_a_private_plan():
    first, second = Dashboard(), Dashboard()
    first.plan.company = "Mine"
    assert second.plan.company == ""


def test_readiness_summary_follows_the_plan_and_names_what_is_missing():
    app = Dashboard()
    assert "closer-readiness" in app._readiness._dom_classes
    assert app.readiness_toggle.description == "Ready: 0 of 9 steps to prepare"
    app.plan.company, app.plan.role = "<b>Acme</b>", "Analyst"
    assert app.readiness_toggle.description == "Ready: 1 of 9 steps to prepare"
    html = app._readiness_list.value
    assert "<b>Interview</b>: Interview details</li>" in html
    assert "<b>Concerns</b>: Note a doubt they may still have" in html
    assert "<b>Acme</b>" not in html
    # Done and to do, drawn by the stylesheet from a class, never by colour alone.
    assert "is-done" in app._goto["profile"]._dom_classes
    assert "is-todo" in app._goto["interest"]._dom_classes
    assert "is-done" not in app._goto["interest"]._dom_classes


def test_readiness_count_agrees_with_the_steps():
    app = Dashboard()
    steps = [c.step for c in app.coaching.readiness]
    # Every step but Save has something to prepare; each line is named like its step.
    assert steps == [step for step, _, _ in STEPS if step != "save"]
    for step in steps:
        assert f"<b>{app._titles[step]}</b>" in app._readiness_list.value


def test_readiness_checklist_stays_open_while_the_person_works():
    app = Dashboard()
    app.readiness_toggle.set_state({"value": True})
    assert app._readiness_list.layout.display is None
    app.plan.company, app.plan.role = "Acme", "Analyst"  # the count changes
    assert app.readiness_toggle.value is True
    assert app._readiness_list.layout.display is None
    app.readiness_toggle.set_state({"value": False})
    assert app._readiness_list.layout.display == "none"


def test_statement_readiness_is_by_quality_not_length():
    app = Dashboard()
    app.plan.statement = "word " * 60
    check = next(c for c in app.coaching.readiness if c.step == "statement")
    assert not check.done and check.hint.startswith("Still missing:")


def _views(container):
    inner = container.children[0]
    return inner.children if type(inner).__name__ == "VBox" else (inner,)


def test_hidden_steps_do_no_work_while_typing():
    app = Dashboard()
    for step, _, _ in STEPS:
        app.step = step  # build every step once, as a person who looked around would
    app.step = "interest"
    statement_view = app.container("statement").children[0]
    drawn = statement_view.renders
    typed = ""
    for word in ("great", "culture", "and", "the", "new", "clinic"):
        typed = f"{typed} {word}".strip()
        app.plan.attractions = [{"aspect": typed, "link": ""}]
    assert statement_view.renders == drawn  # hidden: nothing redrawn
    app.step = "statement"
    assert statement_view.renders == drawn + 1  # drawn once, from the latest draft
    assert "great culture and the new clinic" in statement_view.preview.value

    # The count: typing in the statement rebuilt the hidden Rehearse cue card.
    rehearse_view = app.container("rehearse").children[0]
    drawn = rehearse_view.renders
    text = ""
    for word in "Thank you for your time today. I really want this role.".split():
        text = f"{text} {word}".strip()
        statement_view.textarea.set_state({"value": text})
    assert rehearse_view.renders == drawn
    app.step = "rehearse"
    assert rehearse_view.renders == drawn + 1
    assert rehearse_view.cues == app.coaching.cue_card != []

    # Every other built step stays still while the profile is typed.
    app.step = "profile"
    views = [
        view
        for step, _, _ in STEPS
        if step != "profile"
        for view in _views(app.container(step))
        if view.has_trait("renders")
    ]
    drawn = [view.renders for view in views]
    for text in ("A", "Ac", "Acme", "Acme Health"):
        app.plan.company = text
    assert [view.renders for view in views] == drawn
    assert len(views) >= 8  # interest ... follow-up: every step that draws from the plan


def test_hidden_save_step_does_not_rebuild_exports_while_typing(monkeypatch):
    from closer_widgets.views import save as save_module

    calls = []
    real = save_module.export_bytes
    monkeypatch.setattr(save_module, "export_bytes", lambda *a: calls.append(a[1]) or real(*a))
    app = Dashboard()
    app.step = "save"
    assert calls  # the step builds its links when shown
    app.step = "profile"
    calls.clear()
    app.plan.company = "Typing away"
    app.plan.role = "Analyst"
    assert calls == []
    app.step = "save"
    # Every link built with the step; the Word file waits for its button.
    assert sorted(set(calls)) == sorted(set(save_module.FORMATS) - set(save_module.ON_REQUEST))
    assert "Typing away" in str(app.plan.to_dict())


def test_a_welcome_says_what_it_is_how_long_and_where_work_lives():
    app = Dashboard()
    assert "closer-welcome" in app.welcome._dom_classes and app.welcome_open
    text = app.welcome.children[0].value
    assert "30 to 45 minutes" in text and "Nothing you type is kept on the server" in text
    app.start_button.click()
    assert not app.welcome_open and app.welcome.layout.display == "none"


def test_next_and_back_move_focus_to_the_new_steps_heading():
    app = Dashboard()
    app._next.click()
    assert app.step == "interest"
    assert app.page.focus_selector == ".closer-step-interest h2" and app.page.focus_request == 1
    app._back.click()
    assert app.page.focus_selector == ".closer-step-profile h2" and app.page.focus_request == 2


def test_changes_not_yet_downloaded_arm_the_leave_page_warning(sample_session_path):
    from closer_widgets.views.file_picker import PickedFile

    app = Dashboard()
    assert not app.page.unsaved  # an empty plan is nothing to lose
    app.plan.company = "Northwind Health"
    assert app.page.unsaved
    # A session restored from a file is already kept in that file.
    raw = sample_session_path.read_bytes()
    app.welcome_restore.pick([PickedFile("maya.json", len(raw), raw)])
    assert not app.page.unsaved and not app.welcome_open
    assert app.plan.participant == "Maya Lindqvist"
    assert app.page.focus_selector == ".closer-step-profile h2"


def test_a_wrong_file_on_the_welcome_is_explained_beside_it(plan):
    from closer_widgets.views.file_picker import PickedFile

    app = Dashboard(plan)
    app.welcome_restore.pick([PickedFile("cv.json", 2, b"{}")])
    assert "&#39;cv.json&#39; is not a saved session" in app.welcome_error.value
    assert app.welcome_error.layout.display is None and app.welcome_open
    assert plan.company == "Northwind Health"
    children = list(app.welcome.children)
    assert children.index(app.welcome_error) == len(children) - 1


def test_work_is_kept_in_the_browser_and_offered_back():
    from closer_widgets.session import Session

    first = Dashboard()
    assert first.store.saved == ""  # an empty plan is not work
    first.plan.company, first.plan.role = "Acme", "Analyst"
    kept = first.store.saved
    assert Session.loads(kept).plan.company == "Acme"

    later = Dashboard()  # the same browser, after a reload: the page reports what it kept
    later.store.set_state({"found": kept})
    assert later.restore_offer.layout.display is None
    assert "Analyst" in later._offer_text.value
    later.restore_accept.click()
    assert later.plan.company == "Acme" and later.restore_offer.layout.display == "none"


def test_nothing_is_offered_for_an_empty_or_unreadable_copy():
    app = Dashboard()
    for found in ("", "not json", '{"schema": "other"}'):
        app.store.set_state({"found": found})
        assert app.restore_offer.layout.display == "none"


def test_forgetting_erases_the_browsers_copy():
    app = Dashboard()
    app.plan.company = "Acme"
    assert app.store.saved
    app.forget_button.click()
    assert app.store.saved == "" and app.store.forget == 1
    assert "no longer keeps your work" in app.kept_notice.value
    app.store.set_state({"found": session_text("Globex")})
    app.restore_discard.click()
    assert app.store.forget == 2 and app.plan.company == "Acme"


def session_text(company):
    from closer_widgets.plan import ClosingPlan
    from closer_widgets.session import Session

    return Session(ClosingPlan(company=company)).dumps()


# --- a live workshop (closer serve --class) -------------------------------------------
def _class_mode(tmp_path, token="the-token"):
    from closer_widgets.workshop.class_folder import ClassFolder
    from closer_widgets.workshop.class_mode import ClassMode, token_digest

    return ClassMode(ClassFolder.create(tmp_path / "class"), 20, token_digest(token))


def _has_hand_in(app):
    from closer_widgets.views.hand_in import HandInView

    return any(isinstance(view, HandInView) for view in app.container("save").children[0].children)


def test_without_a_workshop_there_is_no_hand_in(monkeypatch):
    from closer_widgets.workshop.class_mode import ENV_NAMES

    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    app = Dashboard()
    assert app.class_mode is None and not _has_hand_in(app)
    app.page.set_state({"location_hash": "#counsellor=anything"})
    assert not app.counsellor  # no workshop: the link means nothing


def test_the_dashboard_reads_the_class_folder_variable_of_class_mode():
    from closer_widgets.views.dashboard import CLASS_DIR_VARIABLE
    from closer_widgets.workshop.class_mode import ENV_FOLDER

    assert CLASS_DIR_VARIABLE == ENV_FOLDER


def test_the_workshop_comes_from_the_environment(tmp_path, monkeypatch):
    mode = _class_mode(tmp_path)
    for name, value in mode.environment().items():
        monkeypatch.setenv(name, value)
    app = Dashboard()
    assert app.class_mode.folder.path == mode.folder.path and app.class_mode.size == 20
    assert _has_hand_in(app)


def test_in_a_workshop_the_save_step_hands_in_and_shows_the_review_below(tmp_path):
    from closer_widgets.calibration import Review
    from closer_widgets.views.calibration import CalibrationView
    from closer_widgets.views.hand_in import HandInView

    mode = _class_mode(tmp_path)
    app = Dashboard(class_mode=mode)
    views = app.container("save").children[0].children
    hand_in = views[0]
    assert isinstance(hand_in, HandInView) and isinstance(views[-1], CalibrationView)
    hand_in.button.click()
    assert len(list(mode.folder.path.glob("*.json"))) == 1
    mode.folder.collection()
    mode.folder.write_review(hand_in.hand_in_id, Review(comments="Well done"))
    hand_in.check_review()
    assert views[-1].review.comments == "Well done"


def test_forgetting_the_browsers_copy_forgets_the_hand_in_key_too(tmp_path):
    from closer_widgets.views.browser_store import HAND_IN_KEYS
    from closer_widgets.views.hand_in import STORE_KEY

    app = Dashboard(class_mode=_class_mode(tmp_path))
    # Before the Save step is built, the browser erases every hand-in key it holds.
    assert STORE_KEY.format(tag="any").startswith(app.store.forget_also)
    assert app.store.forget_also == HAND_IN_KEYS
    app.step = "save"
    app.hand_in.hand_in()
    handed_in_as = app.hand_in.hand_in_id
    app.forget_button.click()
    assert app.hand_in.hand_in_id == "" and app.hand_in.store.forget == 1
    assert "no longer knows your hand-in" in app.kept_notice.value
    app.hand_in.hand_in()
    assert app.hand_in.hand_in_id not in ("", handed_in_as)


@pytest.mark.parametrize("fragment", ["#counsellor", "#counsellor=", "#counsellor=wrong"])
def test_a_counsellor_link_without_the_right_token_shows_only_a_refusal(tmp_path, fragment):
    from closer_widgets.views.live_class import REFUSED

    mode = _class_mode(tmp_path)
    app = Dashboard(class_mode=mode)
    app.page.set_state({"location_hash": fragment})
    assert app.counsellor
    texts = [getattr(child, "value", "") for child in app.children]
    assert any(REFUSED in text for text in texts)
    assert app.welcome not in app.children and app._body not in app.children


def test_the_counsellor_link_opens_the_live_class_view(tmp_path):
    from closer_widgets.views.live_class import LiveClassView

    app = Dashboard(class_mode=_class_mode(tmp_path, token="right"))
    app.page.set_state({"location_hash": "#step=1"})
    assert not app.counsellor and app.welcome in app.children
    app.page.set_state({"location_hash": "#counsellor=right"})
    (view,) = app.children
    assert isinstance(view, LiveClassView) and view.expected == 20


def _widgets_under(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets_under(child)


def test_no_button_asks_for_an_icon_font_the_page_does_not_load():
    # The dashboard loads nothing from other hosts, so there is no icon font: an icon
    # would be an empty box beside the words.
    from ipywidgets import Button

    app = Dashboard()
    buttons = [w for w in _widgets_under(app) if isinstance(w, Button)]
    for step, _, _ in STEPS:
        app.step = step
        buttons += [w for w in _widgets_under(app.container(step)) if isinstance(w, Button)]
    assert len(buttons) > 30
    assert [b.description for b in buttons if b.icon] == []


def test_the_browsers_time_zone_reaches_the_hand_in_and_the_class_view(tmp_path):
    from closer_widgets.views.live_class import LiveClassView

    mode = _class_mode(tmp_path)
    participant = Dashboard(class_mode=mode)
    participant.page.set_state({"time_zone": "Asia/Kolkata"})
    participant.step = "save"
    assert participant.hand_in.time_zone == "Asia/Kolkata"
    counsellor = Dashboard(class_mode=mode)
    counsellor.page.set_state({"location_hash": "#counsellor=the-token"})
    (view,) = [c for c in counsellor.children if isinstance(c, LiveClassView)]
    counsellor.page.set_state({"time_zone": "Europe/London"})  # it may come second
    assert view.time_zone == "Europe/London"
