"""What the detector sees in a sentence: words, word classes and a little grammar.

Every sentence becomes a list of named features. Most of them point at the words
that raised them, so the words that weighed most in a decision can be shown to the
person as evidence.

Kinds of features (the prefix of each name):

``s:``
    The stem of a word ("thanking" -> ``s:thank``).
``b:``
    Two stems side by side (``b:next step``), with ``<s>`` at the start.
``c:``, ``kk:``
    A word class of ``data/word_classes.csv`` (``c:desire``), and two classes
    within a few words, in order (``kk:DESIRE JOB``): "keen on the role" and "I'd
    love to join your team" share that last one.
``g:``
    Grammar of the whole sentence: a question mark, a question or request
    opening, who the subject is, negation (and the class of word it negates),
    reported speech, numbers, whether the company or the role is named, the
    sentence's place in the statement, how many hedges it stacks.
``n:``, ``p:``
    Classes of the next and the previous sentence, and the previous sentence's
    stems: a doubt raised just before is what a counterpoint answers; a claim is
    backed up by a figure in the next sentence.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import snowballstemmer

from ..content import Column, TableSpec, load_records

WORD_CLASSES = TableSpec(
    "word_classes.csv",
    (Column("class"), Column("words"), Column("why")),
    key="class",
)
"""Semantic word classes (``data/word_classes.csv``): one row per class, its words
separated by spaces, and why the class matters."""

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
"""Curly and other apostrophes made straight, one character for one (offsets hold)."""
TOKEN_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[%$\u00a3\u20ac]")
"""Words of the lower-cased text; apostrophes and hyphens stay inside a word."""

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million dozen dozens half double twice".split()
)
_WH = frozenset("what when how who whom where which why whose".split())
_AUX = frozenset(
    "could can would will may might do does did is are was were should shall have has "
    "any anything".split()
)
_PRONOUNS = frozenset("you i we there it this that anyone anything your my".split())
_FIRST_PERSON = frozenset("i i'm i'd i've i'll me my myself we we're we've".split())
_REQUEST_OPENERS = (
    ("could", "you"), ("can", "you"), ("would", "you"), ("will", "you"), ("may", "i"),
    ("could", "i"), ("can", "i"), ("might", "i"), ("let", "me"), ("tell", "me"),
    ("please", None), ("i'd", "love"), ("i'd", "like"), ("i'd", "appreciate"),
    ("i", "wonder"), ("i'm", "wondering"), ("i", "was"), ("i'm", "curious"),
    ("do", "you"), ("is", "there"), ("are", "there"), ("if", "you"), ("feel", "free"),
)  # fmt: skip
NEGATION_WINDOW = 3
"""A negation counts against a class word this many words after it."""
PAIR_WINDOW = 4
"""Two class words this close, in order, make a ``kk:`` feature."""
_CROSSED = (
    ("doubt", "counter"),
    ("doubt", "achieve"),
    ("doubt", "experience"),
    ("doubt", "number"),
    ("trait", "achieve"),
    ("trait", "evidence"),
    ("trait", "number"),
    ("achieve", "trait"),
    ("evidence", "trait"),
    ("number", "trait"),
    ("desire", "job"),
    ("praise", "job"),
    ("process", "contact"),
)
"""Pairs of classes (in a neighbour, or here) and (here) that make a feature together."""
CONTEXT_CLASSES = frozenset(
    "doubt counter achieve experience evidence trait desire process contact thanks".split()
)
"""Classes whose presence in a neighbouring sentence is a feature of this one."""


class Sentence(NamedTuple):
    """A sentence ready for the model.

    Attributes
    ----------
    tokens : tuple of str
        Lower-case words, with the company's and the role's words replaced by
        ``<company>`` and ``<role>`` and numbers by ``<num>``.
    offsets : tuple of (int, int)
        Where each token stands in the sentence's text.
    classes : tuple of frozenset
        The word classes of each token.
    scopes : tuple of str
        For each token, ``"neg_"`` when a negation governs it ("not *interested*"),
        ``"rep_"`` when it is inside someone else's reported words ("my manager
        *thanked me*"), else ``""``.
    stems : tuple of str
        The stem of each token (placeholders stay as they are).
    all_classes : frozenset
        Every class of its words.
    as_before, as_after : tuple
        The features this sentence gives the one after it (``p:``: its classes,
        numbers, negation and stems) and the one before it (``n:``: its classes and
        numbers).
    """

    tokens: tuple
    offsets: tuple
    classes: tuple
    scopes: tuple = ()
    stems: tuple = ()
    all_classes: frozenset = frozenset()
    as_before: tuple = ()
    as_after: tuple = ()


@functools.cache
def word_classes() -> dict[str, frozenset]:
    """Each word (lower case) and the classes it belongs to, from the data file."""
    found: dict[str, set] = {}
    for row in load_records(WORD_CLASSES):
        for word in row.words.split():
            # "class" is a Python keyword, so the record names that field _0.
            found.setdefault(word.lower(), set()).add(row[0])
    return {word: frozenset(classes) for word, classes in found.items()}


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The English Snowball stem of a lower-case word (cached: vocabularies repeat)."""
    return _STEMMER.stemWord(word)


