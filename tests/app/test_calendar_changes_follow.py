"""A calendar or court change follows on the deadlines already stored on cases, in its own transaction.

Dates are fixed in 2026 (none depends on today): the annulment lawsuit is 60 days from the
notification (İYUK 7), counted from the next day, its last day moved off weekends and holidays,
and into 7 September when it ends in the judicial recess at a court that takes it.
"""

from datetime import date

import pytest
import sqlalchemy as sa

from app.models import AccessLog, CalendarDay, Case, CaseEvent, Court, Deadline, OutboxMessage
from app.services import calendar_admin
from app.services import deadlines as deadline_service
from app.services.calendar_admin import court_fingerprint, day_fingerprint
from app.services.timeline import audit_key, link_of
from cases.audit import verify_chain
from tests.factories import MemberFactory, UserFactory, make_case
from tests.helpers import post_form

RULE = "annulment-lawsuit"


@pytest.fixture
def admin(db):
    return UserFactory(role="admin", union_id=None, full_name="Yönetici")


def _case(db, notification: date, **fields) -> tuple[Case, object]:
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id, full_name="Av. Deniz Kaya", language="tr")
    case = make_case(member, notification_date=notification, **fields)
    return db.session.get(Case, case.id), lawyer


def _rows(db, case: Case) -> list[Deadline]:
    db.session.expire_all()
    query = sa.select(Deadline).where(Deadline.case_id == case.id).order_by(Deadline.id)
    return db.session.scalars(query).all()


def _only(db, case: Case, status: str) -> Deadline:
    (row,) = [d for d in _rows(db, case) if d.rule_id == RULE and d.status == status]
    return row


def _fresh(db, case: Case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, case.id)


def _events(db, case: Case) -> list[CaseEvent]:
    query = sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "deadline")
    return db.session.scalars(query.order_by(CaseEvent.sequence)).all()


def _add_day(admin, day: date, kind: str = "holiday", name: str = "Cumhurbaşkanlığı Genelgesi"):
    return calendar_admin.save_calendar_day(None, day=day, kind=kind, name=name, expected_version=None, actor=admin)


def _confirm(db, case: Case, lawyer) -> Deadline:
    case = _fresh(db, case)
    return deadline_service.confirm_proposal(case, RULE, lawyer, expected_version=case.version)


def _change_court(db, admin, court: Court, **changes):
    """Save ``court`` as an admin would, with ``changes`` (takes_recess, name) over what it holds."""
    court = db.session.get(Court, court.id)
    fields = dict(name=court.name, province=court.province, kind=court.kind, takes_recess=court.takes_recess)
    return calendar_admin.save_court(
        court, **{**fields, **changes}, address=None, expected_version=court_fingerprint(court), actor=admin
    )


def _decided_at_first_instance(db, case: Case, lawyer, **court):
    """A first-instance lawsuit filed 01.04.2026 before ``court`` (court_id or authority), decided
    20.06.2026 and notified 24.06.2026: the 30-day appeal (İYUK 45) ends on Friday 24.07.2026, in
    the recess, so on 07.09.2026 at a court that takes it."""
    from app.services.proceedings import add_proceeding, record_decision

    proceeding = add_proceeding(
        case, lawyer, kind="first_instance", filing_date=date(2026, 4, 1), expected_version=None, **court
    )
    case = _fresh(db, case)
    record_decision(
        case,
        proceeding,
        lawyer,
        decision=None,
        decision_date=date(2026, 6, 20),
        notified=date(2026, 6, 24),
        outcome=None,
        expected_version=case.version,
    )
    return proceeding


def _appeal_due(db, case: Case, proceeding) -> date:
    (appeal,) = [d for d in _rows(db, case) if d.status == "proposed" and d.proceeding_id == proceeding.id]
    return appeal.due_date


