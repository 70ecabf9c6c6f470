"""The lawyer desk through the test client: queue, case page, transitions, notes, messages, conflicts."""

import re
from datetime import timedelta

import sqlalchemy as sa
from markupsafe import escape

from app import clock
from app.extensions import db
from app.models import Case, CaseEvent, Court, OutboxMessage
from tests.factories import PASSWORD, InstitutionFactory, MemberFactory, UnionFactory, UserFactory, make_case, user_of
from tests.helpers import csrf_token_from


def _version(case_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Case, case_id).version


def _post(client, case_id: int, url: str, data: dict, *, version: int | None = None):
    page = client.get(f"/desk/cases/{case_id}")
    token = csrf_token_from(page)
    payload = {"csrf_token": token, "version": _version(case_id) if version is None else version, **data}
    return client.post(url, data=payload)


def _events(case_id: int) -> list[CaseEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.sequence))
    )


def _setup():
    union = UnionFactory(code="EBS")
    lawyer = UserFactory(role="lawyer", union=union, full_name="Av. Deniz Kaya")
    member = MemberFactory(union=union, user__full_name="Ayşe Yılmaz")
    case = make_case(member)
    return union, lawyer, member, case


def test_queue_shows_only_cases_in_scope(client, login):
    union, lawyer, member, case = _setup()
    other = make_case(MemberFactory(), narrative="Başka sendika")
    assistance = make_case(member, kind="social", category="bereavement")
    login(lawyer)
    page = client.get("/desk/").get_data(as_text=True)
    assert case.reference in page
    assert other.reference not in page
    assert assistance.reference not in page  # lawyers see legal cases only


def test_officer_sees_assistance_cases_only(client, login):
    union, _lawyer, member, case = _setup()
    assistance = make_case(member, kind="social", category="bereavement")
    login(UserFactory(role="officer", union=union))
    page = client.get("/desk/").get_data(as_text=True)
    assert assistance.reference in page and case.reference not in page


def test_search_follows_turkish_case_rules(client, login):
    union = UnionFactory(code="SGL")
    lawyer = UserFactory(role="lawyer", union=union)
    light = make_case(MemberFactory(union=union, user__full_name="Mehmet IŞIK"), narrative="Nöbet")
    city = make_case(MemberFactory(union=union), narrative="Görev yeri İSTANBUL olarak değiştirildi")
    work = make_case(MemberFactory(union=union), narrative="ÇALIŞMA saatleri uzatıldı")
    login(lawyer)
    for query, expected in (("ışık", light), ("istanbul", city), ("çalışma", work)):
        page = client.get("/desk/", query_string={"q": query}).get_data(as_text=True)
        shown = {c.reference for c in (light, city, work) if c.reference in page}
        assert shown == {expected.reference}, query


def test_queue_filters_counts_and_overdue(client, login):
    union, lawyer, member, case = _setup()
    urgent = make_case(member, priority="urgent", narrative="Acil")
    late = make_case(member, narrative="Süre")
    db.session.get(Case, late.id).next_deadline = clock.today() - timedelta(days=2)
    db.session.commit()
    login(lawyer)
    page = client.get("/desk/", query_string={"priority": "urgent"}).get_data(as_text=True)
    assert urgent.reference in page and case.reference not in page
    page = client.get("/desk/", query_string={"assignee": "none"}).get_data(as_text=True)
    assert 'data-status-count="submitted"' in page and re.search(r"Başvuru alındı <span[^>]*>3<", page)
    page = client.get("/desk/", query_string={"overdue": "y"}).get_data(as_text=True)
    assert late.reference in page and urgent.reference not in page
    assert 'data-testid="overdue-badge"' in page
    # The one overdue label, as on the case page and its deadlines panel.
    assert re.search(r'data-testid="overdue-badge">Süresi geçti \d\d\.\d\d\.\d{4}<', page)
    page = client.get("/desk/", query_string={"sort": "priority"}).get_data(as_text=True)
    assert page.index(urgent.reference) < page.index(case.reference)
    page = client.get("/desk/", query_string={"status": "bogus", "page": "x"})
    assert page.status_code == 200 and "Lütfen listeden bir değer seçin." in page.get_data(as_text=True)


