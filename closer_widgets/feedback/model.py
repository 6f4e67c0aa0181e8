"""The learned detector: one linear model per label, applied in pure Python.

The weights come from ``model.json`` beside this module, which ``make train``
rebuilds from the labelled corpus (``closer_widgets.feedback.train``). Applying
them needs no numpy or scikit-learn: a sentence's score for a label is the bias
plus the weights of the features it has, squashed by the logistic function.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..content import ELEMENT_IDS

SENTENCE_FLAGS = ("pushy", "desperate", "hedging", "generic", "unsupported")
"""Flags labelled sentence by sentence in the corpus (the statement flags build on them)."""

LABELS = (*ELEMENT_IDS, *SENTENCE_FLAGS)
"""Every label the model scores, in the order of its outputs."""

MODEL_FILE = Path(__file__).with_name("model.json")
"""The shipped model."""

FORMAT = 1
"""Version of the model file's layout; a file of another version is refused."""


@dataclass(frozen=True, eq=False)  # compared (and hashed, for caches) by identity
class Model:
    """Weights of the per-label linear models, indexed by feature.

    Attributes
    ----------
    labels : tuple of str
        The labels scored, in output order.
    bias : tuple of float
        Intercept of each label.
    thresholds : tuple of float
        Probability at or above which a sentence carries each label.
    weights : dict
        Feature name -> its weight for each label (a tuple in label order), for
        every feature with a non-zero weight somewhere.
    digest : str
        Fingerprint of the corpus and code the model was trained from.
    positive : tuple of dict
        For each label, feature name -> weight, positive weights only (what
        :meth:`contributions` reads).
    cutoffs : tuple of float
        Each threshold as the margin it takes (its log-odds), so a label is given
        without computing an exponential.
    """

    labels: tuple
    bias: tuple
    thresholds: tuple
    weights: dict
    digest: str
    positive: tuple = ()
    cutoffs: tuple = ()

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        """Build from the JSON layout written by :func:`~.train.train`."""
        if data.get("format") != FORMAT:
            raise ValueError(f"model format {data.get('format')!r} is not {FORMAT}")
        labels = tuple(data["labels"])
        by_feature: dict[str, list] = {}
        for index, label in enumerate(labels):
            for feature, weight in data["weights"][label].items():
                by_feature.setdefault(feature, [0.0] * len(labels))[index] = float(weight)
        thresholds = tuple(float(data["thresholds"][label]) for label in labels)
        return cls(
            labels=labels,
            bias=tuple(float(data["bias"][label]) for label in labels),
            thresholds=thresholds,
            cutoffs=tuple(math.log(t / (1 - t)) for t in thresholds),
            weights={feature: tuple(vector) for feature, vector in by_feature.items()},
            digest=data["source"]["digest"],
            positive=tuple(
                {
                    feature: weight
                    for feature, weight in data["weights"][label].items()
                    if weight > 0
                }
                for label in labels
            ),
        )

    def margins(self, names) -> list[float]:
        """The linear score of each label for a set of feature names."""
        get = self.weights.get
        return self._sum([vector for vector in map(get, names) if vector is not None])

    def _sum(self, vectors) -> list[float]:
        """Bias plus the weight vectors, summed column by column (in C: one pass a label)."""
        if not vectors:
            return list(self.bias)
        return [
            bias + sum(column)
            for bias, column in zip(self.bias, zip(*vectors, strict=True), strict=True)
        ]

    def probabilities(self, names) -> list[float]:
        """The probability of each label for a set of feature names."""
        return [_logistic(score) for score in self.margins(names)]

    def score(self, features) -> tuple[list[float], list]:
        """Linear scores of each label for a list of (name, tokens), and the weighed features.

        Returns
        -------
        margins : list of float
            One per label; a label is given when its margin reaches
            :attr:`cutoffs` (the threshold as a log-odds, so no exponential is needed).
        weighed : list of (name, tokens)
            Each distinct feature the model has weights for, with the tokens behind
            it: what :meth:`contributions` reads.
        """
        weights = self.weights
        # A feature that repeats counts once (with the tokens of its last occurrence).
        weighed = {name: tokens for name, tokens in features if name in weights}
        return self._sum([weights[name] for name in weighed]), list(weighed.items())

    def contributions(self, weighed, labels) -> dict[int, dict[int, float]]:
        """How much each token pushed each of ``labels`` up.

        Parameters
        ----------
        weighed : list of (name, tokens)
            From :meth:`score`.
        labels : iterable of int
            Label indices to explain.

        Returns
        -------
        dict
            Label index -> {token index: its share of the positive weights}. A
            feature's weight is shared among the tokens behind it; only positive
            weights count, so the result names the words that argued for the label.
        """
        out: dict[int, dict[int, float]] = {}
        for label in labels:
            positive = self.positive[label].get
            shares: dict[int, float] = {}
            for name, tokens in weighed:
                weight = positive(name) if tokens else None
                if weight:
                    share = weight / len(tokens)
                    for token in tokens:
                        shares[token] = shares.get(token, 0.0) + share
            out[label] = shares
        return out


def _logistic(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    odds = math.exp(score)
    return odds / (1.0 + odds)


@functools.cache
def load_model(path: str | Path | None = None) -> Model:
    """Read the shipped model (or another model file), once.

    Parameters
    ----------
    path : str or Path, optional
        A model file to read instead of :data:`MODEL_FILE`.
    """
    with open(path or MODEL_FILE, encoding="utf-8") as handle:
        return Model.from_dict(json.load(handle))
