"""The rehearsal step: say the close aloud against the clock, then check yourself.

The cue card is not worked out here: the plan's :class:`~closer_widgets.coaching.Coaching`
model holds it (one cue per part the statement covers, the same list the printed card
shows), and this view draws it only while the step is on show. The length target is
the plan's one ``plan.length``: the toggle here shows and sets it, so the statement and
the rehearsal never judge against different windows.
"""

from __future__ import annotations

from ipywidgets import (
    HTML,
    Button,
    Checkbox,
    GridBox,
    HBox,
    Layout,
    Play,
    ToggleButtons,
    VBox,
    link,
)
from markupsafe import escape
from traitlets import List, Unicode

from ..coaching import Coaching
from ..content import ELEMENT_IDS, element_records, mistake_records
from ..errors import CloserError
from ..plan import LENGTH_TITLES, LENGTHS, ClosingPlan
from ..rehearse import (
    CONFIDENCE_LEVELS,
    RehearsalTimer,
    format_seconds,
    progress_summary,
    record_attempt,
    record_take,
    self_check_mistakes,
    shortest_attempt,
    target_window,
    time_verdict,
    word_window,
)
from .common import LABEL_STYLE, StepView, alert_html, heading, paragraph, show_problem
from .recorder import Recorder

CHECK_GRID = Layout(grid_template_columns="repeat(auto-fill, minmax(17rem, 1fr))")
"""Two or three columns of check boxes, so the list stays short on a wide screen."""

LENGTH_OPTIONS = [(LENGTH_TITLES[length], length) for length in LENGTHS]
"""The same choices as the statement step's: both set ``plan.length``."""

VIEW_OPTIONS = [("Key words", "cues"), ("Full text", "full")]
CONFIDENCE_OPTIONS = [(str(level), level) for level in CONFIDENCE_LEVELS]
CONFIDENCE_TOOLTIPS = ["1: shaky", "2: unsure", "3: getting there", "4: fairly sure", "5: ready"]
PLAY_LIMIT = 3600
"""The ticking display stops after an hour; the recorded time is not affected."""

VERDICTS = {
    "too_short": "too short to count as a rehearsal: say your whole close aloud, then time it "
    "again.",
    "short": "shorter than the target: check you covered every part.",
    "on_target": "right in the target window.",
    "long": "longer than the target: cut what does not serve one of the seven parts.",
}

CHART_ATTEMPTS = 12
"""Attempts drawn in the progress chart (the latest ones)."""

CUE_STYLE = "font-size: 1.35rem; line-height: 1.6;"

NO_STATEMENT = (
    "Your cue card appears here once you have written your closing statement in the Statement step."
)
NO_CUES = (
    "No part of a close was found in your statement yet, so there is nothing to prompt: "
    "see the feedback in the Statement step, or switch to the full text."
)


def cue_card_html(statement: str, mode: str, cues: list[str] | None = None) -> str:
    """The cue card as HTML; the statement and the cues are escaped here.

    Parameters
    ----------
    statement : str
        The closing statement (shown whole in ``full`` mode).
    mode : {"cues", "full"}
        Key words or the full text.
    cues : list of str, optional
        The cue card (the coaching model's ``cue_card``); worked out from the
        statement when None, for callers without a model.
    """
    if not statement.strip():
        return f'<div class="closer-card"><p>{escape(NO_STATEMENT)}</p></div>'
    if mode == "full":
        paragraphs = "".join(
            f"<p>{escape(part)}</p>" for part in statement.splitlines() if part.strip()
        )
        return f'<div class="closer-card" style="{CUE_STYLE}">{paragraphs}</div>'
    if cues is None:
        from ..rehearse import cue_card

        cues = cue_card(statement)
    if not cues:
        return f'<div class="closer-card"><p>{escape(NO_CUES)}</p></div>'
    bullets = "".join(f"<li>{escape(cue)}</li>" for cue in cues)
    return f'<div class="closer-card" style="{CUE_STYLE}"><ul>{bullets}</ul></div>'


