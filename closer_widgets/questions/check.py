"""The question checker: spots weak questions for the interviewer.

Two layers. Plain rules (regular expressions and word lists) find the usual shapes
and name the words that raised them. A model learned from labelled questions
(``model.json`` beside it, rebuilt by ``make train``) then decides the four codes of
CONTRACT.md, ``yes_no``, ``public_info``, ``pay_too_early`` and ``vague``: it sees
the question's words and grammar and what the rules said, so it keeps the rules'
findings where they hold, drops their false alarms and finds the shapes they miss.
This module adds ``about_me``, ``duplicate``, ``too_long`` and ``no_time`` (rules
only). A good question gets no finding at all.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..content import Column, TableSpec, load_records
from ..content import _error as _content_error
from ..feedback.features import features, prepare
from ..feedback.model import Model, load_model
from ..phrasing import shorten
from ..plan import STAGES
from .my_list import MINUTES_PER_QUESTION

MAX_WORDS = 40
"""Longest question, in words, that is still easy to follow when spoken."""

DUPLICATE_JACCARD = 0.75
DUPLICATE_RATIO = 0.8
"""Two questions whose content words overlap this much (or whose words, in order, match
this closely) ask the same thing."""


@dataclass(frozen=True)
class QuestionFinding:
    """One problem with a question.

    Attributes
    ----------
    code : str
        ``yes_no``, ``public_info``, ``pay_too_early``, ``vague``, ``about_me``,
        ``duplicate``, ``too_long`` or ``no_time``.
    reason : str
        One or two sentences for the candidate: what was seen and what to do.
    words : tuple of str
        The words of the question that raised the finding.
    rewrite : str
        A better question to ask instead (from ``data/question_rewrites.csv``);
        empty when the code has none.
    """

    code: str
    reason: str
    words: tuple = ()
    rewrite: str = ""


REWRITES = TableSpec(
    "question_rewrites.csv",
    (
        Column(
            "code",
            "choice",
            choices=("yes_no", "public_info", "pay_too_early", "vague", "about_me"),
        ),
        Column("topic", required=False),
        Column("rewrite"),
        Column("why"),
    ),
    key=None,
)
"""Better questions to suggest for each code, the first whose topic words the weak
question uses (``word*`` matches any word that starts so), else the row with no topic."""


@functools.cache
def _rewrites() -> dict[str, list[tuple[re.Pattern | None, str]]]:
    found: dict[str, list] = {}
    for row in load_records(REWRITES):
        topic = None
        if row.topic:
            words = [
                re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
                for word in row.topic.lower().split()
            ]
            topic = re.compile(r"\b(?:" + "|".join(words) + r")\b")
        found.setdefault(row.code, []).append((topic, row.rewrite))
    return found


RULE_CODES = (
    "yes_no",
    "public_info",
    "pay_too_early",
    "about_me",
    "vague",
    "too_long",
    "duplicate",
    "no_time",
)

RULE_REASONS = TableSpec(
    "question_reasons.csv",
    (Column("code", "choice", choices=RULE_CODES), Column("reason")),
    key="code",
    min_rows=len(RULE_CODES),
)
"""What each rule says, with the words that raised it filled in: ``{lead}``, ``{words}``,
``{count}``, ``{max_words}``, ``{other}``, ``{minutes}``, ``{fits}``, ``{position}``."""


@functools.cache
def _rule_reasons() -> dict[str, str]:
    reasons = {row.code: row.reason for row in load_records(RULE_REASONS)}
    missing = sorted(set(RULE_CODES) - set(reasons))
    if missing:
        raise _content_error(
            "question_reasons.csv", None, "code", f"no row for {', '.join(missing)}"
        )
    return reasons


def _reason(code: str, **values) -> str:
    """The reason of rule ``code`` from ``data/question_reasons.csv``, filled in."""
    template = _rule_reasons()[code]
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def _with_rewrite(finding: QuestionFinding | None, lowered: str) -> QuestionFinding | None:
    """The finding with a better question to ask, where the rewrites file has one."""
    if finding is None:
        return None
    for topic, rewrite in _rewrites().get(finding.code, ()):
        if topic is None or topic.search(lowered):
            return replace(finding, rewrite=rewrite)
    return finding


# --- shared pieces --------------------------------------------------------------

_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|i'm|i'd|i'll|i've)\b")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Who "the company" can be in a question: a generic noun, "you", the {company}
# placeholder, or a capitalised name (case-sensitive, so "the team" never matches).
_COMPANY = (
    r"(?:(?:the|your|this|that|a|an) (?:\w+ )?(?:company|business|firm|organi[sz]ation|employer"
    r"|group|school|hospital|practice|agency|charity|bank|trust|chain|brand|store|shop|hotel"
    r"|restaurant|clinic|studio|manufacturer|retailer|council|college|university|fleet)"
    r"(?: like yours)?"
    r"|you(?: guys| all)?|\{company\}|(?-i:(?!I\b)[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3}))"
)


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def _quote(words) -> str:
    return ", ".join(f'"{word}"' for word in words)


# --- yes_no ----------------------------------------------------------------------

_AUXILIARIES = frozenset(
    "is are am was were do does did can could will would should shall may might must "
    "have has had isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't "
    "wouldn't shouldn't haven't hasn't".split()
)
_ALWAYS_OPEN = frozenset("what which who whom whose how why".split())
# "when" and "where" open a question only when a verb follows ("when do", "where is");
# otherwise they start a lead-in clause ("When a project lands, ...").
_OPEN_IF_VERB = frozenset(("when", "where"))
_FILLERS = frozenset("so and but also then well ok okay now finally lastly just".split())
# "Could you walk me through..." and "Can I ask who..." are polite requests for an
# explanation, not yes/no questions.
_REQUEST = re.compile(
    r"^(?:can|could|may) i ask (?:what|which|who|how|why|where|when)\b"
    r"|^(?:can|could|would|will|do) you (?:please )?(?:tell|describe|explain|walk|talk|share|"
    r"give|outline|say|expand|elaborate|help me|paint|clarify|show|run|mind)\b"
)
# Asking for a card or an email is a closing step (contact, A8), not a conversation starter.
_CONTACT_REQUEST = re.compile(
    r"^(?:can|could|may) i (?:have|take|get|ask for)\b.*\b(?:cards?|email|e-mail|contact|details"
    r"|number|address)\b"
)
# "Is it more X or Y?" and "Is this a new or a replacement position?" ask the listener to
# choose, so yes or no does not answer them. "Do you offer training or mentoring?" still
# takes a yes: only a question about what something is (is, will...) offers a choice.
_EITHER_OR = re.compile(
    r"\b(?:more|mostly|mainly|largely)\b.*\bor\b"
    r"|^(?:is|are|was|were|will|would|should|shall) (?!there\b|anyone\b|anything\b)"
    r".*\b\w+ or (?!not\b|anything\b|something\b|so\b|otherwise\b)(?:an? |the )?\w+"
    r"|\b(?:prefer|rather)\b.*\bor\b"
)
# "Is there a training budget, and how is it decided?": an open part makes it open; so
# does a second question offered as the other choice ("Is it new, or is it a backfill?").
_OPEN_PART = re.compile(
    r"(?:,|;|\band\b|\bor\b|\bif so\b)\s*(?:if so,?\s*)?(?:and\s+)?"
    r"(?:what|which|who|whom|how|why|where|when)\b"
    r"|, or (?:is|are|was|were|will|would|do|does|did|has|have)\b"
)
# Closing asks that invite the interviewer's doubts or decision (exempt, CONTRACT.md).
_CLOSING_ASK = re.compile(
    r"\b(?:reservations?|concerns?|hesitations?|hesitant|doubts?|worries|worried|gaps?)\b"
    r"|\bhold(?:s|ing)? (?:you|them) back\b"
    r"|\b(?:keep|keeps|keeping|stop|stops|stopping|prevent|prevents|preventing) (?:you|them|me)\b"
    r"|\bstand(?:s|ing)? in (?:the|my) way\b"
    r"|\b(?:clarify|expand on|elaborate on|go back to|add to|answer(?:ed|s)?)\b"
    r"|\b(?:move|moving|put|putting|take|taking) me (?:forward|on|ahead|through)\b"
    r"|\bnext (?:round|stage)\b|\b(?:offer|offering|hire|hiring|recommend|recommending) me\b"
    r"|\bthe offer\b|\benough\b|\bfit\b|\b(?:covered|missed|left out)\b|\b(?:your|the) decision\b"
    r"|\blooking for\b|\bmeet(?:s)? (?:the|your|what|all)\b"
    r"|\b(?:discuss|go over|talk about|revisit)\b"
    r"|\b(?:successful|qualified|suited|suitable|right (?:person|candidate|fit))\b"
    r"|\b(?:persuaded|convinced|reassure|unsure|uncertain|fall short|falls short|missing)\b"
    r"|\b(?:say|tell you|explain) (?:more|further)\b|\bmore about\b"
    r"|\bwhat (?:the team|you|the ward|the school|the business) (?:needs?|wants?)\b"
)


def _question_sentences(text: str) -> list[str]:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    return asked or [text]


def _opening(sentence: str) -> tuple[str, str] | None:
    """How the question's main clause opens: ("closed", words) or ("open", words), or None."""
    for segment in re.split(r"[,;:]|\s[-\u2013\u2014]\s", sentence.lower()):
        words = _WORD.findall(segment)
        while words and words[0] in _FILLERS:
            words.pop(0)
        if not words:
            continue
        first = words[0]
        if first in _AUXILIARIES:
            joined = " ".join(words)
            if (
                _REQUEST.match(joined)
                or _EITHER_OR.search(joined)
                or _CONTACT_REQUEST.match(joined)
            ):
                return ("open", " ".join(words[:3]))
            return ("closed", " ".join(words[:2]))
        if first in _ALWAYS_OPEN:
            return ("open", first)
        if first in _OPEN_IF_VERB and len(words) > 1 and words[1] in _AUXILIARIES:
            return ("open", first)
        # A lead-in clause ("Based on what you said", "I read that..."): look further on.
    return None


