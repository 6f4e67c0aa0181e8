"""The dashboard: every step of the close in one guided page, for Voilà.

Steps are built the first time they are opened, so the page is interactive as
soon as the first step is drawn.

In a live workshop (``closer serve --class DIR``, see
:mod:`closer_widgets.workshop.class_mode`) the Save step also hands the session in,
and the same address opened with the counsellor's link becomes the counsellor's
live class view, or, with a wrong token, a one-line refusal.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from ipywidgets import HTML, Button, HBox, Layout, ToggleButton, VBox
from markupsafe import escape
from traitlets import Bool, Unicode, dlink, observe, validate

from ..coaching import Coaching
from ..debounce import Debouncer
from ..errors import SessionError
from ..plan import ClosingPlan
from ..session import Session
from .browser_store import HAND_IN_KEYS, BrowserStore
from .common import show_problem, stylesheet
from .failures import report_callback_errors
from .page_control import PageControl
from .restore import restore_plan, session_picker

if TYPE_CHECKING:
    from ..workshop.class_mode import ClassMode


def _view(module: str, name: str):
    """A step factory that imports its view only when the step is first opened."""

    def build(app):
        view_class = getattr(importlib.import_module(f"closer_widgets.views.{module}"), name)
        return view_class(app.plan)

    return build


def _questions(app):
    from .bank import QuestionBankView
    from .my_questions import MyQuestionsView

    return VBox([MyQuestionsView(app.plan), QuestionBankView(app.plan)])


def _save(app):
    from .calibration import CalibrationView
    from .save import SaveView

    # Each reports a wrong file beside its own upload control, not at the top of the page.
    calibration = CalibrationView(app.plan)
    views = [SaveView(app.plan), calibration]
    if app.class_mode is not None:
        from .hand_in import HandInView

        # The counsellor's review, once written, opens in the comparison below.
        app.hand_in = HandInView(app.plan, app.class_mode.folder, calibration=calibration)
        dlink((app.page, "time_zone"), (app.hand_in, "time_zone"))  # the participant's clock
        views.insert(0, app.hand_in)
    return VBox(views)


FROM_ENVIRONMENT = object()
"""Default of ``Dashboard(class_mode=...)``: the workshop ``closer serve`` described, if any."""

CLASS_DIR_VARIABLE = "CLOSER_CLASS_DIR"
"""``closer_widgets.workshop.class_mode.ENV_FOLDER``, read here so that a page with no
workshop imports none of the workshop code."""


def _workshop_from_environment() -> ClassMode | None:
    if not os.environ.get(CLASS_DIR_VARIABLE):
        return None
    from ..workshop.class_mode import ClassMode

    return ClassMode.from_env()


KEEP_SECONDS = 1.0
"""Quiet time before the work is kept in the browser again (a burst of typing: once)."""

WELCOME_HTML = """
<h2>Prepare the last five minutes of your interview</h2>
<p>The close is what an interviewer remembers best. In ten short steps you will build a
closing statement in your own words, choose the questions to ask, pick a closing ask
that fits how it went, rehearse it against the clock and plan your follow-up.</p>
<ul>
<li>About 30 to 45 minutes; every step gives feedback as you type.</li>
<li>Nothing you type is kept on the server. Your work is kept in this browser, on this
computer, as you go, so a reload loses nothing; <b>Forget this browser's copy</b> (at
the bottom) erases it, and the Save step downloads it to keep or to carry elsewhere.</li>
</ul>
<p>Start afresh, or carry on from a session file you downloaded before.</p>
"""
"""What the page says on arrival: what the tool is, how long it takes, where work lives."""

# (id, title, factory) in the order of CONTRACT.md.
STEPS = [
    ("profile", "Interview", _view("profile", "ProfileView")),
    ("interest", "Interest", _view("interest", "InterestView")),
    ("strengths", "Strengths", _view("strengths", "StrengthsView")),
    ("concerns", "Concerns", _view("concerns", "ConcernsView")),
    ("questions", "Questions", _questions),
    ("ask", "Closing ask", _view("ask", "AskAdvisorView")),
    ("statement", "Statement", _view("statement", "StatementView")),
    ("rehearse", "Rehearse", _view("rehearse", "RehearsalView")),
    ("follow_up", "Follow-up", _view("follow_up", "FollowUpView")),
    ("save", "Save", _save),
]


def _views_in(box):
    """The step views in a step container (a step may stack several views in a VBox)."""
    view = box.children[0]
    return view.children if type(view) is VBox else (view,)


class Dashboard(VBox):
    """The guided dashboard: a step navigation, the current step, back and next.

    Parameters
    ----------
    plan : ClosingPlan, optional
        The visitor's plan; a new empty one by default (each Voilà visitor has a
        kernel of their own, so each has a private plan).
    """

    step = Unicode("profile", help="Id of the step on show.")
    welcome_open = Bool(True, help="Whether the welcome is on show (until Start is pressed).")

    def __init__(self, plan: ClosingPlan | None = None, class_mode=FROM_ENVIRONMENT, **kwargs):
        self.plan = plan if plan is not None else ClosingPlan()
        #: The live workshop this page is part of (None: no hand-in, no counsellor's view).
        self.class_mode: ClassMode | None = (
            _workshop_from_environment() if class_mode is FROM_ENVIRONMENT else class_mode
        )
        self.counsellor = False
        #: The Save step's hand-in, once that step is built in a live workshop.
        self.hand_in = None
        self._restoring_file = False
        #: The plan's derived state, shared by every step (see closer_widgets.coaching).
        self.coaching = Coaching.of(self.plan)
        self.coaching.want("readiness")
        self._titles = {step_id: title for step_id, title, _ in STEPS}
        self._factories = {step_id: factory for step_id, _, factory in STEPS}
        self._order = [step_id for step_id, _, _ in STEPS]
        self._containers = {}
        self._goto = {}
        for step_id in self._order:
            button = Button(
                description=self._titles[step_id], tooltip=f"Open the step {self._titles[step_id]}"
            )
            button.add_class(f"closer-goto-{step_id}")
            button.on_click(lambda _, s=step_id: setattr(self, "step", s))
            self._goto[step_id] = button
        nav = HBox(list(self._goto.values()), layout=Layout(flex_flow="row wrap"))
        nav.add_class("closer-nav")
        self._progress = HTML()
        self._progress.add_class("closer-progress")
        # A toggle and a list the kernel redraws, rather than an HTML <details>: a
        # redrawn <details> snaps shut while the person works.
        self.readiness_toggle = ToggleButton(
            value=False,
            description="Ready: 0 of 0 steps",
            tooltip="Show or hide what is ready and what is left to prepare",
        )
        self.readiness_toggle.add_class("closer-readiness-toggle")
        self._readiness_list = HTML(layout=Layout(display="none"))
        self._readiness = VBox([self.readiness_toggle, self._readiness_list])
        self._readiness.add_class("closer-readiness")
        self.readiness_toggle.observe(self._on_readiness_toggle, names="value")
        self.error = HTML("", layout=Layout(display="none"))
        self.error.add_class("closer-error")
        self.start_button = Button(description="Start", tooltip="Close the welcome and begin")
        self.start_button.add_class("closer-start")
        self.start_button.add_class("closer-primary")
        self.start_button.on_click(lambda _: self._start())
        # The second way in: a session downloaded before, restored from the welcome.
        self.welcome_restore = session_picker("Restore a saved session")
        self.welcome_restore.add_class("closer-welcome-restore")
        self.welcome_restore.on_pick(self._restore_from_file)
        self.welcome_error = HTML(layout=Layout(display="none"))
        self.welcome_error.add_class("closer-error")
        self.welcome_error.add_class("closer-welcome-error")
        self.welcome = VBox(
            [
                HTML(WELCOME_HTML),
                HBox(
                    [self.start_button, self.welcome_restore], layout=Layout(flex_flow="row wrap")
                ),
                self.welcome_error,
            ]
        )
        self.welcome.add_class("closer-welcome")
        self.welcome.add_class("closer-card")
        self._body = VBox()
        self._body.add_class("closer-body")
        # Focus and scroll on moving between steps, and the leave-page warning.
        self.page = PageControl()
        # Work kept in this browser: offered back on arrival, kept as the person works.
        # Forgetting also erases a live workshop's hand-in key (see HandInView.forget).
        self.store = BrowserStore(forget_also=HAND_IN_KEYS)
        self._keeper = Debouncer(self._keep, KEEP_SECONDS)
        self._found = None
        self.restore_accept = Button(
            description="Pick up where I left off", tooltip="Bring back that work"
        )
        self.restore_accept.add_class("closer-restore-accept")
        self.restore_accept.add_class("closer-primary")
        self.restore_discard = Button(
            description="Start afresh", tooltip="Erase the kept work and start with an empty plan"
        )
        self.restore_accept.on_click(lambda _: self._accept_found())
        self.restore_discard.on_click(lambda _: self._discard_found())
        self._offer_text = HTML()
        self.restore_offer = VBox(
            [self._offer_text, HBox([self.restore_accept, self.restore_discard])],
            layout=Layout(display="none"),
        )
        self.restore_offer.add_class("closer-restore-offer")
        self.restore_offer.add_class("closer-card")
        self.forget_button = Button(
            description="Forget this browser's copy",
            tooltip="Erase the work kept in this browser (download it first to keep it)",
        )
        self.forget_button.add_class("closer-forget")
        self.forget_button.on_click(lambda _: self.forget())
        self.kept_notice = HTML()
        self.kept_notice.add_class("closer-status")
        self._back = Button(description="Back", tooltip="Previous step")
        self._next = Button(description="Next", tooltip="Next step")
        self._next.add_class("closer-primary")
        self._next.add_class("closer-next")
        self._back.add_class("closer-back")
        steps_nav = HBox([self._back, self._next])
        steps_nav.add_class("closer-steps-nav")
        self._back.on_click(lambda _: self._move(-1))
        self._next.on_click(lambda _: self._move(+1))
        super().__init__(
            [
                stylesheet(),
                HTML("<h1>Interview Closer</h1>"),
                self.welcome,
                self.restore_offer,
                nav,
                self._progress,
                self._readiness,
                self.error,
                self._body,
                steps_nav,
                HBox([self.forget_button, self.kept_notice], layout=Layout(flex_flow="row wrap")),
                self.store,
                self.page,
            ],
            **kwargs,
        )
        self.add_class("closer-app")
        # A failing click: its traceback to the server's log, one sentence on the page.
        report_callback_errors(self.show_error)
        self.coaching.observe(self._render_readiness, names="readiness")
        self.plan.observe(self._on_plan_change, names=list(self.plan.trait_names(persist=True)))
        self.store.observe(self._on_found, names="found")
        if self.class_mode is not None:
            self.page.observe(self._on_location, names="location_hash")
        self._show(self.step)
        self._render_readiness()

    def _on_location(self, change) -> None:
        # Opened with the counsellor's link: the page becomes the live class view,
        # or, for a missing or wrong token, a refusal and nothing else.
        from ..workshop.class_mode import token_from_fragment

        token = token_from_fragment(change["new"])
        if token is None or self.counsellor:
            return
        from .live_class import LiveClassView, counsellor_page

        self.counsellor = True
        self._keeper.cancel()
        self.children = counsellor_page(self.class_mode, token)
        for view in self.children:
            if isinstance(view, LiveClassView):  # hand-in times on the counsellor's clock
                dlink((self.page, "time_zone"), (view, "time_zone"))

    @validate("step")
    def _known_step(self, proposal):
        if proposal["value"] not in self._order:
            raise ValueError(f"unknown step {proposal['value']!r}")
        return proposal["value"]

    @observe("step")
    def _on_step(self, change):
        self._show(change["new"])

    def container(self, step_id: str) -> VBox:
        """The container of a step, built on first use."""
        if step_id not in self._containers:
            box = VBox([self._factories[step_id](self)])
            box.add_class(f"closer-step-{step_id}")
            self._containers[step_id] = box
        return self._containers[step_id]

    def _on_readiness_toggle(self, change):
        self._readiness_list.layout.display = None if change["new"] else "none"

    def _render_readiness(self, change=None):
        checks = [c for c in self.coaching.readiness if c.step in self._titles]
        done = sum(c.done for c in checks)
        # The same names as the step buttons, so the summary and the steps agree.
        items = "".join(
            f'<li class="{"is-done" if c.done else "is-todo"}">'
            f'<span aria-hidden="true">{"✓" if c.done else "○"}</span> '
            f"<b>{escape(self._titles[c.step])}</b>: "
            f"{escape(c.label) if c.done else escape(c.hint)}</li>"
            for c in checks
        )
        self._readiness_list.value = f'<ul aria-label="Readiness of each step">{items}</ul>'
        self.readiness_toggle.description = f"Ready: {done} of {len(checks)} steps to prepare"
        for check in checks:
            button = self._goto[check.step]
            # Marked by a class the stylesheet draws as a tick or a circle, and in words.
            button.add_class("is-done" if check.done else "is-todo")
            button.remove_class("is-todo" if check.done else "is-done")
            state = "ready" if check.done else "not ready yet"
            button.tooltip = f"Open the step {self._titles[check.step]} ({state})"

    def show_error(self, message: str) -> None:
        """Report a problem in the page's error area (``message`` is escaped)."""
        show_problem(self.error, message)

    def clear_error(self) -> None:
        """Empty the error area."""
        self.show_error("")

    # --- work kept in this browser ----------------------------------------------------
    def _on_plan_change(self, change) -> None:
        self._keeper()
        if self._restoring_file:
            return
        self.page.unsaved = self.plan.to_dict() != ClosingPlan().to_dict()

    def _restore_from_file(self, files) -> None:
        self._restoring_file = True
        try:
            restore_plan(self.plan, files[0])
        except SessionError as exc:
            show_problem(self.welcome_error, str(exc))
            return
        finally:
            self._restoring_file = False
        show_problem(self.welcome_error, "")
        # What is on screen is what the file holds: nothing to warn about on leaving.
        self.page.unsaved = False
        self.welcome_open = False
        self.focus_step()

    def focus_step(self) -> None:
        """Bring the current step's heading to the top of the page and focus it.

        A screen reader then says where the person is, and a long step is read from
        its start rather than from the Next button at its foot.
        """
        self.page.focus(f".closer-step-{self.step} h2")

    def _keep(self) -> None:
        if self.plan.to_dict() != ClosingPlan().to_dict():  # an empty plan is not work
            self.store.saved = Session(self.plan).dumps()

    def _on_found(self, change) -> None:
        try:
            found = Session.loads(change["new"], "The work kept in this browser")
        except SessionError:
            return  # nothing kept, or something this version cannot read: offer nothing
        if found.plan.to_dict() in (ClosingPlan().to_dict(), self.plan.to_dict()):
            return
        self._found = found
        what = found.plan.role or found.plan.company or "your interview"
        when = (
            f" (last changed {found.saved_at[:16].replace('T', ' ')} UTC)" if found.saved_at else ""
        )
        self._offer_text.value = (
            f"<p><b>Welcome back.</b> Work on {escape(what)} is kept in this browser{escape(when)}."
            " Pick up where you left off?</p>"
        )
        self.restore_offer.layout.display = None
        self.restore_accept.focus()

    def _accept_found(self) -> None:
        if self._found is not None:
            self.plan.update_from_dict(self._found.plan.to_dict())
        self._found = None
        self.restore_offer.layout.display = "none"
        self.welcome_open = False
        self.focus_step()

    def _discard_found(self) -> None:
        self._found = None
        self.restore_offer.layout.display = "none"
        self.forget()

    def forget(self) -> None:
        """Erase the work kept in this browser (it is kept again as the person works on).

        In a live workshop the key to the person's hand-in goes too, built step or not:
        the browser erases every hand-in key it holds.
        """
        self._keeper.cancel()
        self.store.saved = ""
        self.store.forget += 1
        if self.hand_in is not None:
            self.hand_in.forget()
        handed_in = (
            " It no longer knows your hand-in either: your counsellor keeps what you handed "
            "in, and a hand-in from here now starts a new one."
            if self.class_mode is not None
            else ""
        )
        self.kept_notice.value = (
            '<p role="status">This browser no longer keeps your work. Anything you change '
            f"from now on is kept again.{handed_in}</p>"
        )

    @observe("welcome_open")
    def _on_welcome(self, change):
        self.welcome.layout.display = None if change["new"] else "none"

    def _start(self):
        self.welcome_open = False
        self.focus_step()

    def _move(self, delta: int):
        index = self._order.index(self.step) + delta
        if 0 <= index < len(self._order):
            self.step = self._order[index]
            self.focus_step()

    def _show(self, step_id: str):
        self._body.children = [self.container(step_id)]
        for other, box in self._containers.items():
            for view in _views_in(box):
                if view.has_trait("active"):
                    view.active = other == step_id
        index = self._order.index(step_id)
        for other, button in self._goto.items():
            if other == step_id:
                button.add_class("is-current")
            else:
                button.remove_class("is-current")
        self._progress.value = (
            f'<p aria-live="polite">Step {index + 1} of {len(self._order)}: '
            f"{escape(self._titles[step_id])}</p>"
        )
        self._back.disabled = index == 0
        self._next.disabled = index == len(self._order) - 1
