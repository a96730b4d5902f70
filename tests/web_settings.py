"""Django settings for the tests: the app's own settings over a throw-away data folder."""

import atexit
import os
import shutil
import tempfile

PREFIX = "hoso-web-test-"
# The test session makes the folder and removes it at exit; the processes it starts (workers,
# servers) inherit HOSO_DATA and use the same folder: they may be killed, and a folder of their
# own would then be left behind in /tmp.
if not os.path.basename(os.environ.get("HOSO_DATA", "")).startswith(PREFIX):
    os.environ["HOSO_DATA"] = tempfile.mkdtemp(prefix=PREFIX)
    atexit.register(shutil.rmtree, os.environ["HOSO_DATA"], ignore_errors=True)

from pipeline.web.settings import *  # noqa: E402, F403 (after HOSO_DATA is set)

# A test database in a file, as in production (an in-memory one has no busy timeout between threads).
DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["HOSO_DATA"], "test.sqlite3")}  # noqa: F405


class NoCommands:
    """Every page the web tests receive is checked: a web user has no terminal, so no page may
    tell its reader to run a command of hoso (`hoso build`, `hoso signed add`, `hoso period …`)."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request):  # type: ignore[no-untyped-def]
        import html

        from pipeline.web.commands import COMMAND

        response = self.get_response(request)
        if "text/html" in response.get("Content-Type", "") and not response.streaming:
            page = html.unescape(response.content.decode("utf-8", "replace"))
            found = COMMAND.search(page)
            assert found is None, f"{request.path} nêu lệnh: {page[max(0, found.start() - 200) :]}"
        return response


MIDDLEWARE = [*MIDDLEWARE, "tests.web_settings.NoCommands"]  # noqa: F405
