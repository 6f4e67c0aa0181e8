"""Feedback on a closing statement: which of the seven elements it has, and its tone.

:func:`analyze` is the one entry point. It cuts the text into sentences
(:mod:`.sentences`), asks the learned model (:mod:`.model`) which elements and
flags each sentence carries, and builds the statement's :class:`~.results.Feedback`
from those sentence decisions:

- an element is met when a sentence carries it;
- ``pushy``, ``desperate`` and ``unsupported`` are raised when a sentence carries them;
- ``hedging`` needs hedges to stack: two hedged sentences, or one hedged sentence
  with two hedges or hesitations ("um, I'd maybe...") (one mild hedge is fine);
- ``generic`` is raised when interest is shown, some sentence praises or wants in
  words that would fit any employer, and no sentence shows interest in something
  particular to this one (naming the company alone is not particular).

Evidence is the words that weighed most in each decision, inside their sentence.
Pure Python, deterministic, and fast enough to run on every pause in typing.
"""

from __future__ import annotations

import functools
import re

from ..content import ELEMENT_IDS, FLAG_IDS, fill_placeholders
from .features import APOSTROPHES, features, prepare
from .model import LABELS, Model, load_model
from .results import (
    MAX_CHARS,
    SEVERITIES,
    WORDS_PER_MINUTE,
    Feedback,
    Finding,
    SentenceLabels,
    Span,
    load_suggestions,
)
from .sentences import Sentence, split_clauses, split_sentences

LONG_SECONDS = 120
"""A close that takes longer than this to say gets a suggestion to trim it."""

MAX_EVIDENCE = 10
"""Most distinct evidence phrases kept per element or flag."""

MAX_SPANS = 50
"""Most highlighted spans kept per element or flag."""

EVIDENCE_WORDS = 4
"""Most words shown as the evidence of one decision in one sentence."""

EVIDENCE_SHARE = 0.3
"""A word is evidence when it pushed the decision at least this share of the top word."""

STACKED_HEDGES = 2
"""Hedged sentences that make the statement ``hedging``."""

STACKED_IN_ONE = 2
"""Hedges and hesitation sounds in one hedged sentence that make the statement
``hedging`` on their own."""

_WORD_RE = re.compile(r"\w+(?:'\w+)*")
_REPORT_ORDER = (*ELEMENT_IDS, *FLAG_IDS)
_ELEMENTS = frozenset(ELEMENT_IDS)

CLAUSE_BAND = 3.0
"""How far (in log-odds) under its cutoff an element may score on a long sentence and
still be looked for in the sentence's clauses; chosen by cross-validation on the corpus."""
_HESITANT = frozenset({"hedge", "hesitation"})


@functools.lru_cache(maxsize=4096)
def _judge(
    model: Model,
    text: str,
    before: str | None,
    after: str | None,
    position: str,
    company: str,
    role: str,
) -> tuple[tuple[str, ...], tuple, int, tuple[str, ...]]:
    """What one sentence carries, and the character spans of the words behind each label.

    Returns the labels, ``(label, spans)`` pairs, the hedge words counted when the
    sentence hedges, and the elements it nearly carries (see :data:`CLAUSE_BAND`).

    Cached by the sentence and its neighbours: while someone types, only the
    sentence being edited (and the two beside it) are judged again.
    """
    sentence = prepare(text, company, role)
    neighbours = (
        prepare(before, company, role) if before is not None else None,
        prepare(after, company, role) if after is not None else None,
    )
    margins, weighed = model.score(features(sentence, text, position, *neighbours))
    found_labels = [
        index
        for index, (margin, cutoff) in enumerate(zip(margins, model.cutoffs, strict=True))
        if margin >= cutoff
    ]
    weights = model.contributions(weighed, found_labels)
    labels = tuple(model.labels[index] for index in found_labels)
    spans = tuple(
        (
            model.labels[index],
            _evidence(weights[index], sentence, _centres(model.labels[index], sentence)),
        )
        for index in found_labels
    )
    # Hesitation sounds ("um", "er") stack with hedges; "I think" alone does not.
    hedges = (
        sum(bool(classes & _HESITANT) for classes in sentence.classes) if "hedging" in labels else 0
    )
    # Elements this sentence nearly carries: only those are looked for in its clauses.
    near = tuple(
        model.labels[index]
        for index, (margin, cutoff) in enumerate(zip(margins, model.cutoffs, strict=True))
        if model.labels[index] in _ELEMENTS and cutoff - CLAUSE_BAND <= margin < cutoff
    )
    return labels, spans, hedges, near


