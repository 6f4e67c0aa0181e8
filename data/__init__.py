"""The shipped coaching content (CSV), installed as the ``closer_widgets.data`` package.

Counsellors edit or translate these files without touching Python; see
``closer_widgets.content`` for how each one is checked on load.
"""
