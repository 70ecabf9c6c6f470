"""The application wrapped in a profiler, for ``bench.profile``: each request's profile is a file.

DAYANAK_PROFILE_DIR=/tmp/x gunicorn --workers 1 bench.profiled:app
"""

import os
import time

from werkzeug.middleware.profiler import ProfilerMiddleware

from app import create_app

app = ProfilerMiddleware(
    create_app(),
    stream=None,
    profile_dir=os.environ["DAYANAK_PROFILE_DIR"],
    filename_format=lambda environ: f"{time.time_ns()}.prof",  # one file per request, never overwritten
)
