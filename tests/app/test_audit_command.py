"""`flask audit verify` checks every case's event chain and names the first broken event."""

import sqlalchemy as sa

from app.extensions import db
from app.models import CaseEvent
from app.services.case_notes import add_note
from tests.factories import MemberFactory, UserFactory, make_case


def _cases_with_events():
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    cases = [make_case(member) for _ in range(3)]
    for case in cases:
        for n in range(3):
            add_note(case, lawyer, f"not {n}", expected_version=case.version)
    return cases


def test_verify_passes_on_untouched_chains(runner):
    _cases_with_events()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "All 3 case chains hold (12 events checked)." in result.output


def test_verify_names_the_first_broken_event_after_a_raw_update(runner):
    cases = _cases_with_events()
    target = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == cases[1].id, CaseEvent.sequence == 3)
    ).one()
    with db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE case_events SET payload = :payload WHERE id = :id"),
            {"payload": '{"text": "değiştirilmiş"}', "id": target.id},
        )
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"case {cases[1].reference}" in result.output
    assert f"event id {target.id}, sequence 3" in result.output
    assert "changed after it was written" in result.output
    assert cases[0].reference not in result.output and cases[2].reference not in result.output


def test_verify_reports_an_internal_note_made_visible_to_the_member(runner):
    cases = _cases_with_events()
    note = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == cases[2].id, CaseEvent.kind == "note").order_by(CaseEvent.id)
    ).first()
    with db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE case_events SET member_visible = :yes WHERE id = :id"), {"yes": True, "id": note.id}
        )
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"case {cases[2].reference}" in result.output
    assert f"event id {note.id}, sequence {note.sequence}" in result.output


def test_verify_reports_a_deleted_event_at_the_one_after_it(runner):
    cases = _cases_with_events()
    events = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == cases[0].id).order_by(CaseEvent.sequence)
    ).all()
    with db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM case_events WHERE id = :id"), {"id": events[1].id})
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"event id {events[2].id}, sequence 3" in result.output
    assert "1 of 3 cases have a broken chain" in result.output
