"""``closer``: the command line, the door for scripts.

Every command exits 0 on success and 2 on bad input, with one line on stderr
that names the file and the problem; input files are only ever read.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from pathlib import Path

from .errors import CloserError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DASHBOARD = NOTEBOOKS / "dashboard.ipynb"
MAX_POOL = 200
"""Largest --pool accepted: each waiting kernel holds about 55 MB."""
POOL_REFILL_DELAY = 60
"""Seconds before a kernel taken from a room-sized pool is replaced (see _serve)."""


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and exit 2 (argparse prints usage too)."""

    def error(self, message):
        raise _UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="closer", description="Interview Closer: prepare the close of a job interview."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    serve = commands.add_parser("serve", help="serve the dashboard with Voilà on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    serve.add_argument(
        "--pool",
        type=int,
        default=None,
        metavar="N",
        help="kernels kept ready with the dashboard already run (default 4, from voila.json); "
        "for a workshop, the number of people in the room. Replacements for the kernels "
        f"taken then start after {POOL_REFILL_DELAY} s, once the room's pages are up",
    )
    serve.add_argument(
        "--class",
        dest="class_dir",
        default=None,
        metavar="DIR",
        help="run a live workshop: the Save step gets a button that hands the session in "
        "to DIR (created if missing), and the counsellor's live class view opens at a "
        "secret link printed once at start",
    )
    serve.add_argument(
        "--class-size",
        type=int,
        default=None,
        metavar="N",
        help="with --class: how many participants are expected ('14 of N handed in')",
    )
    serve.add_argument(
        "voila_args", nargs="*", metavar="-- VOILA_OPTION", help="extra options passed to voila"
    )

    lab = commands.add_parser("lab", help="open JupyterLab on the notebooks for self-study")
    lab.add_argument("--port", type=int, default=8888, help="port to listen on (default 8888)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a web browser")

    feedback = commands.add_parser("feedback", help="analyse a closing statement")
    feedback.add_argument("file", help="text file with the statement, or - for standard input")
    feedback.add_argument("--company", default=None, help="company name, to judge specificity")
    feedback.add_argument("--role", default=None, help="role title, to judge specificity")
    feedback.add_argument("--json", action="store_true", help="print the feedback as JSON")
    feedback.add_argument(
        "--length",
        choices=["full", "short"],
        default="full",
        help="the length target to judge the speaking time against (default: full, 60-90 s)",
    )

    from .export import FORMATS  # the one registry of formats, as the Save step reads it

    export = commands.add_parser("export", help=f"write a session as {', '.join(FORMATS)}")
    export.add_argument("session", help="a session file saved by Interview Closer")
    export.add_argument("--format", required=True, choices=list(FORMATS))
    export.add_argument(
        "-o",
        "--output",
        default=None,
        help="output file, or - for standard output (default: the session's name with "
        "the format's suffix, in the current folder)",
    )

    workshop = commands.add_parser(
        "workshop", help="aggregate a folder of sessions into a class report"
    )
    workshop.add_argument("folder", help="folder holding participants' session files")
    workshop.add_argument(
        "-o",
        "--output",
        default="report.html",
        help="HTML report to write, or - for standard output",
    )
    workshop.add_argument("--csv", default=None, help="also write the table as CSV")
    workshop.add_argument(
        "--anonymise", action="store_true", help="replace names by stable codes (for a projector)"
    )
    return parser


def _check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise _UsageError(f"closer: --port must be between 1 and 65535, got {port}")


def _exec(command: list[str], cwd: Path) -> int:
    """Become ``command``: the server is then this very process.

    A wrapper process would pass nothing on: stopping it (Ctrl+C in a terminal is
    fine, but a service manager or a test sends SIGTERM) would leave the server and
    its kernels running with no parent.
    """
    os.chdir(cwd)
    os.execv(command[0], command)
    return 0  # not reached: execv does not return