def _centres(label: str, sentence) -> frozenset | None:
    """Words that may anchor the evidence of ``label``; None for any word.

    Hedging is shown by its hedges ("I'm not sure", "kind of", "um"), never by a word
    that only happens to lean that way, so the person sees what to cut.
    """
    if label != "hedging":
        return None
    found = frozenset(i for i, classes in enumerate(sentence.classes) if classes & _HESITANT)
    return found or None


def _evidence(
    weights: dict[int, float], sentence, centres: frozenset | None = None
) -> tuple[tuple[int, int], ...]:
    """Character spans (in the sentence) of the words that pushed a label most.

    The strongest words (at most :data:`EVIDENCE_WORDS`, each at least
    :data:`EVIDENCE_SHARE` of the strongest; among ``centres`` when given) are
    widened over neighbours that also pushed the label, so the person sees a phrase
    ("really need this job") rather than a lone word; words close together read as
    one phrase.
    """
    if not weights and not centres:
        return ()
    top = max(weights.values(), default=0.0)
    if centres is not None:
        # Every anchor word is evidence, however little it weighed on its own.
        chosen = sorted(centres)[:EVIDENCE_WORDS]
    else:
        chosen = sorted(sorted(weights, key=lambda i: (-weights[i], i))[:EVIDENCE_WORDS])
        chosen = [i for i in chosen if weights[i] >= EVIDENCE_SHARE * top]
    spans: list[list[int]] = []
    for i in chosen:
        first = last = i
        while first - 1 >= 0 and i - first < 2 and weights.get(first - 1, 0) >= 0.1 * top:
            first -= 1
        while (
            last + 1 < len(sentence.offsets)
            and last - i < 2
            and weights.get(last + 1, 0) >= 0.1 * top
        ):
            last += 1
        start, end = sentence.offsets[first][0], sentence.offsets[last][1]
        if spans and first - spans[-1][2] <= 2:  # close words read as one phrase
            spans[-1][1], spans[-1][2] = max(end, spans[-1][1]), max(last, spans[-1][2])
        else:
            spans.append([start, end, last])
    return tuple((start, end) for start, end, _ in spans)


def detect(text: str, company: str = "", role: str = "", model: Model | None = None) -> dict:
    """The sentence-by-sentence decisions behind :func:`analyze`.

    Parameters
    ----------
    text : str
        The (normalised, non-empty) statement.
    company, role : str
        As for :func:`analyze`.
    model : Model, optional
        Another model than the shipped one (cross-validation uses this).

    Returns
    -------
    dict
        ``sentences`` (list of SentenceLabels), ``found`` (label -> list of
        absolute (start, end) spans), ``hedged`` (sentences that hedge) and
        ``hedges`` (most hedge words in one hedged sentence).
    """
    model = model or load_model()
    pieces = split_sentences(text)
    texts = [text[start:end] for start, end in pieces]
    last = len(texts) - 1
    found: dict[str, list] = {label: [] for label in LABELS}
    sentences, hedged, most_hedges = [], 0, 0
    for i, (start, end) in enumerate(pieces):
        position = "only" if last == 0 else "first" if i == 0 else "last" if i == last else "mid"
        labels, spans, hedges, near = _judge(
            model,
            texts[i],
            texts[i - 1] if i else None,
            texts[i + 1] if i < last else None,
            position,
            company,
            role,
        )
        if near:
            labels, spans = _with_clauses(
                model,
                text,
                Sentence(start, end),
                near,
                labels,
                spans,
                texts,
                i,
                position,
                company,
                role,
            )
        sentences.append(SentenceLabels(start, end, labels))
        for label, label_spans in spans:
            found[label].extend(
                (start + a, start + b) for a, b in label_spans or ((0, end - start),)
            )
        if "hedging" in labels:
            hedged += 1
            most_hedges = max(most_hedges, hedges)
    return {"sentences": sentences, "found": found, "hedged": hedged, "hedges": most_hedges}


def _with_clauses(model, text, sentence, near, labels, spans, texts, i, position, company, role):
    """Add the closing elements that a clause of a long sentence carries on its own.

    Only the elements the whole sentence nearly carries (``near``), and never a tone:
    a tone is the whole sentence's, and a clause read alone loses the words that
    soften or explain it.
    """
    extra = {}
    for clause in split_clauses(text, sentence):
        offset = clause.start - sentence.start
        _, clause_spans, _, _ = _judge(
            model,
            text[clause.start : clause.end],
            texts[i - 1] if i else None,
            texts[i + 1] if i < len(texts) - 1 else None,
            position,
            company,
            role,
        )
        for label, label_spans in clause_spans:
            if label in near and label not in extra:
                extra[label] = tuple((offset + a, offset + b) for a, b in label_spans) or (
                    (offset, clause.end - sentence.start),
                )
    if not extra:
        return labels, spans
    order = {label: n for n, label in enumerate(LABELS)}
    merged = sorted((*labels, *extra), key=order.get)
    return tuple(merged), (*spans, *extra.items())


