"""Proceedings on a case, the fixes of issue 14 in the app, and the periods recording a step proposes.

Every date below is worked by hand (see tests/cases/test_deadline_periods.py for the table).
"""

from datetime import date

import sqlalchemy as sa

from app.models import Case, CaseEvent, Court, Deadline, OutboxMessage, Proceeding
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import post_form


def _setup(db, **fields):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    values = {"category": "relocation", "notification_date": date(2026, 6, 10)}
    values.update(fields)
    return member, lawyer, make_case(member, **values)


def _case(db, case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, case.id)


def _rows(db, case, status=None):
    db.session.expire_all()
    query = sa.select(Deadline).where(Deadline.case_id == case.id)
    if status:
        query = query.where(Deadline.status == status)
    return db.session.scalars(query.order_by(Deadline.due_date)).all()


def _panel(client, case):
    return client.get(f"/desk/cases/{case.id}/proceedings")


def _post(client, case, path, data):
    return post_form(
        client,
        f"/desk/cases/{case.id}/{path}",
        {**data, "version": _case_version(case)},
        page_url=f"/desk/cases/{case.id}/proceedings",
    )


def _case_version(case) -> int:
    from app.extensions import db

    db.session.expire_all()
    return db.session.get(Case, case.id).version


def test_unknown_court_gives_the_earlier_date_and_names_the_later(client, login, db):
    # Notified 10.06.2026, annulment lawsuit, no court yet: +60 = 09.08.2026 Sun (in the recess) → no
    # extension assumed → Mon 10.08.2026; if the court takes the recess: 07.09.2026.
    _member, lawyer, case = _setup(db)
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert 'data-testid="proposal-due">10.08.2026' in page
    assert 'data-testid="proposal-later"' in page and "07.09.2026" in page
    (proposal,) = _rows(db, case, "proposed")
    assert (proposal.rule_id, proposal.due_date) == ("annulment-lawsuit", date(2026, 8, 10))
    stored = _case(db, case)
    assert (stored.next_deadline, stored.next_deadline_proposed) == (date(2026, 8, 10), True)


def test_a_confirmed_competent_court_that_takes_the_recess_gives_the_later_date(client, login, db):
    _member, lawyer, case = _setup(db)
    db.session.get(Case, case.id).province = "Ankara"
    court = Court(name="Ankara 1. İdare Mahkemesi", province="Ankara", kind="administrative", takes_recess=True)
    db.session.add(court)
    db.session.commit()
    login(lawyer)
    data = {"court_id": court.id, "reason": "İYUK 33/1: atanılan yer."}
    assert _post(client, case, "competent-court", data).status_code == 303
    assert _case(db, case).competent_court_id == court.id
    (proposal,) = _rows(db, case, "proposed")
    assert proposal.due_date == date(2026, 9, 7)
    kinds = [
        e.payload.get("action") for e in db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id))
    ]
    assert "competent_court" in kinds


def test_staff_record_and_correct_the_notification_date_with_a_reason(client, login, db):
    _member, lawyer, case = _setup(db, notification_date=None)
    login(lawyer)
    assert _rows(db, case) == []
    refused = _post(client, case, "notification-date", {"notification_date": "2026-06-10", "reason": ""})
    assert refused.status_code == 400 and _case(db, case).notification_date is None
    ok = _post(client, case, "notification-date", {"notification_date": "2026-06-10", "reason": "Tebliğ mazbatası."})
    assert ok.status_code == 303
    assert _case(db, case).notification_date == date(2026, 6, 10)
    assert [d.due_date for d in _rows(db, case, "proposed")] == [date(2026, 8, 10)]
    # Corrected to 03.07.2026: +60 = 01.09.2026 Tue, after the recess; the proposal follows.
    _post(client, case, "notification-date", {"notification_date": "2026-07-03", "reason": "Düzeltme."})
    assert [d.due_date for d in _rows(db, case, "proposed")] == [date(2026, 9, 1)]
    event = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "case_fact").order_by(CaseEvent.id)
    ).all()[-1]
    assert event.payload["previous_date"] == "2026-06-10" and event.payload["reason"] == "Düzeltme."


