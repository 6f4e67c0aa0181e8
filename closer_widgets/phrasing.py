"""English phrasing helpers: what a person typed, in the form a template slot needs.

People fill the plan in two ways: a short phrase ("great culture", "no P6
experience") or a whole sentence ("I have never used Primavera P6."), with or
without a full stop, in any case, with stray spaces. A template slot needs one
form: a noun phrase ("especially {aspect}"), a clause that can stand as a
sentence ("It's true: {concern_clause}."), or a sentence of its own (the ask).
These helpers read which form the person typed and give the form a slot needs,
or ``""`` when it cannot be made, so the composer picks another template instead
of writing "a concern about I have never used Primavera P6".

Pure functions, no widget imports; the statement composer and the thank-you
email share them. The rules are heuristics for the short, job-interview English
of the plan, not a grammar of English: each is tested on realistic inputs.
"""

from __future__ import annotations

import re

__all__ = [
    "article",
    "as_clause",
    "capitalise",
    "clean",
    "first_name",
    "is_clause",
    "is_first_person",
    "join",
    "lower_first",
    "noun_phrase",
    "predicative",
    "sentence",
    "skill_clause",
    "strength_clause",
    "strength_kind",
]

_TITLES = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "dame"}

QUESTION_WORDS = {
    "is", "are", "am", "do", "does", "did", "would", "could", "can", "will", "should",
    "may", "might", "what", "when", "who", "whom", "which", "where", "why", "how",
    "have", "has", "shall",
}  # fmt: skip

# Everyday words a person capitalises only because they typed a sentence; inside
# one of our sentences they take a small letter. Names ("Python", "Acme") are not
# here, so they keep their capital: a stray capital reads better than a lost one.
COMMON_WORDS = {
    "my", "the", "our", "we", "in", "at", "last", "this", "that", "it", "a", "an", "during",
    "when", "since", "after", "before", "for", "with", "on", "over", "as", "their", "your",
    "three", "two", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many",
    "you", "they", "he", "she", "its", "there", "these", "those", "some", "most", "all",
    "no", "not", "never", "lack", "little", "limited", "great", "good", "strong", "hard",
    "fast", "quick", "team", "people", "problem", "customer", "client", "data", "project",
    "projects", "excellent", "attention", "detail", "clear", "friendly", "flexible",
    "reliable", "organised", "organized", "creative", "calm", "patient", "honest", "curious",
    "hardworking", "hard-working", "self-starter", "leadership", "communication", "culture",
    "mission", "work", "working", "remote", "hybrid", "growth", "training", "learning",
    "career", "pay", "salary", "benefits", "hours", "office", "location", "commute",
    "product", "products", "mentoring", "experience", "only", "just", "one", "also",
    "very", "highly", "really", "how", "what", "why", "whether", "which", "who", "where",
    "because", "so", "and", "but", "or", "if", "then", "of", "to", "from", "about",
    "by", "ran", "led", "built", "made", "used", "did", "was", "were", "is", "are", "had",
    "have", "has", "first", "new", "big", "small", "weekly", "daily", "monthly", "open",
    "supportive", "focus", "focused", "years", "year", "months", "time",
    "management", "planning", "scheduling", "budgeting", "reporting", "analysis", "sales",
    "service", "safety", "quality", "support", "teaching", "nursing", "care",
}  # fmt: skip

# Subjects that open a clause ("I have...", "we talked...", "you said...").
_SUBJECTS = {
    "i", "i'm", "i've", "i'd", "i'll", "im", "ive", "we", "we're", "we've", "we'd", "we'll",
    "you", "you're", "you've", "you'd", "they", "they're", "they've", "he", "she", "he's",
    "she's", "it", "it's", "there's", "that's", "here's", "nobody", "everyone", "everybody",
}  # fmt: skip
_THERE_THIS = {"there", "this", "that", "these", "those", "here"}

