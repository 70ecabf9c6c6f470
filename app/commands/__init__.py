"""Command groups and commands of `flask`, one module per area."""

from app.commands.accounts import create_admin
from app.commands.audit import audit
from app.commands.backup import backup, restore
from app.commands.courts import courts
from app.commands.deadlines import deadlines
from app.commands.demo import seed_demo
from app.commands.members import members
from app.commands.outbox import outbox
from app.commands.petitions import petitions

ALL_COMMANDS = [audit, backup, restore, create_admin, seed_demo, deadlines, courts, outbox, petitions, members]