def test_a_stale_notification_date_form_is_refused(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    old = _case_version(case)
    _post(client, case, "notification-date", {"notification_date": "2026-06-11", "reason": "Bir."})
    response = post_form(
        client,
        f"/desk/cases/{case.id}/notification-date",
        {"notification_date": "2026-06-12", "reason": "İki.", "version": old},
        page_url=f"/desk/cases/{case.id}/proceedings",
    )
    assert response.status_code == 303
    assert _case(db, case).notification_date == date(2026, 6, 11)


def test_an_unconfirmed_proposal_shows_in_the_queue_and_the_overview(client, login, db):
    # A 7-day objection: notified 10.06.2026 → 17.06.2026 Wed, nobody assigned, nothing confirmed.
    _member, lawyer, case = _setup(db, category="disciplinary_penalty", details={"penalty": "kinama"})
    login(lawyer)
    queue = client.get("/desk/").get_data(as_text=True)
    assert "17.06.2026" in queue and 'data-testid="awaiting-confirmation"' in queue
    overview = client.get("/desk/deadlines?scope=union&bucket=overdue").get_data(as_text=True)
    assert case.reference in overview and 'data-testid="awaiting-confirmation"' in overview


def test_dismissal_proposes_no_board_objection(client, login, db):
    _member, lawyer, case = _setup(
        db, category="disciplinary_penalty", details={"penalty": "devlet_memurlugundan_cikarma"}
    )
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert 'data-rule="disciplinary-objection"' not in page and 'data-rule="annulment-lawsuit"' in page
    assert [d.rule_id for d in _rows(db, case, "proposed")] == ["annulment-lawsuit"]


def _filed(client, db, case, court="Ankara 3. İdare Mahkemesi"):
    data = {"kind": "first_instance", "authority": court, "file_number": "2026/812", "filing_date": "2026-07-01"}
    response = _post(client, case, "proceedings", data)
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    return db.session.scalar(sa.select(Proceeding).where(Proceeding.case_id == case.id))


def test_recording_a_first_instance_decision_proposes_istinaf(client, login, db):
    member, lawyer, case = _setup(db)
    login(lawyer)
    proceeding = _filed(client, db, case)
    # The lawsuit is filed: the lawsuit period is no longer proposed.
    assert [d.rule_id for d in _rows(db, case, "proposed")] == []
    # Decision notified 02.12.2026 + 30 = 01.01.2027 Fri, New Year → Mon 04.01.2027 (Sat 2, Sun 3).
    data = {"decision_date": "2026-11-20", "notified": "2026-12-02", "outcome": "lost"}
    assert _post(client, case, f"proceedings/{proceeding.id}/decision", data).status_code == 303
    (istinaf,) = _rows(db, case, "proposed")
    assert (istinaf.rule_id, istinaf.due_date, istinaf.proceeding_id) == ("istinaf", date(2027, 1, 4), proceeding.id)
    # The case's outcome is the last proceeding's; the decision is the proceeding's.
    assert _case(db, case).outcome == "lost"
    assert db.session.get(Proceeding, proceeding.id).decision_date == date(2026, 11, 20)
    page = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert 'data-rule="istinaf"' in page and "Ankara 3. İdare Mahkemesi" in page
    # The member reads the stage, the court and the file number, and is told which proceeding moved.
    mail = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.case_id == case.id)).all()
    assert any("Ankara 3. İdare Mahkemesi" in m.body for m in mail)
    post_form(client, "/logout", {}, page_url="/desk/")
    login(user_of(member))
    portal = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert 'data-testid="member-proceeding"' in portal and "2026/812" in portal


