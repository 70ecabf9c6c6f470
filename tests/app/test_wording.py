"""What people read: steps as what happened, the member's own status words, notices with the facts."""

import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import OutboxMessage
from app.services.workflow import perform_transition
from tests.factories import MemberFactory, UnionFactory, UserFactory, make_case, user_of


def _mails() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def test_the_member_reads_their_status_in_their_own_words(client, login):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union)
    case = make_case(member)
    perform_transition(case, "take", lawyer, {}, expected_version=case.version)
    perform_transition(case, "request_info", lawyer, {"message": "Tebliğ tarihi?"}, expected_version=case.version)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert "Yanıtınız bekleniyor" in page and "Üyeden bilgi bekleniyor" not in page
    assert "Yanıtınız bekleniyor" in client.get("/portal/").get_data(as_text=True)


def test_an_assistance_request_is_taken_up_by_an_officer_not_a_lawyer(app):
    union = UnionFactory()
    officer = UserFactory(role="officer", union=union)
    case = make_case(MemberFactory(union=union), kind="social", category="bereavement")
    perform_transition(case, "take", officer, {}, expected_version=case.version)
    body = _mails()[-1].body
    assert "sosyal işler görevlisi" in body and "avukat" not in body


def test_the_approval_and_payment_notices_carry_the_amounts(app):
    union = UnionFactory()
    officer = UserFactory(role="officer", union=union)
    case = make_case(MemberFactory(union=union), kind="material", category="disaster")
    perform_transition(case, "take", officer, {}, expected_version=case.version)
    perform_transition(
        case, "approve", officer, {"amount": "10.000"}, expected_version=case.version, confirmed_amount="10000.00"
    )
    assert "Onaylanan tutar: 10.000,00 TL" in _mails()[-1].body
    today = clock.today()
    perform_transition(
        case, "mark_paid", officer, {"paid_date": today}, expected_version=case.version, confirmed_amount="10000.00"
    )
    body = _mails()[-1].body
    assert "Ödenen tutar: 10.000,00 TL" in body and today.strftime("%d.%m.%Y") in body


def test_the_lawsuit_notice_names_the_court_the_file_number_and_the_date(app):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    case = make_case(MemberFactory(union=union))
    today = clock.today()
    for name, inputs in (
        ("take", {}),
        ("accept", {}),
        ("file_lawsuit", {"court": "Ankara 3. İdare Mahkemesi", "file_number": "2026/1234 E.", "filing_date": today}),
    ):
        perform_transition(case, name, lawyer, inputs, expected_version=case.version)
    body = _mails()[-1].body
    assert "Mahkeme: Ankara 3. İdare Mahkemesi" in body and "Dosya numarası: 2026/1234 E." in body
    assert f"Davanın açıldığı tarih: {today:%d.%m.%Y}" in body