def _yes_no(text: str, lowered: str) -> QuestionFinding | None:
    if _OPEN_PART.search(lowered):
        return None
    openings = [_opening(sentence) for sentence in _question_sentences(text)]
    closed = [words for kind, words in filter(None, openings) if kind == "closed"]
    if not closed or len(closed) != len(openings):
        return None
    if _CLOSING_ASK.search(lowered) and _FIRST_PERSON.search(lowered):
        return None
    lead = closed[-1]
    return QuestionFinding(
        "yes_no",
        _reason("yes_no", lead=lead.capitalize()),
        (lead,),
    )


# --- public_info ------------------------------------------------------------------

_PUBLIC_INFO = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # what it does or sells
        rf"\bwhat (?:exactly )?(?:does|do) {_COMPANY} (?:actually |exactly )?"
        r"(?:do|sell|make|produce|manufacture)\b(?: exactly| as a (?:company|business)"
        r"| for a living)?\s*[?.!]*$",
        rf"\bwhat {_COMPANY} (?:does|do|sells|sell|makes|make|produces)\s*[?.!]*$",
        # what it offers, specialises in, which sector it is in
        r"\bwhat (?:services|products|programmes|programs|courses|treatments) (?:does|do) "
        r"(?:the |your |this )?\w+(?: \w+)? (?:offer|provide|sell|run|deliver)\b",
        rf"\bwhat (?:does|do) {_COMPANY} speciali[sz]e in\b",
        rf"\bwhat(?:'s| are) {_COMPANY}(?:'s|r)? main speciali(?:ti|t)es\b",
        rf"\bwhat (?:industry|sector|market) (?:is|are) {_COMPANY} in\b",
        rf"\b(?:are|is) {_COMPANY} (?:a )?(?:listed|publicly (?:traded|listed)|public)\b",
        # where it operates
        rf"\b(?:which|what) (?:countries|regions|cities|markets) (?:do|does) {_COMPANY} "
        r"(?:operate|work|trade) in\b",
        r"\bwhere are (?:your|the|its) (?:stores|shops|branches|offices|sites|depots|clinics"
        r"|restaurants|hotels|factories|plants) (?:located|based)\b",
        # how much it earns
        r"\b(?:annual )?(?:turnover|revenue)\b(?!.*\b(?:team|department|my|this role)\b)",
        r"\bmain source of (?:revenue|income|funding)\b",
        rf"\bhow (?:does|do) {_COMPANY} get (?:its|their|your) (?:funding|money|income)\b",
        # how many of its sites, staff, customers
        r"\bhow many (?!people (?:are )?(?:on|in) (?:the|this|my) team\b)\w+(?: \w+)? "
        r"(?:do you have|does (?:the |your )?\w+ (?:have|run|operate|employ)|are in the fleet"
        r"|attend (?:the|your) \w+|(?:do|does) \w+ (?:run|operate))\b",
        rf"\b(?:what|which) year (?:did|was) {_COMPANY} (?:open|opened|founded|start|started)\b",
        # how it makes money
        rf"\bhow (?:does|do) {_COMPANY} (?:actually )?(?:make|earn|generate) (?:its |their |your "
        r"|any )?(?:money|revenue|income|a profit)\b",
        rf"\bwhat(?:'s| is) {_COMPANY}(?:'s|r)? (?:business|revenue) model\b",
        rf"\bwhere does {_COMPANY}(?:'s|r)? (?:money|revenue|income) come from\b",
        rf"\bwhat (?:products?|services?|goods) (?:does|do) {_COMPANY} (?:sell|make|offer|provide)",
        # its size
        rf"\bhow (?:big|large|small) (?:is|are) {_COMPANY}\b",
        rf"\bwhat(?:'s| is) the size of {_COMPANY}",
        r"\bhow many (?:employees|staff|people|workers|offices|locations|sites|branches|stores"
        r"|countries)\b(?:(?!\bteams?\b).)*\b(?:have|employ|employs|work here|work (?:at|for|in) "
        r"(?:the|your|this) (?:company|business|firm|organi[sz]ation))\b",
        # where it is based
        rf"\bwhere (?:is|are) {_COMPANY} (?:based|headquartered|located)\b",
        r"\bwhere(?:'s| is| are) (?:your|the|its|their) (?:headquarters|head office|main office"
        r"|hq|offices)\b",
        rf"\b(?:is|are) {_COMPANY} (?:based|headquartered|located) in\b",
        # when it was founded
        rf"\b(?:when|what year) (?:was|were|did) {_COMPANY} (?:founded|started|established|set up"
        r"|formed|start|begin|get started|open)\b",
        rf"\bhow (?:long|many years) (?:has|have) {_COMPANY} (?:been (?:around|in business|going"
        r"|operating|trading)|existed)\b",
        rf"\bhow old is {_COMPANY}\b",
        rf"\bwho (?:founded|started|set up) {_COMPANY}\b",
    )
]


