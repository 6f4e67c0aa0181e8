"""Feedback on a closing statement: which of the seven elements it has, and its tone.

:func:`analyze` is the one entry point. It is pure Python (no widgets), deterministic
and fast enough to run on every pause in typing.

The rules are content, kept in ``data/`` so a counsellor can edit them:

``lexicon.csv``
    Cue phrases. Each row has a ``target`` (an element or a tone flag), a ``kind``,
    a ``pattern``, an ``example`` that the pattern must match, and ``advice`` ids.
``lexicon_suggestions.csv``
    One suggestion per gap or flag: ``severity``, ``message``, ``why`` and ``advice``.
    ``message`` and ``why`` may use ``{words}`` (the words that raised a flag),
    ``{company}``, ``{role}`` and ``{seconds}``.

Kinds of lexicon rows:

``cue``
    The speaker's own statement of the element or flag. Ignored when negated just
    before ("I'm not interested") or reported ("my clients always said thank you").
``ask``
    Like ``cue``, but it counts only inside a question or a request ("could you
    tell me...", "I'd love to know...", "please let me know...").
``block``
    A phrase that cancels any cue of the same target it overlaps ("thanks to",
    "the next step in my career").
``doubt``, ``counter``
    For ``concerns``: a doubt or gap counts only when a counterpoint or a recap of
    the speaker's experience follows it in the same or the next sentence.
``hedge``
    For ``hedging``: each match adds ``weight``; the flag is raised by two hedges
    within three sentences, or three anywhere.
``specific``, ``praise``
    For ``generic``: interest with no ``specific`` match (and no mention of the
    company or role) is generic; ``praise`` phrases are shown as its evidence.

Pattern syntax (case is ignored): words separated by spaces, which match spaces,
hyphens or a comma in the text; ``(a|b c)`` alternatives; ``(...)?`` an optional
group; ``word*`` any word starting with ``word``; ``_`` any one word; ``...`` up to
three words; ``#`` a number in digits or words.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .content import (
    ELEMENT_IDS,
    FLAG_IDS,
    Column,
    TableSpec,
    fill_placeholders,
    load_records,
    record_type,
)
from .content import _error as _content_error  # same wording as every content file
from .plan import STATEMENT_TEXT

WORDS_PER_MINUTE = 140
"""Speaking pace used for :attr:`Feedback.speaking_seconds`."""

MAX_CHARS = STATEMENT_TEXT
"""Longest text analysed; the rest is ignored and :attr:`Feedback.truncated` is set."""

LONG_SECONDS = 120
"""A close that takes longer than this to say gets a suggestion to trim it."""

MAX_EVIDENCE = 10
"""Most distinct evidence phrases kept per element or flag."""

MAX_SPANS = 50
"""Most highlighted spans kept per element or flag."""

HEDGE_THRESHOLD = 2
HEDGE_WINDOW = 3
HEDGE_ANYWHERE = 3

KINDS = ("cue", "ask", "block", "doubt", "counter", "hedge", "specific", "praise")
_KINDS_FOR = {
    "concerns": {"doubt", "counter", "block"},
    "hedging": {"hedge", "block"},
    "generic": {"specific", "praise", "block"},
}
_DEFAULT_KINDS = {"cue", "ask", "block"}
SEVERITIES = ("high", "medium", "low")
SUGGESTION_TARGETS = (*ELEMENT_IDS, *FLAG_IDS, "empty", "long", "complete")
_SUGGESTION_PLACEHOLDERS = ("words", "company", "role", "seconds")

LEXICON = TableSpec(
    "lexicon.csv",
    (
        Column("id"),
        Column("target", "choice", choices=(*ELEMENT_IDS, *FLAG_IDS)),
        Column("kind", "choice", choices=KINDS),
        Column("pattern"),
        Column("weight", "int", required=False, minimum=1, maximum=3),
        Column("example"),
        Column("advice", "advice"),
    ),
)
"""Cue phrases of the analyzer (``data/lexicon.csv``); :func:`load_lexicon` also checks
that every element and flag has a cue."""

SUGGESTIONS = TableSpec(
    "lexicon_suggestions.csv",
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
"""What to say for each gap or flag (``data/lexicon_suggestions.csv``)."""


# --------------------------------------------------------------------------- grammar
# A little English grammar on top of the lexicon. These are function words, not
# coaching content, so they live here.

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
_WORD_RE = re.compile(r"\w+(?:'\w+)*")
_SENTENCE_RE = re.compile(r"[^.!?\n]*[.!?]+|[^.!?\n]+")
_CLAUSE_MARK_RE = re.compile(r"[,;:()\[\]\"\u2014\u2013]|\s-\s")
_CLAUSE_WORDS = frozenset(
    "but however although though yet whereas and so because while when if after until".split()
)
_NEGATION_RE = re.compile(
    r"n't\b|\b(?:not|never|no|nobody|nothing|hardly|cannot|no longer)\b"
    r"(?!\s+(?:only|just|doubt|question)\b)",
    re.IGNORECASE,
)
_NEGATION_EXCEPTIONS_RE = re.compile(
    r"\b(?:couldn't|could not|can't|cannot) (?:be|have been) (?:more|happier)\b", re.IGNORECASE
)
_REPORTING_VERBS = (
    "said", "says", "told", "tells", "wrote", "writes", "sent", "sends", "asked", "asks",
    "mentioned", "replied", "thanked", "would say", "would ask", "would tell", "would thank",
    "used to say", "used to ask", "used to tell", "used to thank",
)  # fmt: skip
_REPORTER_RE = re.compile(
    r"\b(?:he|she|they|it|people|everyone|someone|somebody|clients?|customers?|colleagues?"
    r"|(?:my|our|his|her|their|the) \w+)(?: \w+){0,2} (?:" + "|".join(_REPORTING_VERBS) + r")\b",
    re.IGNORECASE,
)
_LOOK_BACK = 120
"""Characters before a cue searched for negation and reported speech (within its clause)."""
_FIRST_PERSON_RE = re.compile(r"I\b(?!')|I'(?:m|ve|d|ll)\b", re.IGNORECASE)
_QUESTION_START_RE = re.compile(
    r"^\W*(?:(?:so|and|oh|um|uh|ok|okay|also|lastly|finally|well|one last thing)\W+)*"
    r"(?:(?:what|when|how|who|whom|where|which)(?:'s|'re|\s+(?:is|are|was|were|do|does|did"
    r"|will|would|can|could|should|happens|comes|else|soon|long))\b"
    r"|(?:could|can|would|will|may|might|do|does|did|is|are|should|shall|have|has)\s+"
    r"(?:you|i|we|there|it|this|that|anyone)\b)",
    re.IGNORECASE,
)
_REQUEST_RE = re.compile(
    r"\b(?:please|could you|can you|would you|will you|may i|could i|can i|might i"
    r"|would it be possible|is it possible|let me know|tell me|do you mind|if you could"
    r"|(?:i'd|i would) (?:love|like|want|be keen|be interested) to (?:know|hear|ask|learn)"
    r"|(?:i'm|i am|i was) (?:curious|wondering|hoping)"
    r"|(?:i'd|i would) (?:really )?appreciate"
    r"|(?:i'm|i am|i'd be|i would be) (?:happy|glad|keen) to (?:answer|address|clarify|discuss)"
    r"|feel free to (?:tell|share|raise|ask)|i'd like to ask|i would like to ask)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    "few", "couple of", "several", "many", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds of", "thousand",
    "thousands of", "dozens of",
)  # fmt: skip
_NUMBER = r"(?:\d[\d,.]*%?|" + "|".join(_NUMBER_WORDS) + ")"
_NUMBER_FIRST_WORDS = frozenset(words.split()[0] for words in _NUMBER_WORDS)
_SEP = r"[\s,\-\u2013\u2014]*"
_ANY_WORD = r"\w+(?:'\w+)*"
_PATTERN_TOKEN_RE = re.compile(r"\.\.\.|[()|?]|\s+|[^\s()|?]+")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")

_COMPANY_STOPWORDS = frozenset(
    "the and for of inc ltd llc plc co company group holdings services solutions "
    "department ministry bank health foods logistics labs bio international global".split()
)
_ROLE_STOPWORDS = frozenset(
    "the and for of a an to in at senior junior principal staff associate assistant lead "
    "head chief trainee intern officer manager specialist coordinator representative i ii "
    "iii sr jr".split()
)


# --------------------------------------------------------------------------- results


class Span(NamedTuple):
    """One piece of evidence: ``text[start:end]`` shows ``target``."""

    start: int
    end: int
    target: str


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
        Tone flags: ``pushy``, ``desperate``, ``hedging``, ``generic``.
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

    @property
    def suggestions(self) -> list[str]:
        """Plain-text suggestions, most important first."""
        return [finding.text for finding in self.findings]

    def to_dict(self, details: bool = False) -> dict:
        """JSON-ready dict with the contract keys.

        Parameters
        ----------
        details : bool
            Also include ``flag_evidence``, ``word_count``, ``findings``, ``spans``
            and ``truncated``.
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
            data["truncated"] = self.truncated
        return data

    def to_text(self) -> str:
        """A short report for the command line."""
        lines = ["Closing elements:"]
        width = max(len(name) for name in (*ELEMENT_IDS, *FLAG_IDS))
        for name in ELEMENT_IDS:
            if self.elements[name]:
                shown = ", ".join(f'"{words}"' for words in self.evidence[name])
                lines.append(f"  \u2713 {name:<{width}}  {shown}")
            else:
                lines.append(f"  \u2717 {name:<{width}}  not found")
        raised = [name for name in FLAG_IDS if self.flags.get(name)]
        lines.append("Tone:")
        if raised:
            for name in raised:
                shown = ", ".join(f'"{words}"' for words in self.flag_evidence.get(name, ()))
                lines.append(f"  ! {name:<{width}}  {shown}")
        else:
            lines.append("  no tone flags raised")
        lines.append(
            f"Speaking time: about {self.speaking_seconds:.0f} seconds ({self.word_count} words)"
        )
        if self.truncated:
            lines.append(f"Only the first {MAX_CHARS:,} characters were analysed.")
        lines.append("Suggestions:")
        lines.extend(f"  {i}. {text}" for i, text in enumerate(self.suggestions, start=1))
        return "\n".join(lines)


