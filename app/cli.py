"""`flask` commands. Each area keeps its group in app/commands/; this registers them all."""

import click
from flask import Flask
from flask.cli import with_appcontext

from app.commands import ALL_COMMANDS


def register_commands(app: Flask) -> None:
    for command in ALL_COMMANDS:
        app.cli.add_command(command)


__all__ = ["register_commands", "click", "with_appcontext"]
