"""A live workshop in headless Chromium: `closer serve --class DIR`, real files, no reloads.

Three participants hand in from their own browsers (one context, one kernel each);
the counsellor's page, opened with the link `closer serve` printed, fills without a
reload; reviews go back to their own participant only. Without the token, or with a
wrong one, the page shows nothing of the class.
"""

from __future__ import annotations

import re

import pytest
from conftest import APP_READY, VoilaServer, leave_anyway
from playwright.sync_api import expect

from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views.live_class import REFUSED
from closer_widgets.workshop.class_folder import ClassFolder, new_key

pytestmark = pytest.mark.browser

WAIT = 60_000
NAMES = ("Maya Lindqvist", "Tomás Herrera", "Aisha Bello")
SEEDED = "Seeded Participant"


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory):
    folder = ClassFolder.create(tmp_path_factory.mktemp("workshop") / "class")
    # Someone handed in before: a page without the token must not show them either.
    folder.seat(new_key()).hand_in(Session(ClosingPlan(participant=SEEDED, company="Initech")))
    return folder.path


@pytest.fixture(scope="module")
def workshop(class_dir):
    server = VoilaServer(
        "--VoilaConfiguration.default_pool_size=3",
        serve_args=("--class", str(class_dir), "--class-size", "25"),
    )
    found = re.search(r"#counsellor=([\w-]+)", server.output())
    assert found, "closer serve --class printed no counsellor's link"
    yield server, found.group(1)
    server.stop()


@pytest.fixture(autouse=True)
def patient():
    """Kernels start and folders are polled: wait up to WAIT for what is expected."""
    expect.set_options(timeout=WAIT)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, for the other modules


@pytest.fixture
def open_page(browser):
    """Open ``url`` in a browser context of its own (its own storage, its own kernel)."""
    contexts = []

    def open_(url):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        page.on("dialog", leave_anyway)
        page.goto(url)
        page.wait_for_selector(APP_READY)
        return page

    yield open_
    for context in contexts:
        context.close()


def hand_in(page):
    page.click(".closer-goto-save")
    page.click(".closer-hand-in")


def review(counsellor, name, comments):
    panel = counsellor.locator(".closer-review")
    panel.locator("select").first.select_option(label=f"{name} · Northwind Health")
    panel.locator("textarea").fill(comments)
    panel.get_by_role("button", name="Save review").click()
    expect(counsellor.locator(".closer-review-saved")).to_contain_text(f"{name} sees it")


def test_hand_ins_fill_the_class_view_live_and_reviews_go_back_to_their_own(
    open_page, workshop, class_dir
):
    server, token = workshop
    counsellor = open_page(f"{server.url}#counsellor={token}")
    view = counsellor.locator(".closer-class-view")
    rows = view.locator(".closer-class-row")
    expect(rows).to_have_count(1)  # the seeded hand-in
    assert "counsellor=" not in counsellor.url  # the token left the address bar

    participants = []
    for name in NAMES:
        page = open_page(server.url)
        page.fill(".closer-participant input", name)
        page.fill(".closer-company input", "Northwind Health")
        hand_in(page)
        expect(page.locator(".closer-hand-in-status")).to_contain_text("Handed in at")
        participants.append(page)

    # No reload: the counsellor's kernel watches the folder.
    expect(rows).to_have_count(4)
    expect(view.locator(".closer-class-count")).to_contain_text("4 of 25 handed in")
    for name in NAMES:
        expect(rows.filter(has_text=name)).to_have_count(1)

    # Handing in again replaces the earlier hand-in, in the same visit and after a reload.
    first = participants[0]
    first.click(".closer-goto-profile")
    first.fill(".closer-company input", "Globex Logistics")
    hand_in(first)
    expect(rows.filter(has_text=NAMES[0])).to_contain_text("Globex Logistics")
    first.reload()
    first.wait_for_selector(APP_READY)
    first.click(".closer-restore-accept")  # the work this browser kept
    first.click(".closer-goto-save")
    expect(first.locator(".closer-hand-in-status")).to_contain_text("You handed in at")
    first.click(".closer-goto-profile")
    first.fill(".closer-company input", "Fjord Software")
    hand_in(first)
    expect(rows.filter(has_text=NAMES[0])).to_contain_text("Fjord Software")
    expect(rows).to_have_count(4)
    assert len(list(class_dir.glob("*.json"))) == 4

    # A review reaches its participant's page, and no one else's.
    review(counsellor, NAMES[1], "Tomás: lead with the ask.")
    second, third = participants[1], participants[2]
    expect(second.locator(".closer-review-ready")).to_contain_text("review is ready")
    expect(second.locator(".closer-calibration")).to_contain_text("Tomás: lead with the ask.")
    review(counsellor, NAMES[2], "Aisha: slow down.")
    expect(third.locator(".closer-calibration")).to_contain_text("Aisha: slow down.")
    expect(third.locator(".closer-calibration")).not_to_contain_text("Tomás")
    expect(second.locator(".closer-calibration")).not_to_contain_text("Aisha")
    expect(first.locator(".closer-review-ready")).to_be_hidden()
    expect(first.locator(".closer-calibration")).to_contain_text("No review loaded yet.")
    assert "Traceback" not in counsellor.content()