# Finite verbs that show a subject + verb sentence after a short noun phrase
# ("my mother was a nurse", "the team is rebuilding"), and auxiliaries.
_FINITE = {
    "is", "are", "was", "were", "am", "has", "have", "had", "do", "does", "did", "can",
    "could", "will", "would", "should", "may", "might", "must", "shall", "isn't", "aren't",
    "wasn't", "weren't", "hasn't", "haven't", "hadn't", "don't", "doesn't", "didn't",
    "can't", "cannot", "won't", "wouldn't", "couldn't", "seems", "seemed", "looks",
    "looked", "means", "meant", "said", "says", "told", "asked", "wanted", "wants",
    "needs", "needed", "thought", "thinks", "felt", "feels", "worried", "uses", "used",
    "makes", "made", "helps", "helped", "takes", "took", "gives", "gave", "runs", "ran",
    "came", "comes", "goes", "went", "grew", "grows", "mentioned", "explained", "fits",
    "matches", "suits", "offers", "builds", "serves", "shows", "lets", "gets", "got",
}  # fmt: skip

# Plain verbs that follow a plural subject: "the analysts sit with...".
_PLAIN_VERBS = {
    "sit", "work", "build", "use", "share", "get", "make", "help", "care", "meet", "run",
    "lead", "own", "support", "talk", "pair", "learn", "grow", "move", "ship", "take",
    "give", "want", "need", "like", "love", "know", "think", "feel", "seem", "look", "come",
    "go", "stay", "spend", "travel", "decide", "choose", "train", "mentor", "rotate",
}  # fmt: skip

_DETERMINERS = {
    "the", "a", "an", "my", "our", "your", "their", "its", "his", "her", "this", "that",
    "these", "those", "some", "any", "each", "every", "no", "all", "both", "several",
    "many", "much", "more", "most", "few", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "another", "other", "what", "how", "why", "whether",
    "which", "who", "where", "when", "working", "lots", "plenty",
}  # fmt: skip

# Past-tense action verbs that often open a piece of evidence ("led the pilot"):
# saying "I led the pilot" keeps the spoken sentence whole.
ACTION_VERBS = {
    "led", "ran", "built", "rebuilt", "cut", "grew", "managed", "created", "designed",
    "launched", "delivered", "trained", "taught", "wrote", "won", "reduced", "increased",
    "improved", "developed", "organised", "organized", "supervised", "moved", "shipped",
    "started", "founded", "coordinated", "handled", "completed", "finished", "earned",
    "raised", "saved", "introduced", "automated", "analysed", "analyzed", "negotiated",
    "mentored", "coached", "published", "presented", "implemented", "migrated", "made",
    "helped", "worked", "spent", "used", "learned", "learnt", "passed", "set", "took",
    "planned", "scheduled", "cleaned", "fixed", "sold", "hired", "covered", "volunteered",
    "kept", "recovered", "doubled", "halved", "tripled", "secured", "resolved", "oversaw",
    "owned", "drove", "streamlined", "simplified", "rolled", "trimmed", "answered", "served",
    "supported", "tested", "prepared", "produced", "achieved", "opened", "merged", "audited",
}  # fmt: skip

# A strength named as a kind of person ("hard worker", "team player") is said as
# "I'm a hard worker"; these -er/-or words are things, not people.
_NOT_PERSONS = {
    "power", "paper", "order", "number", "computer", "career", "matter", "water", "letter",
    "chapter", "center", "centre", "border", "cover", "filter", "poster", "under", "over",
    "other", "together", "whether", "error", "server", "tracker", "spreadsheet", "after",
    "never", "ever", "corner", "later", "character", "behavior", "behaviour", "color",
    "colour", "sector", "factor", "floor", "door", "minor", "major", "honour", "honor",
    "labour", "labor", "humor", "humour", "interior", "mirror", "calendar", "register",
    "transfer", "answer", "power-user",
}  # fmt: skip
_PERSON_WORDS = {"person", "player", "learner", "self-starter", "starter", "leader", "expert",
                 "specialist", "professional", "natural", "all-rounder", "go-getter"}  # fmt: skip
