"""What the analyzer returns: :class:`Feedback`, its :class:`Finding` s and :class:`Span` s.

The wording of every suggestion is content (``data/feedback_suggestions.csv``): one
row per gap or flag with ``severity``, ``message``, ``why`` and ``advice``;
``message`` and ``why`` may use ``{words}`` (the words that raised a flag),
``{company}``, ``{role}`` and ``{seconds}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..content import ELEMENT_IDS, FLAG_IDS, Column, TableSpec, load_records
from ..content import _error as _content_error  # same wording as every content file
from ..plan import (  # noqa: F401 - WORDS_PER_MINUTE is re-exported by the package
    LENGTHS,
    STATEMENT_TEXT,
    WORDS_PER_MINUTE,
)

FLAG_TITLES = {
    "pushy": "Pushy",
    "desperate": "Sounds needy",
    "hedging": "Hedging",
    "generic": "Generic",
    "unsupported": "Claims without proof",
}
"""Short names of the tone flags, as the dashboard and the command line show them."""

MAX_CHARS = STATEMENT_TEXT
"""Longest text analysed; the rest is ignored and :attr:`Feedback.truncated` is set."""

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")

SEVERITIES = ("high", "medium", "low")
SUGGESTION_TARGETS = (*ELEMENT_IDS, *FLAG_IDS, "empty", "long", "complete")
_SUGGESTION_PLACEHOLDERS = ("words", "company", "role", "seconds")

SUGGESTIONS = TableSpec(
    "feedback_suggestions.csv",
    (
        Column("target", "choice", choices=SUGGESTION_TARGETS),
        Column("severity", "choice", choices=SEVERITIES),
        Column("message"),
        Column("why"),
        Column("advice", "advice"),
    ),
    key="target",
    min_rows=len(SUGGESTION_TARGETS),
)
"""What to say for each gap or flag (``data/feedback_suggestions.csv``)."""


class Span(NamedTuple):
    """One piece of evidence: ``text[start:end]`` shows ``target``."""

    start: int
    end: int
    target: str


class SentenceLabels(NamedTuple):
    """One sentence of the statement and what the detector found in it.

    ``text[start:end]`` is the sentence; ``labels`` are the elements and flags it
    carries, in contract order.
    """

    start: int
    end: int
    labels: tuple


@dataclass(frozen=True)
class Finding:
    """One suggestion, with what it is about and why it matters.

    Attributes
    ----------
    target : str
        The element or flag it concerns, or ``empty``, ``long`` or ``complete``.
    severity : str
        ``high``, ``medium`` or ``low``.
    message : str
        What the text does or lacks, in observable terms.
    why : str
        What to do and why it matters.
    advice : tuple of str
        ADVICE ids the suggestion rests on.
    """

    target: str
    severity: str
    message: str
    why: str
    advice: tuple[str, ...]

    @property
    def text(self) -> str:
        """The suggestion as one plain sentence pair, ending with its advice ids."""
        why = self.why.rstrip().rstrip(".")
        return f"{self.message} {why} ({', '.join(self.advice)})."

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "target": self.target,
            "severity": self.severity,
            "message": self.message,
            "why": self.why,
            "advice": list(self.advice),
            "text": self.text,
        }


@dataclass(frozen=True)
class Feedback:
    """What :func:`analyze` found in one closing statement.

    Attributes
    ----------
    elements : dict of str to bool
        The seven closing elements, in contract order.
    evidence : dict of str to list of str
        For every element, the words of the text that show it (empty when missing).
    flags : dict of str to bool
        Tone flags: ``pushy``, ``desperate``, ``hedging``, ``generic``, ``unsupported``.
    flag_evidence : dict of str to list of str
        For every flag, the words that raised it (empty when not raised).
    speaking_seconds : float
        Estimated time to say the text aloud, at :data:`WORDS_PER_MINUTE`.
    word_count : int
        Words in the analysed text.
    findings : tuple of Finding
        Suggestions, most important first.
    spans : tuple of Span
        Character offsets of every piece of evidence, sorted by start.
    truncated : bool
        True when the text was longer than :data:`MAX_CHARS` and only its start
        was analysed.
    sentences : tuple of SentenceLabels
        Every sentence analysed, with what was found in it: the sentence behind
        each piece of evidence.
    """

    elements: dict[str, bool]
    evidence: dict[str, list[str]]
    flags: dict[str, bool]
    flag_evidence: dict[str, list[str]] = field(default_factory=dict)
    speaking_seconds: float = 0.0
    word_count: int = 0
    findings: tuple[Finding, ...] = ()
    spans: tuple[Span, ...] = ()
    truncated: bool = False
    sentences: tuple[SentenceLabels, ...] = ()

    @property
    def suggestions(self) -> list[str]:
        """Plain-text suggestions, most important first."""
        return [finding.text for finding in self.findings]

    def to_dict(self, details: bool = False) -> dict:
        """JSON-ready dict with the contract keys.

        Parameters
        ----------
        details : bool
            Also include ``flag_evidence``, ``word_count``, ``findings``, ``spans``,
            ``sentences`` and ``truncated``.
        """
        data = {
            "elements": dict(self.elements),
            "evidence": {key: list(value) for key, value in self.evidence.items()},
            "flags": dict(self.flags),
            "speaking_seconds": self.speaking_seconds,
            "suggestions": self.suggestions,
        }
        if details:
            data["flag_evidence"] = {key: list(value) for key, value in self.flag_evidence.items()}
            data["word_count"] = self.word_count
            data["findings"] = [finding.to_dict() for finding in self.findings]
            data["spans"] = [list(span) for span in self.spans]
            data["sentences"] = [
                {"start": start, "end": end, "labels": list(labels)}
                for start, end, labels in self.sentences
            ]
            data["truncated"] = self.truncated
        return data

    def to_text(self, length: str = "full") -> str:
        """A short report for the command line, in the dashboard's words.

        Parameters
        ----------
        length : {"full", "short"}
            The length target the speaking time is judged against.
        """
        from ..content import element_records
        from ..statement import time_verdict

        titles = {row.id: row.title for row in element_records()}
        lines = ["The seven parts of a close:"]
        width = max(len(title) for title in (*titles.values(), *FLAG_TITLES.values()))
        for name in ELEMENT_IDS:
            if self.elements[name]:
                shown = ", ".join(f'"{words}"' for words in self.evidence[name])
                lines.append(f"  \u2713 {titles[name]:<{width}}  {shown}")
            else:
                lines.append(f"  \u2717 {titles[name]:<{width}}  not found")
        raised = [name for name in FLAG_IDS if self.flags.get(name)]
        lines.append("Tone:")
        if raised:
            for name in raised:
                shown = ", ".join(f'"{words}"' for words in self.flag_evidence.get(name, ()))
                lines.append(f"  ! {FLAG_TITLES[name]:<{width}}  {shown}")
        else:
            lines.append("  nothing pushy, needy, hedging, generic or unbacked found")
        low, high = LENGTHS[length]
        missing = sum(not self.elements[name] for name in ELEMENT_IDS)
        verdict = time_verdict(self.speaking_seconds, low, high, missing)
        lines.append(
            f"Speaking time: about {self.speaking_seconds:.0f} seconds ({self.word_count} words; "
            f"target {low}-{high} s): {verdict}."
        )
        if self.truncated:
            lines.append(f"Only the first {MAX_CHARS:,} characters were analysed.")
        lines.append("Suggestions:")
        lines.extend(f"  {i}. {text}" for i, text in enumerate(self.suggestions, start=1))
        return "\n".join(lines)


def load_suggestions(path: str | Path | None = None) -> tuple:
    """Read and check the suggestion texts.

    Parameters
    ----------
    path : str or Path, optional
        A file to read instead of ``data/feedback_suggestions.csv``.

    Returns
    -------
    tuple of namedtuple
        The rows of :data:`SUGGESTIONS` as records, in file order.

    Raises
    ------
    ContentError
        When a row is malformed, a placeholder is unknown, or a target is missing.
    """
    table = load_records(SUGGESTIONS, path)
    name = Path(path).name if path is not None else SUGGESTIONS.filename
    for number, row in enumerate(table, start=2):
        for column in ("message", "why"):
            for placeholder in _PLACEHOLDER_RE.findall(getattr(row, column)):
                if placeholder not in _SUGGESTION_PLACEHOLDERS:
                    known = ", ".join(f"{{{p}}}" for p in _SUGGESTION_PLACEHOLDERS)
                    raise _content_error(
                        name, number, column, f"{{{placeholder}}} is not one of {known}"
                    )
    missing = set(SUGGESTION_TARGETS) - {row.target for row in table}
    if missing:
        raise _content_error(name, None, "target", f"no row for {', '.join(sorted(missing))}")
    return table