def _pool_options(size: int) -> list[str]:
    """Voilà options for a pool sized to a room.

    With the pool as large as the room, replacing each kernel the moment it is
    taken only starts thirty kernels while thirty pages load: measured on two
    cores, that made the median visitor wait 24 s instead of 5 s. Refills wait a
    minute instead.
    """
    return [
        f"--VoilaConfiguration.default_pool_size={size}",
        f"--VoilaKernelManager.fill_delay={POOL_REFILL_DELAY}",
    ]


def _not_overridden(options: list[str], voila_args: list[str]) -> list[str]:
    """``options`` minus those the user also passes to Voilà: theirs win.

    Voilà refuses an option given twice, so ours must make way.
    """
    given = {arg.split("=", 1)[0] for arg in voila_args}
    return [option for option in options if option.split("=", 1)[0] not in given]


def _class_mode(args) -> str | None:
    """Set up the live workshop of ``--class`` for the kernels; the counsellor's token.

    The kernels inherit this process's environment (see
    :mod:`closer_widgets.workshop.class_mode`); without ``--class``, variables left
    from elsewhere are cleared, so no page ever hands in.
    """
    from .workshop.class_folder import ClassFolder
    from .workshop.class_mode import ENV_NAMES, MAX_CLASS_SIZE, ClassMode, new_token, token_digest

    for name in ENV_NAMES:
        os.environ.pop(name, None)
    if args.class_dir is None:
        if args.class_size is not None:
            raise _UsageError("closer: --class-size needs --class DIR")
        return None
    if args.class_size is not None and not 1 <= args.class_size <= MAX_CLASS_SIZE:
        raise _UsageError(
            f"closer: --class-size must be between 1 and {MAX_CLASS_SIZE}, got {args.class_size}"
        )
    if not args.class_dir.strip():
        raise _UsageError("closer: --class needs a folder, got an empty name")
    folder = ClassFolder.create(args.class_dir)  # a ClassFolderError names the problem
    token = new_token()
    mode = ClassMode(folder, args.class_size or 0, token_digest(token))
    os.environ.update(mode.environment())
    return token


def _announce_class(token: str, port: int) -> None:
    """Print, once, where hand-ins go and the counsellor's secret link."""
    from .workshop.class_mode import ENV_FOLDER, counsellor_url

    url = counsellor_url(f"http://127.0.0.1:{port}/", token)
    print(
        f"Live workshop: participants hand in to {os.environ[ENV_FOLDER]}\n"
        "Counsellor's live class view, a link shown only now (keep it to yourself; behind\n"
        "a proxy, put the public address in front of its '#'):\n"
        f"  {url}",
        flush=True,  # the process becomes Voilà next: nothing may stay in the buffer
    )


TEMPLATES = Path(__file__).resolve().parent / "share" / "jupyter"
"""Holds Voilà's ``closer`` template: the lab template without its icon font from a CDN."""


def _own_template(voila_args) -> list[str]:
    """Serve with the ``closer`` template, unless the host names a template of their own.

    Voilà finds templates on the Jupyter data path, so the package's own folder is put
    first on it; the page then asks nothing of any host but this server.
    """
    if any(arg.startswith(("--template", "--VoilaConfiguration.template")) for arg in voila_args):
        return []
    paths = [str(TEMPLATES), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    return ["--template=closer"]


def _serve(args) -> int:
    _check_port(args.port)
    if args.pool is not None and not 0 <= args.pool <= MAX_POOL:
        raise _UsageError(f"closer: --pool must be between 0 and {MAX_POOL}, got {args.pool}")
    if not DASHBOARD.exists():
        raise CloserError(f"{DASHBOARD} is missing: run closer from a clone of Interview Closer.")
    token = _class_mode(args)
    command = [
        sys.executable,
        "-m",
        "closer_widgets.server",  # Voilà, with each visitor's kernel bound to their browser
        str(DASHBOARD.relative_to(ROOT)),
        "--Voila.ip=127.0.0.1",
        f"--port={args.port}",
        "--Voila.port_retries=0",
        *([] if not args.no_browser else ["--no-browser"]),
        *_not_overridden([] if args.pool is None else _pool_options(args.pool), args.voila_args),
        *_own_template(args.voila_args),
        *args.voila_args,
    ]
    if token is not None:
        _announce_class(token, args.port)
    # voila.json is read from the working directory, so run from the repository root.
    return _exec(command, ROOT)


def _lab(args) -> int:
    _check_port(args.port)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--notebook-dir={NOTEBOOKS}",
        "--ServerApp.ip=127.0.0.1",
        f"--port={args.port}",
        *([] if not args.no_browser else ["--no-browser"]),
    ]
    return _exec(command, NOTEBOOKS)


