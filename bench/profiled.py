"""The application wrapped in a profiler, for ``bench.profile``: each request's profile is a file.

    DAYANAK_PROFILE_DIR=/tmp/x gunicorn --workers 1 bench.profiled:app

cProfile runs on the process's CPU clock, not the wall clock: on a shared machine a worker that
waits for a core would otherwise charge the wait to whatever function it was in.
"""

import cProfile
import os
import time

from app import create_app

PROFILE_DIR = os.environ["DAYANAK_PROFILE_DIR"]
_app = create_app()


def app(environ, start_response):
    profile = cProfile.Profile(time.process_time)
    body = []

    def run() -> None:
        body.extend(_app(environ, start_response))  # the whole response, rendered inside the profile

    profile.runcall(run)
    profile.dump_stats(os.path.join(PROFILE_DIR, f"{time.time_ns()}.prof"))
    return body