def _words(text: str, spans) -> list[str]:
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


@functools.cache
def _templates() -> dict:
    """target -> (order, Finding template), from the suggestions file."""
    templates = {}
    for order, row in enumerate(load_suggestions()):
        advice = tuple(row.advice.split(";"))
        templates[row.target] = (
            order,
            Finding(row.target, row.severity, row.message, row.why, advice),
        )
    return templates


def _finding(target: str, **values: str) -> tuple[int, Finding]:
    order, template = _templates()[target]

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


def _statement_flags(decisions: dict) -> dict[str, list]:
    """The statement's tone flags and their evidence, from the sentence decisions."""
    found = decisions["found"]
    raised = {name: list(found[name]) for name in ("pushy", "desperate", "unsupported")}
    stacked = decisions["hedged"] >= STACKED_HEDGES or decisions["hedges"] >= STACKED_IN_ONE
    raised["hedging"] = list(found["hedging"]) if stacked else []
    sentences = decisions["sentences"]
    # Generic: interest shown, praise or interest that would fit any employer, and no
    # interest in this one. Naming the company alone is not specific ("Acme seems great").
    interest = [s for s in sentences if "interest" in s.labels]
    generic = (
        bool(interest)
        and any("generic" in s.labels for s in sentences)
        and not any("generic" not in s.labels for s in interest)
    )
    raised["generic"] = list(found["generic"]) if generic else []
    return raised


def analyze(
    text: str | None,
    company: str | None = None,
    role: str | None = None,
    *,
    model: Model | None = None,
) -> Feedback:
    """Check a closing statement for the seven elements and for tone.

    Parameters
    ----------
    text : str
        The statement as the candidate would say it. ``None`` counts as empty.
    company, role : str, optional
        Used to tell specific interest from generic praise, and in suggestions.
    model : Model, optional
        Another model than the shipped one (for evaluation).

    Returns
    -------
    Feedback
        Elements, evidence, flags, speaking time and suggestions. Empty or blank
        text gives all elements missing and one suggestion to write something.
    """
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
            findings=_order([_finding("empty", company=company, role=role)]),
            truncated=truncated,
        )

    normal = text.translate(APOSTROPHES)  # same length: offsets stay valid for ``text``
    decisions = detect(normal, company, role, model)
    found = {name: sorted(decisions["found"][name]) for name in ELEMENT_IDS}
    raised = _statement_flags(decisions)

    word_count = len(_WORD_RE.findall(normal))
    seconds = word_count / WORDS_PER_MINUTE * 60
    elements = {name: bool(found[name]) for name in ELEMENT_IDS}
    flags = {name: bool(raised[name]) for name in FLAG_IDS}

    findings = []
    values = {"company": company, "role": role, "seconds": f"{seconds:.0f}"}
    for name in FLAG_IDS:
        if flags[name]:
            quoted = ", ".join(f"\u201c{w}\u201d" for w in _words(text, sorted(raised[name])))
            findings.append(_finding(name, words=quoted, **values))
    findings.extend(_finding(name, **values) for name in ELEMENT_IDS if not elements[name])
    if seconds > LONG_SECONDS:
        findings.append(_finding("long", **values))
    if all(elements.values()) and not any(flags.values()):
        findings.append(_finding("complete", **values))

    spans = sorted(
        Span(start, end, name)
        for name, target_spans in (*found.items(), *raised.items())
        for start, end in sorted(target_spans)[:MAX_SPANS]
    )
    shown = set(name for name in ELEMENT_IDS if elements[name]) | {
        name for name in FLAG_IDS if flags[name]
    }
    sentences = tuple(
        SentenceLabels(
            s.start, s.end, tuple(n for n in _REPORT_ORDER if n in s.labels and n in shown)
        )
        for s in decisions["sentences"]
    )
    return Feedback(
        elements=elements,
        evidence={name: _words(text, found[name]) for name in ELEMENT_IDS},
        flags=flags,
        flag_evidence={name: _words(text, sorted(raised[name])) for name in FLAG_IDS},
        speaking_seconds=seconds,
        word_count=word_count,
        findings=_order(findings),
        spans=tuple(spans),
        truncated=truncated,
        sentences=sentences,
    )
