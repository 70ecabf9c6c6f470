"""Deadlines on a case: proposed by the rules, confirmed, edited with a reason, met — each an event."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app import clock
from app.models import Case, CaseEvent, Court, Deadline
from app.services.timeline import audit_key, link_of
from cases.audit import verify_chain
from tests.factories import PASSWORD, MemberFactory, UnionFactory, UserFactory, make_case, user_of
from tests.helpers import csrf_token_from


def _setup(db, **case_fields):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id, full_name="Av. Deniz Kaya")
    fields = {"category": "relocation", "notification_date": date(2026, 7, 3)}
    fields.update(case_fields)
    case = make_case(member, **fields)
    return member, lawyer, case


def _page(client, case):
    return client.get(f"/desk/cases/{case.id}/deadlines")


def _post(client, case, action, data):
    token = csrf_token_from(_page(client, case))
    return client.post(f"/desk/cases/{case.id}/deadlines/{action}", data={**data, "csrf_token": token})


def _deadlines(db, case):
    """The recorded deadlines (the rules' proposals awaiting confirmation are rows too, but not these)."""
    db.session.expire_all()
    query = sa.select(Deadline).where(Deadline.case_id == case.id, Deadline.status != "proposed")
    return db.session.scalars(query.order_by(Deadline.id)).all()


def _deadlines_proposed(db, case):
    db.session.expire_all()
    query = sa.select(Deadline).where(Deadline.case_id == case.id, Deadline.status == "proposed")
    return db.session.scalars(query.order_by(Deadline.due_date)).all()


def _case(db, case):
    db.session.expire_all()
    return db.session.get(Case, case.id)


def _deadline_events(db, case):
    return db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "deadline").order_by(CaseEvent.id)
    ).all()


def test_panel_proposes_the_rule_deadlines_with_their_explanation(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    page = _page(client, case).get_data(as_text=True)
    assert 'data-rule="annulment-lawsuit"' in page
    assert "01.09.2026" in page
    # The explanation is shown translated, step by step.
    assert "03.07.2026 tarihinden itibaren 60 gün: 01.09.2026" in page
    assert "Bu süreyi onayla" in page


def test_disciplinary_case_proposes_both_periods(client, login, db):
    _member, lawyer, case = _setup(db, category="disciplinary_penalty", notification_date=date(2026, 3, 12))
    login(lawyer)
    page = _page(client, case).get_data(as_text=True)
    assert 'data-rule="disciplinary-objection"' in page and 'data-rule="annulment-lawsuit"' in page
    # 7 days from 12.03.2026 is Thursday 19.03.2026, the Ramazan Bayramı eve: a half day warning.
    assert "19.03.2026" in page and "13:00" in page


def test_case_without_notification_date_asks_for_it(client, login, db):
    _member, lawyer, case = _setup(db, notification_date=None)
    login(lawyer)
    page = _page(client, case).get_data(as_text=True)
    assert 'data-testid="needs-notification-date"' in page
    assert 'data-testid="proposal"' not in page


def test_confirm_edit_and_mark_met_flow(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    version = _case(db, case).version
    response = _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": version})
    assert response.status_code == 303
    (deadline,) = _deadlines(db, case)
    assert (deadline.status, deadline.due_date, deadline.computed_date) == ("open", date(2026, 9, 1), date(2026, 9, 1))
    assert deadline.legal_basis == "2577 İYUK m.7" and deadline.explanation and deadline.created_by_id == lawyer.id
    assert _case(db, case).next_deadline == date(2026, 9, 1)
    page = _page(client, case).get_data(as_text=True)
    assert 'data-testid="proposal"' not in page  # confirmed: no longer proposed

    response = _post(
        client,
        case,
        f"{deadline.id}/edit",
        {"due_date": "2026-08-28", "reason": "Dilekçeyi erken vereceğiz.", "version": deadline.version},
    )
    assert response.status_code == 303
    (deadline,) = _deadlines(db, case)
    assert deadline.due_date == date(2026, 8, 28) and deadline.computed_date == date(2026, 9, 1)
    assert deadline.edit_reason == "Dilekçeyi erken vereceğiz."
    assert _case(db, case).next_deadline == date(2026, 8, 28)

    response = _post(client, case, f"{deadline.id}/met", {"version": deadline.version})
    assert response.status_code == 303
    (deadline,) = _deadlines(db, case)
    assert deadline.status == "met" and deadline.met_at is not None
    assert _case(db, case).next_deadline is None

    events = _deadline_events(db, case)
    assert [e.payload["action"] for e in events] == ["confirmed", "edited", "met"]
    assert events[1].payload["previous_date"] == "2026-09-01" and events[1].payload["reason"]
    assert all(not e.member_visible and e.actor_id == lawyer.id for e in events)
    chain = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.sequence))
    assert verify_chain((link_of(e) for e in chain), key=audit_key()) is None

    # The case page's timeline says what each change was, in Turkish, with the old date and the reason.
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    timeline = page[page.index('data-testid="timeline"') :]
    for text in ("Süre onaylandı", "Sürenin tarihi değiştirildi", "Süre yerine getirildi", "Önceki tarih"):
        assert text in timeline, text
    assert "İdare mahkemesinde iptal davası" in timeline and "Dilekçeyi erken vereceğiz." in timeline
    assert "Annulment lawsuit in the administrative court" not in timeline


