"""`flask audit verify`: check every case's event chain and name the first broken event."""

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

BATCH = 2000


def verify_all(echo=click.echo) -> int:
    """Verify every chain, streaming events in (case, sequence) order; return the number of broken cases."""
    from app.extensions import db
    from app.models import Case, CaseEvent
    from cases.audit import ChainLink, verify_chain

    query = sa.select(
        CaseEvent.id,
        CaseEvent.case_id,
        CaseEvent.sequence,
        CaseEvent.kind,
        CaseEvent.actor_id,
        CaseEvent.created_at,
        CaseEvent.payload,
        CaseEvent.member_visible,
        CaseEvent.previous_hash,
        CaseEvent.hash,
    ).order_by(CaseEvent.case_id, CaseEvent.sequence)
    cases = events = 0
    broken = []
    # Its own connection streams the rows (a server-side cursor on PostgreSQL): constant memory.
    with db.engine.connect() as connection:
        rows = iter(connection.execution_options(stream_results=True, yield_per=BATCH).execute(query))
        pending = next(rows, None)
        while pending is not None:
            case_id = pending.case_id

            def links(case_id=case_id):
                nonlocal pending, events
                while pending is not None and pending.case_id == case_id:
                    row, pending = pending, next(rows, None)
                    events += 1
                    yield ChainLink(*row)

            chain = links()
            found = verify_chain(chain)
            for _rest in chain:  # a broken chain's remaining events are skipped, not checked
                pass
            cases += 1
            if found is not None:
                broken.append(found)
    for found in broken:
        reference = db.session.scalar(sa.select(Case.reference).where(Case.id == found.case_id))
        echo(
            f"BROKEN: case {reference} (id {found.case_id}), event id {found.event_id}, "
            f"sequence {found.sequence}: {found.reason}",
            err=True,
        )
    if broken:
        echo(f"{len(broken)} of {cases} cases have a broken chain ({events} events read).", err=True)
    else:
        echo(f"All {cases} case chains hold ({events} events checked).")
    return len(broken)


@click.group("audit")
def audit() -> None:
    """The tamper-evident audit trail of case events."""


@audit.command("verify")
@with_appcontext
def verify() -> None:
    """Check every case's event chain; exit 1 naming the first broken event of each broken case."""
    if verify_all():
        raise SystemExit(1)