def take_html(number: int, attempt: dict) -> str:
    """One recorded take in the attempt list: its length and delivery (escaped here)."""
    pauses = attempt.get("pauses", 0)
    parts = [
        f"speaking {format_seconds(attempt.get('speaking_seconds', 0))}",
        f"{pauses} pause{'' if pauses == 1 else 's'} of a second or more",
    ]
    if pauses:
        parts.append(f"the longest {attempt.get('longest_pause', 0):.1f} s")
    pace = attempt.get("words_per_minute")
    if pace:
        parts.append(f"about {pace:.0f} words a minute (an estimate from your script)")
    return (
        f"<p><b>Attempt {number}</b> (recorded): "
        f"{escape(format_seconds(attempt['seconds']))}, {escape(', '.join(parts))}.</p>"
    )


def attempt_html(number: int, attempt: dict, titles: dict[str, str]) -> str:
    """One line of the attempt list; every value is escaped here."""
    if attempt.get("source") == "recording":
        return take_html(number, attempt)
    said = len([part for part in attempt["said"] if part in ELEMENT_IDS])
    mistakes = [titles.get(m, m) for m in attempt["mistakes"]]
    noticed = (
        "mistakes noticed: " + ", ".join(escape(m) for m in mistakes)
        if mistakes
        else "no mistakes noticed"
    )
    return (
        f"<p><b>Attempt {number}</b>: {escape(format_seconds(attempt['seconds']))}, "
        f"{said} of {len(ELEMENT_IDS)} parts said, "
        f"confidence {escape(str(attempt['confidence']))}/5, {noticed}.</p>"
    )


def progress_svg(summary: dict, window: tuple[int, int]) -> str:
    """A bar chart of time (with the target band) and self-rating per attempt.

    Built as inline SVG so the page needs no plotting library; numbers are
    formatted, then escaped, where the markup is built. Only the latest
    :data:`CHART_ATTEMPTS` attempts are drawn, so the chart stays narrow.
    """
    summary = {key: values[-CHART_ATTEMPTS:] for key, values in summary.items()}
    count = len(summary["attempt"])
    if not count:
        return ""
    bar, gap, height, top = 28, 14, 110, 18
    width = max(280, 40 + count * (bar + gap))
    base = top + height + 110  # baseline of the confidence bars
    longest = max(max(summary["seconds"]), window[1]) * 1.1

    def y_time(seconds: float) -> float:
        return top + height - height * seconds / longest

    low, high = y_time(window[1]), y_time(window[0])
    parts = [
        f'<rect x="30" y="{low:.1f}" width="{width - 30}" height="{high - low:.1f}" '
        'fill="#dcfce7"><title>Target window</title></rect>',
        f'<text x="0" y="{top - 6}" font-size="11" fill="#1f2933">Seconds (green band: '
        f"{escape(str(window[0]))}-{escape(str(window[1]))} s)</text>",
    ]
    rating = []
    for i, (number, seconds, confidence, source) in enumerate(
        zip(
            summary["attempt"],
            summary["seconds"],
            summary["confidence"],
            summary["source"],
            strict=True,
        )
    ):
        x = 36 + i * (bar + gap)
        y = y_time(seconds)
        label = escape(format_seconds(seconds))
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{top + height - y:.1f}" '
            f'fill="#1d4ed8"><title>Attempt {number}: {label}</title></rect>'
            f'<text x="{x + bar / 2}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">'
            f"{label}</text>"
            f'<text x="{x + bar / 2}" y="{top + height + 12}" font-size="10" '
            f'text-anchor="middle">#{number}</text>'
        )
        if source == "recording":  # a recorded take is measured, never self-rated
            rating.append(
                f'<text x="{x + bar / 2}" y="{base + 12}" font-size="10" '
                'text-anchor="middle">rec.</text>'
            )
            continue
        h = 12 * confidence
        rating.append(
            f'<rect x="{x}" y="{base - h}" width="{bar}" height="{h}" '
            f'fill="#a16207"><title>Attempt {number}: confidence {confidence} of 5</title></rect>'
            f'<text x="{x + bar / 2}" y="{base + 12}" font-size="10" '
            f'text-anchor="middle">{escape(str(confidence))}/5</text>'
        )
    parts.append(
        f'<text x="0" y="{base - 66}" font-size="11" fill="#1f2933">Confidence (1-5)</text>'
    )
    total = base + 20
    return (
        f'<svg role="img" aria-label="Time and confidence for {count} attempts" '
        f'width="{width}" height="{total}" viewBox="0 0 {width} {total}">'
        + "".join(parts + rating)
        + "</svg>"
    )