def _name_words(name: str) -> frozenset:
    words = TOKEN_RE.findall(name.lower().translate(APOSTROPHES))
    return frozenset(word for word in words if len(word) >= 3 and not word.isdigit())


@functools.lru_cache(maxsize=256)
def name_words(company: str, role: str) -> tuple[frozenset, frozenset]:
    """Distinctive words of the company's name and stems of the role's words."""
    generic = word_classes()
    company_words = frozenset(w for w in _name_words(company) if w not in generic)
    role_words = frozenset(stem(w) for w in _name_words(role) if w not in generic)
    return company_words, role_words


@functools.lru_cache(maxsize=4096)
def prepare(text: str, company: str = "", role: str = "") -> Sentence:
    """Tokens, their offsets and their classes, for one sentence of ``text``.

    Cached: each sentence is also the neighbour of two others.

    Parameters
    ----------
    text : str
        The sentence.
    company, role : str
        Names whose words become ``<company>`` and ``<role>``.
    """
    classes_of = word_classes()
    company_words, role_words = name_words(company, role)
    lowered = text.lower().translate(APOSTROPHES)
    tokens, offsets, classes = [], [], []
    for match in TOKEN_RE.finditer(lowered):
        word = _token(match.group(), company_words, role_words, classes_of)
        tokens.append(word)
        offsets.append(match.span())
        classes.append(_classes_of_word(word, classes_of))
    _two_word_entries(tokens, classes, classes_of)
    stems = _idioms([stem(token) if token[0] != "<" else token for token in tokens], tokens)
    # "number" stands for any figure: a claim backed by one is not a bare claim.
    all_classes = frozenset().union(*classes, ("number",) if "<num>" in tokens else ())
    if all_classes & _SCOPING:
        scopes = _scopes(tokens, offsets, classes, lowered)
    else:
        scopes = ("",) * len(tokens)
    context = [("c:" + name, ()) for name in sorted(all_classes & CONTEXT_CLASSES)]
    if "<num>" in tokens:
        context.append(("num", ()))
    words = [("s:" + found, ()) for found in sorted(set(stems))]
    as_before = tuple(("p:" + name, ()) for name, _ in context + words)
    if "negation" in all_classes:
        as_before += (("p:neg", ()),)
    as_after = tuple(("n:" + name, ()) for name, _ in context)
    return Sentence(
        tuple(tokens),
        tuple(offsets),
        tuple(classes),
        scopes,
        stems,
        all_classes,
        as_before,
        as_after,
    )


