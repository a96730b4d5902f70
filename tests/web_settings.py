"""Django settings for the tests: the app's own settings over a throw-away data folder."""

import os
import tempfile

os.environ["HOSO_DATA"] = tempfile.mkdtemp(prefix="hoso-web-test-")

from pipeline.web.settings import *  # noqa: F403
