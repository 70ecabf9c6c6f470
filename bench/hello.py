"""A bare Flask hello-world: the ceiling the served benchmark compares every page with.

gunicorn --workers 2 bench.hello:app
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