def test_a_refused_queue_filter_is_explained_on_its_field_and_keeps_what_was_typed(client, login):
    _union, lawyer, _member, _case = _setup()
    login(lawyer)
    query = {"date_from": "2026-13-01", "province": "Ankara", "overdue": "y", "q": "mesai"}
    page = client.get("/desk/", query_string=query).get_data(as_text=True)
    field = re.search(r'<input[^>]*id="date_from"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'value="2026-13-01"' in field and "is-invalid" in field
    assert '<div id="date_from-error" class="invalid-feedback d-block">Lütfen geçerli bir tarih girin.</div>' in page
    assert re.search(r'<input[^>]*id="province"[^>]*value="Ankara"', page)
    assert re.search(r'<input[^>]*id="q"[^>]*value="mesai"', page)
    assert " checked" in re.search(r'<input[^>]*id="overdue"[^>]*>', page).group(0)
    user = db.session.get(type(lawyer), lawyer.id)
    user.language = "en"
    db.session.commit()
    english = client.get("/desk/", query_string=query).get_data(as_text=True)
    assert '<div id="date_from-error" class="invalid-feedback d-block">Please enter a valid date.</div>' in english


def test_case_page_shows_facts_member_and_masked_national_id(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert "Ayşe Yılmaz" in page and "Gerekçesiz görevlendirildim." in page
    assert member.national_id not in page
    assert member.national_id[:3] in page and "*" in page
    assert 'data-testid="transition-take"' in page


def test_case_outside_scope_is_404(client, login):
    _union, lawyer, _member, _case = _setup()
    other = make_case(MemberFactory())
    login(lawyer)
    assert client.get(f"/desk/cases/{other.id}").status_code == 404


def test_lawyer_takes_and_requests_information_and_member_is_notified(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    response = _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    assert response.status_code == 303
    response = _post(client, case.id, f"/desk/cases/{case.id}/transitions/request_info", {"message": "Tebliğ belgesi?"})
    assert response.status_code == 303
    db.session.expire_all()
    stored = db.session.get(Case, case.id)
    assert stored.status == "awaiting_member" and stored.assignee_id == lawyer.id
    kinds = [(e.kind, e.payload.get("transition")) for e in _events(case.id)]
    assert kinds == [("submitted", None), ("transition", "take"), ("transition", "request_info")]
    outbox = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.case_id == case.id)).all()
    assert len(outbox) == 2 and all(m.recipient == user_of(member).email for m in outbox)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert "Tebliğ belgesi?" in page


def test_missing_input_is_explained_and_typed_text_kept(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/accept", {})
    response = _post(
        client,
        case.id,
        f"/desk/cases/{case.id}/transitions/file_lawsuit",
        {"court": "Ankara 3. İdare Mahkemesi", "file_number": "", "filing_date": ""},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Ankara 3. İdare Mahkemesi" in page
    assert "invalid-feedback" in page
    assert db.session.get(Case, case.id).status == "accepted"


def test_lawsuit_form_offers_court_names(client, login):
    union, lawyer, member, case = _setup()
    db.session.add(Court(name="Ankara 5. İdare Mahkemesi", province="Ankara"))
    db.session.commit()
    login(lawyer)
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/accept", {})
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert '<datalist id="court-names"><option value="Ankara 5. İdare Mahkemesi">' in page
    response = _post(
        client,
        case.id,
        f"/desk/cases/{case.id}/transitions/file_lawsuit",
        {
            "court": "Ankara 5. İdare Mahkemesi",
            "file_number": "2026/123 E.",
            "filing_date": clock.today().isoformat(),
        },
    )
    assert response.status_code == 303
    stored = db.session.get(Case, case.id)
    from app.services.proceedings import competent_court

    court = competent_court(stored)
    assert (stored.status, court.name, court.file_number) == (
        "lawsuit_filed",
        "Ankara 5. İdare Mahkemesi",
        "2026/123 E.",
    )


def test_stale_form_is_refused_with_the_changed_meanwhile_message(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    old_version = _version(case.id)
    _post(client, case.id, f"/desk/cases/{case.id}/notes", {"text": "ilk not"})
    response = _post(client, case.id, f"/desk/cases/{case.id}/notes", {"text": "ikinci not"}, version=old_version)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "başka biri tarafından değiştirildi" in page and "ikinci not" in page  # told, and what was typed is kept
    assert [e.payload.get("text") for e in _events(case.id) if e.kind == "note"] == ["ilk not"]


def test_internal_note_message_and_priority(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    assert _post(client, case.id, f"/desk/cases/{case.id}/notes", {"text": "Sadece ekip"}).status_code == 303
    assert _post(client, case.id, f"/desk/cases/{case.id}/messages", {"text": "Merhaba"}).status_code == 303
    assert _post(client, case.id, f"/desk/cases/{case.id}/priority", {"priority": "high"}).status_code == 303
    events = {e.kind: e for e in _events(case.id)}
    assert events["note"].member_visible is False
    assert events["message"].member_visible is True
    assert events["priority"].member_visible is False
    stored = db.session.get(Case, case.id)
    assert (stored.priority, stored.priority_rank) == ("high", 2)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 1
    response = _post(client, case.id, f"/desk/cases/{case.id}/notes", {"text": "   "})
    assert response.status_code == 400 and "Lütfen" in response.get_data(as_text=True)


def test_member_replies_appear_in_the_same_thread(client, login):
    from app.services.timeline import append_event

    union, lawyer, member, case = _setup()
    login(lawyer)
    _post(client, case.id, f"/desk/cases/{case.id}/messages", {"text": "Belgeyi gönderir misiniz?"})
    stored = db.session.get(Case, case.id)
    append_event(stored, "member_message", user_of(member), {"text": "Ekte gönderdim."}, member_visible=True)
    db.session.commit()
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    thread = page.split('data-testid="thread"')[1].split("</ul>")[0]
    assert thread.index("Belgeyi gönderir misiniz?") < thread.index("Ekte gönderdim.")


def test_admin_assigns_with_least_loaded_suggestion_and_role_check(client, login):
    union = UnionFactory()
    busy = UserFactory(role="lawyer", union=union, full_name="Av. Meşgul")
    free = UserFactory(role="lawyer", union=union, full_name="Av. Boşta")
    officer = UserFactory(role="officer", union=union)
    admin = UserFactory(role="admin", union=union)
    member = MemberFactory(union=union)
    for _ in range(2):
        taken = make_case(member)
        db.session.get(Case, taken.id).assignee_id = busy.id
        db.session.get(Case, taken.id).status = "in_review"
    db.session.commit()
    case = make_case(member)
    login(admin)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert f'<option selected value="{free.id}">' in page or f'value="{free.id}" selected' in page
    assert "Av. Boşta" in page.split('data-testid="transition-assign"')[1].split("</form>")[0]
    refused = _post(client, case.id, f"/desk/cases/{case.id}/transitions/assign", {"assignee_id": officer.id})
    assert refused.status_code == 400
    assert db.session.get(Case, case.id).assignee_id is None
    done = _post(client, case.id, f"/desk/cases/{case.id}/transitions/assign", {"assignee_id": busy.id})
    assert done.status_code == 303
    stored = db.session.get(Case, case.id)
    assert (stored.assignee_id, stored.status) == (busy.id, "in_review")
    assert _events(case.id)[-1].payload["data"]["assignee_id"] == busy.id


def test_conflict_by_national_id_is_shown_to_staff_and_handled(client, login):
    union, lawyer, member, _case = _setup()
    respondent = MemberFactory(union=union, user__full_name="Müdür Bey")
    case = make_case(member, respondent_type="manager", respondent_name="Kerem Öz")
    login(lawyer)
    response = _post(client, case.id, f"/desk/cases/{case.id}/respondent", {"national_id": respondent.national_id})
    assert response.status_code == 303  # staff learn the respondent's number: the conflict is found then
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="conflict-warning"' in page
    assert "Müdür Bey" not in page and respondent.national_id not in page
    queue = client.get("/desk/").get_data(as_text=True)
    assert 'data-testid="conflict-badge"' in queue
    conflict_event = next(e for e in _events(case.id) if e.kind == "conflict")
    assert conflict_event.member_visible is False
    response = _post(client, case.id, f"/desk/cases/{case.id}/conflict", {"note": "Başka avukata devredildi."})
    assert response.status_code == 303
    stored = db.session.get(Case, case.id)
    assert (stored.conflict_status, stored.conflict_note) == ("handled", "Başka avukata devredildi.")


def test_conflict_by_folded_name_and_institution(client, login):
    union, lawyer, member, _case = _setup()
    workplace = InstitutionFactory(name="İl Milli Eğitim Müdürlüğü")
    MemberFactory(union=union, institution=workplace, user__full_name="IŞIL İNCE")
    elsewhere = make_case(member, respondent_type="coworker", respondent_name="ışıl ince")
    same = make_case(member, respondent_type="coworker", respondent_name="ışıl ince", institution_id=workplace.id)
    login(lawyer)
    assert 'data-testid="conflict-warning"' not in client.get(f"/desk/cases/{elsewhere.id}").get_data(as_text=True)
    assert 'data-testid="conflict-warning"' in client.get(f"/desk/cases/{same.id}").get_data(as_text=True)


def test_lawyer_attaches_internal_evidence(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}")
    import io

    response = client.post(
        f"/desk/cases/{case.id}/attachments",
        data={
            "csrf_token": csrf_token_from(page),
            "version": _version(case.id),
            "file": (io.BytesIO(b"%PDF-1.4\n%test\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"), "tutanak.pdf"),
            "description": "Tutanak",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    event = _events(case.id)[-1]
    assert (event.kind, event.member_visible) == ("attachment", False)
    assert "tutanak.pdf" in client.get(f"/desk/cases/{case.id}").get_data(as_text=True)


def test_officer_approves_with_an_amount_and_marks_paid(client, login):
    union = UnionFactory()
    officer = UserFactory(role="officer", union=union)
    member = MemberFactory(union=union)
    case = make_case(member, kind="material", category="disaster", narrative="Deprem")
    login(officer)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="transition-take"' in page
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    refused = _post(client, case.id, f"/desk/cases/{case.id}/transitions/approve", {"amount": "2,500"})
    assert refused.status_code == 400 and "2,500" in refused.get_data(as_text=True)
    asked = _post(client, case.id, f"/desk/cases/{case.id}/transitions/approve", {"amount": "2.500,50"})
    assert asked.status_code == 200 and 'data-testid="confirm-amount"' in asked.get_data(as_text=True)
    assert "2.500,50 TL" in asked.get_data(as_text=True)
    assert db.session.get(Case, case.id).status == "in_review"  # nothing moved before the confirmation
    approve = {"amount": "2.500,50", "confirm_amount": "2500.50"}
    assert _post(client, case.id, f"/desk/cases/{case.id}/transitions/approve", approve).status_code == 303
    paid_on = {"paid_date": clock.today().isoformat()}
    asked = _post(client, case.id, f"/desk/cases/{case.id}/transitions/mark_paid", paid_on)
    assert asked.status_code == 200 and "2.500,50 TL" in asked.get_data(as_text=True)
    assert db.session.get(Case, case.id).status == "approved"
    paid_on["confirm_amount"] = "2500.50"
    assert _post(client, case.id, f"/desk/cases/{case.id}/transitions/mark_paid", paid_on).status_code == 303
    stored = db.session.get(Case, case.id)
    assert (stored.status, str(stored.amount_approved)) == ("paid", "2500.50")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 3  # take, approve, paid


def test_queue_marks_pending_membership_and_staff_cannot_act_outside_their_kind(client, login):
    union, lawyer, member, case = _setup()
    pending = MemberFactory(union=union, membership_status="pending")
    unverified = make_case(pending)
    assistance = make_case(member, kind="social", category="bereavement")
    login(lawyer)
    page = client.get("/desk/", query_string={"membership_pending": "y"}).get_data(as_text=True)
    assert unverified.reference in page and case.reference not in page
    assert 'data-testid="membership-badge"' in page
    token = csrf_token_from(client.get(f"/desk/cases/{case.id}"))
    response = client.post(
        f"/desk/cases/{assistance.id}/transitions/take", data={"csrf_token": token, "version": assistance.version}
    )
    assert response.status_code == 404
    assert db.session.get(Case, assistance.id).assignee_id is None


def test_member_cannot_open_the_desk(client, login):
    _union, _lawyer, member, case = _setup()
    login(user_of(member))
    assert client.get("/desk/").status_code == 403
    assert client.get(f"/desk/cases/{case.id}").status_code == 403


def test_confederation_lawyer_sees_every_union_and_can_filter_by_one(client, login):
    first, second = UnionFactory(code="EBS"), UnionFactory(code="SGS")
    ours = make_case(MemberFactory(union=first))
    theirs = make_case(MemberFactory(union=second))
    login(UserFactory(role="lawyer", union=None))
    page = client.get("/desk/").get_data(as_text=True)
    assert ours.reference in page and theirs.reference in page
    page = client.get("/desk/", query_string={"union": second.id}).get_data(as_text=True)
    assert theirs.reference in page and ours.reference not in page


def test_search_finds_a_reference_typed_in_lower_case_and_pages_stay_in_range(client, login):
    union, lawyer, member, case = _setup()
    other = make_case(member, narrative="Başka")
    login(lawyer)
    page = client.get("/desk/", query_string={"q": case.reference.lower(), "page": "99"}).get_data(as_text=True)
    assert case.reference in page and other.reference not in page
    assert "1 dosya" in page


def test_conflict_found_at_filing_shows_in_the_queue_before_anyone_opens_the_case(client, login):
    union, lawyer, member, _case = _setup()
    workplace = InstitutionFactory(name="Ankara Devlet Hastanesi")
    MemberFactory(union=union, institution=workplace, user__full_name="İLKER ÇAĞLAR")
    case = make_case(member, respondent_type="supervisor", respondent_name="ilker çağlar", institution_id=workplace.id)
    assert db.session.get(Case, case.id).conflict_status == "detected"
    login(lawyer)
    queue = client.get("/desk/").get_data(as_text=True)
    row = queue.split(f'data-reference="{case.reference}"')[1].split("</tr>")[0]
    assert 'data-testid="conflict-badge"' in row
    assert case.reference in client.get("/desk/", query_string={"conflict": "y"}).get_data(as_text=True)


def _fresh_client(app, user):
    fresh = app.test_client()
    token = csrf_token_from(fresh.get("/login"))
    fresh.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    return fresh


def test_a_conflict_never_reaches_either_member(app, client, login):
    union, lawyer, member, _case = _setup()
    workplace = InstitutionFactory(name="Ankara Devlet Hastanesi")
    respondent = MemberFactory(union=union, institution=workplace, user__full_name="İlker Çağlar")
    case = make_case(member, respondent_type="supervisor", respondent_name="İlker Çağlar", institution_id=workplace.id)
    login(lawyer)
    _post(client, case.id, f"/desk/cases/{case.id}/conflict", {"note": "Dosya başka avukata verildi, gizli tutuldu."})
    assert db.session.get(Case, case.id).conflict_status == "handled"

    own = _fresh_client(app, user_of(member))
    page = own.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert case.reference in page
    for secret in (
        "Çıkar çatışması",
        "çıkar çatışması",
        "gizli tutuldu",
        "conflict",
        respondent.membership_number or "-",
    ):
        assert secret not in page, secret
    other = _fresh_client(app, user_of(respondent))
    assert other.get(f"/portal/cases/{case.reference}").status_code == 404
    assert case.reference not in other.get("/portal/").get_data(as_text=True)


def test_opening_the_case_page_writes_nothing(client, login):
    union, lawyer, member, case = _setup()
    respondent = MemberFactory(union=union)
    stored = db.session.get(Case, case.id)
    # A respondent who is a member, written past the services: nothing has checked it yet.
    stored.respondent_type, stored.respondent_national_id = "manager", respondent.national_id
    db.session.commit()
    before = (stored.version, stored.conflict_status)
    events = db.session.scalar(sa.select(sa.func.count(CaseEvent.id)))
    login(lawyer)
    assert client.get(f"/desk/cases/{case.id}").status_code == 200
    db.session.expire_all()
    assert (db.session.get(Case, case.id).version, db.session.get(Case, case.id).conflict_status) == before
    assert db.session.scalar(sa.select(sa.func.count(CaseEvent.id))) == events


def test_renaming_a_member_flags_the_cases_that_name_them(client, login):
    from app.services import admin

    union, lawyer, member, _case = _setup()
    workplace = InstitutionFactory(name="Ankara Devlet Hastanesi")
    respondent = MemberFactory(union=union, institution=workplace, user__full_name="İlker Çağ")
    case = make_case(member, respondent_type="supervisor", respondent_name="İlker Çağlar", institution_id=workplace.id)
    assert db.session.get(Case, case.id).conflict_status == "none"  # the name differed at filing
    user = user_of(respondent)
    data = {
        "full_name": "İlker Çağlar",  # the spelling is corrected
        "email": user.email,
        "role": "member",
        "union_id": union.id,
        "language": "tr",
        "active": True,
        "version": user.version,
    }
    admin.update_user(user, data, actor=UserFactory(role="admin", union=union))
    assert db.session.get(Case, case.id).conflict_status == "detected"


def test_case_page_lists_the_members_answers_and_why_the_priority_was_raised(client, login):
    union, lawyer, member, _case = _setup()
    case = make_case(
        member,
        category="disciplinary_penalty",
        priority="urgent",
        details={
            "penalty": "kinama",
            "objection_made": "no",
            "priority_reasons": ["The 7-day period to object to the disciplinary penalty is running."],
        },
    )
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    answers = page.split('data-testid="case-details"')[1].split("</dl>")[0]
    assert "Size hangi ceza verildi?" in answers and "Kınama" in answers and "Hayır" in answers
    reasons = page.split('data-testid="priority-reasons"')[1].split("</ul>")[0]
    assert "Disiplin cezasına karşı 7 günlük itiraz süresi işliyor." in reasons
    # A case whose answers raised nothing shows no such section.
    assert "priority-reasons" not in client.get(f"/desk/cases/{_case.id}").get_data(as_text=True)


def test_suggestion_is_the_least_loaded_lawyer_of_the_cases_union_and_reassigning_is_an_event(client, login):
    union = UnionFactory()
    own = UserFactory(role="lawyer", union=union, full_name="Av. Sendika")
    other_own = UserFactory(role="lawyer", union=union, full_name="Av. Diğer")
    # Idle and first by name, yet not of the union.
    UserFactory(role="lawyer", union=None, full_name="Av. Ahmet Konfederasyon")
    UserFactory(role="lawyer", union=UnionFactory(), full_name="Av. Başka Sendika")
    UserFactory(role="lawyer", union=union, full_name="Av. Ayrıldı", active=False)
    admin = UserFactory(role="admin", union=union)
    member = MemberFactory(union=union)
    taken = make_case(member)
    db.session.get(Case, taken.id).assignee_id, db.session.get(Case, taken.id).status = own.id, "in_review"
    db.session.commit()
    case = make_case(member)
    login(admin)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    form = page.split('data-testid="transition-assign"')[1].split("</form>")[0]
    assert "en az açık dosyası olan Av. Diğer" in form
    assert "Av. Ahmet Konfederasyon" in form  # may still be chosen
    assert "Av. Başka Sendika" not in form and "Av. Ayrıldı" not in form

    assert (
        _post(client, case.id, f"/desk/cases/{case.id}/transitions/assign", {"assignee_id": other_own.id}).status_code
        == 303
    )
    assert (
        _post(client, case.id, f"/desk/cases/{case.id}/transitions/assign", {"assignee_id": own.id}).status_code == 303
    )
    stored = db.session.get(Case, case.id)
    assert (stored.assignee_id, stored.status) == (own.id, "in_review")
    assignments = [e for e in _events(case.id) if e.payload.get("transition") == "assign"]
    assert [e.payload["data"]["assignee_id"] for e in assignments] == [other_own.id, own.id]
    assert all(not e.member_visible for e in assignments)
    timeline = client.get(f"/desk/cases/{case.id}").get_data(as_text=True).split('data-testid="timeline"')[1]
    assert timeline.index("Av. Diğer") < timeline.rindex("Av. Sendika")


def test_each_transition_form_asks_exactly_the_inputs_its_transition_takes(app):
    from app.desk.forms import transition_form
    from cases.workflows import WORKFLOWS

    with app.test_request_context():
        for workflow in WORKFLOWS:
            for t in workflow.transitions:
                form = transition_form(t, assignee_choices=[("", "—")])
                asked = {f.short_name for f in form} - {"csrf_token", "version", "confirm_amount"}
                assert asked == {*t.requires, *t.optional}, t.name
                required = {f.short_name for f in form if f.flags.required}
                assert required == set(t.requires), t.name


def test_the_case_page_offers_exactly_the_allowed_steps_with_their_inputs(app, client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/accept", {})
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    offered = set(re.findall(r'data-testid="transition-(\w+)"', page))
    assert offered == {"file_objection", "file_lawsuit"}
    lawsuit = page.split('data-testid="transition-file_lawsuit"')[1].split("</form>")[0]
    names = set(re.findall(r'name="(\w+)"', lawsuit)) - {"csrf_token", "version", "submit"}
    assert names == {"court", "file_number", "filing_date"}
    other = _fresh_client(app, UserFactory(role="lawyer", union=union))
    page = other.get(f"/desk/cases/{case.id}").get_data(as_text=True)  # not the assignee: no step
    assert page.count('data-testid="page-heading"') == 1
    assert not re.findall(r'data-testid="transition-(\w+)"', page)


def test_a_steps_note_says_the_member_sees_it_unlike_an_internal_note(client, login):
    union = UnionFactory()
    officer = UserFactory(role="officer", union=union)
    case = make_case(MemberFactory(union=union), kind="social", category="bereavement", narrative="Vefat")
    login(officer)
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    _post(
        client, case.id, f"/desk/cases/{case.id}/transitions/approve", {"amount": "1000", "confirm_amount": "1000.00"}
    )
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    paid = page.split('data-testid="transition-mark_paid"')[1].split("</form>")[0]
    assert "Bu notu üye görür." in paid


def test_staff_record_the_respondents_national_id_and_it_is_checked_for_a_conflict(app, client, login):
    union, lawyer, member, _case = _setup()
    respondent = MemberFactory(union=union, user__full_name="Müdür Bey")
    case = make_case(member, respondent_type="manager", respondent_name="Kerem Öz")
    login(lawyer)
    assert 'data-testid="conflict-warning"' not in client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    refused = _post(client, case.id, f"/desk/cases/{case.id}/respondent", {"national_id": "10000000145"})
    assert refused.status_code == 400 and "kontrol" in refused.get_data(as_text=True).lower()
    assert db.session.get(Case, case.id).respondent_national_id is None

    done = _post(client, case.id, f"/desk/cases/{case.id}/respondent", {"national_id": respondent.national_id})
    assert done.status_code == 303
    stored = db.session.get(Case, case.id)
    assert (stored.respondent_national_id, stored.conflict_status) == (respondent.national_id, "detected")
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="conflict-warning"' in page and "Müdür Bey" not in page
    assert respondent.national_id not in page and respondent.national_id[:3] + "******" in page
    assert str(escape("Karşı tarafın T.C. Kimlik No'su kaydedildi")) in page
    # The number stays on the case alone: the append-only timeline never holds it.
    assert all(respondent.national_id not in str(e.payload) for e in _events(case.id))
    assert respondent.national_id not in _fresh_client(app, user_of(member)).get(
        f"/portal/cases/{case.reference}"
    ).get_data(as_text=True)


def test_no_respondent_id_is_asked_when_the_respondent_is_the_administration(client, login):
    _union, lawyer, _member, case = _setup()
    login(lawyer)
    assert 'data-testid="respondent-form"' not in client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    response = _post(client, case.id, f"/desk/cases/{case.id}/respondent", {"national_id": "10000000146"})
    assert response.status_code == 303
    assert db.session.get(Case, case.id).respondent_national_id is None


def test_an_amount_confirmed_then_changed_is_asked_again_and_ten_thousand_stays_ten_thousand(client, login):
    union = UnionFactory()
    officer = UserFactory(role="officer", union=union)
    case = make_case(MemberFactory(union=union), kind="material", category="disaster", narrative="Sel")
    login(officer)
    _post(client, case.id, f"/desk/cases/{case.id}/transitions/take", {})
    changed = {"amount": "10.000", "confirm_amount": "1000.00"}  # echoed 1.000, then typed another zero
    asked = _post(client, case.id, f"/desk/cases/{case.id}/transitions/approve", changed)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "10.000,00 TL" in page
    assert 'name="confirm_amount" type="hidden" value="10000.00"' in page
    assert db.session.get(Case, case.id).amount_approved is None
    changed["confirm_amount"] = "10000.00"
    assert _post(client, case.id, f"/desk/cases/{case.id}/transitions/approve", changed).status_code == 303
    assert str(db.session.get(Case, case.id).amount_approved) == "10000.00"
    assert "10.000,00 TL" in client.get(f"/desk/cases/{case.id}").get_data(as_text=True)


def test_a_refused_value_is_shown_only_in_the_form_it_was_typed_in(client, login):
    union, lawyer, member, case = _setup()
    login(lawyer)
    for name in ("take", "accept"):
        assert _post(client, case.id, f"/desk/cases/{case.id}/transitions/{name}", {}).status_code == 303
    refused = _post(
        client,
        case.id,
        f"/desk/cases/{case.id}/transitions/file_lawsuit",
        {"court": "", "file_number": "2026/999 E.", "filing_date": "2026-01-02"},
    )
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    lawsuit = page.split('data-testid="transition-file_lawsuit"')[1].split("</form>")[0]
    objection = page.split('data-testid="transition-file_objection"')[1].split("</form>")[0]
    assert "2026/999 E." in lawsuit and "2026-01-02" in lawsuit
    assert "2026/999 E." not in objection and "2026-01-02" not in objection


def test_the_kept_case_statement_follows_the_viewers_scope(app, client, login):
    """The case page keeps its statement per viewer: another union's lawyer, or this lawyer moved
    to another union, gets the page's 404 whatever statements were kept before."""
    union, lawyer, _member, case = _setup()
    outsider = UserFactory(role="lawyer", union=UnionFactory(code="DIS"))
    login(lawyer)
    assert client.get(f"/desk/cases/{case.id}").status_code == 200
    other_client = app.test_client()
    token = csrf_token_from(other_client.get("/login"))
    other_client.post("/login", data={"email": outsider.email, "password": PASSWORD, "csrf_token": token})
    assert other_client.get(f"/desk/cases/{case.id}").status_code == 404
    assert client.get(f"/desk/cases/{case.id}").status_code == 200
    lawyer.union_id = outsider.union_id
    db.session.commit()
    assert client.get(f"/desk/cases/{case.id}").status_code == 404
    outsider.union_id = union.id
    db.session.commit()
    assert other_client.get(f"/desk/cases/{case.id}").status_code == 200
