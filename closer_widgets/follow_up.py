"""After the interview: the thank-you email and when to follow up (A9, A10, A15).

Pure logic with no widget imports. The email is drafted from the
:class:`~closer_widgets.plan.ClosingPlan`, its wording from
``data/email_templates.csv``; the reminders and the calendar file are
:mod:`closer_widgets.reminders`'.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .content import DATA_DIR, Column, TableSpec, load_records
from .errors import ContentError
from .phrasing import as_clause, capitalise, clean, join, lower_first, noun_phrase
from .plan import ClosingPlan

MAX_EMAIL_WORDS = 199
"""A thank-you note is read in under a minute: the draft stays below 200 words."""

_SUBJECT_PREFIX = "Subject:"


@dataclass(frozen=True)
class Email:
    """A drafted email.

    Attributes
    ----------
    subject : str
        The subject line.
    body : str
        Plain text, lines separated by ``\\n``.
    to : str
        Recipient address; empty when not known.
    """

    subject: str
    body: str
    to: str = ""

    def to_text(self) -> str:
        """Subject and body as one text, the form kept in ``plan.followup_email``."""
        return f"{_SUBJECT_PREFIX} {self.subject}\n\n{self.body}"

    @classmethod
    def from_text(cls, text: str) -> Email:
        """Read :meth:`to_text` output back; a text without a subject line is all body."""
        head, sep, rest = (text or "").partition("\n")
        if head.startswith(_SUBJECT_PREFIX):
            return cls(subject=head[len(_SUBJECT_PREFIX) :].strip(), body=rest.lstrip("\n"))
        return cls(subject="", body=text or "")

    def word_count(self) -> int:
        """Words in the body."""
        return len(self.body.split())


EMAIL_FIELDS = {
    "greeting_name": frozenset({"interviewer"}),
    "greeting": frozenset(),
    "where_both": frozenset({"role", "company"}),
    "where_role": frozenset({"role"}),
    "where_company": frozenset({"company"}),
    "where_none": frozenset(),
    "opening_today": frozenset({"where"}),
    "opening_past": frozenset({"where", "day"}),
    "opening_undated": frozenset({"where"}),
    "topics_discussed": frozenset({"topics"}),
    "topics_said": frozenset({"topic_clauses"}),
    "topics_none": frozenset(),
    "concern_answered": frozenset({"concern", "answer_clause"}),
    "concern_answered_phrase": frozenset({"concern", "answer"}),
    "concern_said_answered": frozenset({"concern_clause", "answer_clause"}),
    "concern_said_answered_phrase": frozenset({"concern_clause", "answer"}),
    "concern_open": frozenset({"concern"}),
    "concern_said_open": frozenset({"concern_clause"}),
    "answer_only": frozenset({"answer_clause"}),
    "answer_only_phrase": frozenset({"answer"}),
    "interest_role": frozenset({"team", "role"}),
    "interest": frozenset({"team"}),
    "team_none": frozenset(),
    "close": frozenset(),
    "sign_off": frozenset(),
    "subject_both": frozenset({"role", "company"}),
    "subject_one": frozenset({"what"}),
    "subject_none": frozenset(),
}

EMAIL_TEMPLATES = TableSpec(
    "email_templates.csv",
    (
        Column("id", "choice", choices=tuple(EMAIL_FIELDS)),
        Column("template"),
        Column("advice", "advice"),
    ),
)
"""The wording of the thank-you email, one row per piece (counsellors may edit it)."""

_PLACEHOLDER = re.compile(r"\{(\w*)\}")
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s)$")


@functools.lru_cache(maxsize=8)
def load_email_templates(path: str | Path | None = None) -> dict:
    """The thank-you email's wording, validated (cached).

    Parameters
    ----------
    path : str or Path, optional
        Another file (tests, translations); ``data/email_templates.csv`` by default.

    Returns
    -------
    dict
        Template text by id (the ids of :data:`EMAIL_FIELDS`).

    Raises
    ------
    ContentError
        When an id is missing, or a row uses a placeholder its id cannot fill;
        the message names the file, the row and the column.
    """
    path = Path(path) if path is not None else DATA_DIR / EMAIL_TEMPLATES.filename
    records = load_records(EMAIL_TEMPLATES, path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = [cell.strip() for cell in rows[0]].index("id")
    numbers = {row[column].strip(): n for n, row in enumerate(rows[1:], 2) if len(row) > column}
    for record in records:
        allowed = EMAIL_FIELDS[record.id]
        bad = [name for name in _PLACEHOLDER.findall(record.template) if name not in allowed]
        if bad or "{" in _PLACEHOLDER.sub("", record.template):
            problem = (
                f"{{{bad[0]}}} cannot be used in '{record.id}' "
                f"(use {', '.join('{' + n + '}' for n in sorted(allowed)) or 'no placeholder'})"
                if bad
                else "it has a '{' or '}' that is not part of a placeholder"
            )
            raise ContentError(
                f"{path.name}, row {numbers.get(record.id, '?')}, column 'template': {problem}. "
                "Fix the file and load it again."
            )
    missing = [name for name in EMAIL_FIELDS if name not in {r.id for r in records}]
    if missing:
        raise ContentError(
            f"{path.name}, column 'id': the row '{missing[0]}' is missing. "
            "Fix the file and load it again."
        )
    return {record.id: record.template for record in records}


def _first_words(text: str, words: int) -> str:
    """``text`` as one line of at most ``words`` words, without closing punctuation."""
    parts = " ".join((text or "").split()).split(" ")
    clipped = " ".join(parts[:words])
    if len(parts) > words:
        clipped += "..."
    return clipped.rstrip(" .;:,!")


def _say(template: str, **values) -> str:
    """Fill one template in one pass (braces in user text are never re-read).

    A value that opens a sentence gets a capital; the others are used as given
    (the phrasing helpers have already put the person's words in shape).
    """

    def replace(match: re.Match) -> str:
        value = values.get(match.group(1), "")
        if _SENTENCE_END.search(template[: match.start()]):
            return capitalise(value)
        return value

    text = _PLACEHOLDER.sub(replace, template)
    return re.sub(r"\s+", " ", text).strip().replace("..", ".")


def _interview_day(plan: ClosingPlan) -> dt.date | None:
    """The interview date, or ``None`` when it is not given (or not a date)."""
    try:
        return dt.date.fromisoformat(plan.interview_date) if plan.interview_date else None
    except ValueError:
        return None


def _spoken_day(day: dt.date, today: dt.date) -> str:
    """ "Tuesday, 24 November" (with the year when it is not this year's)."""
    text = f"{day:%A}, {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def _draft(plan: ClosingPlan, topics: list[str], limit: int, today: dt.date) -> Email:
    words = load_email_templates()
    company = clean(_first_words(plan.company, limit // 2))
    role = clean(_first_words(plan.role, limit // 2))
    interviewer = _first_words(plan.interviewer, limit // 2)
    if role and company:
        where = _say(words["where_both"], role=role, company=company)
    elif role or company:
        where = _say(words["where_role" if role else "where_company"], role=role, company=company)
    else:
        where = words["where_none"]
    greeting = (
        _say(words["greeting_name"], interviewer=interviewer) if interviewer else words["greeting"]
    )
    paragraphs = [greeting, _opening(words, plan, where, topics, limit, today)]
    concern = _concern_paragraph(words, plan, limit)
    if concern:
        paragraphs.append(concern)
    team = company or words["team_none"]
    interest = _say(words["interest_role" if role else "interest"], team=team, role=role)
    paragraphs.append(f"{interest} {words['close']}")
    signature = words["sign_off"]
    participant = _first_words(plan.participant, limit // 2)
    if participant:
        signature += f"\n{participant}"  # signed with the candidate's name
    paragraphs.append(signature)
    if role and company:
        subject = _say(words["subject_both"], role=role, company=company)
    elif role or company:
        subject = _say(words["subject_one"], what=role or company)
    else:
        subject = words["subject_none"]
    return Email(subject=subject, body="\n\n".join(paragraphs))


def _opening(words: dict, plan, where: str, topics: list, limit: int, today: dt.date) -> str:
    """The first paragraph: thanks in the tense of the real dates, then the topics."""
    # An interview already held is "when we met on <day>"; today's, or one still
    # ahead (the note goes out that day), is "today"; without a date, neither.
    day = _interview_day(plan)
    if day is None:
        opening = _say(words["opening_undated"], where=where)
    elif day < today:
        opening = _say(words["opening_past"], where=where, day=_spoken_day(day, today))
    else:
        opening = _say(words["opening_today"], where=where)
    chosen = [_first_words(t, limit) for t in topics if t.strip()][:2]
    said = [as_clause(t) for t in chosen if as_clause(t)]
    named = [noun_phrase(t, "") or clean(t) for t in chosen if not as_clause(t)]
    if named:
        opening += " " + _say(words["topics_discussed"], topics=join(named))
    if said:
        clauses = said[0] if len(said) == 1 else f"{said[0]}, and {lower_first(said[1])}"
        opening += " " + _say(words["topics_said"], topic_clauses=clauses)
    if not chosen:
        opening += " " + words["topics_none"]
    return opening


def _concern_paragraph(words: dict, plan, limit: int) -> str:
    """The first concern restated with its answer, phrase or sentence alike; "" if none."""
    concern = plan.concerns[0] if plan.concerns else {}
    doubt = _first_words(concern.get("concern", ""), limit)
    answer = _first_words(concern.get("answer", ""), limit * 2)
    if not (doubt or answer):
        return ""
    doubt_said, answer_said = as_clause(doubt), as_clause(answer)
    values = {
        "concern": noun_phrase(doubt, "") or clean(doubt),
        "concern_clause": doubt_said,
        "answer": noun_phrase(answer, "") or clean(answer),
        "answer_clause": answer_said,
    }
    key = "concern_said" if doubt_said else "concern"
    if doubt and answer:
        key += "_answered" if answer_said else "_answered_phrase"
    elif doubt:
        key += "_open"
    else:
        key = "answer_only" if answer_said else "answer_only_phrase"
    return _say(words[key], **values)


def compose_thank_you(
    plan: ClosingPlan, topics: list[str] | None = None, today: dt.date | None = None
) -> Email:
    """Draft the thank-you email to send on the day of the interview (A9).

    The draft greets the interviewer by name (or with a neutral "Hello," when
    the name is not known), recalls two topics discussed, restates the answer
    to the first concern in the plan, renews interest in the role at the
    company, and is signed with ``plan.participant`` when it is set. A missing
    company or role becomes neutral words, never a blank or a placeholder.
    Topics, concerns and answers read well typed as phrases or as whole
    sentences. Long entries are shortened so that the body stays under 200
    words. The wording comes from ``data/email_templates.csv``.

    The tense follows the dates: an interview before ``today`` is thanked for
    "when we met on Tuesday, 24 November"; one today (or still ahead: the note
    goes out on the day) for meeting "today"; without ``plan.interview_date``
    the wording names no day.

    Parameters
    ----------
    plan : ClosingPlan
        Source of the names, the interview date, the concern and (by default)
        the topics.
    topics : list of str, optional
        Topics to mention instead of ``plan.topics``; the first two are used.
    today : datetime.date, optional
        The current day (tests pass a fixed one); :func:`datetime.date.today`
        by default.

    Returns
    -------
    Email
        Subject and body; ``to`` is empty (the plan holds no address).
    """
    topics = list(plan.topics if topics is None else topics)
    today = dt.date.today() if today is None else today
    # Shorten the user's entries step by step until the note fits.
    for limit in (16, 12, 8, 5, 3):
        email = _draft(plan, topics, limit, today)
        if email.word_count() <= MAX_EMAIL_WORDS:
            return email
    return email


def mailto_link(email: Email, to: str = "") -> str:
    """A ``mailto:`` URL that opens the draft in the user's mail app.

    Parameters
    ----------
    email : Email
        The draft.
    to : str, optional
        Recipient; ``email.to`` when empty.

    Returns
    -------
    str
        The URL, with subject and body percent-encoded (line breaks as CRLF,
        as RFC 6068 asks). Escape it before putting it in HTML.
    """
    recipient = quote((to or email.to).strip(), safe="@")
    body = email.body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{recipient}?subject={quote(email.subject, safe='')}&body={quote(body, safe='')}"


# --- the follow-up schedule --------------------------------------------------