_ADJECTIVES = {
    "calm", "honest", "smart", "quick", "fast", "friendly", "flexible", "punctual", "loyal",
    "hardworking", "hard-working", "diligent", "proactive", "resilient", "patient",
    "efficient", "confident", "independent", "competent", "dependable", "reliable",
    "adaptable", "organised", "organized", "creative", "curious", "driven", "motivated",
    "meticulous", "thorough", "dedicated", "committed", "positive", "versatile",
    "energetic", "enthusiastic", "passionate", "analytical", "practical", "methodical",
    "sociable", "approachable", "tidy", "careful", "kind", "determined", "persistent",
}  # fmt: skip
_ADJECTIVE_ENDINGS = ("ive", "ful", "ous", "able", "ible", "-minded", "-oriented", "-focused",
                      "-driven", "-savvy")  # fmt: skip
_ADVERBS = {"very", "highly", "really", "extremely", "quite", "naturally", "genuinely", "truly"}
# Single abstract nouns read well without "the" ("especially innovation").
_ABSTRACT_ENDINGS = ("ity", "ness", "ism", "ship", "tion", "sion", "ment", "ance", "ence")


# --- cleaning --------------------------------------------------------------------
def _words(text: str) -> list:
    return text.split()


def _bare(word: str) -> str:
    """A word lower-cased, without surrounding punctuation, with a plain apostrophe."""
    return word.strip('.,;:!?"()[]').replace("\u2019", "'").lower()


def clean(text: str) -> str:
    """What a person typed as one tidy line: no end punctuation, no shouting.

    Whitespace runs become one space; trailing ``. , ; : !`` and spaces go; a
    text typed in capitals is lower-cased (but for "I" and words with digits).

    Examples
    --------
    >>> clean("  Great   culture.  ")
    'Great culture'
    >>> clean("I HAVE NEVER USED PRIMAVERA P6")
    'I have never used primavera P6'
    """
    text = re.sub(r"\s+", " ", text or "").strip().rstrip(".,;:! ").strip()
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters) and len(text.split()) > 1:
        text = " ".join(
            word if any(c.isdigit() for c in word) or _bare(word).startswith("i'") or word == "I"
            else word.lower()
            for word in text.split()
        )  # fmt: skip
    # "i" typed in lower case is always the pronoun: "i have never..." -> "I have never...".
    return re.sub(r"\bi(?=$|[\s'\u2019])", "I", text)


def lower_first(text: str) -> str:
    """Give the first word a small letter when it is an everyday word ("My", "The").

    Names and "I" keep their capital: "Python is..." stays, "My mother..." becomes
    "my mother...".
    """
    words = text.split(maxsplit=1)
    if not words:
        return text
    long_words = [w for w in text.split() if len(_bare(w)) > 3]
    if len(text.split()) > 1 and all(w[:1].isupper() for w in long_words):
        return text  # Title Case is a name or a job title: "Data Analyst", "The Guardian"
    first = _bare(words[0])
    if words[0][:1].isupper() and not words[0].isupper() and first in COMMON_WORDS:
        return text[:1].lower() + text[1:]
    if words[0][:1].isupper() and first.endswith(("ing", "ly")) and words[0][1:].islower():
        return text[:1].lower() + text[1:]  # "Explaining numbers...", "Mostly..."
    return text


def capitalise(text: str) -> str:
    """The text with a capital first letter."""
    return text[:1].upper() + text[1:]


# --- what kind of text it is --------------------------------------------------------
def is_first_person(text: str) -> bool:
    """Whether the text speaks as the candidate ("I...", "my...", "we...")."""
    words = [_bare(w) for w in _words(text)]
    return bool(words) and (
        words[0] in {"i", "i'm", "i've", "i'd", "i'll", "im", "ive", "my", "we", "our", "me"}
    )