# Beyond the phrasings above: a short question about the organisation (not the team,
# the role or the speaker) that asks for one of the facts an employer publishes.
_FACT = re.compile(
    r"\b(?:founded|founder|established|headquarter(?:s|ed)|head office|hq|based|located|location"
    r"|locations|employees|employ|staff|headcount|turnover|revenue|profit|profits|listed|stock"
    r"|shares|industry|sector|speciali[sz]e|speciali[sz]es|speciali[sz]ation|specialities"
    r"|specialties|products|services|sell|sells|countries|branches|stores|shops|sites|depots"
    r"|offices|outlets|clinics|beds|ceo|chief executive|owner|owns|owned|parent company"
    r"|funding|funded|make money|mission statement|history|how old|how big|how large)\b"
)
_FACT_OPENING = re.compile(
    r"^(?:(?:so|and|ok|okay|well|just|quickly|remind me)\W+)*"
    r"(?:what|what's|where|where's|when|how many|how much|how big|how large|how old|which|who"
    r"|who's|is|are|was|were|does|do|did|has|have|in which|from where)\b"
)
_NOT_ABOUT_THE_EMPLOYER = re.compile(
    r"\b(?:team|teams|role|position|department|unit|i|me|my|i'd|i'll|i'm|we'd|manager|line"
    r"|day|week|month|year one|first|training|culture|challenge|challenges|plans?|future|next"
    r"|success|successful|change|changing|strategy|affect|impact|mean|means)\b"
)


