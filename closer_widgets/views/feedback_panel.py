"""The live feedback panel: what a statement has, lacks, and how it sounds, at a glance.

The panel renders one :class:`~closer_widgets.feedback.Feedback` and nothing else:
it never analyses text itself (STYLE.md section 3). Every string that came from
the user or from a data file is escaped here, where the HTML is built.
"""

from __future__ import annotations

from ipywidgets import HTML, HBox, Layout, VBox
from markupsafe import escape
from traitlets import Float, Tuple, observe

from ..content import ELEMENT_IDS, FLAG_IDS, element_records
from ..feedback.results import FLAG_TITLES
from ..statement import time_verdict
from .common import stylesheet

SCALE_SECONDS = 120
"""Right end of the speaking-time bar, unless the statement runs longer."""

HIGHLIGHT_CHARS = 5_000
"""Longest stretch of text shown with its evidence marked (keeps the page light)."""

TOP_SUGGESTIONS = 3


PROMPT = (
    "Write your closing statement above, or start from the draft. As you type, this "
    "panel shows which of the seven parts are there, how it sounds and how long it takes."
)


def _titles() -> dict:
    return {row.id: row.title for row in element_records()}


def _why(text: str) -> str:
    return f'<span class="closer-why">{escape(text.rstrip().rstrip("."))}.</span>'


def _quote(words) -> str:
    return ", ".join(f"\u201c{escape(word)}\u201d" for word in words)


def element_html(title: str, met: bool, words) -> str:
    """The content of one element's node: sign, title, and the words that show it."""
    sign, state = ("\u2713", "found") if met else ("\u2717", "missing")
    detail = _quote(words[:3]) if met and words else ("found" if met else "not yet")
    return (
        f'<span class="closer-mark-sign" aria-hidden="true">{sign}</span>'
        f'<b>{escape(title)}</b><span class="closer-sr"> ({state})</span>'
        f'<span class="closer-words">{detail}</span>'
    )


def highlight_html(text: str, spans, titles: dict, limit: int = HIGHLIGHT_CHARS) -> str:
    """The text with each evidence span in a ``<mark>``; every slice is escaped.

    Parameters
    ----------
    text : str
        The statement the spans point into.
    spans : iterable of (start, end, target)
        Offsets into ``text``; overlapping spans after the first are skipped.
    titles : dict
        Label of each target, shown as the mark's tooltip.
    limit : int
        Only the first ``limit`` characters are shown.
    """
    shown = text[:limit]
    parts, cursor = [], 0
    for start, end, target in sorted(spans):
        if start < cursor or start >= len(shown) or end <= start:
            continue
        end = min(end, len(shown))
        kind = "closer-mark-flag" if target in FLAG_IDS else "closer-mark-element"
        parts.append(escape(shown[cursor:start]))
        parts.append(
            f'<mark class="closer-mark {kind}" title="{escape(titles.get(target, target))}">'
            f"{escape(shown[start:end])}</mark>"
        )
        cursor = end
    parts.append(escape(shown[cursor:]))
    if len(text) > limit:
        parts.append(f"\u2026 (only the first {limit:,} characters are shown here)")
    return "".join(parts)


def sentences_html(text: str, sentences, titles: dict, limit: int = HIGHLIGHT_CHARS) -> str:
    """Each sentence the analyzer read, with what it found there; every slice is escaped.

    Parameters
    ----------
    text : str
        The statement the sentences point into.
    sentences : iterable of (start, end, labels)
        :attr:`~closer_widgets.feedback.Feedback.sentences`.
    titles : dict
        Label of each element and flag.
    limit : int
        Sentences starting after this many characters are left out.
    """
    items = []
    for start, end, labels in sentences:
        if start >= limit:
            break
        found = ", ".join(escape(titles.get(label, label)) for label in labels)
        items.append(
            f"<li><q>{escape(text[start:end])}</q> "
            f'<span class="closer-why">{found or "nothing found here"}</span></li>'
        )
    if not items:
        return ""
    return (
        "<details><summary>What each sentence does</summary>"
        f'<ol class="closer-sentences">{"".join(items)}</ol></details>'
    )


def time_html(seconds: float, low: float, high: float, missing: int = 0) -> str:
    """A bar of the speaking time against the target window, with the verdict in words.

    ``missing`` is how many closing parts the text still lacks: a short text that
    lacks parts needs those parts, not just "one more point".
    """
    scale = max(SCALE_SECONDS, seconds * 1.1)
    verdict = escape(time_verdict(seconds, low, high, missing))
    left, width = 100 * low / scale, 100 * (high - low) / scale
    marker = min(100.0, 100 * seconds / scale)
    return (
        f'<p class="closer-time-text">About {seconds:.0f} seconds to say aloud '
        f"(target {low:.0f}\u2013{high:.0f} s): {verdict}.</p>"
        '<div class="closer-time-track" aria-hidden="true">'
        f'<div class="closer-time-band" style="left:{left:.1f}%;width:{width:.1f}%"></div>'
        f'<div class="closer-time-marker" style="left:{marker:.1f}%"></div></div>'
    )


