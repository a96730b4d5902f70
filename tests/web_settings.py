"""Django settings for the tests: the app's own settings over a throw-away data folder."""

import os
import tempfile

os.environ["HOSO_DATA"] = tempfile.mkdtemp(prefix="hoso-web-test-")

from pipeline.web.settings import *  # noqa: F403

# A test database in a file, as in production (an in-memory one has no busy timeout between threads).
DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["HOSO_DATA"], "test.sqlite3")}  # noqa: F405