# --------------------------------------------------------------------------- loading


def compile_phrase(pattern: str) -> str:
    """Translate one lexicon pattern into a regular expression.

    Parameters
    ----------
    pattern : str
        A phrase in the lexicon syntax (see the module docstring).

    Returns
    -------
    str
        The regular expression source, for lower-case text, meant for
        ``Pattern.match`` at the start of a word: words carry no leading ``\\b``
        (each word ends with one, so the next can only start after a separator).

    Raises
    ------
    ValueError
        When the pattern is empty or its brackets do not pair up.
    """
    out: list[str] = []
    depth = 0
    for token in _PATTERN_TOKEN_RE.findall(pattern.translate(_APOSTROPHES).strip()):
        if token.isspace():
            out.append(_SEP)  # every word carries its own \b, so the gap may be empty
        elif token == "(":
            out.append("(?:")
            depth += 1
        elif token == ")":
            if depth == 0:
                raise ValueError("it has a ')' without its '('")
            out.append(")")
            depth -= 1
        elif token == "|":
            if depth == 0:
                raise ValueError("'|' must be inside brackets, like (a|b)")
            out.append("|")
        elif token == "?":
            if not out or out[-1] != ")":
                raise ValueError("'?' must follow a bracket, like (very)?")
            out.append("?")
        elif token == "...":
            out.append(rf"(?:{_ANY_WORD}\b{_SEP}){{0,3}}")
        elif token == "_":
            out.append(rf"{_ANY_WORD}\b")
        elif token == "#":
            out.append(rf"{_NUMBER}\b")
        else:
            wildcard = token.endswith("*") and len(token) > 1
            literal = (token[:-1] if wildcard else token).lower()
            piece = re.escape(literal)
            if wildcard:
                piece += r"\w*"
            elif re.search(r"\w$", literal):
                piece += r"\b"
            out.append(piece)
    if depth:
        raise ValueError("it has a '(' without its ')'")
    if not out:
        raise ValueError("it is empty")
    return "".join(out)