def test_a_declared_holiday_recomputes_the_proposal_and_its_removal_brings_it_back(db, admin):
    # 03.07.2026 + 60 days = 01.09.2026, a Tuesday (not in the recess, which ends 31.08): the last day.
    # Declaring 01.09.2026 a holiday moves it to the next working day, Wednesday 02.09.2026;
    # removing that holiday again makes 01.09.2026 the last day once more — EARLIER than stored.
    case, _lawyer = _case(db, date(2026, 7, 3))
    before = _only(db, case, "proposed")
    assert before.due_date == date(2026, 9, 1) and _fresh(db, case).next_deadline == date(2026, 9, 1)
    untouched, _ = _case(db, date(2026, 3, 2))  # 01.05.2026: its period ends before the new holiday

    row, impact = _add_day(admin, date(2026, 9, 1))

    moved = _only(db, case, "proposed")
    assert (moved.id, moved.due_date, moved.computed_date) == (before.id, date(2026, 9, 2), date(2026, 9, 2))
    assert any("01.09.2026" in str(step["params"]) and step["kind"] == "holiday" for step in moved.explanation)
    assert _fresh(db, case).next_deadline == date(2026, 9, 2) and _fresh(db, case).next_deadline_proposed
    assert (impact.proposals_updated, impact.confirmed_flagged) == (1, 0)
    assert _only(db, untouched, "proposed").version == 1

    row = db.session.get(CalendarDay, row.id)
    impact = calendar_admin.remove_calendar_day(row, expected_version=day_fingerprint(row), actor=admin)

    back = _only(db, case, "proposed")
    assert (back.due_date, back.computed_date) == (date(2026, 9, 1), date(2026, 9, 1))
    assert _fresh(db, case).next_deadline == date(2026, 9, 1)
    assert impact.proposals_updated == 1
    actions = db.session.scalars(
        sa.select(AccessLog.action).where(AccessLog.object_type == "calendar_day").order_by(AccessLog.id)
    ).all()
    assert actions == ["create", "delete"]


def test_a_holiday_on_the_recess_end_reaches_a_proposal_that_ends_before_it(db, admin):
    # 25.05.2026 + 60 = 24.07.2026, in the recess, and no court recorded: the last day stays
    # 24.07.2026, with a warning that a court taking the recess would give 07.09.2026. A holiday
    # declared on Monday 07.09.2026 moves that to Tuesday 08.09.2026 though it is after the last day.
    case, _lawyer = _case(db, date(2026, 5, 25))
    assert "07.09.2026" in str(_only(db, case, "proposed").warnings)

    _row, impact = _add_day(admin, date(2026, 9, 7))

    row = _only(db, case, "proposed")
    assert row.due_date == date(2026, 7, 24) and "08.09.2026" in str(row.warnings)
    assert impact.proposals_updated == 1


def test_a_confirmed_deadline_is_not_changed_but_flagged_when_its_lawful_day_moves_earlier(db, admin, client, login):
    # 30.08.2026 + 60 days = 29.10.2026, Republic Day (a Thursday, an official holiday): the last
    # day moves to Friday 30.10.2026, which the lawyer confirms. An administrator then records
    # 29.10.2026 as a working day: the lawful last day becomes 29.10.2026, one day EARLIER.
    case, lawyer = _case(db, date(2026, 8, 30))
    db.session.get(Case, case.id).assignee_id = lawyer.id
    db.session.commit()
    confirmed = _confirm(db, case, lawyer)
    assert confirmed.due_date == date(2026, 10, 30)
    version = confirmed.version

    _row, impact = _add_day(admin, date(2026, 10, 29), kind="working", name="Düzeltme")

    row = _only(db, case, "open")
    assert (row.due_date, row.computed_date, row.version) == (date(2026, 10, 30), date(2026, 10, 30), version)
    assert (impact.confirmed_flagged, impact.confirmed_earlier) == (1, 1)
    assert _fresh(db, case).next_deadline == date(2026, 10, 30)  # still the confirmed date: a lawyer decides
    event = _events(db, case)[-1]
    assert event.payload["action"] == "lawful_day_moved" and event.actor_id == admin.id and not event.member_visible
    assert (event.payload["lawful_before_date"], event.payload["lawful_date"]) == ("2026-10-30", "2026-10-29")
    assert event.payload["earlier"] is True
    chain = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.sequence))
    assert verify_chain((link_of(e) for e in chain), key=audit_key()) is None
    (mail,) = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "deadline_lawful_day_moved"))
    assert mail.recipient == lawyer.email and mail.case_id == case.id
    assert "UYARI" in mail.body and "29.10.2026" in mail.body and "30.10.2026" in mail.body

    login(lawyer)
    panel = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert 'data-testid="recomputed-earlier"' in panel and "DAHA ÖNCE bir son gün veriyor: 29.10.2026" in panel
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    timeline = page[page.index('data-testid="timeline"') :]
    assert "Takvim değişikliği yasal son günü 30.10.2026 tarihinden 29.10.2026 tarihine taşıyor" in timeline
    assert "Yasal son gün artık onaylanan tarihten daha önce." in timeline