def test_manual_deadline_and_next_deadline_is_the_nearest_open_one(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": _case(db, case).version})
    response = _post(
        client,
        case,
        "manual",
        {"title": "Bilirkişi raporuna itiraz", "due_date": "20.08.2026", "note": "Rapor 06.08'de tebliğ edildi."},
    )
    # The form carried no version: refused as a concurrent change, nothing saved.
    assert response.status_code == 303 and len(_deadlines(db, case)) == 1
    response = _post(
        client,
        case,
        "manual",
        {
            "title": "Bilirkişi raporuna itiraz",
            "due_date": "20.08.2026",
            "note": "Not",
            "version": _case(db, case).version,
        },
    )
    assert response.status_code == 303
    manual = _deadlines(db, case)[1]
    assert (manual.rule_id, manual.title, manual.due_date, manual.note) == (
        None,
        "Bilirkişi raporuna itiraz",
        date(2026, 8, 20),
        "Not",
    )
    assert _case(db, case).next_deadline == date(2026, 8, 20)
    response = _post(client, case, f"{manual.id}/dismiss", {"reason": "Rapor geri çekildi.", "version": manual.version})
    assert response.status_code == 303
    assert _case(db, case).next_deadline == date(2026, 9, 1)
    assert [e.payload["action"] for e in _deadline_events(db, case)] == ["confirmed", "added", "dismissed"]


def test_invalid_forms_keep_what_was_typed_and_answer_400(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    response = _post(
        client,
        case,
        "manual",
        {"title": "Cevap dilekçesi", "due_date": "31.02.2026", "version": _case(db, case).version},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Cevap dilekçesi" in page and "31.02.2026" in page
    assert "23.11.2026 gibi yazın" in page  # the date error, in Turkish
    _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": _case(db, case).version})
    (deadline,) = _deadlines(db, case)
    response = _post(client, case, f"{deadline.id}/edit", {"due_date": "2026-08-28", "version": deadline.version})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "2026-08-28" in page and "gerekçesini" in page.lower()
    assert _deadlines(db, case)[0].due_date == date(2026, 9, 1)


def test_a_stale_form_changes_nothing_and_says_so(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": _case(db, case).version})
    (deadline,) = _deadlines(db, case)
    old_version = deadline.version
    _post(client, case, f"{deadline.id}/edit", {"due_date": "2026-08-25", "reason": "Erken", "version": old_version})
    response = _post(
        client, case, f"{deadline.id}/edit", {"due_date": "2026-08-20", "reason": "Daha erken", "version": old_version}
    )
    assert response.status_code == 303
    assert _deadlines(db, case)[0].due_date == date(2026, 8, 25)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "başka biri tarafından değiştirildi" in page
    # Confirming twice with the same (now old) case version adds nothing.
    stale = _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": 1})
    assert stale.status_code == 303 and len(_deadlines(db, case)) == 1


def test_a_proposal_can_be_set_aside(client, login, db):
    _member, lawyer, case = _setup(db, category="harassment")
    login(lawyer)
    response = _post(
        client,
        case,
        "skip",
        {"rule_id": "damages-application", "reason": "Tazminat istenmiyor.", "version": _case(db, case).version},
    )
    assert response.status_code == 303
    (dropped,) = _deadlines(db, case)
    assert dropped.status == "dismissed" and dropped.edit_reason == "Tazminat istenmiyor."
    # The lawsuit is still proposed, unconfirmed: it is the nearest deadline, marked as awaiting confirmation.
    assert _case(db, case).next_deadline == _deadlines_proposed(db, case)[0].due_date
    assert _case(db, case).next_deadline_proposed is True
    page = _page(client, case).get_data(as_text=True)
    assert 'data-rule="damages-application"' not in page and 'data-rule="annulment-lawsuit"' in page


def test_overdue_deadline_stands_out(client, login, db):
    _member, lawyer, case = _setup(db, notification_date=clock.today() - timedelta(days=90))
    login(lawyer)
    _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": _case(db, case).version})
    page = _page(client, case).get_data(as_text=True)
    assert 'data-overdue="yes"' in page and "Süresi geçti" in page


def test_court_without_recess_gets_no_extension(client, login, db):

    db.session.add(Court(name="Hakkari İdare Mahkemesi", province="Hakkari", takes_recess=False))
    db.session.commit()
    _member, lawyer, case = _setup(db, notification_date=date(2026, 5, 25))
    court = db.session.scalar(sa.select(Court).where(Court.name == "Hakkari İdare Mahkemesi"))
    db.session.get(Case, case.id).competent_court_id = court.id
    db.session.commit()
    login(lawyer)
    page = _page(client, case).get_data(as_text=True)
    assert "24.07.2026" in page and "07.09.2026" not in page


def test_the_case_page_shows_the_panel_and_actions_come_back_to_it(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="deadlines-panel"' in page and 'data-rule="annulment-lawsuit"' in page
    token = csrf_token_from(client.get(f"/desk/cases/{case.id}"))
    response = client.post(
        f"/desk/cases/{case.id}/deadlines/confirm",
        data={
            "rule_id": "annulment-lawsuit",
            "version": _case(db, case).version,
            "next": f"/desk/cases/{case.id}#deadlines",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/desk/cases/{case.id}#deadlines"
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="deadline"' in page and "01.09.2026" in page


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example/x", "https://evil.example/"]
)
def test_next_never_leaves_the_site(client, login, db, target):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    token = csrf_token_from(_page(client, case))
    response = client.post(
        f"/desk/cases/{case.id}/deadlines/confirm",
        data={
            "rule_id": "annulment-lawsuit",
            "version": _case(db, case).version,
            "next": target,
            "csrf_token": token,
        },
    )
    assert response.headers["Location"] == f"/desk/cases/{case.id}/deadlines"


def test_the_panel_is_registered_for_the_case_page(app, db):
    from app.desk.panels import panels_for

    member, lawyer, case = _setup(db)
    with app.test_request_context(f"/desk/cases/{case.id}"):
        shown = dict(panels_for(_case(db, case), lawyer))
    assert "desk/panels/deadlines.html" in shown
    assert shown["desk/panels/deadlines.html"]["deadlines_panel"]["proposals"][0]["due"] == date(2026, 9, 1)
    social = make_case(member, kind="social", category="bereavement")
    with app.test_request_context("/"):
        assert "desk/panels/deadlines.html" not in dict(panels_for(social, lawyer))


@pytest.mark.parametrize("role", ["member", "officer"])
def test_members_and_officers_cannot_open_deadline_pages(client, login, db, role):
    member, _lawyer, case = _setup(db)
    user = user_of(member) if role == "member" else UserFactory(role="officer", union_id=member.union_id)
    login(user)
    assert client.get(f"/desk/cases/{case.id}/deadlines").status_code == 403
    assert client.get("/desk/deadlines").status_code == 403


def test_another_unions_lawyer_gets_404(client, login, db):
    _member, lawyer, case = _setup(db)
    outsider = UserFactory(role="lawyer", union_id=MemberFactory().union_id)
    login(outsider)
    assert client.get(f"/desk/cases/{case.id}/deadlines").status_code == 404
    token = csrf_token_from(client.get("/desk/deadlines"))
    response = client.post(
        f"/desk/cases/{case.id}/deadlines/confirm",
        data={"rule_id": "annulment-lawsuit", "version": 1, "csrf_token": token},
    )
    assert response.status_code == 404
    assert _deadlines(db, case) == []


def test_confederation_lawyer_works_any_unions_case(app, client, login, db):
    _member, _lawyer, case = _setup(db)
    confederation = UserFactory(role="lawyer", union_id=None)
    login(confederation)
    page = _page(client, case).get_data(as_text=True)
    assert 'data-testid="proposal"' in page  # the rules' proposals, as the union's own lawyer sees them
    version = _case(db, case).version
    response = _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": version})
    assert response.status_code == 303
    (deadline,) = _deadlines(db, case)
    assert deadline.created_by_id == confederation.id
    assert _case(db, case).next_deadline == date(2026, 9, 1)
    # A lawyer of another union neither sees nor works it: the union is what the confederation spans.
    outsider, other = UserFactory(role="lawyer", union_id=UnionFactory().id), app.test_client()
    token = csrf_token_from(other.get("/login"))
    other.post("/login", data={"email": outsider.email, "password": PASSWORD, "csrf_token": token})
    assert _page(other, case).status_code == 404


def test_page_queries_stay_bounded(client, login, db):
    from sqlalchemy import event

    _member, lawyer, case = _setup(db, category="disciplinary_penalty")
    login(lawyer)
    for rule in ("disciplinary-objection", "annulment-lawsuit"):
        _post(client, case, "confirm", {"rule_id": rule, "version": _case(db, case).version})

    def count_queries() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert _page(client, case).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    few = count_queries()
    for n in range(15):
        version = _case(db, case).version
        _post(client, case, "manual", {"title": f"İş {n}", "due_date": "2026-12-01", "version": version})
    assert count_queries() == few


def test_a_deadline_computed_from_any_rule_with_a_suspension(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    response = _post(
        client,
        case,
        "rule",
        {
            "rule_id": "annulment-lawsuit",
            "start_date": "03.07.2026",
            "applied": "13.07.2026",
            "answered": "10.08.2026",
            "note": "Üst makama başvuruldu.",
            "version": _case(db, case).version,
        },
    )
    assert response.status_code == 303
    (deadline,) = _deadlines(db, case)
    assert (deadline.rule_id, deadline.start_date, deadline.due_date) == (
        "annulment-lawsuit",
        date(2026, 7, 3),
        date(2026, 9, 29),
    )
    assert deadline.note == "Üst makama başvuruldu."
    assert "suspended" in {step["kind"] for step in deadline.explanation}
    assert _case(db, case).next_deadline == date(2026, 9, 29)
    page = _page(client, case).get_data(as_text=True)
    assert 'data-testid="recomputed"' not in page  # a suspended period is not "recomputed" without it
    assert [e.payload["action"] for e in _deadline_events(db, case)] == ["computed"]


def test_a_rule_the_law_refuses_keeps_the_form_and_says_why(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    data = {
        "rule_id": "information-objection",
        "start_date": "2026-07-03",
        "applied": "2026-07-10",
        "answered": "2026-08-01",
        "version": _case(db, case).version,
    }
    response = _post(client, case, "rule", data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "information-objection kuralındaki süreyi durdurmaz" in page and 'value="2026-07-10"' in page
    assert _deadlines(db, case) == []
    response = _post(client, case, "rule", {**data, "answered": ""})
    assert response.status_code == 400 and _deadlines(db, case) == []


def test_information_objection_from_a_refusal(client, login, db):
    _member, lawyer, case = _setup(db)
    login(lawyer)
    data = {"rule_id": "information-objection", "start_date": "2026-05-12", "version": _case(db, case).version}
    assert _post(client, case, "rule", data).status_code == 303
    (deadline,) = _deadlines(db, case)
    # 15 days from 12.05.2026 is 27.05.2026, Kurban Bayramı: the first working day after is 31.05 → 01.06.2026.
    assert deadline.due_date == date(2026, 6, 1) and deadline.legal_basis == "4982 BEHK m.13"


def test_explanations_stored_before_the_rules_were_cited_still_translate(client, login, db):
    _member, lawyer, case = _setup(db)
    old_steps = [
        {
            "kind": "recess",
            "template": "%(end)s falls in the judicial recess (20 July – 31 August): the period runs to %(due)s.",
            "params": {"end": "31.07.2025", "due": "07.09.2025"},
        },
        {
            "kind": "moved",
            "template": "The last day moves to the next working day: %(due)s.",
            "params": {"due": "08.09.2025"},
        },
    ]
    db.session.add(
        Deadline(case_id=case.id, title="Eski hesap", due_date=date(2025, 9, 8), status="met", explanation=old_steps)
    )
    db.session.commit()
    login(lawyer)
    page = _page(client, case).get_data(as_text=True)
    assert "31.07.2025 adli tatile denk geliyor" in page and "Son gün, izleyen ilk iş gününe kayar: 08.09.2025." in page


@pytest.mark.parametrize(("new_date", "warned"), [("2026-09-04", True), ("2026-08-28", False)])
def test_moving_a_date_past_the_rules_last_day_is_warned(client, login, db, new_date, warned):
    _member, lawyer, case = _setup(db)  # 03.07.2026 + 60 = 01.09.2026
    login(lawyer)
    _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": _case(db, case).version})
    (deadline,) = _deadlines(db, case)
    data = {"due_date": new_date, "reason": "Tebliğ tarihi tartışmalı.", "version": deadline.version}
    assert _post(client, case, f"{deadline.id}/edit", data).status_code == 303
    page = _page(client, case).get_data(as_text=True)
    assert ("kuralın verdiği son günden (01.09.2026) sonra" in page) is warned


def test_an_ended_case_no_longer_shows_its_deadline_and_a_reopened_one_gets_it_back(client, login, db):
    from app.services.workflow import perform_transition

    _member, lawyer, case = _setup(db, notification_date=clock.today() - timedelta(days=90))
    login(lawyer)
    _post(client, case, "confirm", {"rule_id": "annulment-lawsuit", "version": _case(db, case).version})
    due = _case(db, case).next_deadline
    assert due is not None and due < clock.today()
    assert 'data-testid="overdue-badge"' in client.get("/desk/?overdue=y").get_data(as_text=True)

    steps = [("take", {}), ("decline", {"reason": "Dava açma süresi geçmiş."}), ("close", {})]
    for name, inputs in steps:
        current = _case(db, case)
        perform_transition(
            current, name, db.session.get(type(lawyer), lawyer.id), inputs, expected_version=current.version
        )
    assert _case(db, case).next_deadline is None
    queue = client.get("/desk/?overdue=y").get_data(as_text=True)
    assert case.reference not in queue and 'data-testid="overdue-badge"' not in queue

    current = _case(db, case)
    perform_transition(
        current,
        "reopen",
        db.session.get(type(lawyer), lawyer.id),
        {"reason": "Yeni belge geldi."},
        expected_version=current.version,
    )
    assert _case(db, case).next_deadline == due
    assert case.reference in client.get("/desk/?overdue=y").get_data(as_text=True)