def _looks_like_a_published_fact(lowered: str) -> str | None:
    words = _WORD.findall(lowered)
    if len(words) > 12 or not _FACT_OPENING.match(lowered):
        return None
    if _NOT_ABOUT_THE_EMPLOYER.search(lowered):
        return None
    match = _FACT.search(lowered)
    return match.group(0) if match else None


def _public_info(text: str) -> QuestionFinding | None:
    # The phrasings first: they quote the whole question ("What does the company sell").
    for pattern in _PUBLIC_INFO:
        match = pattern.search(text)
        if match:
            words = match.group(0).strip(" ?.!")
            break
    else:
        words = _looks_like_a_published_fact(text.lower().strip(" ?.!"))
    if not words:
        return None
    return QuestionFinding(
        "public_info",
        _reason("public_info", words=words),
        (words,),
    )


# --- pay_too_early and about_me --------------------------------------------------

_PAY = re.compile(
    r"\b(?:pay|paid)\b(?! attention| off\b| for itself)|\bpay rise\b|\ba raise\b"
    r"|\b(?:salary|salaries|wages?|compensation|remuneration|bonus(?:es)?|commission|perks?"
    r"|pension|retirement|401\s?\(?k\)?|stock options?|relocation|relocate|relocating"
    r"|holidays?|vacations?|annual leave|parental leave|maternity|paternity|sick (?:leave|pay|days)"
    r"|time off|days? off|pto|leave (?:policy|allowance|entitlement|days?)"
    r"|(?:annual|parental|sick|maternity|paternity|study|compassionate|family|bereavement|unpaid"
    r"|paid|medical|shared parental|adoption|carer's|carers) leave|sick (?:time|days?)"
    r"|insurance|dental|medical (?:cover|coverage|plan|benefits?|aid)|health (?:cover|coverage|plan"
    r"|care plan|benefits?|insurance)|healthcare|life cover|gym (?:membership|discount)"
    r"|(?:how much|how many days(?: of)?|what) (?:\w+ )?leave|childcare vouchers?|car allowance"
    r"|company car|share (?:scheme|options?)|equity|expenses policy|overtime (?:pay|rates?)"
    r"|hourly rate|day rate|rate of pay|pay rate|cycle[- ]to[- ]work|free parking|staff discount"
    r"|employee discount|discounts?|free (?:meals?|lunch(?:es)?|food)|gym)\b"
    r"|\bbenefits\b(?! from\b)|\bbenefit (?:package|scheme|plan)s?\b"
)
_PERKS = re.compile(
    r"\b(?:holidays?|vacations?|days? off|time off|annual leave|leave early|finish early"
    r"|work(?:ing)? (?:from|at) home|wfh|remote(?:ly)?|hybrid|flexi(?:ble)? (?:hours|time|working)"
    r"|flexitime|perks?|discounts?|free (?:food|lunch(?:es)?|meals?|snacks|drinks|coffee|gym"
    r"|parking)|gym|parking|company car|bonus(?:es)?|salary|pay|paid|pay rise|a raise|benefits"
    r"|pension|overtime pay|lunch breaks?|long weekends?|sabbaticals?)\b"
    r"|\bhow (?:soon|quickly|long)\b.*\b(?:promot\w*|raise|rise|bonus)\b"
)


