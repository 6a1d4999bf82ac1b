"""Debian's Chromium, driven by Playwright's sync API, for the browser tests of every package."""
import os
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = "/usr/bin/chromium"
# Background networking and component updates reach out to the internet, which this machine refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


@contextmanager
def chromium_session() -> Iterator:
    """A launched browser. Playwright's sync API runs an event loop in this thread, and Django refuses
    ORM calls from such a thread unless told it is deliberate (tests set up and check data between
    steps), so DJANGO_ALLOW_ASYNC_UNSAFE is set for the session and restored after it. Only one
    session may be open at a time: a second sync Playwright refuses to start inside the first."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