class FeedbackPanel(VBox):
    """Shows one analysis of the closing statement.

    Parameters
    ----------
    target : tuple of float
        The speaking-time window to aim for, in seconds (low, high); the
        statement view links it to the plan's one length target.

    Notes
    -----
    Each element has a node with the classes ``closer-element-<id>`` and
    ``is-met`` or ``is-missing`` (the dashboard hooks of CONTRACT.md).
    """

    target = Tuple(
        Float(), Float(), default_value=(60.0, 90.0), help="Speaking-time window (low, high), s."
    )

    def __init__(self, target=(60, 90), **kwargs):
        self.feedback = None
        self.text = ""
        self._titles = _titles()
        self._summary = HTML()
        self._summary.add_class("closer-summary")
        self._notice = HTML()
        self._nodes = {}
        for element_id in ELEMENT_IDS:
            node = HTML(element_html(self._titles[element_id], False, []))
            node.add_class("closer-element")
            node.add_class(f"closer-element-{element_id}")
            node.add_class("is-missing")
            self._nodes[element_id] = node
        elements = HBox(list(self._nodes.values()), layout=Layout(flex_flow="row wrap"))
        elements.add_class("closer-elements")
        self._time = HTML()
        self._flags = HTML()
        self._suggestions = HTML()
        self._highlight = HTML()
        self._sentences = HTML()
        super().__init__(
            [
                stylesheet(),
                HTML("<h3>Feedback</h3>"),
                self._summary,
                self._notice,
                elements,
                self._time,
                self._flags,
                self._suggestions,
                self._highlight,
                self._sentences,
            ],
            **kwargs,
        )
        self.add_class("closer-feedback")
        self.target = tuple(target)
        self.update(None, "")

    def node(self, element_id: str) -> HTML:
        """The node that shows one element (for tests and hooks)."""
        return self._nodes[element_id]

    def set_target(self, low: float, high: float) -> None:
        """Aim at another speaking-time window; redraws the time bar only."""
        self.target = (low, high)

    @observe("target")
    def _on_target(self, change) -> None:
        if self.feedback is not None and self.text.strip():
            self._time.value = self._time_html(self.feedback)

    def _time_html(self, fb) -> str:
        missing = sum(not fb.elements.get(e) for e in ELEMENT_IDS)
        return time_html(fb.speaking_seconds, *self.target, missing=missing)

    def show_problem(self, message: str) -> None:
        """Say that feedback is unavailable, keeping the last result on screen."""
        self._notice.value = f'<p class="closer-notice" role="status">{escape(message)}</p>'

    def update(self, fb, text: str) -> None:
        """Render ``fb``, the analysis of ``text``; ``None`` or blank text shows a prompt."""
        self.feedback, self.text = fb, text
        blank = fb is None or not text.strip()
        for element_id, node in self._nodes.items():
            met = not blank and bool(fb.elements.get(element_id))
            words = [] if blank else list(fb.evidence.get(element_id, []))
            node.value = element_html(self._titles[element_id], met, words)
            node.add_class("is-met" if met else "is-missing")
            node.remove_class("is-missing" if met else "is-met")
        if blank:
            self._summary.value = f'<p aria-live="polite">{escape(PROMPT)}</p>'
            self._notice.value = ""
            self._time.value = self._flags.value = ""
            self._suggestions.value = self._highlight.value = self._sentences.value = ""
            return
        found = sum(bool(fb.elements.get(e)) for e in ELEMENT_IDS)
        raised = [flag for flag in FLAG_IDS if fb.flags.get(flag)]
        tone = f", {len(raised)} tone warning{'s' if len(raised) != 1 else ''}" if raised else ""
        self._summary.value = (
            f'<p aria-live="polite">{found} of {len(ELEMENT_IDS)} parts found{tone}.</p>'
        )
        self._notice.value = (
            '<p class="closer-notice" role="status">This statement is very long: only its '
            "first part was checked. Shorten it to get feedback on all of it.</p>"
            if fb.truncated
            else ""
        )
        self._time.value = self._time_html(fb)
        self._flags.value = self._flags_html(fb, raised)
        self._suggestions.value = self._suggestions_html(fb)
        titles = {**self._titles, **FLAG_TITLES}
        self._highlight.value = (
            "<h3>Your words, with the evidence marked</h3>"
            f'<div class="closer-highlight">{highlight_html(text, fb.spans, titles)}</div>'
        )
        self._sentences.value = sentences_html(text, fb.sentences, titles)

    @staticmethod
    def _flags_html(fb, raised: list) -> str:
        if not raised:
            return (
                '<p class="closer-ok"><span aria-hidden="true">\u2713 </span>Tone: nothing '
                "pushy, needy, hedging, generic or unbacked found.</p>"
            )
        reasons = {f.target: f for f in fb.findings}
        items = []
        for flag in raised:
            finding = reasons.get(flag)
            if finding is not None:
                body = f"{escape(finding.message)} {_why(finding.why)}"
            else:
                body = f"Raised by {_quote(fb.flag_evidence.get(flag, []))}."
            items.append(
                f'<li><span aria-hidden="true">! </span>'
                f'<span class="closer-flag-title">{escape(FLAG_TITLES.get(flag, flag))}:</span> '
                f"{body}</li>"
            )
        return (
            "<h3>Tone: enthusiastic, not desperate; assertive, not aggressive</h3>"
            f'<ul class="closer-flags">{"".join(items)}</ul>'
        )

    @staticmethod
    def _suggestions_html(fb) -> str:
        if hasattr(fb, "findings"):
            # Tone findings have their own section above; don't say them twice.
            findings = [f for f in fb.findings if f.target not in FLAG_IDS]
            items = [
                f"<li>{escape(f.message)} {_why(f.why)}</li>" for f in findings[:TOP_SUGGESTIONS]
            ]
        else:
            items = [f"<li>{escape(text)}</li>" for text in fb.suggestions[:TOP_SUGGESTIONS]]
        if not items:
            return ""
        return f'<h3>What to do next</h3><ol class="closer-suggestions">{"".join(items)}</ol>'
