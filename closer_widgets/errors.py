"""Exceptions with messages a person can act on.

Every error raised for bad input is a ``ValueError`` subclass whose message is one
sentence: what happened and what to do. The CLI prints it on one line and exits 2;
the dashboard shows it in the ``closer-error`` area.
"""


class CloserError(ValueError):
    """Base class of the errors the product reports to people."""


class ContentError(CloserError):
    """A data file (CSV) is missing, malformed or holds a value out of range."""


class SessionError(CloserError):
    """A session file cannot be read, is of the wrong kind, or is too new."""
