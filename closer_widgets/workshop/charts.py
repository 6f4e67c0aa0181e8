"""Pictures of the class as standalone SVG: coverage, gaps, popular questions, speaking time."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..content import ELEMENT_IDS, load_elements
from ..phrasing import shorten
from ..plan import LENGTHS
from ..questions import load_bank, personalise

if TYPE_CHECKING:  # pandas is imported by whoever builds the table, not by importing this
    import pandas as pd

# --- charts --------------------------------------------------------------------
MET, MISSING, ACCENT, WINDOW = "#1d4ed8", "#e2e8f0", "#0f766e", "#bbf7d0"
SHORT_WINDOW = "#fde68a"


def _as_typed(text: str) -> str:
    """Text matplotlib shows as typed: a ``$`` would otherwise start maths."""
    return str(text).replace("$", r"\$")


def _figure(width: float, height: float):
    # A bare Figure needs no pyplot and no GUI backend, so the notebook's own
    # backend is left alone; it renders with matplotlib's built-in SVG writer.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def _whole_numbers():
    """A tick locator for counts of people: no 0.25 of a participant."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _svg(figure, label: str, salt: str) -> Markup:
    """The figure as inline ``<svg>`` markup with a role and an accessible name."""
    import io

    import matplotlib

    buffer = io.StringIO()
    # Text stays text (searchable, selectable, small); a fixed salt per chart keeps
    # ids unique across the charts of one page and the output stable run to run.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # matplotlib's stylesheet says "*{...}"; inline in a page that would reach every
    # element, so keep it to the chart's own elements.
    svg = svg.replace("*{stroke-linejoin", ".closer-chart *{stroke-linejoin", 1)
    opening = Markup('<svg class="closer-chart" role="img" aria-label="{}"').format(label)
    # Safe to mark as markup: matplotlib's SVG writer escapes every text and attribute
    # it writes (participant names and questions included), and the label is escaped above.
    return Markup(svg.replace("<svg", opening, 1))


def _empty_chart(label: str, salt: str) -> Markup:
    figure, axes = _figure(6, 1.2)
    axes.axis("off")
    axes.text(0.5, 0.5, "No sessions to show yet.", ha="center", va="center")
    return _svg(figure, label, salt)


def heatmap_svg(table: pd.DataFrame) -> Markup:
    """Participants × elements: which parts of the close each statement has."""
    label = "Which of the seven elements each participant's statement covers"
    if table.empty:
        return _empty_chart(label, "heatmap")
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    rows = len(table)
    figure, axes = _figure(7, min(1.6 + 0.28 * rows, 30))
    values = table[list(ELEMENT_IDS)].to_numpy(dtype=float)
    axes.imshow(
        values,
        aspect="auto",
        cmap=ListedColormap([MISSING, MET]),
        vmin=0,
        vmax=1,
        interpolation="none",
    )
    axes.set_xticks(
        range(len(ELEMENT_IDS)), [e.replace("_", " ") for e in ELEMENT_IDS], rotation=30, ha="right"
    )
    if rows <= 60:
        axes.set_yticks(range(rows), [_as_typed(shorten(p, 24)) for p in table["participant"]])
    else:
        axes.set_yticks([])
        axes.set_ylabel(f"{rows} participants")
    axes.set_title("Elements covered")
    axes.legend(
        handles=[Patch(color=MET, label="covered"), Patch(color=MISSING, label="missing")],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
    )
    return _svg(figure, label, "heatmap")


def gaps_svg(table: pd.DataFrame) -> Markup:
    """How many participants miss each element, most common gap first."""
    label = "How many participants leave out each element"
    if table.empty:
        return _empty_chart(label, "gaps")
    titles = dict(zip(load_elements()["id"], load_elements()["title"], strict=True))
    missing = (~table[list(ELEMENT_IDS)]).sum().sort_values()
    figure, axes = _figure(7, 3.2)
    bars = axes.barh([titles[e] for e in missing.index], missing.to_numpy(), color=ACCENT)
    axes.bar_label(bars, padding=3)
    axes.set_xlim(0, max(1, len(table)) * 1.1)
    axes.xaxis.set_major_locator(_whole_numbers())
    axes.set_xlabel(f"participants missing it (of {len(table)})")
    axes.set_title("Most common gaps")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, label, "gaps")


def top_questions_svg(table: pd.DataFrame, top: int = 10) -> Markup:
    """The bank questions most participants chose (top ``top``)."""
    label = f"The {top} bank questions chosen most often"
    counts = Counter(qid for ids in table["bank_questions"] if ids for qid in str(ids).split(";"))
    if not counts:
        figure, axes = _figure(6, 1.2)
        axes.axis("off")
        axes.text(
            0.5, 0.5, "No one has chosen a question from the bank yet.", ha="center", va="center"
        )
        return _svg(figure, label, "questions")
    bank = load_bank().set_index("id")
    chosen = counts.most_common(top)[::-1]
    names = [_as_typed(shorten(personalise(bank.loc[q, "text"]), 48)) for q, _ in chosen]
    figure, axes = _figure(8, 1.0 + 0.35 * len(chosen))
    bars = axes.barh(names, [n for _, n in chosen], color=MET)
    axes.bar_label(bars, padding=3)
    axes.xaxis.set_major_locator(_whole_numbers())
    axes.set_xlabel("participants who chose it")
    axes.set_title("Most chosen bank questions")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, label, "questions")


def speaking_svg(table: pd.DataFrame) -> Markup:
    """The spread of estimated speaking times, with each length target in the class shaded."""
    label = "Estimated speaking time of each statement against its length target"
    if table.empty:
        return _empty_chart(label, "speaking")
    seconds = table["speaking_seconds"].astype(float)
    # Each participant chose a short or a full close: shade the targets in use.
    chosen = [length for length in LENGTHS if (table["length"] == length).any()]
    high = max(LENGTHS[length][1] for length in chosen)
    top = max(float(seconds.max()), high) + 10
    figure, axes = _figure(7, 2.8)
    for length, colour in zip(chosen, (WINDOW, SHORT_WINDOW), strict=False):
        low, high = LENGTHS[length]
        axes.axvspan(low, high, color=colour, alpha=0.8, label=f"{length} close: {low}-{high} s")
    edges = list(range(0, int(top // 10 + 2) * 10, 10))
    axes.hist(seconds, bins=edges, color=ACCENT, edgecolor="white")
    axes.set_xlabel("seconds to say the statement aloud")
    axes.yaxis.set_major_locator(_whole_numbers())
    axes.set_ylabel("participants")
    axes.set_title("Speaking time")
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, label, "speaking")


def charts(table: pd.DataFrame) -> dict[str, Markup]:
    """Every chart of the class, as {caption: svg markup}."""
    return {
        "Elements covered by each participant": heatmap_svg(table),
        "Most common gaps": gaps_svg(table),
        "Most chosen bank questions": top_questions_svg(table),
        "Speaking time (target window shaded)": speaking_svg(table),
    }