def _read_text(name: str) -> str:
    """The text to analyse, read only as far as the analyzer reads (``MAX_CHARS``).

    An endless source (``/dev/zero``, a pipe that never closes) is cut there instead of
    filling memory; standard input and files are held to the same rule: UTF-8 or a
    one-line refusal.
    """
    from .feedback import MAX_CHARS

    where = "The text on standard input" if name == "-" else f"'{name}'"
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_CHARS * 4 + 4)
        else:
            with open(name, "rb") as handle:
                raw = handle.read(MAX_CHARS * 4 + 4)
    except FileNotFoundError:
        raise CloserError(f"'{name}' does not exist.") from None
    except IsADirectoryError:
        raise CloserError(f"'{name}' is a folder, not a text file.") from None
    except OSError as exc:
        raise CloserError(f"{where} cannot be read ({exc.strerror}).") from None
    # Not final: a character cut in two by the limit is left out, not called an error.
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(raw, final=False)
    except UnicodeDecodeError:
        raise CloserError(f"{where} is not UTF-8 text.") from None


def _feedback(args) -> int:
    import json

    text = _read_text(args.file)
    from .feedback import analyze

    result = analyze(text, company=args.company, role=args.role)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(result.to_text(args.length))
    return 0


def _default_export(session: str, fmt: str) -> Path | None:
    """Where ``closer export`` writes without ``-o``: in the current working folder.

    Never beside the input: that folder may be a shared drive, a class folder or
    the package's own data (the shipped sample), none of them the person's to fill.
    None when the session has no file name (``export_session`` then says what is wrong).
    """
    from .export import FORMATS

    name = Path(session).name
    if not name or name in (".", ".."):
        return None
    return Path.cwd() / Path(name).with_suffix(FORMATS[fmt].suffix)


def _export(args) -> int:
    from .export import export_session

    if args.output == "-":
        # To standard output, for a pipe: nothing is written anywhere else.
        from .export import export_bytes
        from .session import Session

        sys.stdout.buffer.write(export_bytes(Session.load(args.session).plan, args.format))
        sys.stdout.buffer.flush()
        return 0
    output = args.output if args.output is not None else _default_export(args.session, args.format)
    out = export_session(args.session, args.format, output)
    print(out)  # the path written, for the person and for scripts
    return 0


def _workshop(args) -> int:
    from .workshop import write_report

    if args.output == "-":
        # The report to standard output, for a pipe; the CSV, if asked, still to its file.
        if args.csv is not None:
            raise _UsageError("closer workshop: with -o -, write the CSV with another command.")
        from .workshop import collect, report_html

        sys.stdout.write(report_html(collect(args.folder), args.anonymise))
        return 0

    summary = write_report(args.folder, args.output, args.csv, anonymise=args.anonymise)
    print(summary)
    return 0


COMMANDS = {
    "serve": _serve,
    "lab": _lab,
    "feedback": _feedback,
    "export": _export,
    "workshop": _workshop,
}


def main(argv: list[str] | None = None) -> int:
    """Run ``closer``; return the exit status (0 ok, 2 bad input)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return COMMANDS[args.command](args)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except CloserError as exc:
        print(f"closer {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        print(
            f"closer: unexpected error ({type(exc).__name__}: {exc}); please report it.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