def test_a_later_lawful_day_is_flagged_without_the_earlier_warning(db, admin):
    # 03.07.2026 + 60 = 01.09.2026 confirmed; a holiday declared on it makes the law allow 02.09.2026.
    case, lawyer = _case(db, date(2026, 7, 3))
    _confirm(db, case, lawyer)

    _row, impact = _add_day(admin, date(2026, 9, 1))

    assert _only(db, case, "open").due_date == date(2026, 9, 1)
    assert (impact.confirmed_flagged, impact.confirmed_earlier) == (1, 0)
    event = _events(db, case)[-1]
    assert (event.payload["lawful_date"], event.payload["earlier"]) == ("2026-09-02", False)
    # Nobody is assigned: the timeline and the panel carry it, no mail goes out.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0


def test_met_dismissed_and_manual_deadlines_are_left_alone(db, admin):
    case, lawyer = _case(db, date(2026, 7, 3))
    confirmed = _confirm(db, case, lawyer)
    case = _fresh(db, case)
    deadline_service.mark_met(case, confirmed, lawyer, expected_version=confirmed.version)
    case = _fresh(db, case)
    manual = deadline_service.add_manual(
        case, "Bilirkişi raporu", date(2026, 9, 1), None, lawyer, expected_version=case.version
    )
    rows = {d.id: (d.status, d.due_date, d.version) for d in _rows(db, case)}
    events = len(_events(db, case))

    _row, impact = _add_day(admin, date(2026, 9, 1))

    assert {d.id: (d.status, d.due_date, d.version) for d in _rows(db, case)} == rows
    assert rows[manual.id] == ("open", date(2026, 9, 1), 1)
    assert len(_events(db, case)) == events and impact.confirmed_flagged == 0


def test_a_courts_recess_change_recomputes_its_cases_proposals(db, admin):
    # 25.05.2026 + 60 = 24.07.2026, a Friday inside the recess (20.07–31.08): at a court that takes
    # it the period runs to Monday 07.09.2026; once the court is marked as taking none, 24.07.2026.
    court = Court(name="Iğdır İdare Mahkemesi", province="Iğdır", kind="administrative", takes_recess=True)
    other = Court(name="Ankara 1. İdare Mahkemesi", province="Ankara", kind="administrative", takes_recess=True)
    db.session.add_all([court, other])
    db.session.commit()
    cases = []
    for at in (court, other):
        case, _lawyer = _case(db, date(2026, 5, 25))
        case.competent_court_id = at.id
        deadline_service.refresh_next_deadline(case)
        db.session.commit()
        cases.append(case)
    at_court, elsewhere = cases
    assert _only(db, at_court, "proposed").due_date == date(2026, 9, 7)
    assert _fresh(db, at_court).next_deadline == date(2026, 9, 7)

    _court, impact = _change_court(db, admin, court, takes_recess=False)

    assert _only(db, at_court, "proposed").due_date == date(2026, 7, 24)
    assert _fresh(db, at_court).next_deadline == date(2026, 7, 24)
    assert _only(db, elsewhere, "proposed").due_date == date(2026, 9, 7)
    assert impact.proposals_updated == 1 and impact.case_ids == {at_court.id}
    assert db.session.scalar(sa.select(AccessLog.action).where(AccessLog.object_type == "court")) == "update"


def test_a_failing_recompute_leaves_the_calendar_and_the_deadlines_as_they_were(db, admin, monkeypatch):
    case, _lawyer = _case(db, date(2026, 7, 3))
    before = _only(db, case, "proposed")

    def broken(*args, **kwargs):
        raise RuntimeError("rule engine failed")

    monkeypatch.setattr("app.services.deadline_proposals.compute_deadline", broken)
    with pytest.raises(RuntimeError):
        _add_day(admin, date(2026, 9, 1))

    db.session.expire_all()
    assert db.session.scalars(sa.select(CalendarDay)).all() == []
    assert db.session.scalars(sa.select(AccessLog).where(AccessLog.object_type == "calendar_day")).all() == []
    after = _only(db, case, "proposed")
    assert (after.due_date, after.version) == (date(2026, 9, 1), before.version)
    assert _fresh(db, case).next_deadline == date(2026, 9, 1)


