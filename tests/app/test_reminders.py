"""Deadline reminders through the outbox: 7, 3 and 1 days before and on the day; never twice."""

from datetime import date, timedelta

import sqlalchemy as sa

from app.models import Case, Deadline, OutboxMessage, Union
from tests.factories import MemberFactory, UserFactory, make_case

TODAY = date(2026, 11, 23)


def _case_with_deadline(db, due: date, *, assignee=None, member=None, status="open"):
    member = member or MemberFactory()
    case = make_case(member)
    if assignee is not None:
        db.session.get(Case, case.id).assignee_id = assignee.id
    deadline = Deadline(
        case_id=case.id,
        rule_id="annulment-lawsuit",
        title="Annulment lawsuit in the administrative court",
        legal_basis="2577 İYUK m.7",
        due_date=due,
        status=status,
        explanation=[],
        warnings=[],
    )
    db.session.add(deadline)
    db.session.commit()
    return case, deadline


def _messages(db) -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _remind(runner, day: date) -> str:
    result = runner.invoke(args=["deadlines", "remind", "--today", day.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_assigned_lawyer_is_reminded_7_3_1_and_0_days_before(runner, db):
    lawyer = UserFactory(role="lawyer", full_name="Av. Elif Şen")
    due = TODAY + timedelta(days=7)
    case, deadline = _case_with_deadline(db, due, assignee=lawyer)
    sent_on = []
    for offset in range(0, 9):
        day = TODAY + timedelta(days=offset)
        before = len(_messages(db))
        _remind(runner, day)
        if len(_messages(db)) > before:
            sent_on.append((due - day).days)
    assert sent_on == [7, 3, 1, 0]
    messages = _messages(db)
    assert {m.recipient for m in messages} == {lawyer.email}
    assert all(m.case_id == case.id and m.kind == "deadline_reminder" for m in messages)
    first, last = messages[0], messages[-1]
    assert first.subject == f"{case.reference} dosyasında süre: {due.strftime('%d.%m.%Y')}"
    assert "İdare mahkemesinde iptal davası" in first.body and "7 gün sonra" in first.body
    assert "Sayın Av. Elif Şen" in first.body and "2577 İYUK m.7" in first.body
    assert "BUGÜN" in last.body
    assert first.dedupe_key == f"deadline:{deadline.id}:7:{lawyer.id}:{due.isoformat()}"


def test_running_remind_twice_sends_nothing_twice(runner, db):
    lawyer = UserFactory(role="lawyer")
    _case_with_deadline(db, TODAY + timedelta(days=3), assignee=lawyer)
    _case_with_deadline(db, TODAY, assignee=lawyer)
    assert "2 reminder(s) queued" in _remind(runner, TODAY)
    assert "0 reminder(s) queued" in _remind(runner, TODAY)
    assert len(_messages(db)) == 2


def test_a_missed_day_is_caught_up_once(runner, db):
    lawyer = UserFactory(role="lawyer")
    _case_with_deadline(db, TODAY + timedelta(days=5), assignee=lawyer)
    _remind(runner, TODAY)  # 5 days left: the 7-day reminder (the cron job did not run two days ago)
    _remind(runner, TODAY + timedelta(days=1))  # 4 days left: still the 7-day one, already sent
    assert len(_messages(db)) == 1


def test_a_moved_date_is_reminded_again(runner, db):
    lawyer = UserFactory(role="lawyer")
    _case, deadline = _case_with_deadline(db, TODAY + timedelta(days=3), assignee=lawyer)
    _remind(runner, TODAY)
    db.session.get(Deadline, deadline.id).due_date = TODAY + timedelta(days=1)
    db.session.commit()
    _remind(runner, TODAY)
    assert len(_messages(db)) == 2


def test_unassigned_case_alerts_its_union_admins_and_confederation_admins(runner, db):
    member = MemberFactory()
    union = db.session.get(Union, member.union_id)
    union_admin = UserFactory(role="admin", union_id=union.id)
    confederation_admin = UserFactory(role="admin", union_id=None)
    other_admin = UserFactory(role="admin", union_id=MemberFactory().union_id)
    UserFactory(role="admin", union_id=None, active=False)
    _case_with_deadline(db, TODAY + timedelta(days=7), member=member)
    _remind(runner, TODAY)
    assert _messages(db) == []  # a week ahead: no alarm yet for an unassigned case
    case, _deadline = _case_with_deadline(db, TODAY + timedelta(days=3), member=MemberFactory(union=union))
    _remind(runner, TODAY)
    messages = _messages(db)
    assert {m.recipient for m in messages} == {union_admin.email, confederation_admin.email}
    assert other_admin.email not in {m.recipient for m in messages}
    assert all("avukat atanmadı" in m.body and case.reference in m.body for m in messages)


def test_met_dismissed_and_inactive_case_deadlines_are_not_reminded(runner, db):
    lawyer = UserFactory(role="lawyer")
    _case_with_deadline(db, TODAY + timedelta(days=1), assignee=lawyer, status="met")
    _case_with_deadline(db, TODAY + timedelta(days=1), assignee=lawyer, status="dismissed")
    case, _deadline = _case_with_deadline(db, TODAY + timedelta(days=1), assignee=lawyer)
    db.session.get(Case, case.id).status = "withdrawn"
    db.session.commit()
    _remind(runner, TODAY)
    assert _messages(db) == []


def test_reminders_follow_the_recipients_language(runner, db):
    lawyer = UserFactory(role="lawyer", language="en")
    _case_with_deadline(db, TODAY + timedelta(days=1), assignee=lawyer)
    _remind(runner, TODAY)
    (message,) = _messages(db)
    assert "Annulment lawsuit in the administrative court" in message.body and "ends TOMORROW" in message.body


def test_a_deactivated_assignee_counts_as_nobody(runner, db):
    member = MemberFactory()
    union_admin = UserFactory(role="admin", union_id=member.union_id)
    gone = UserFactory(role="lawyer", union_id=member.union_id, active=False)
    _case_with_deadline(db, TODAY + timedelta(days=1), assignee=gone, member=member)
    _remind(runner, TODAY)
    assert [m.recipient for m in _messages(db)] == [union_admin.email]