def _token(word: str, company_words, role_words, classes_of) -> str:
    """One word as the model sees it: the company's and the role's names and figures
    become placeholders, so "Acme" and "Globex" teach the same thing."""
    if word.endswith("'s") and len(word) > 2 and word[:-2] in company_words:
        word = word[:-2]
    if word in company_words:
        return "<company>"
    if role_words and stem(word) in role_words:
        return "<role>"
    if (word[0].isdigit() or word in _NUMBER_WORDS or word == "%") and word not in classes_of:
        return "<num>"
    return word


def _classes_of_word(word: str, classes_of) -> frozenset:
    found = classes_of.get(word, frozenset())
    if "-" in word:  # "hard-working" and "hard working" share classes
        for part in word.split("-"):
            found = found | classes_of.get(part, frozenset())
    return found


def _two_word_entries(tokens: list, classes: list, classes_of) -> None:
    """Mark the two-word entries of the classes ("not_sure", "kind_of") on their first
    word, and undo "thanks" in "thanks to my years on the desk" (a cause, not thanks)."""
    firsts = _pair_firsts()
    for i in range(len(tokens) - 1):
        if tokens[i] in firsts:
            pair = classes_of.get(tokens[i] + "_" + tokens[i + 1])
            if pair:
                classes[i] = classes[i] | pair
        if (
            tokens[i + 1] == "to"
            and tokens[i] in ("thanks", "thank")
            and i + 2 < len(tokens)
            and tokens[i + 2] in _CAUSES
        ):
            tokens[i], classes[i] = "thanks-to", frozenset()


_IDIOMS = {
    (verb, thing)
    for verb in ("pay", "paid")
    for thing in ("attention", "off", "tribute", "respect")
}
"""Verb and object that mean something else together: "what leadership pays attention
to" is not about pay, and "hard work that paid off" is not about money."""


def _idioms(stems: list, tokens: list) -> tuple:
    """The stems, with the verb of an idiom of :data:`_IDIOMS` joined to its object."""
    for i in range(len(stems) - 1):
        if (stems[i], tokens[i + 1]) in _IDIOMS:
            stems[i] = f"{stems[i]}-{tokens[i + 1]}"
    return tuple(stems)


@functools.cache
def _pair_firsts() -> frozenset:
    """First words of the two-word entries of the classes ("not" of "not_sure")."""
    return frozenset(word.split("_")[0] for word in word_classes() if "_" in word)


_SCOPING = frozenset({"negation", "reporter"})
_CAUSES = frozenset("my his her their our this that these those years which all".split())
_BOUNDARY_RE = re.compile(r"[,;:()\[\]\u2014\u2013]|\s-\s")


def _scopes(tokens, offsets, classes, text) -> tuple:
    """Mark the words a negation governs and the words reported from someone else.

    A negation governs up to :data:`NEGATION_WINDOW` words after it, within its
    clause. Reported words run from a reporting verb that follows a third party
    ("my manager thanked", "she said") until the speaker's own "I" takes over.
    """
    scopes = [""] * len(tokens)

    def boundary(j: int) -> bool:
        return bool(_BOUNDARY_RE.search(text, offsets[j - 1][1], offsets[j][0]))

    for i, found in enumerate(classes):
        if "negation" in found:
            for j in range(i + 1, min(len(tokens), i + 1 + NEGATION_WINDOW)):
                if boundary(j):
                    break
                scopes[j] = "neg_"
        elif "reporter" in found and tokens[i] not in _FIRST_PERSON:
            verb = next(
                (j for j in range(i + 1, min(len(tokens), i + 4)) if "report" in classes[j]),
                None,
            )
            if verb is not None:
                for j in range(verb, len(tokens)):
                    if tokens[j] in _SPEAKER:
                        break
                    scopes[j] = "rep_"
    return tuple(scopes)


def _opening(tokens: tuple) -> int:
    """Index of the first word that is not a filler ("so", "um", "and")."""
    i = 0
    while i < len(tokens) - 1 and tokens[i] in _FILLERS:
        i += 1
    return i


