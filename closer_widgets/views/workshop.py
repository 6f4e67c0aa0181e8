"""The counsellor's view of a class: table, charts, skipped files, and one review at a time.

Sessions come from a folder on this machine (JupyterLab) or from uploads (Voilà).
Reviews go into a ``reviews/`` folder in the first case and are offered as a
download in the second, since a hosted page cannot write on the counsellor's disk.
"""

from __future__ import annotations

from ipywidgets import (
    HTML,
    Button,
    Checkbox,
    Dropdown,
    HBox,
    Layout,
    SelectMultiple,
    Text,
    Textarea,
    VBox,
)
from markupsafe import escape
from traitlets import Bool, Enum, Instance, Unicode, link, observe

from ..calibration import Review, ReviewError
from ..content import ELEMENT_IDS, element_records, mistake_records
from ..errors import CloserError
from ..session import MAX_BYTES as SESSION_MAX_BYTES
from ..session import Session
from ..workshop import (
    Collection,
    charts,
    class_table,
    collect,
    review_filename,
    skipped_html,
    table_html,
)
from ..workshop.access import FolderAccess
from .common import LABEL_STYLE, WIDE, alert_html, download_link, heading, paragraph, stylesheet
from .failures import report_callback_errors
from .file_picker import FilePicker

RATING_OPTIONS = [
    ("Not rated", 0),
    ("1 - shaky", 1),
    ("2 - unsure", 2),
    ("3 - getting there", 3),
    ("4 - solid", 4),
    ("5 - ready", 5),
]


