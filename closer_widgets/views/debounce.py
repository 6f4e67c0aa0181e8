"""Kept for old imports: the one debouncer lives in :mod:`closer_widgets.debounce`."""

from ..debounce import Debouncer

__all__ = ["Debouncer"]