def _matches(pattern, lowered: str) -> tuple[str, ...]:
    """The distinct words ``pattern`` finds, in order of first appearance."""
    return tuple(dict.fromkeys(m.group(0) for m in pattern.finditer(lowered)))


def _pay_too_early(lowered: str, stage: str) -> QuestionFinding | None:
    if stage != "first":
        return None
    words = _matches(_PAY, lowered)
    if not words:
        return None
    return QuestionFinding(
        "pay_too_early",
        _reason("pay_too_early", words=_quote(words)),
        words,
    )


def _about_me(lowered: str) -> QuestionFinding | None:
    if not _FIRST_PERSON.search(lowered):
        return None
    words = _matches(_PERKS, lowered)
    if not words:
        return None
    return QuestionFinding(
        "about_me",
        _reason("about_me", words=_quote(words)),
        words,
    )


# --- vague --------------------------------------------------------------------------

_TOPIC = (
    r"(?:(?:the|your|this|that) )?(?:company|business|organi[sz]ation|firm|job|role|position"
    r"|team|culture|place|work|department|it|things|everything|everyone|school|ward|hospital"
    r"|practice|agency|environment|office|store|shop|site|charity|firm|deal|story|set-?up)"
)
_TAIL = r"(?: (?:like|here|there|overall|in general|generally|then|more))*(?: at [\w'&. -]+)?"
_VAGUE = [
    re.compile(p)
    for p in (
        rf"^(?:(?:can|could|would|will) you )?(?:please )?(?:tell me|talk me through|describe"
        rf"|explain)(?: a (?:bit|little))?(?: more)?(?: about)?(?: {_TOPIC})?{_TAIL}$",
        rf"^what (?:else )?can you tell me(?: more)?(?: about)?(?: {_TOPIC})?{_TAIL}$",
        rf"^(?:what(?:'s| is| are)|how(?:'s| is| are)) {_TOPIC}(?: like)?"
        rf"(?: (?:working|to work)(?: here| there| at [\w'&. -]+| for [\w'&. -]+)?)?{_TAIL}$",
        r"^(?:do you have |have you got |got )?any (?:thoughts|comments|ideas|feedback"
        r"|questions|opinions)(?: for me| on (?:that|this|it|me))?$",
        r"^(?:is there )?anything else$|^what else$|^(?:so )?what now$|^(?:and )?then what$"
        r"|^what do you think$|^thoughts$",
        r"^(?:is there )?anything(?: else)? (?:i|we) should know(?: about)?(?: {_TOPIC})?$"
        r"|^what (?:else )?should i know(?: about)?(?: {_TOPIC})?$"
        r"|^what else is there to (?:say|know)$|^(?:any )?(?:final |last |other )?thoughts"
        r"(?: on (?:anything|that|this|it|me))?$|^how does it all work$",
        rf"^what about {_TOPIC}{_TAIL}$",
        rf"^what(?:'s| is) (?:the )?(?:deal|story|environment|vibe|atmosphere)(?: with {_TOPIC})?"
        rf"(?: like)?{_TAIL}$",
    )
]


