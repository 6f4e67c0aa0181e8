"""Feedback on a closing statement, from a detector learned on labelled statements.

``from closer_widgets.feedback import analyze`` is the public door (CONTRACT.md):

>>> fb = analyze("Thank you for your time today.")
>>> fb.elements["thanks"]
True

The package, one job per module:

:mod:`.sentences`
    Cuts the text into sentences.
:mod:`.features`
    What the model sees in a sentence: words, word classes (``data/word_classes.csv``)
    and grammar.
:mod:`.model`
    The learned weights (``model.json``), applied in pure Python.
:mod:`.analysis`
    :func:`analyze`: sentence decisions into a statement's elements, flags,
    evidence and suggestions.
:mod:`.results`
    :class:`Feedback` and the suggestion texts (``data/feedback_suggestions.csv``).
:mod:`.train`
    Rebuilds ``model.json`` from the corpus (``make train``; needs the ``train`` extra).
"""

from .analysis import LONG_SECONDS, analyze, detect
from .model import LABELS, Model, load_model
from .results import (
    MAX_CHARS,
    SUGGESTIONS,
    WORDS_PER_MINUTE,
    Feedback,
    Finding,
    SentenceLabels,
    Span,
    load_suggestions,
)
from .sentences import split_sentences

__all__ = [
    "LABELS",
    "LONG_SECONDS",
    "MAX_CHARS",
    "SUGGESTIONS",
    "WORDS_PER_MINUTE",
    "Feedback",
    "Finding",
    "Model",
    "SentenceLabels",
    "Span",
    "analyze",
    "detect",
    "load_model",
    "load_suggestions",
    "split_sentences",
]
