"""Django settings for the tests: the app's own settings over a throw-away data folder."""

import atexit
import os
import shutil
import tempfile

os.environ["HOSO_DATA"] = tempfile.mkdtemp(prefix="hoso-web-test-")
atexit.register(shutil.rmtree, os.environ["HOSO_DATA"], ignore_errors=True)  # no litter in /tmp

from pipeline.web.settings import *  # noqa: E402, F403 (after HOSO_DATA is set)

# A test database in a file, as in production (an in-memory one has no busy timeout between threads).
DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["HOSO_DATA"], "test.sqlite3")}  # noqa: F405