# Words that name no particular part of the work: a short question made only of these
# ("What's the deal with the job in general?") cannot get a specific answer.
_EMPTY_WORDS = frozenset(
    "a an the is are was were do does did you your i me my to of in on for at and or what how "
    "which who when where why would could will can be this that it there with about so well ok "
    "okay oh just really any anything something everything else more bit little tell say said "
    "share know think thoughts thought like general generally overall here company business "
    "organisation organization firm job role position team place work working things thing "
    "stuff deal story environment everyone all should final last other comments advice add "
    "want whats hows it's what's how's there's is it s school ward office store shop site "
    "agency practice hospital department set up setup vibe atmosphere".split()
)


def _vague(lowered: str) -> QuestionFinding | None:
    core = re.sub(r"^(?:(?:so|and|ok|okay|well)\b[, ]*)+", "", lowered)
    core = core.replace("{company}", "the company").strip(" ?.!")
    words = _WORD.findall(core)
    empty = len(words) <= 8 and all(word in _EMPTY_WORDS for word in words)
    # Broad questions are short; the length guard also keeps the patterns cheap.
    if empty or len(words) <= 2 or (len(words) <= 15 and any(p.match(core) for p in _VAGUE)):
        return QuestionFinding(
            "vague",
            _reason("vague", words=shorten(core, 60)),
            (core,),
        )
    return None


