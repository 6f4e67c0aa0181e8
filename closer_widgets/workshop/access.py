"""Which server folders the counsellor's page may read and write.

In JupyterLab the counsellor works on their own computer and may open any folder.
Served by Voilà, the page is a web page: a typed path would let any visitor read
and write the server's disk. There it works from uploads alone, unless the host
names a base folder (:data:`ENV_BASE`); paths are then read inside it, and a path
that leads out of it, by ``..`` or through a link, is refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CloserError

ENV_BASE = "CLOSER_COUNSELLOR_FOLDER"
"""The host's base folder for the counsellor's page when Voilà serves it."""

ENV_SERVED = "VOILA_BASE_URL"
"""Set by Voilà in every kernel it starts, and by nothing else."""


@dataclass(frozen=True)
class FolderAccess:
    """What a counsellor's page may do with folders on the machine running it.

    Attributes
    ----------
    allowed : bool
        Whether folders may be typed at all (otherwise: uploads and downloads only).
    base : Path or None
        The folder every path must stay inside; None for anywhere.
    """

    allowed: bool
    base: Path | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> FolderAccess:
        """The rule for this kernel: anywhere in JupyterLab; under Voilà, the base only."""
        base = environ.get(ENV_BASE, "").strip()
        if base:
            return cls(True, Path(base).expanduser().resolve())
        return cls(ENV_SERVED not in environ)

    def resolve(self, text: str) -> Path:
        """The folder ``text`` names, checked against the rule.

        Raises
        ------
        CloserError
            With one sentence, when folders may not be used here, or the path
            leads outside the base folder.
        """
        if not self.allowed:
            raise CloserError(
                "This page reads no folders on the server: upload the session files instead."
            )
        if self.base is None:
            return Path(text).expanduser()
        path = (self.base / Path(text).expanduser()).resolve()  # links and .. resolved
        if not path.is_relative_to(self.base):
            raise CloserError(
                f"'{text}' is outside the workshop folder set by the host; give a folder inside it."
            )
        return path