_REQUEST_VERBS = frozenset(
    "let tell send feel find contact call email pass forward share keep do note advise "
    "confirm reach drop ring text".split()
)
_SPEAKER = frozenset("i i'm i'd i've i'll".split())
_RAISED = frozenset("raised flagged noted wondered questioned queried pointed seemed".split())
_FILLERS = frozenset(
    "so and um uh er erm oh ok okay well also lastly finally anyway yeah just but then "
    "actually honestly one last quick".split()
)


def features(
    sentence: Sentence,
    text: str,
    position: str,
    before: Sentence | None,
    after: Sentence | None,
) -> list[tuple[str, tuple]]:
    """The named features of one sentence, each with the token indices behind it.

    Parameters
    ----------
    sentence : Sentence
        From :func:`prepare`.
    text : str
        The sentence's text (for its punctuation).
    position : str
        ``only``, ``first``, ``middle`` or ``last`` in the statement.
    before, after : Sentence or None
        The neighbouring sentences.

    Returns
    -------
    list of (str, tuple of int)
        Feature names and the indices of the tokens that raised them (empty for
        features of the whole sentence). A name may repeat; the model counts it once.
    """
    out: list[tuple[str, tuple]] = []
    add = out.append
    # Words under a negation or inside reported speech are other words ("neg_thank",
    # "rep_thank"): "my manager thanked me" teaches nothing about thanking.
    scopes = sentence.scopes
    classes, stems = sentence.classes, sentence.stems
    if any(scopes):
        classes = [
            frozenset(mark + name for name in found) if mark else found
            for mark, found in zip(scopes, classes, strict=True)
        ]
        stems = [mark + found for mark, found in zip(scopes, stems, strict=True)]
    out.extend(("s:" + found, (i,)) for i, found in enumerate(stems))
    if stems:
        add(("b:<s> " + stems[0], (0,)))
        out.extend(
            (f"b:{first} {second}", (i, i + 1))
            for i, (first, second) in enumerate(zip(stems, stems[1:], strict=False))
        )
        add((f"b:{stems[-1]} </s>", (len(stems) - 1,)))

    # Word classes, and class pairs within a window.
    labelled = [(i, sorted(found)) for i, found in enumerate(classes) if found]
    for i, found in labelled:
        for name in found:
            add(("c:" + name, (i,)))
    for a, (i, first) in enumerate(labelled):
        for j, second in labelled[a + 1 :]:
            if j - i > PAIR_WINDOW:
                break
            for x in first:
                for y in second:
                    add((f"kk:{x.upper()} {y.upper()}", (i, j)))

    add(("g:pos:" + position, ()))
    add(("g:len:" + _length(len(stems)), ()))
    out.extend(_grammar(sentence, text, stems))
    out.extend(_neighbourhood(sentence, before, after))
    return out


def _neighbourhood(sentence: Sentence, before, after) -> list[tuple[str, tuple]]:
    """Class pairs across the sentence and its neighbours (a doubt answered here, a
    claim backed up next), and what the neighbours hold: a doubt raised before ("I know
    I've never led a team") is what a counterpoint here answers."""
    out = []
    mine = sentence.all_classes
    for prefix, neighbour in (("x:", sentence), ("xp:", before), ("xn:", after)):
        theirs = neighbour.all_classes if neighbour is not None else frozenset()
        out.extend((f"{prefix}{a}+{b}", ()) for a, b in _CROSSED if a in theirs and b in mine)
    out.extend(after.as_after if after is not None else (("n:none", ()),))
    out.extend(before.as_before if before is not None else (("p:none", ()),))
    return out


def _length(count: int) -> str:
    if count <= 4:
        return "tiny"
    if count <= 10:
        return "short"
    if count <= 25:
        return "medium"
    return "long"


def _grammar(sentence: Sentence, text: str, stems: list) -> list[tuple[str, tuple]]:
    """Features of the sentence as a whole: its mood, subject, negation, reported speech."""
    out = _mood(text)
    tokens, classes = sentence.tokens, sentence.classes
    if not tokens:
        return out
    for part in (_opening_words, _requests, _negations, _please, _you_said, _reported, _markers):
        out.extend(part(tokens, classes))
    return out