# --- too_long, duplicate, no_time ---------------------------------------------------

_STOPWORDS = frozenset(
    "a an the is are do does did you your i me my to of in on for at and or what how which "
    "who when where why would could will can be this that it there with about".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def _too_long(text: str) -> QuestionFinding | None:
    count = len(_WORD.findall(text.lower()))
    if count <= MAX_WORDS:
        return None
    return QuestionFinding(
        "too_long",
        _reason("too_long", count=count, max_words=MAX_WORDS),
        (f"{count} words",),
    )


def _similar(words: list[str], other: str) -> bool:
    # Compared word by word: faster than letter by letter, and closer to "asks the same".
    matcher = difflib.SequenceMatcher(None, words, _WORD.findall(other.lower()), autojunk=False)
    # The quick upper bounds skip the slow full comparison for clearly different texts.
    return (
        matcher.real_quick_ratio() >= DUPLICATE_RATIO
        and matcher.quick_ratio() >= DUPLICATE_RATIO
        and matcher.ratio() >= DUPLICATE_RATIO
    )


def _duplicate(text: str, others) -> QuestionFinding | None:
    mine = _content_words(text)
    words = _WORD.findall(text.lower())
    for other in others:
        theirs = _content_words(other)
        union = mine | theirs
        jaccard = len(mine & theirs) / len(union) if union else 1.0
        if jaccard >= DUPLICATE_JACCARD or _similar(words, other):
            return QuestionFinding(
                "duplicate",
                _reason("duplicate", other=shorten(other, 80)),
                tuple(sorted(mine & theirs)),
            )
    return None


def _no_time(position: int, minutes: float) -> QuestionFinding | None:
    fits = int(minutes // MINUTES_PER_QUESTION)
    if position <= fits:
        return None
    return QuestionFinding(
        "no_time",
        _reason("no_time", minutes=f"{minutes:g}", fits=fits, position=position),
        (f"{minutes:g} minutes",),
    )


# --- the checker ---------------------------------------------------------------------


def check_question(
    text: str,
    stage: str = "first",
    others=(),
    minutes: float | None = None,
    *,
    model: Model | None = None,
) -> list[QuestionFinding]:
    """What is weak about one question for the interviewer.

    Parameters
    ----------
    text : str
        The question as the candidate would ask it.
    stage : str
        The interview round: ``first``, ``later`` or ``final``.
    others : iterable of str
        Questions already on the list (for ``duplicate``); pass the ones above
        this question so only the later copy is flagged.
    minutes : float, optional
        Minutes left for questions; with it, ``no_time`` says when this question
        (coming after ``others``) would not fit.
    model : Model, optional
        Another question model than the shipped one (for evaluation).

    Returns
    -------
    list of QuestionFinding
        In the order yes_no, public_info, pay_too_early, about_me, vague,
        too_long, duplicate, no_time; empty for a good question or empty text.

    Raises
    ------
    ValueError
        When ``stage`` is not one of the three rounds.
    """
    if stage not in STAGES:
        raise ValueError(f"stage must be first, later or final, not {stage!r}")
    text = _normalise(text)
    if not text:
        return []
    others = [_normalise(other) for other in others if other and other.strip()]
    findings = [
        *_own_findings(text, stage, model or load_model(QUESTION_MODEL_FILE)),
        _duplicate(text, others),
        _no_time(len(others) + 1, minutes) if minutes is not None else None,
    ]
    return [finding for finding in findings if finding is not None]


LEARNED_CODES = ("yes_no", "public_info", "pay_too_early", "vague")
"""The codes the learned model decides."""

QUESTION_MODEL_FILE = Path(__file__).with_name("model.json")
"""The shipped question model."""

LEARNED_REASONS = TableSpec(
    "question_findings.csv",
    (
        Column("code", "choice", choices=LEARNED_CODES),
        Column("reason"),
    ),
    key="code",
    min_rows=len(LEARNED_CODES),
)
"""What to say when the model finds a code the rules did not (``{words}``: the words
that weighed most)."""


def _rule_findings(text: str, lowered: str, stage: str) -> tuple:
    """The rules' findings, in checker order (``None`` where a rule did not fire)."""
    public = _public_info(text)
    return (
        _yes_no(text, lowered),
        public,
        _pay_too_early(lowered, stage),
        _about_me(lowered),
        None if public else _vague(lowered),  # a published fact is narrow, if misplaced
    )


def question_features(text: str, stage: str, rules=None) -> list[tuple[str, tuple]]:
    """What the question model sees: the sentence features of the feedback detector,
    the round, and which rules fired (pay as if it were the first round: the model
    learns the topic, the round decides). ``rules`` are those first-round findings
    when the caller has them already."""
    text = _normalise(text)
    if rules is None:
        rules = _rule_findings(text, text.lower(), "first")
    sentence = prepare(text)
    found = features(sentence, text, "only", None, None)
    found.append(("st:" + stage, ()))
    words = [token for token in sentence.tokens if token not in _FILLERS]
    if words:
        # How it opens and how it ends: "You work in sprints, right?" is a yes/no
        # question without an auxiliary up front.
        found.append(("q:first:" + words[0], (0,)))
        found.append(("q:last:" + words[-1], ()))
        found.append(
            ("q:words:" + ("1-3" if len(words) <= 3 else "4-8" if len(words) <= 8 else "9+"), ())
        )
    if not any(token in _ALWAYS_OPEN or token in _OPEN_IF_VERB for token in sentence.tokens):
        found.append(("q:no-wh", ()))
    found.extend(("r:" + finding.code, ()) for finding in rules if finding is not None)
    return found


@functools.cache
def _learned_reasons() -> dict[str, str]:
    return {row.code: row.reason for row in load_records(LEARNED_REASONS)}


def _learned(text: str, stage: str, model: Model, rules) -> dict[str, tuple[str, ...]]:
    """The codes the model gives the question, each with the words that weighed most."""
    found = question_features(text, stage, rules)
    margins, weighed = model.score(found)
    codes = [
        index
        for index, (margin, cutoff) in enumerate(zip(margins, model.cutoffs, strict=True))
        if margin >= cutoff and (model.labels[index] != "pay_too_early" or stage == "first")
    ]
    tokens = prepare(text).offsets
    out = {}
    for index, shares in model.contributions(weighed, codes).items():
        top = sorted(shares, key=lambda i: (-shares[i], i))[:3]
        out[model.labels[index]] = tuple(text[slice(*tokens[i])] for i in sorted(top))
    return out


@functools.lru_cache(maxsize=2048)
def _own_findings(text: str, stage: str, model: Model) -> tuple:
    # Views re-check the whole list on every change; most texts have not changed.
    lowered = text.lower()
    # Rules run once, as for a first round: the model decides whether pay is too early
    # (only in a first round), so a later round's pay finding is dropped below.
    rules = _rule_findings(text, lowered, "first")
    learned = _learned(text, stage, model, rules)
    found = []
    for finding in rules:
        if finding is None or finding.code not in LEARNED_CODES or finding.code in learned:
            found.append(finding)
    raised = {finding.code for finding in found if finding is not None}
    for code in LEARNED_CODES:
        if code in learned and code not in raised:
            words = learned[code]
            reason = _learned_reasons()[code].replace("{words}", _quote(words))
            found.append(QuestionFinding(code, reason, words))
    order = {code: i for i, code in enumerate(("yes_no", "public_info", "pay_too_early"))}
    found.sort(key=lambda f: order.get(f.code, len(order)) if f is not None else 99)
    return (*(_with_rewrite(finding, lowered) for finding in found), _too_long(text))