def test_confirming_the_istinaf_proposal_makes_it_an_open_deadline(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    proceeding = _filed(client, db, case)
    _post(client, case, f"proceedings/{proceeding.id}/decision", {"notified": "2026-12-02"})
    response = post_form(
        client,
        f"/desk/cases/{case.id}/deadlines/confirm",
        {"rule_id": "istinaf", "source": f"proceeding:{proceeding.id}:decision", "version": _case_version(case)},
        page_url=f"/desk/cases/{case.id}/deadlines",
    )
    assert response.status_code == 303
    assert _rows(db, case, "proposed") == []
    (deadline,) = _rows(db, case, "open")
    assert (deadline.rule_id, deadline.due_date) == ("istinaf", date(2027, 1, 4))
    stored = _case(db, case)
    assert (stored.next_deadline, stored.next_deadline_proposed) == (date(2027, 1, 4), False)


def test_a_served_defence_proposes_the_answer(client, login, db):
    # Defence served 02.07.2026: +29 = 31.07, +1 = 01.08.2026 Sat, in the recess. The court is typed, not on
    # the list: recess unknown → no extension: Sat 01, Sun 02 → Mon 03.08.2026.
    _member, lawyer, case = _setup(db)
    login(lawyer)
    proceeding = _filed(client, db, case, court="Hakkari İdare Mahkemesi")
    data = {"kind": "defence", "notified": "2026-07-02"}
    assert _post(client, case, f"proceedings/{proceeding.id}/papers", data).status_code == 303
    (answer,) = _rows(db, case, "proposed")
    assert (answer.rule_id, answer.due_date) == ("defence-answer", date(2026, 8, 3))
    assert answer.warnings[-1]["kind"] == "court_unknown" and answer.warnings[-1]["params"]["later"] == "07.09.2026"


def test_an_application_proposes_the_deemed_rejection_and_the_lawsuit_after_it(client, login, db):
    # Applied (İYUK 13) 15.01.2026: silence becomes rejection on Sat 14.02.2026 (not moved); the lawsuit:
    # +14 = 28.02, +31 = 31.03, +15 = 15.04.2026 Wed.
    _member, lawyer, case = _setup(db, notification_date=None, category="harassment")
    login(lawyer)
    data = {"kind": "application", "basis": "iyuk13", "authority": "Valilik", "filing_date": "2026-01-15"}
    assert _post(client, case, "proceedings", data).status_code == 303
    rows = {d.rule_id: d.due_date for d in _rows(db, case, "proposed")}
    assert rows == {"deemed-rejection": date(2026, 2, 14), "annulment-lawsuit": date(2026, 4, 15)}
    page = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert "Sessizliğin ret sayıldığı gün" in page or "Silence becomes a rejection on" in page


def test_limitation_check_on_a_discipline_case(client, login, db):
    _member, lawyer, case = _setup(db, category="disciplinary_penalty", details={"penalty": "kinama"})
    login(lawyer)
    data = {"learned": "2026-03-10", "investigation_started": "2026-04-13", "act_date": "", "penalty_date": ""}
    assert _post(client, case, "limitation", data).status_code == 303
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="limitation"' in page and 'data-kept="no"' in page and "657 DMK m.127/1" in page


def test_another_cases_proceeding_is_not_found(client, login, db):
    _member, lawyer, case = _setup(db)
    other = make_case(_member, category="relocation")
    login(lawyer)
    proceeding = _filed(client, db, other)
    response = _post(client, case, f"proceedings/{proceeding.id}/decision", {"notified": "2026-12-02"})
    assert response.status_code == 404


def test_propose_command_fills_the_proposals_of_cases_from_before_the_upgrade(runner, db):
    _member, _lawyer, case = _setup(db)
    # As a case upgraded from before migration 0007 is: no stored proposal, no nearest deadline.
    db.session.execute(sa.delete(Deadline).where(Deadline.case_id == case.id))
    db.session.get(Case, case.id).next_deadline = None
    db.session.commit()
    result = runner.invoke(args=["deadlines", "propose"])
    assert result.exit_code == 0 and "1 case(s) checked" in result.output
    assert [d.due_date for d in _rows(db, case, "proposed")] == [date(2026, 8, 10)]
    assert _case(db, case).next_deadline == date(2026, 8, 10)
    again = runner.invoke(args=["deadlines", "propose"])
    assert again.exit_code == 0 and len(_rows(db, case, "proposed")) == 1