def is_clause(text: str) -> bool:
    """Whether the text is a whole sentence (a subject and its verb), not a phrase.

    Examples
    --------
    >>> is_clause("I have never used Primavera P6."), is_clause("no P6 experience")
    (True, False)
    >>> is_clause("My mother was a nurse"), is_clause("the dashboard the team is rebuilding")
    (True, False)
    >>> is_clause("how analysts pair with clinical staff")
    False
    """
    words = [_bare(w) for w in _words(clean(text))]
    if not words:
        return False
    first = words[0]
    if first in _SUBJECTS:
        return True
    if first in _THERE_THIS and len(words) > 1 and words[1] in _FINITE:
        return True
    if first in {"how", "what", "why", "whether", "which", "who", "where", "when"}:
        return False  # "how analysts pair..." names a topic: a noun phrase
    # A short noun phrase then a finite verb: "my mother was", "the team is",
    # "the analysts sit" (a plain verb after a plural noun).
    for index, word in enumerate(words[1:5], 1):
        if word in _DETERMINERS and index > 1:
            return False  # a second noun phrase starts: "the dashboard the team is..."
        if word in _FINITE or word.endswith("n't"):
            return True
        plural = words[index - 1]
        if word in _PLAIN_VERBS and plural.endswith("s") and not plural.endswith("ss"):
            return True
    return False


def _is_predicate(text: str) -> bool:
    """Whether the text opens with a past action verb and no subject ("led the pilot")."""
    words = _words(text)
    # One word alone ("organised") describes the person; an action needs an object.
    return len(words) > 1 and _bare(words[0]) in ACTION_VERBS


# --- the forms a slot needs ------------------------------------------------------
def as_clause(text: str) -> str:
    """The text as a clause that can stand as a sentence, or ``""`` for a phrase.

    A sentence is kept (its first letter small when it is an everyday word); a
    subjectless action ("led the pilot") gets "I": "I led the pilot".
    """
    text = clean(text)
    if not text:
        return ""
    if is_clause(text):
        return lower_first(text)
    if _is_predicate(text):
        return "I " + text[:1].lower() + text[1:]
    return ""


def noun_phrase(text: str, article_for_bare: str = "the") -> str:
    """The text as a noun phrase for a slot like "especially {aspect}", or ``""``.

    A sentence gives ``""`` (it needs a template that frames a sentence). A bare
    common noun phrase gets ``article_for_bare``: "great culture" becomes "the
    great culture", so "I'm drawn to the great culture" reads as this employer's.
    Phrases that already start with a determiner, a gerund ("working with..."),
    a name, a number, or a single abstract noun ("innovation") are kept.
    """
    text = clean(text)
    if not text or is_clause(text) or _is_predicate(text):
        return ""
    text = lower_first(text)
    words = _words(text)
    first = _bare(words[0])
    if (
        not article_for_bare
        or first in _DETERMINERS
        or first in {"a", "an"}
        or words[0][:1].isupper()
        or words[0][:1].isdigit()
        or first.endswith("ing")
        or (len(words) == 1 and first.endswith(_ABSTRACT_ENDINGS))
    ):
        return text
    return f"{article_for_bare} {text}"


