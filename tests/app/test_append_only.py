"""Case events are append-only: the application cannot update or delete one, singly or in bulk."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import CaseEvent
from app.models.case import AppendOnlyError
from tests.factories import MemberFactory, make_case

pytestmark = pytest.mark.usefixtures("app")


def _first_event() -> CaseEvent:
    case = make_case(MemberFactory())
    return db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)).one()


def test_changing_a_stored_event_is_refused():
    event = _first_event()
    event.member_visible = not event.member_visible
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


def test_deleting_a_stored_event_is_refused():
    event = _first_event()
    db.session.delete(event)
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        lambda: sa.update(CaseEvent).values(member_visible=True),
        lambda: sa.delete(CaseEvent).where(CaseEvent.kind == "note"),
        lambda: sa.update(CaseEvent.__table__).values(kind="x"),
        lambda: sa.delete(CaseEvent.__table__),
    ],
)
def test_bulk_updates_and_deletes_of_events_are_refused(statement):
    event = _first_event()
    with pytest.raises(AppendOnlyError):
        db.session.execute(statement())
    db.session.rollback()
    assert db.session.get(CaseEvent, event.id) is not None


def test_other_tables_are_updated_as_usual():
    from app.models import Case

    event = _first_event()
    db.session.execute(sa.update(Case).where(Case.id == event.case_id).values(priority="high"))
    db.session.commit()
    assert db.session.get(Case, event.case_id).priority == "high"