def load_lexicon(path: str | Path | None = None) -> tuple:
    """Read and check the cue phrases.

    Parameters
    ----------
    path : str or Path, optional
        A file to read instead of ``data/lexicon.csv``.

    Returns
    -------
    tuple of namedtuple
        The rows of :data:`LEXICON` as records (see
        :func:`~closer_widgets.content.load_records`), each with a ``regex``
        attribute added: the pattern compiled to a regular expression source.
        ``weight`` is ``None`` where the file leaves it empty.

    Raises
    ------
    ContentError
        Naming file, row and column when a row is malformed, a pattern cannot be
        read, a kind does not suit its target, or a target has no cue at all.
    """
    table = load_records(LEXICON, path)
    name = Path(path).name if path is not None else LEXICON.filename
    regexes = []
    for number, row in enumerate(table, start=2):
        allowed = _KINDS_FOR.get(row.target, _DEFAULT_KINDS)
        if row.kind not in allowed:
            raise _content_error(
                name,
                number,
                "kind",
                f"{row.kind!r} does not apply to {row.target}; use {' or '.join(sorted(allowed))}",
            )
        try:
            source = compile_phrase(row.pattern)
            re.compile(source)
        except (ValueError, re.error) as exc:
            raise _content_error(name, number, "pattern", f"{row.pattern!r}: {exc}") from None
        regexes.append(source)
    # The file's own columns (less any stray 'regex' one, which ours replaces), then regex.
    header = type(table[0])._header
    keep = [i for i, column in enumerate(header) if column != "regex"]
    with_regex = record_type((*(header[i] for i in keep), "regex"))
    table = tuple(
        with_regex(*(row[i] for i in keep), regex)
        for row, regex in zip(table, regexes, strict=True)
    )
    for target in (*ELEMENT_IDS, *FLAG_IDS):
        kinds = {row.kind for row in table if row.target == target}
        if not kinds - {"block", "counter", "praise"}:
            raise _content_error(name, None, "target", f"there is no cue for {target}")
    return table