def _mood(text: str) -> list[tuple[str, tuple]]:
    """A question, an exclamation, or words run on with no closing stop."""
    stripped = text.rstrip(" \"')]\u201d\u2019")
    if stripped.endswith("?"):
        return [("g:qmark", ())]
    if stripped.endswith("!"):
        return [("g:excl", ())]
    if stripped[-1:].isalnum():
        return [("g:nostop", ())]
    return []


def _opening_words(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """How the sentence opens once fillers are skipped: a wh-word, an inverted
    auxiliary ("could you"), and who the subject is."""
    out = []
    start = _opening(tokens)
    first = tokens[start]
    second = tokens[start + 1] if start + 1 < len(tokens) else ""
    if first in _WH:
        out.append(("g:wh", (start,)))
    elif first in _AUX and second in _PRONOUNS:
        out.append(("g:aux:" + second, (start, start + 1)))
    if first in _FIRST_PERSON:
        out.append(("g:subj:i", (start,)))
    elif first == "you" or first == "your":
        out.append(("g:subj:you", (start,)))
    elif "reporter" in classes[start]:
        out.append(("g:subj:other", (start,)))
    return out


def _requests(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """Request openers ("let me know", "could you"), the first place each is found."""
    out = []
    present = set(tokens)
    for a, b in _REQUEST_OPENERS:
        if a not in present or (b is not None and b not in present):
            continue  # most sentences have none: skip the scan
        for i, token in enumerate(tokens):
            if token == a and (b is None or tokens[i + 1 : i + 2] == (b,)):
                out.append((f"g:req:{a}", (i,) if b is None else (i, i + 1)))
                break
    return out


def _negations(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """Negation and what it negates: "not interested", "never thanked", "don't want"."""
    out = []
    for i, found in enumerate(classes):
        if "negation" not in found:
            continue
        out.append(("g:neg", (i,)))
        for j in range(i + 1, min(len(tokens), i + 1 + NEGATION_WINDOW)):
            out.extend(("g:neg:" + name, (i, j)) for name in classes[j] if name != "negation")
    return out


def _please(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """A polite "please" opens an ordinary request ("please let me know", "could you
    please send"); a pleading one stands alone ("please, I really need this")."""
    if "please" not in tokens:
        return []
    i = tokens.index("please")
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    before = tokens[i - 1] if i else ""
    if after in _REQUEST_VERBS or before in ("you", "could", "can", "would", "will"):
        return [("g:please:request", (i,))]
    return []


def _you_said(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """The interviewer's own words brought back: "you mentioned", "you asked whether"."""
    for i, token in enumerate(tokens[:-1]):
        if token in ("you", "you've", "you'd") and (
            "report" in classes[i + 1] or tokens[i + 1] in _RAISED
        ):
            return [("g:you_said", (i, i + 1))]
    return []


def _reported(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """Reported speech: a third party and a reporting verb close together."""
    out = []
    for i, found in enumerate(classes):
        if "reporter" in found:
            verb = next(
                (j for j in range(i + 1, min(len(tokens), i + 4)) if "report" in classes[j]),
                None,
            )
            if verb is not None:
                out.append(("g:reported", (i, verb)))
    return out


def _markers(tokens: tuple, classes: tuple) -> list[tuple[str, tuple]]:
    """Figures, the company's and the role's names, the count of hedges, and "I" twice."""
    out = [(name, ()) for token, name in _MARKERS if token in tokens]
    hedges = sum("hedge" in found for found in classes)
    if hedges:
        out.append(("g:hedges:" + ("1" if hedges == 1 else "2" if hedges == 2 else "3+"), ()))
    if sum(token in _FIRST_PERSON for token in tokens) >= 2:
        out.append(("g:self:2+", ()))
    return out


_MARKERS = (("<num>", "g:num"), ("<company>", "g:company"), ("<role>", "g:role"))