class RehearsalView(StepView):
    """Cue card, timer, self-check and the log of attempts for ``plan.rehearsals``.

    Parameters
    ----------
    plan : ClosingPlan
        Gives the statement and the length target; receives the attempts.
    clock : callable, optional
        Passed to :class:`~closer_widgets.rehearse.RehearsalTimer` (tests use a fake).
    debounce : float, optional
        Quiet time of the plan's coaching model when this view creates it.

    Attributes
    ----------
    coaching : Coaching
        The plan's derived state; its ``cue_card`` is what this view shows.
    timer : RehearsalTimer
        The stopwatch of the attempt under way.
    """

    cues = List(help="The cue card on show: one short cue per part, in the order spoken.")
    verdict = Unicode(
        "", help="How the last timed attempt compares with the target (time_verdict), or ''."
    )
    problem = Unicode("", help="Why the last attempt could not be saved, shown beside Save; ''.")

    def __init__(self, plan: ClosingPlan, clock=None, debounce: float | None = None, **kwargs):
        self.plan = plan
        self.coaching = Coaching.of(plan, debounce)
        self.coaching.want("cue_card")
        self.timer = RehearsalTimer(clock=clock)
        elements = element_records()
        # Only what one can judge alone while practising aloud; the parts are ticked
        # separately just above, and the rest needs the interviewer (data/mistakes.csv).
        mistakes = self_check_mistakes()
        self._mistake_titles = {row.id: row.title for row in mistake_records()}

        # --- cue card -----------------------------------------------------
        self._cue_mode = ToggleButtons(
            description="Cue card",
            options=VIEW_OPTIONS,
            value="cues",
            tooltips=["A few key words per part of your close", "The whole statement"],
            style=LABEL_STYLE,
        )
        self._cue = HTML()
        self._cue.add_class("closer-cue-card")

        # --- timer --------------------------------------------------------
        self._length = ToggleButtons(
            description="Length of your close",
            options=LENGTH_OPTIONS,
            tooltips=[f"About {low}-{high} words" for low, high in map(word_window, LENGTHS)],
            style=LABEL_STYLE,
        )
        self._length.add_class("closer-rehearse-length")
        self._target = HTML()
        self._start = Button(description="Start", tooltip="Start the timer")
        self._stop = Button(description="Stop", tooltip="Stop the timer", disabled=True)
        self._start.add_class("closer-timer-start")
        self._stop.add_class("closer-timer-stop")
        self._start.on_click(self._on_start)
        self._stop.on_click(self._on_stop)
        # The browser's Play widget ticks once a second with no kernel thread;
        # each tick only refreshes the display, the time itself comes from the clock.
        self._ticker = Play(
            value=0, min=0, max=PLAY_LIMIT, interval=1000, layout=Layout(display="none")
        )
        self._ticker.observe(self._on_tick, names="value")
        self._clock = HTML()
        self._clock.add_class("closer-timer-display")

        # --- self-check ---------------------------------------------------
        self._said = {
            row.id: Checkbox(description=row.title, value=False, indent=False, style=LABEL_STYLE)
            for row in elements
        }
        self._mistakes = {
            row.id: Checkbox(description=row.title, value=False, indent=False, style=LABEL_STYLE)
            for row in mistakes
        }
        for row in mistakes:
            self._mistakes[row.id].tooltip = row.what
        self._confidence = ToggleButtons(
            description="How confident did you feel? (1 shaky, 5 ready)",
            options=CONFIDENCE_OPTIONS,
            value=None,
            tooltips=CONFIDENCE_TOOLTIPS,
            style=LABEL_STYLE,
        )
        self._save = Button(description="Save attempt", tooltip="Add this attempt to your log")
        self._save.add_class("closer-save-attempt")
        self._save.on_click(self._on_save)
        # Beside Save, so the reason a save was refused is read where the person looks.
        self._problem = HTML(layout=Layout(display="none"))
        self._problem.add_class("closer-problem")
        self._save_row = HBox([self._save, self._problem], layout=Layout(flex_flow="row wrap"))
        self._check = VBox(
            [
                heading("Which parts did you say?", 3),
                GridBox(list(self._said.values()), layout=CHECK_GRID),
                heading("How did you say it? Tick what happened", 3),
                GridBox(list(self._mistakes.values()), layout=CHECK_GRID),
                self._confidence,
                self._save_row,
            ],
            layout=Layout(display="none"),
        )
        self._check.add_class("closer-self-check")
        self._status = HTML()
        self._status.add_class("closer-status")

        # --- recorded takes: the audio stays in the browser ----------------------
        self.recorder = Recorder()
        self.recorder.on_take(self._on_take)
        self._take_problem = HTML(layout=Layout(display="none"))
        self._take_problem.add_class("closer-error")
        self._take_problem.add_class("closer-take-problem")
        self._delivery = HTML()
        self._delivery.add_class("closer-delivery")
        self.coaching.want("delivery")
        self.coaching.observe(self.request_render, names=["delivery", "delivery_problem"])

        # --- attempts -----------------------------------------------------
        self._attempts = VBox()
        self._attempts.add_class("closer-attempts")
        self._chart = HTML()
        self._chart.add_class("closer-attempts-chart")

        # The one length target is the plan's: the toggle shows and sets it.
        link((plan, "length"), (self._length, "value"))
        self._cue_mode.observe(self.request_render, names="value")
        plan.observe(self.request_render, names=["statement", "length", "rehearsals"])
        self.coaching.observe(self.request_render, names="cue_card")
        super().__init__(
            [
                heading("Rehearse your close"),
                paragraph(
                    "Say your close out loud, as you will in the room, and time it. Glance at "
                    "the key words rather than reading the full text: after a few rounds the "
                    "cues are all you need. The length target is the one you chose in the "
                    "Statement step; change it here and it changes there too."
                ),
                self._cue_mode,
                self._cue,
                self._length,
                self._target,
                HBox([self._start, self._stop, self._clock, self._ticker]),
                self._check,
                self._status,
                heading("Record yourself", 3),
                paragraph(
                    "Hearing yourself is the quickest way to a close that flows. Record a "
                    "take, play it back, and see its length, your pace and your pauses. "
                    "The recording stays in this browser: nothing of it is sent anywhere, "
                    "and only its measurements join your attempts."
                ),
                self.recorder,
                self._take_problem,
                self._delivery,
                heading("Your attempts", 3),
                self._attempts,
                self._chart,
            ],
            **kwargs,
        )
        self.add_class("closer-rehearse-step")
        self.observe(self._show_problem, names="problem")
        self._render_clock()
        self.request_render()

    # --- public controls ---------------------------------------------------------------
    @property
    def length(self) -> ToggleButtons:
        """The short/full toggle: shows and sets ``plan.length``."""
        return self._length

    @property
    def cue_mode(self) -> ToggleButtons:
        """Key words or full text."""
        return self._cue_mode

    @property
    def start_button(self) -> Button:
        """Starts the timer."""
        return self._start

    @property
    def stop_button(self) -> Button:
        """Stops the timer and opens the self-check."""
        return self._stop

    @property
    def save_button(self) -> Button:
        """Saves the attempt to ``plan.rehearsals``."""
        return self._save

    @property
    def said_boxes(self) -> dict[str, Checkbox]:
        """One box per closing element, by element id."""
        return dict(self._said)

    @property
    def mistake_boxes(self) -> dict[str, Checkbox]:
        """One box per self-checkable mistake, by mistake id."""
        return dict(self._mistakes)

    @property
    def confidence(self) -> ToggleButtons:
        """The 1-5 self-rating."""
        return self._confidence

    @property
    def self_check_open(self) -> bool:
        """Whether the self-check (parts, mistakes, rating, Save) is on show."""
        return self._check.layout.display != "none"

    # --- timer ------------------------------------------------------------
    def _on_start(self, button=None):
        self.timer.start()
        self._start.disabled = True
        self._stop.disabled = False
        self._check.layout.display = "none"
        self._status.value = ""
        self.verdict = ""
        self.problem = ""
        self._ticker.value = 0
        self._ticker.playing = True
        self._render_clock()

    def _on_stop(self, button=None):
        seconds = self.timer.stop()
        self._ticker.playing = False
        self._start.disabled = False
        self._start.description = "Start again"
        self._stop.disabled = True
        self._render_clock()
        self.verdict = time_verdict(seconds, self.plan)
        after = (
            "It will not be saved as an attempt."
            if self.verdict == "too_short"
            else "Now tick what you said and save the attempt."
        )
        self._status.value = (
            f'<p role="status">{escape(format_seconds(seconds))}: '
            f"{escape(VERDICTS[self.verdict])} {escape(after)}</p>"
        )
        self._check.layout.display = None

    def _on_tick(self, change):
        self._render_clock()

    # --- self-check -------------------------------------------------------
    def _on_save(self, button=None):
        try:
            record_attempt(
                self.plan,
                self.timer.elapsed,
                [key for key, box in self._said.items() if box.value],
                [key for key, box in self._mistakes.items() if box.value],
                self._confidence.value,
            )
        except ValueError as exc:
            # The ticks stay as they are so nothing has to be entered twice.
            self.problem = str(exc)
            return
        self.problem = ""
        count = len(self.plan.rehearsals)
        self._status.value = (
            f'<p role="status">Attempt {count} saved. Start again when you are ready.</p>'
        )
        for box in [*self._said.values(), *self._mistakes.values()]:
            box.value = False
        self._confidence.value = None
        self._check.layout.display = "none"
        self.timer.reset()
        self.verdict = ""
        self._start.description = "Start"
        self._render_clock()

    def _show_problem(self, change=None):
        message = self.problem
        self._problem.value = alert_html(message)
        # Hidden and unmarked when empty, so no empty red strip is ever shown.
        self._problem.layout.display = None if message else "none"
        if message:
            self._problem.add_class("closer-error")
        else:
            self._problem.remove_class("closer-error")

    # --- rendering --------------------------------------------------------
    def render(self) -> None:
        """Draw the cue card, the target, the attempts and the chart from the models."""
        self.cues = list(self.coaching.cue_card)
        self._cue.value = cue_card_html(self.plan.statement, self._cue_mode.value, self.cues)
        low, high = target_window(self.plan)
        words_low, words_high = word_window(self.plan)
        shortest = shortest_attempt(self.plan)
        self._target.value = (
            f"<p>Aim for {low}-{high} s (about {words_low}-{words_high} words at a calm pace). "
            f"An attempt under {shortest:.0f} s is not counted as a rehearsal.</p>"
        )
        self._render_attempts()
        self._render_delivery()

    def _on_take(self, numbers: dict) -> None:
        try:
            record_take(self.plan, numbers)
        except (CloserError, ValueError) as exc:
            show_problem(self._take_problem, str(exc))
            return
        show_problem(self._take_problem, "")

    def _render_delivery(self) -> None:
        notes = self.coaching.delivery
        if self.coaching.delivery_problem:
            self._delivery.value = alert_html(self.coaching.delivery_problem)
            return
        if not notes:
            self._delivery.value = ""
            return
        items = "".join(
            f"<li><b>{escape(note.title)}</b>: {escape(note.message)} "
            f'<span class="closer-why">{escape(note.why)}</span> '
            f"<i>Try this:</i> {escape(note.try_next)}</li>"
            for note in notes
        )
        self._delivery.value = f"<p><b>Your last take</b></p><ul>{items}</ul>"

    def _render_clock(self):
        self._clock.value = (
            f'<span role="timer" aria-live="off" style="font-size: 1.5rem; '
            f'font-variant-numeric: tabular-nums;">{escape(format_seconds(self.timer.read()))}'
            "</span>"
        )

    def _render_attempts(self):
        rows = []
        for number, attempt in enumerate(self.plan.rehearsals, start=1):
            row = HTML(attempt_html(number, attempt, self._mistake_titles))
            row.add_class("closer-attempt")
            rows.append(row)
        if not rows:
            empty = HTML("<p>No attempts yet: your timed attempts will be listed here.</p>")
            empty.add_class("closer-attempts-empty")
            rows = [empty]
        self._attempts.children = rows
        self._chart.value = progress_svg(progress_summary(self.plan), target_window(self.plan))