def strength_kind(text: str) -> str:
    """How a strength is said: ``"clause"``, ``"person"``, ``"trait"`` or ``"skill"``.

    ``clause``: a sentence ("I am good at scheduling"); ``person``: a kind of
    person ("hard worker"); ``trait``: an adjective ("reliable", "very
    organised"); ``skill``: anything else, a skill or an area ("SQL and Python",
    "explaining numbers to managers").
    """
    text = clean(text)
    if not text:
        return ""
    if is_clause(text) or _is_predicate(text):
        return "clause"
    words = [_bare(w) for w in _words(text)]
    if words[0] in {"a", "an"}:
        return "person"
    last = words[-1]
    if not words[0].endswith("ing") and (
        last in _PERSON_WORDS
        or (
            last.endswith(("er", "or", "ist", "ian")) and last not in _NOT_PERSONS and len(last) > 3
        )
    ):
        return "person"
    core = [w for w in words if w not in _ADVERBS]
    if (
        core
        and len(core) <= 2
        and all(w in _ADJECTIVES or w.endswith(_ADJECTIVE_ENDINGS) for w in core[-1:])
        and (len(core) == 1 or core[0] in _ADJECTIVES or core[0].endswith(("ly", "-")))
    ):
        return "trait"
    return "skill"


def predicative(text: str) -> str:
    """What follows "I'm" for a person or trait strength ("a hard worker", "reliable")."""
    text = lower_first(clean(text))
    kind = strength_kind(text)
    if kind == "person":
        first = _bare(text.split()[0])
        if first in {"a", "an"}:
            return text
        return f"{article(text)} {text}"
    if kind == "trait":
        return text
    return ""


def skill_clause(skill: str) -> str:
    """A skill phrase said as a clause: "I'm experienced in SQL and Python"."""
    skill = lower_first(clean(skill))
    return f"I'm experienced in {skill}" if skill else ""


def strength_clause(text: str) -> str:
    """Any strength as a clause: "I'm a hard worker", "I am good at scheduling"."""
    kind = strength_kind(text)
    if kind == "clause":
        return as_clause(text)
    if kind in ("person", "trait"):
        return f"I'm {predicative(text)}"
    if kind == "skill":
        return skill_clause(text)
    return ""


def sentence(text: str) -> str:
    """A person's own sentence (their ask), capitalised and ended with punctuation.

    A text that opens with a question word ends with "?", any other with ".".
    """
    text = re.sub(r"\s+", " ", text or "").strip().rstrip(",;: ")
    if not text:
        return ""
    if text[-1] not in ".!?":
        first = text.split()[0].lower().strip("'\"")
        text += "?" if first in QUESTION_WORDS else "."
    return capitalise(text)


# --- small words ------------------------------------------------------------------
def article(phrase: str) -> str:
    """``"a"`` or ``"an"`` for the phrase, by how its first word is spoken.

    Examples
    --------
    >>> article("Data Analyst"), article("Engineer"), article("SQL developer"), article("UX lead")
    ('a', 'an', 'an', 'a')
    """
    word = re.sub(r"[^\w]", "", (phrase.split() or [""])[0])
    if not word:
        return "a"
    if word.isupper() and (len(word) > 1 or word.isalpha()):
        # Acronyms are spelt out: "an SQL", "an MBA", "a UX", "a BI".
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    lower = word.lower()
    if lower.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    if lower.startswith(("uni", "use", "usu", "uti", "ura", "uro", "eu", "one", "once", "ewe")):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def first_name(interviewer: str) -> str:
    """How to address the interviewer: the first name, or title and surname.

    Examples
    --------
    >>> first_name("Sam Patel"), first_name("Dr. Jane Smith"), first_name("")
    ('Sam', 'Dr. Smith', '')
    """
    words = (interviewer or "").split()
    if not words:
        return ""
    if words[0].rstrip(".").lower() in _TITLES:
        return f"{words[0]} {words[-1]}" if len(words) > 1 else ""
    return words[0]


def join(items: list, conjunction: str = "and") -> str:
    """Items joined as a spoken list: "a", "a and b", "a, b, and c".

    Two items of which one has its own "and" take a comma, so the list stays
    clear: "explaining numbers, and SQL and Python".
    """
    items = [item for item in items if item]
    if len(items) == 2 and any(f" {conjunction} " in item for item in items):
        return f"{items[0]}, {conjunction} {items[1]}"  # "numbers, and SQL and Python"
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis.

    For showing a person's words back to them in a label, a card or a message.
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
