"""`flask audit verify`: check every case's event chain and head, and name the first broken event."""

import json

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

BATCH = 2000


def _payload(raw: object) -> object:
    """A stored payload as JSON values, or UNREADABLE when its text does not parse."""
    from cases.audit import UNREADABLE

    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return UNREADABLE
    return raw if raw is not None else UNREADABLE


def verify_all(echo=click.echo) -> int:
    """Verify every case's chain and head, streaming cases and events in id order; return the number broken."""
    from app.extensions import db
    from app.models import Case, CaseEvent
    from app.services.timeline import audit_key
    from cases.audit import (
        GENESIS_HASH,
        SEALED_FIELDS,
        ChainBreak,
        ChainHead,
        ChainLink,
        check_head,
        status_after,
        verify_chain,
    )

    key = audit_key()
    events_query = sa.select(
        CaseEvent.id,
        CaseEvent.case_id,
        CaseEvent.sequence,
        CaseEvent.kind,
        CaseEvent.actor_id,
        CaseEvent.created_at,
        # The raw text, so one unreadable payload is reported instead of stopping the whole check.
        sa.type_coerce(CaseEvent.payload, sa.Text),
        CaseEvent.member_visible,
        CaseEvent.previous_hash,
        CaseEvent.hash,
    ).order_by(CaseEvent.case_id, CaseEvent.sequence)
    sealed_columns = [getattr(Case, name) for name in SEALED_FIELDS]
    cases_query = sa.select(Case.id, Case.chain_length, Case.chain_hash, Case.chain_seal, *sealed_columns).order_by(
        Case.id
    )
    cases = events = 0
    broken: list[ChainBreak] = []
    # Their own connections stream the rows (server-side cursors on PostgreSQL): constant memory.
    with db.engine.connect() as event_connection, db.engine.connect() as case_connection:
        event_rows = iter(
            event_connection.execution_options(stream_results=True, yield_per=BATCH).execute(events_query)
        )
        case_rows = case_connection.execution_options(stream_results=True, yield_per=BATCH).execute(cases_query)
        pending = next(event_rows, None)
        for case in case_rows:
            while pending is not None and pending.case_id < case.id:  # events of a case that is gone
                pending = next(event_rows, None)
            state = {"read": 0, "last": GENESIS_HASH, "status": None}

            def links(case_id=case.id, state=state):
                nonlocal pending, events
                while pending is not None and pending.case_id == case_id:
                    row, pending = pending, next(event_rows, None)
                    events += 1
                    link = ChainLink(*row[:6], _payload(row[6]), *row[7:])
                    state["read"] += 1
                    state["last"] = link.hash
                    state["status"] = status_after(state["status"], link.payload)
                    yield link

            chain = links()
            found = verify_chain(chain, key=key)
            for _rest in chain:  # a broken chain's remaining events are skipped, not checked
                pass
            cases += 1
            if found is None:
                sealed = dict(zip(SEALED_FIELDS, case[4:], strict=True))
                reason = check_head(
                    key,
                    case.id,
                    ChainHead(case.chain_length, case.chain_hash or GENESIS_HASH, case.chain_seal),
                    sealed,
                    events_read=state["read"],
                    last_hash=state["last"],
                    status_from_events=state["status"],
                )
                if reason is not None:
                    found = ChainBreak(None, case.id, state["read"], reason)
            if found is not None:
                broken.append(found)
    for found in broken:
        reference = db.session.scalar(sa.select(Case.reference).where(Case.id == found.case_id))
        where = (
            f"event id {found.event_id}, sequence {found.sequence}"
            if found.event_id is not None
            else f"case row ({found.sequence} events found)"
        )
        echo(f"BROKEN: case {reference} (id {found.case_id}), {where}: {found.reason}", err=True)
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
    """Check every case's event chain and head; exit 1 naming the first broken event of each broken case."""
    if verify_all():
        raise SystemExit(1)
