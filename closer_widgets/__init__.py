"""Interview Closer: widgets and a dashboard for the close of a job interview.

The core modules (content, plan, session, feedback, questions, ...) are pure
Python with no widget imports; the widget views live in :mod:`closer_widgets.views`.
"""

__version__ = "0.1.0"