def load_suggestions(path: str | Path | None = None) -> tuple:
    """Read and check the suggestion texts.

    Parameters
    ----------
    path : str or Path, optional
        A file to read instead of ``data/lexicon_suggestions.csv``.

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


class _Probe(NamedTuple):
    """Every lexicon row that can start with one word, in one regex.

    Rows are grouped by (target, kind, weight); each group is an optional capturing
    lookahead, so one ``match`` tells which groups match there and how far.
    """

    regex: re.Pattern
    groups: tuple  # (target, kind, weight) of capture group 1, 2, ...


@dataclass(frozen=True)
class _Rules:
    """The lexicon compiled once, indexed by the words a cue can start with."""

    by_word: dict  # lower-case first word -> probe
    by_second: dict  # rows starting with one common word: their second word -> probe
    prefixes: tuple  # first-word prefixes of rows starting with ``word*``
    by_prefix: tuple  # (prefix, probe)
    by_number: _Probe | None  # rows starting with ``#``
    anywhere: _Probe | None  # rows starting with ``...``: tried at every word
    suggestions: dict  # target -> (order, Finding template)


_COMMON_WORDS = frozenset(
    "i the a an this that these those your my our their his her its you we they it to of and "
    "in on for with at by what which any some every one same great good new whole".split()
)


def _first_words(pattern: str) -> tuple[set[tuple[str, str]], bool]:
    """The words a (valid) lexicon pattern can start with, and whether it can be empty.

    The set holds ``("word", w)``, ``("prefix", p)``, ``("number", "")`` or
    ``("any", "")`` entries.
    """
    tokens = [
        token
        for token in _PATTERN_TOKEN_RE.findall(pattern.translate(_APOSTROPHES).strip())
        if not token.isspace()
    ]
    pos = 0

    def sequence():
        nonlocal pos
        first, nullable = set(), True
        while pos < len(tokens) and tokens[pos] not in ("|", ")"):
            item_first, item_nullable = item()
            if nullable:
                first |= item_first
                nullable = item_nullable
        return first, nullable

    def item():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "(":
            first, nullable = set(), False
            while True:
                alt_first, alt_nullable = sequence()
                first |= alt_first
                nullable |= alt_nullable
                pos += 1  # past "|" or ")"
                if tokens[pos - 1] == ")":
                    break
            if pos < len(tokens) and tokens[pos] == "?":
                pos += 1
                nullable = True
            return first, nullable
        if token in ("...", "_"):
            return {("any", "")}, token == "..."
        if token == "#":
            return {("number", "")}, False
        wildcard = token.endswith("*") and len(token) > 1
        literal = (token[:-1] if wildcard else token).lower()
        word = _WORD_RE.match(literal)
        if word is None:
            return {("any", "")}, False
        if wildcard and word.end() == len(literal):
            return {("prefix", word.group())}, False
        return {("word", word.group())}, False

    return sequence()


_ONE_WORD_START_RE = re.compile(r"^(?:\(([\w']+(?:\|[\w']+)*)\)|([\w']+|_))\s+(\S.*)$")


def _index_words(pattern: str) -> tuple[str, set[tuple[str, str]]]:
    """Where to index a pattern: ``("word", first words)`` or ``("second", second words)``.

    A pattern that starts with exactly one word that is any word (``_``) or a common
    one ("the", "a", "great"...) is indexed by its second word, which is rarer, and
    matched from the word before.
    """
    pattern = pattern.translate(_APOSTROPHES).strip()
    one_word = _ONE_WORD_START_RE.match(pattern)
    if one_word:
        alternatives = set((one_word.group(1) or one_word.group(2)).lower().split("|"))
        second, nullable = _first_words(one_word.group(3))
        if (
            (alternatives == {"_"} or alternatives & _COMMON_WORDS)
            and not nullable
            and ("any", "") not in second
            # A number is probed where it stands, not from the word before it.
            and ("number", "") not in second
        ):
            return "second", second
    return "word", _first_words(pattern)[0]


@functools.cache
def _rules() -> _Rules:
    lexicon = load_lexicon()
    suggestions = load_suggestions()
    # (index, key) -> (target, kind, weight) -> regex sources
    found: dict[tuple[str, str], dict[tuple[str, str, int], list[str]]] = {}
    for row in lexicon:
        weight = 1 if row.weight is None else int(row.weight)
        index, first = _index_words(row.pattern)
        for kind, word in first:
            key = (
                (kind, "")
                if kind in ("any", "number")
                else (index if kind == "word" else kind, word)
            )
            group = found.setdefault(key, {}).setdefault((row.target, row.kind, weight), [])
            group.append(row.regex)

    def compiled(key) -> _Probe | None:
        if key not in found:
            return None
        lookaheads = (
            "(?:(?=(" + "|".join(f"(?:{source})" for source in sources) + ")))?"
            for sources in found[key].values()
        )
        return _Probe(re.compile("".join(lookaheads)), tuple(found[key]))

    def keyed(index: str) -> dict[str, _Probe]:
        return {word: compiled((kind, word)) for kind, word in found if kind == index}

    by_prefix = tuple((word, compiled((kind, word))) for kind, word in found if kind == "prefix")
    templates = {}
    for order, row in enumerate(suggestions):
        advice = tuple(row.advice.split(";"))
        template = Finding(row.target, row.severity, row.message, row.why, advice)
        templates[row.target] = (order, template)
    return _Rules(
        by_word=keyed("word"),
        by_second=keyed("second"),
        prefixes=tuple(word for word, _ in by_prefix),
        by_prefix=by_prefix,
        by_number=compiled(("number", "")),
        anywhere=compiled(("any", "")),
        suggestions=templates,
    )


def _name_words(name: str, stopwords: frozenset) -> list[str]:
    """The distinctive lower-case words of a name, or all of them if none is."""
    words = [word.lower() for word in _WORD_RE.findall(name.translate(_APOSTROPHES))]
    kept = [word for word in words if word not in stopwords and not word.isdigit()]
    return kept or words


@functools.lru_cache(maxsize=256)
def _mention_words(company: str, role: str) -> tuple[frozenset, tuple]:
    """Words (exact) and stems (prefixes) that name this company or role.

    Company words must appear as they are ("Acme", "Acme's"); role words also count
    in other forms ("nursing" for "Nurse", "analysis" for "Analyst").
    """
    exact = {word for word in _name_words(company, _COMPANY_STOPWORDS) if len(word) >= 3}
    stems = []
    for word in _name_words(role, _ROLE_STOPWORDS):
        if len(word) > 4:
            stems.append(word[: max(4, len(word) - 2)])
        else:
            exact.add(word)
    return frozenset(exact), tuple(stems)


# --------------------------------------------------------------------------- analysis


class _Text:
    """The normalised text: its words, sentences, clauses, and every lexicon hit."""

    def __init__(self, text: str, rules: _Rules):
        self.text = text
        self.lower = _lower(text)
        self.words = [(match.start(), match.group()) for match in _WORD_RE.finditer(self.lower)]
        self.sentences = []  # (start, end) of each sentence, stripped
        for match in _SENTENCE_RE.finditer(text):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                self.sentences.append((start, end))
        self.starts = [start for start, _ in self.sentences]
        self.clause_ends = sorted(
            [match.end() for match in _CLAUSE_MARK_RE.finditer(text)]
            + [start + len(word) for start, word in self.words if word in _CLAUSE_WORDS]
        )
        self._asking: dict[int, bool] = {}
        self.hits = self._scan(rules)

    def _scan(self, rules: _Rules) -> dict:
        """Every lexicon match, by (target, kind), in text order: (start, end, weight)."""
        words, by_word, by_second = self.words, rules.by_word, rules.by_second
        probes = [(start, by_word[word]) for start, word in words if word in by_word]
        if by_second:
            probes += [
                (words[i - 1][0], by_second[word])
                for i, (_, word) in enumerate(words)
                if i and word in by_second
            ]
        if rules.by_number:
            probes += [
                (start, rules.by_number)
                for start, word in words
                if word[0].isdigit() or word in _NUMBER_FIRST_WORDS
            ]
        if rules.prefixes:
            probes += [
                (start, probe)
                for start, word in words
                if word.startswith(rules.prefixes)
                for prefix, probe in rules.by_prefix
                if word.startswith(prefix)
            ]
        if rules.anywhere:
            probes += [(start, rules.anywhere) for start, _ in words]
        probes.sort(key=lambda item: item[0])
        hits: dict[tuple[str, str], list] = {}
        text = self.lower
        for start, (regex, groups) in probes:
            spans = regex.match(text, start).regs
            for group, (_, end) in zip(groups, spans[1:], strict=False):
                if end > start:
                    hits.setdefault(group[:2], []).append((start, end, group[2]))
        return hits

    def unblocked(self, target: str, kind: str) -> list[tuple[int, int, int]]:
        """Hits of one kind of cue that overlap no block of the same target."""
        hits = self.hits.get((target, kind), [])
        blocks = _merge((start, end) for start, end, _ in self.hits.get((target, "block"), ()))
        if not blocks:
            return hits
        ends = [end for _, end in blocks]
        kept = []
        for hit in hits:
            i = bisect.bisect_right(ends, hit[0])  # first block ending after the hit starts
            if i == len(blocks) or blocks[i][0] >= hit[1]:
                kept.append(hit)
        return kept

    def spans(self, target: str, kind: str) -> list[tuple[int, int]]:
        """Unblocked spans of one kind of cue, overlaps merged."""
        return _merge((start, end) for start, end, _ in self.unblocked(target, kind))

    def sentence_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def clause_start(self, pos: int) -> int:
        sentence_start = self.sentences[self.sentence_of(pos)][0] if self.sentences else 0
        i = bisect.bisect_right(self.clause_ends, pos) - 1
        clause = self.clause_ends[i] if i >= 0 else 0
        return max(clause, sentence_start)

    def asking(self, index: int) -> bool:
        """Whether sentence ``index`` is a question or a request."""
        if index not in self._asking:
            start, end = self.sentences[index]
            sentence = self.text[start:end]
            self._asking[index] = bool(
                sentence.rstrip("\"')]").endswith("?")
                or _QUESTION_START_RE.match(sentence)
                or _REQUEST_RE.search(sentence)
            )
        return self._asking[index]

    def own_statement(self, start: int) -> bool:
        """False when the words at ``start`` are negated or reported.

        Words that start with the speaker's own "I" are never taken as reported.
        """
        before = self.text[max(self.clause_start(start), start - _LOOK_BACK) : start]
        near = " ".join(before[-40:].split()[-3:])
        if _NEGATION_RE.search(near) and not _NEGATION_EXCEPTIONS_RE.search(before[-40:]):
            return False
        if _FIRST_PERSON_RE.match(self.text, start):
            return True
        lowered = before.lower()
        if not any(verb in lowered for verb in _REPORTING_VERBS):  # cheap test first
            return True
        return not _REPORTER_RE.search(before)

    def mentions(self, company: str, role: str) -> bool:
        """Whether the text names the company or the role."""
        exact, stems = _mention_words(company, role)
        return (
            any(word in exact or word.startswith(stems) for _, word in self.words)
            if exact or stems
            else False
        )


def _lower(text: str) -> str:
    """Lower-case ``text`` without changing any character offset."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def _merge(spans) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _acts(doc: _Text, target: str) -> list[tuple[int, int]]:
    """Spans of the speaker's own, unblocked cues of ``target``."""
    found = []
    for kind in ("cue", "ask"):
        for start, end, _ in doc.unblocked(target, kind):
            if kind == "ask" and not doc.asking(doc.sentence_of(start)):
                continue
            if doc.own_statement(start):
                found.append((start, end))
    return _merge(found)