def test_the_admin_is_told_what_the_change_did(client, login, db):
    case, lawyer = _case(db, date(2026, 8, 30))  # 29.10.2026 is a holiday: 30.10.2026, confirmed
    _confirm(db, case, lawyer)
    _case(db, date(2026, 8, 30))  # another case, its 30.10.2026 still proposed
    login(UserFactory(role="admin", union_id=None))

    response = post_form(
        client,
        "/admin/calendar/new",
        {"day": "29.10.2026", "kind": "working", "name": "Düzeltme"},
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert "Yeniden hesaplanan önerilen süre: 1. Avukatına bildirilen onaylı süre: 1." in page
    assert "onaylanan tarihten DAHA ÖNCE olan onaylı süre: 1" in page


def test_the_cases_a_change_touches_are_read_in_a_fixed_number_of_queries(db, admin):
    # 03.07.2026 + 60 = 01.09.2026 (Tuesday) and 03.07.2027 + 60 = 01.09.2027 (Wednesday): a holiday
    # on each touches 2 and then 5 cases; the reads must not grow with the number of cases.
    from sqlalchemy import event

    for notification, count in ((date(2026, 7, 3), 2), (date(2027, 7, 3), 5)):
        for _ in range(count):
            _case(db, notification)

    def reads_for(day: date) -> tuple[int, int]:
        statements: list[str] = []

        def listener(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            _row, impact = _add_day(admin, day)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        reads = sum(1 for statement in statements if statement.lstrip().upper().startswith("SELECT"))
        return reads, impact.proposals_updated

    (few, two), (many, five) = reads_for(date(2026, 9, 1)), reads_for(date(2027, 9, 1))
    assert (two, five) == (2, 5) and few == many


def test_a_courts_recess_change_reaches_the_periods_of_a_proceeding_before_it(db, admin):
    # The appeal ends on 07.09.2026 at a court taking the recess; 24.07.2026 once it takes none.
    court = Court(name="Hakkari İdare Mahkemesi", province="Hakkari", kind="administrative", takes_recess=True)
    db.session.add(court)
    db.session.commit()
    case, lawyer = _case(db, date(2026, 3, 2))
    proceeding = _decided_at_first_instance(db, case, lawyer, court_id=court.id)
    (appeal,) = [d for d in _rows(db, case) if d.status == "proposed" and d.proceeding_id == proceeding.id]
    assert (appeal.start_date, appeal.due_date) == (date(2026, 6, 24), date(2026, 9, 7))

    _court, impact = _change_court(db, admin, court, takes_recess=False)

    assert _appeal_due(db, case, proceeding) == date(2026, 7, 24) and impact.case_ids == {case.id}


def test_a_court_added_or_renamed_reaches_a_proceeding_that_names_it_by_the_typed_name(db, admin):
    # The lawyer typed the court before it was on the list. While no court of that name is known, the
    # appeal's earlier day holds (24.07.2026, no recess extension); once an admin lists it as a court
    # taking the recess, 07.09.2026; renamed, the typed name is unknown again: 24.07.2026.
    typed = "Şırnak İdare Mahkemesi"
    case, lawyer = _case(db, date(2026, 3, 2))
    proceeding = _decided_at_first_instance(db, case, lawyer, authority=typed)
    assert proceeding.court_id is None
    assert _appeal_due(db, case, proceeding) == date(2026, 7, 24)

    court, added = calendar_admin.save_court(
        None,
        name=typed,
        province="Şırnak",
        kind="administrative",
        takes_recess=True,
        address=None,
        expected_version=None,
        actor=admin,
    )
    assert _appeal_due(db, case, proceeding) == date(2026, 9, 7) and added.case_ids == {case.id}

    _court, renamed = _change_court(db, admin, court, name="Şırnak 1. İdare Mahkemesi")
    assert _appeal_due(db, case, proceeding) == date(2026, 7, 24) and renamed.case_ids == {case.id}