class CounsellorView(VBox):
    """A class at a glance for a career counsellor, and a review form per participant.

    Parameters
    ----------
    folder : str or PathLike, optional
        A folder of session files to load straight away.

    Attributes
    ----------
    table : pandas.DataFrame
        The class table on show (with codes when anonymising), from
        :func:`closer_widgets.workshop.class_table`.
    """

    anonymise = Bool(False, help="Show codes instead of participant and file names.")
    mode = Enum(
        ["none", "folder", "upload", "class"],
        default_value="none",
        help="Where the sessions came from (``class``: a live workshop's class folder).",
    )
    error = Unicode("", help="The last problem, as one sentence for the counsellor; empty if none.")
    status = Unicode("", help="What is loaded, or what was just saved.")
    review_path = Unicode("", help="File the last review was written to (folder mode).")
    collection = Instance(Collection, help="The sessions on show and the files skipped.")

    def __init__(self, folder=None, access: FolderAccess | None = None, **kwargs):
        #: Which folders on this machine the page may use (see workshop.access).
        self.access = access if access is not None else FolderAccess.from_environment()
        self.collection = Collection()
        self.table = class_table(self.collection)
        self._drafts: dict[str, Review] = {}
        self._current = None  # Entry.key of the participant in the review form
        self._quiet = False  # True while options are rebuilt, so no draft is stashed
        self._chart_cache: dict[bool, str] = {}

        self._folder = Text(
            description="Session folder",
            placeholder="e.g. ~/workshop/2026-12-03",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._load = Button(
            description="Load folder",
            tooltip="Read every session in the folder",
        )
        self._load.on_click(self._on_load)
        self._upload = FilePicker(
            description="Upload sessions",
            accept=".json",
            multiple=True,
            max_bytes=SESSION_MAX_BYTES,
            tooltip="Choose the session files participants gave you",
        )
        self._upload.add_class("closer-workshop-upload")
        self._upload.on_pick(self._on_upload)
        self._anonymise = Checkbox(
            description="Anonymise (for the projector)", indent=False, style=LABEL_STYLE
        )
        self._anonymise.add_class("closer-anonymise")
        link((self, "anonymise"), (self._anonymise, "value"))
        self._error = HTML(layout=Layout(display="none"))
        self._error.add_class("closer-error")
        self._status = HTML()
        self._status.add_class("closer-notice")
        self._table = HTML()
        self._table.add_class("closer-workshop-table")
        self._charts = HTML()
        self._charts.add_class("closer-workshop-charts")
        self._skipped = HTML()
        self._skipped.add_class("closer-workshop-skipped")
        self._review = self._review_panel()
        super().__init__(
            [
                stylesheet(),
                heading("Class overview"),
                *self._source_controls(),
                self._anonymise,
                self._error,
                self._status,
                heading("Class table", 3),
                self._table,
                heading("Charts", 3),
                self._charts,
                heading("Files skipped", 3),
                self._skipped,
                self._review,
            ],
            **kwargs,
        )
        self.add_class("closer-app")
        self.add_class("closer-workshop")
        report_callback_errors(lambda message: setattr(self, "error", message))
        self._render()
        if folder is not None:
            # A folder given in code is the host's own choice, not a visitor's typing.
            self._folder.value = str(folder)
            self._load_folder(folder)

    def _source_controls(self) -> list:
        """What the view opens on: where the sessions come from (a subclass may change it)."""
        if not self.access.allowed:
            # A web page on a server: no path typed by a visitor ever reaches its disk.
            return [
                paragraph(
                    "Upload the session files participants gave you. Nothing is kept on "
                    "the server: download each review and give it to its participant. "
                    "Tick Anonymise before you put the page on a projector."
                ),
                self._upload,
            ]
        return [
            paragraph(
                "Load the folder where participants' session files are collected, or upload "
                "the files. Nothing in the folder is changed. Tick Anonymise before you "
                "put the page on a projector."
            ),
            HBox([self._folder, self._load], layout=Layout(flex_flow="row wrap")),
            self._upload,
        ]

    # --- the review form -------------------------------------------------------
    def _review_panel(self) -> VBox:
        titles = {row.id: row.title for row in element_records()}
        mistakes = mistake_records()
        self._mistake_ids = {row.id for row in mistakes}
        self._who = Dropdown(description="Participant", options=[], style=LABEL_STYLE, layout=WIDE)
        self._who.observe(self._on_who, names="value")
        self._said = {
            element: Checkbox(description=f"{titles[element]} ({element})", indent=False)
            for element in ELEMENT_IDS
        }
        for element, box in self._said.items():
            box.add_class(f"closer-review-{element}")
        self._mistakes = SelectMultiple(
            description="Mistakes observed",
            options=[(row.title, row.id) for row in mistakes],
            rows=8,
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._rating = Dropdown(
            description="Overall rating", options=RATING_OPTIONS, style=LABEL_STYLE
        )
        self._comments = Textarea(
            description="Comments",
            placeholder="What to keep, what to stop, what to start.",
            style=LABEL_STYLE,
            layout=Layout(width="min(36rem, 100%)", height="7rem"),
        )
        # A layout of its own: it is hidden in upload mode, and WIDE is shared by every box.
        self._reviews_folder = Text(
            description="Save reviews in",
            style=LABEL_STYLE,
            layout=Layout(width=WIDE.width),
        )
        self._save = Button(
            description="Save review",
            button_style="primary",
            tooltip="Save this review",
        )
        self._save.on_click(self._on_save)
        self._saved = HTML()
        self._saved.add_class("closer-review-saved")
        panel = VBox(
            [
                heading("Review a participant", 3),
                paragraph(
                    "Rate what you heard on the rubric participants use for their own "
                    "self-check; they can load your review and compare."
                ),
                self._who,
                HTML("<p><b>Elements heard</b></p>"),
                *self._said.values(),
                self._mistakes,
                self._rating,
                self._comments,
                self._reviews_folder,
                self._save,
                self._saved,
            ]
        )
        panel.add_class("closer-review")
        return panel

    def _form_review(self, entry) -> Review:
        return Review(
            participant=entry.plan.participant or entry.name,
            session_hash=entry.digest,
            elements={element: box.value for element, box in self._said.items()},
            mistakes=list(self._mistakes.value),
            rating=self._rating.value,
            comments=self._comments.value,
        )

    def _fill_form(self, review: Review | None) -> None:
        review = review or Review()
        for element, box in self._said.items():
            box.value = review.elements[element]
        self._mistakes.value = tuple(m for m in review.mistakes if m in self._mistake_ids)
        self._rating.value = review.rating
        self._comments.value = review.comments

    def _entry(self, key):
        return next((e for e in self.collection.entries if e.key == key), None)

    def _saved_review(self, entry) -> Review | None:
        """An earlier review of this very file from the reviews folder, if there is one."""
        if self.mode != "folder" or not self._reviews_folder.value.strip():
            return None
        try:
            folder = self.access.resolve(self._reviews_folder.value.strip())
            review = Review.load(folder / review_filename(entry))
        except (ReviewError, CloserError):
            return None
        return review if review.session_hash == entry.digest else None

    def _on_who(self, change):
        if self._quiet:
            return
        old = self._entry(self._current)
        if old is not None:
            # Keep unsaved ratings per participant, so switching never loses them.
            self._drafts[old.key] = self._form_review(old)
        self._current = change["new"]
        entry = self._entry(self._current)
        if entry is not None:
            self._fill_form(self._drafts.get(entry.key) or self._saved_review(entry))
        self._saved.value = ""

    def _on_save(self, button):
        self.error = ""
        entry = self._entry(self._who.value)
        if entry is None:
            self.error = (
                "There is no participant to review yet. Load a folder or upload sessions first."
            )
            return
        review = self._form_review(entry)
        label = self.collection.labels(self.anonymise)[self.collection.entries.index(entry)]
        if self._store_review(entry, review, label):
            self._drafts.pop(entry.key, None)

    def _store_review(self, entry, review: Review, label: str) -> bool:
        """Save or offer ``review`` of ``entry``; whether its draft can be dropped."""
        name = review_filename(entry)
        if self.mode == "upload" or not self.access.allowed:
            link = download_link(
                name,
                review.dumps().encode("utf-8"),
                "application/json",
                f"Download the review of {label}",
            )
            self._saved.value = f"<p>{link} and give it to the participant.</p>"
            self.status = f"Review of {label} ready to download."
            return False
        try:
            folder = self.access.resolve(self._reviews_folder.value.strip() or ".")
        except CloserError as exc:
            self.error = str(exc)
            return False
        if self.collection.folder is not None and folder.resolve() == self.collection.folder:
            self.error = (
                "Reviews cannot go into the sessions folder itself; choose a subfolder such as "
                "reviews/."
            )
            return False
        try:
            folder.mkdir(exist_ok=True)
            path = review.save(folder / name)
        except CloserError as exc:  # not a review there, or a link in the way
            self.error = str(exc)
            return False
        except OSError as exc:
            self.error = (
                f"Cannot create the folder '{folder}' ({exc.strerror}); check the path above."
            )
            return False
        self.review_path = str(path)
        self._saved.value = f"<p>Saved as {escape(str(path))}.</p>"
        self.status = f"Review of {label} saved."
        return True

    # --- loading ---------------------------------------------------------------
    def _on_load(self, button):
        text = self._folder.value.strip()
        if not text:
            self.error = "Type the path of the folder that holds the session files, then load it."
            return
        try:
            folder = self.access.resolve(text)
        except CloserError as exc:
            self.error = str(exc)
            return
        self._load_folder(folder)

    def _load_folder(self, folder) -> None:
        try:
            collection = collect(folder)
        except CloserError as exc:
            self.error = str(exc)  # the class on show stays as it was
            return
        self._reviews_folder.value = str(collection.folder / "reviews")
        # Where folders may not be typed, reviews are downloaded, never written.
        self._reviews_folder.layout.display = None if self.access.allowed else "none"
        self._show(collection, "folder")

    def _on_upload(self, picked) -> None:
        files = [
            (
                item.name,
                item.content
                if item.content is not None
                else str(Session.refused("This file", item.problem == "too_large")),
            )
            for item in picked
        ]
        if not files:
            return
        self._reviews_folder.layout.display = "none"  # reviews are downloaded instead
        self._show(collect(files), "upload")

    def _show(self, collection: Collection, mode: str) -> None:
        self.error = ""
        current = self._entry(self._current)
        if current is not None:
            # Drafts are keyed by Entry.key (file content, or a hand-in's id), so they
            # survive loading the class again; so does the participant in the form.
            self._drafts[current.key] = self._form_review(current)
        self._chart_cache = {}
        self.mode = mode
        self.collection = collection
        self._render()

    @observe("anonymise")
    def _on_anonymise(self, change):
        self._render()

    @observe("error")
    def _on_error(self, change):
        self._error.value = alert_html(change["new"])
        # Hidden when empty: the widget's inner wrapper defeats the CSS :empty rule.
        self._error.layout.display = None if change["new"] else "none"

    @observe("status")
    def _on_status(self, change):
        self._status.value = (
            f'<p role="status">{escape(change["new"])}</p>' if change["new"] else ""
        )

    def _render(self) -> None:
        collection = self.collection
        self.table = self._class_table()
        if len(collection):
            # A wide table scrolls in its own box: focusable, so the keyboard can scroll it.
            self._table.value = (
                '<div class="closer-table-scroll" tabindex="0" role="region" '
                f'aria-label="Class table">{self._table_html()}</div>'
            )
        else:
            empty = {
                "none": "<p>No session loaded yet.</p>",
                "class": "<p>No one has handed in yet: rows appear here as people do.</p>",
            }.get(self.mode, "<p>No valid session file was found. See the skipped files below.</p>")
            self._table.value = empty
        self._render_charts()
        rows = collection.skipped_rows(self.anonymise)
        self._skipped.value = skipped_html(rows)
        if self.mode != "none":
            self.status = self._loaded_text(len(rows))
        self._rebuild_choices()

    def _loaded_text(self, skipped: int) -> str:
        """The status line once a class is on show."""
        return f"{len(self.collection)} sessions loaded, {skipped} files skipped."

    def _class_table(self):
        """The table on show (a subclass may add columns)."""
        return class_table(self.collection, self.anonymise)

    def _table_html(self) -> str:
        """The table on show as HTML."""
        return table_html(self.table)

    def _render_charts(self) -> None:
        if not len(self.collection):
            self._charts.value = ""
            return
        if self.anonymise not in self._chart_cache:
            # Drawing takes a second or two; toggling back and forth should not.
            self._chart_cache[self.anonymise] = "".join(
                f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"
                for caption, svg in charts(self.table).items()
            )
        self._charts.value = self._chart_cache[self.anonymise]

    def _rebuild_choices(self) -> None:
        entries = self.collection.entries
        labels = self.collection.labels(self.anonymise)
        options = [
            (f"{label} · {entry.plan.company}" if entry.plan.company else label, entry.key)
            for label, entry in zip(labels, entries, strict=True)
        ]
        if self.anonymise:
            options = [(self.collection.scrub(text), value) for text, value in options]
        keep = self._current
        self._quiet = True
        try:
            self._who.options = options
            if keep is not None and any(value == keep for _, value in options):
                self._who.value = keep
            else:
                self._who.value = options[0][1] if options else None
        finally:
            self._quiet = False
        if self._who.value != self._current:
            self._on_who({"new": self._who.value})