def _concerns(doc: _Text, skills: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A doubt followed by a counterpoint or a recap, in that sentence or the next."""
    answers = sorted((*doc.spans("concerns", "counter"), *skills))
    starts = [start for start, _ in answers]
    found = []
    for start, end in doc.spans("concerns", "doubt"):
        index = doc.sentence_of(start)
        limit = doc.sentences[min(index + 1, len(doc.sentences) - 1)][1]
        i = bisect.bisect_left(starts, end)  # the first answer after the doubt
        if i < len(answers) and starts[i] < limit:
            found.extend([(start, end), answers[i]])
    return _merge(found)


def _hedges(doc: _Text) -> list[tuple[int, int]]:
    """Spans of the hedges when they stack up, else an empty list."""
    hedges = {}  # start -> (end, weight)
    for start, end, weight in doc.unblocked("hedging", "hedge"):
        if weight > hedges.get(start, (0, 0))[1]:
            hedges[start] = (end, weight)
    found = [
        (start, end, weight, doc.sentence_of(start))
        for start, (end, weight) in sorted(hedges.items())
    ]
    stacked = sum(weight for *_, weight, _ in found) >= HEDGE_ANYWHERE
    for i, (*_, weight, sentence) in enumerate(found):
        if stacked:
            break
        near = sum(w for *_, w, s in found[i + 1 :] if s - sentence < HEDGE_WINDOW)
        stacked = weight + near >= HEDGE_THRESHOLD
    return _merge((start, end) for start, end, *_ in found) if stacked else []


def _words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Distinct evidence phrases, in order of appearance."""
    seen, words = set(), []
    for start, end in spans:
        phrase = " ".join(text[start:end].split())
        if phrase.lower() not in seen:
            seen.add(phrase.lower())
            words.append(phrase)
            if len(words) == MAX_EVIDENCE:
                break
    return words


def _finding(rules: _Rules, target: str, **values: str) -> tuple[int, Finding]:
    order, template = rules.suggestions[target]

    def fill(text: str) -> str:
        text = fill_placeholders(text, values.get("company", ""), values.get("role", ""))
        for key in ("words", "seconds"):
            text = text.replace("{" + key + "}", values.get(key, ""))
        return text

    return order, Finding(
        target, template.severity, fill(template.message), fill(template.why), template.advice
    )


def _order(findings: list[tuple[int, Finding]]) -> tuple[Finding, ...]:
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    return tuple(f for _, f in sorted(findings, key=lambda item: (rank[item[1].severity], item[0])))


def analyze(text: str | None, company: str | None = None, role: str | None = None) -> Feedback:
    """Check a closing statement for the seven elements and for tone.

    Parameters
    ----------
    text : str
        The statement as the candidate would say it. ``None`` counts as empty.
    company, role : str, optional
        Used to tell specific interest from generic praise, and in suggestions.

    Returns
    -------
    Feedback
        Elements, evidence, flags, speaking time and suggestions. Empty or blank
        text gives all elements missing and one suggestion to write something.
    """
    rules = _rules()
    text = "" if text is None else str(text)
    company = (company or "").strip()
    role = (role or "").strip()
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    if not text.strip():
        return Feedback(
            elements={name: False for name in ELEMENT_IDS},
            evidence={name: [] for name in ELEMENT_IDS},
            flags={name: False for name in FLAG_IDS},
            flag_evidence={name: [] for name in FLAG_IDS},
            findings=_order([_finding(rules, "empty", company=company, role=role)]),
            truncated=truncated,
        )

    doc = _Text(text.translate(_APOSTROPHES), rules)
    found = {name: _acts(doc, name) for name in ELEMENT_IDS if name != "concerns"}
    found["concerns"] = _concerns(doc, found["skills"])
    found = {name: found[name] for name in ELEMENT_IDS}

    raised = {
        "pushy": _acts(doc, "pushy"),
        "desperate": _acts(doc, "desperate"),
        "hedging": _hedges(doc),
        "generic": [],
    }
    specific = doc.spans("generic", "specific") or doc.mentions(company, role)
    if found["interest"] and not specific:
        raised["generic"] = doc.spans("generic", "praise") or found["interest"]

    word_count = len(doc.words)
    seconds = word_count / WORDS_PER_MINUTE * 60
    elements = {name: bool(found[name]) for name in ELEMENT_IDS}
    flags = {name: bool(raised[name]) for name in FLAG_IDS}

    findings = []
    values = {"company": company, "role": role, "seconds": f"{seconds:.0f}"}
    for name in FLAG_IDS:
        if flags[name]:
            quoted = ", ".join(f"\u201c{w}\u201d" for w in _words(text, raised[name]))
            findings.append(_finding(rules, name, words=quoted, **values))
    findings.extend(_finding(rules, name, **values) for name in ELEMENT_IDS if not elements[name])
    if seconds > LONG_SECONDS:
        findings.append(_finding(rules, "long", **values))
    if all(elements.values()) and not any(flags.values()):
        findings.append(_finding(rules, "complete", **values))

    spans = sorted(
        Span(start, end, name)
        for name, target_spans in (*found.items(), *raised.items())
        for start, end in target_spans[:MAX_SPANS]
    )
    return Feedback(
        elements=elements,
        evidence={name: _words(text, found[name]) for name in ELEMENT_IDS},
        flags=flags,
        flag_evidence={name: _words(text, raised[name]) for name in FLAG_IDS},
        speaking_seconds=seconds,
        word_count=word_count,
        findings=_order(findings),
        spans=tuple(spans),
        truncated=truncated,
    )
