"""The standalone HTML pages, rendered from the Jinja2 templates in this folder.

Each page (``cue_card.html.j2``, the printable cue card; ``class_report.html.j2``,
the class report) has its stylesheet in a ``.css`` file beside it, which the
template includes inline, so every page stays one self-contained file.

Templates are autoescaped, so user text passed in is escaped by construction; a
fragment of trusted HTML (a table or a chart built from escaped parts) must
arrive as :class:`markupsafe.Markup`. A variable a template uses but the caller
did not pass raises :class:`jinja2.UndefinedError` instead of printing nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment of the package's templates, made on first use."""
    # Imported here, not at the top: the dashboard imports the exports on every visit,
    # and only a visitor who downloads the cue card needs Jinja2.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("closer_widgets", "templates"),
        # The stylesheets are included as they are: escaping would turn the quotes of
        # a font name into entities, which a <style> element does not decode.
        autoescape=select_autoescape(
            enabled_extensions=("html", "j2"), disabled_extensions=("css",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, /, **context) -> str:
    """Render the template ``name`` of this folder with ``context``.

    Parameters
    ----------
    name : str
        The template's file name, like ``"cue_card.html.j2"``.
    **context
        Every variable the template uses. User text is passed as plain ``str``
        (the template escapes it); only HTML built from escaped parts may be
        passed as :class:`markupsafe.Markup`.

    Returns
    -------
    str
        The page.

    Raises
    ------
    jinja2.TemplateNotFound
        When no template of that name ships with the package.
    jinja2.UndefinedError
        When the template uses a variable missing from ``context``.
    """
    return environment().get_template(name).render(**context)
