"""A server at its kernel cap: the next visitor is asked to come back, not shown an error."""

from __future__ import annotations

import pytest
from conftest import APP_READY, VoilaServer
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def one_kernel_server():
    server = VoilaServer(
        "--VoilaConfiguration.preheat_kernel=False", "--VisitorKernelManager.max_kernels=1"
    )
    yield server
    server.stop()


def test_a_visitor_over_the_cap_gets_a_page_saying_come_back(browser, one_kernel_server):
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    try:
        first.set_default_timeout(60_000)
        first.goto(one_kernel_server.url)
        first.wait_for_selector(APP_READY)
        second.set_default_timeout(60_000)
        response = second.goto(one_kernel_server.url)
        heading = second.get_by_role("heading", name="Interview Closer is full right now")
        expect(heading).to_be_visible()
        expect(second.locator("body")).to_contain_text("try again in a minute")
        assert response.status == 503
        assert "Traceback" not in second.content()
        expect(first.locator(".closer-company input")).to_be_editable()  # the first is served
    finally:
        first.context.close()
        second.context.close()