@pytest.mark.parametrize("fragment", ["#counsellor", "#counsellor=wrong-token"])
def test_the_class_view_without_the_token_shows_nothing_of_the_class(open_page, workshop, fragment):
    server, token = workshop
    page = open_page(server.url + fragment)
    expect(page.locator(".closer-class-refused")).to_have_text(REFUSED)
    expect(page.locator(".closer-class-view")).to_have_count(0)
    expect(page.locator(".closer-class-row")).to_have_count(0)
    html = page.content()
    for name in (SEEDED, *NAMES, "Initech"):
        assert name not in html, name
    assert token not in html


def test_a_participants_page_shows_nothing_of_the_class(open_page, workshop):
    server, _ = workshop
    page = open_page(server.url)
    page.click(".closer-goto-save")
    expect(page.locator(".closer-hand-in")).to_be_visible()
    expect(page.locator(".closer-class-view")).to_have_count(0)
    assert SEEDED not in page.content() and "Initech" not in page.content()


def test_the_class_view_and_the_hand_in_pass_axe(open_page, workshop):
    from axe_playwright_python.sync_playwright import Axe

    server, token = workshop
    problems = {}
    counsellor = open_page(f"{server.url}#counsellor={token}")
    expect(counsellor.locator(".closer-class-view .closer-class-row").first).to_be_visible()
    participant = open_page(server.url)
    participant.click(".closer-goto-save")
    expect(participant.locator(".closer-hand-in")).to_be_visible()
    for name, page in (("class view", counsellor), ("hand-in", participant)):
        found = [
            f"{v['id']} ({v['impact']}): " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if found:
            problems[name] = found
    assert not problems, problems


def test_forget_on_a_shared_computer_forgets_the_hand_in_too(open_page, workshop, class_dir):
    # Forget is clicked before the Save step is ever built on the page that clicks it:
    # the browser itself must erase the key, not only a kernel that has the step open.
    server, _ = workshop
    page = open_page(server.url)
    page.fill(".closer-participant input", "Shared Desk One")
    hand_in(page)
    expect(page.locator(".closer-hand-in-status")).to_contain_text("Handed in at")
    before = len(list(class_dir.glob("*.json")))
    page.reload()
    page.wait_for_selector(APP_READY)
    page.locator(".closer-forget").click()
    page.wait_for_function(
        "() => !Object.keys(localStorage).some(k => k.startsWith('interview-closer/'))"
    )
    page.reload()
    page.wait_for_selector(APP_READY)
    page.fill(".closer-participant input", "Shared Desk Two")
    hand_in(page)
    expect(page.locator(".closer-hand-in-status")).to_contain_text("Handed in at")
    expect(page.locator(".closer-hand-in-status")).not_to_contain_text("You handed in")
    # The next person's hand-in is a file of its own; the first one's is untouched.
    assert len(list(class_dir.glob("*.json"))) == before + 1


def test_the_hand_in_time_is_on_the_participants_own_clock(browser, workshop, class_dir):
    import datetime as dt
    from zoneinfo import ZoneInfo

    server, _ = workshop
    # +05:30: never the server's minutes, whatever whole-hour zone the server is in.
    context = browser.new_context(timezone_id="Asia/Kolkata")
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT)
        page.on("dialog", leave_anyway)
        page.goto(server.url)
        page.wait_for_selector(APP_READY)
        page.fill(".closer-participant input", "Kolkata Desk")
        hand_in(page)
        status = page.locator(".closer-hand-in-status")
        expect(status).to_contain_text("Handed in at")
        newest = max(class_dir.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        written = dt.datetime.fromtimestamp(newest.stat().st_mtime_ns / 1e9, ZoneInfo("UTC"))
        in_kolkata = written.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")
        expect(status).to_contain_text(f"Handed in at {in_kolkata}")
    finally:
        context.close()
