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


def test_the_member_sees_court_file_number_date_and_stage_once_a_lawsuit_is_filed(client, login):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union)
    case = make_case(member)
    today = clock.today()
    for name, inputs in (
        ("take", {}),
        ("accept", {}),
        ("file_lawsuit", {"court": "Ankara 3. İdare Mahkemesi", "file_number": "2026/1234 E.", "filing_date": today}),
    ):
        perform_transition(case, name, lawyer, inputs, expected_version=case.version)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    facts = page.split('data-testid="member-proceedings"')[1].split("</section>")[0]
    assert "Ankara 3. İdare Mahkemesi" in facts and "2026/1234 E." in facts
    assert today.strftime("%d.%m.%Y") in facts


def test_the_member_sees_the_approved_and_paid_amounts(client, login):
    union = UnionFactory()
    officer = UserFactory(role="officer", union=union)
    member = MemberFactory(union=union)
    case = make_case(member, kind="material", category="disaster")
    today = clock.today()
    perform_transition(case, "take", officer, {}, expected_version=case.version)
    perform_transition(
        case, "approve", officer, {"amount": "15.000,50"}, expected_version=case.version, confirmed_amount="15000.50"
    )
    perform_transition(
        case, "mark_paid", officer, {"paid_date": today}, expected_version=case.version, confirmed_amount="15000.50"
    )
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    facts = page.split('data-testid="amount-facts"')[1].split("</section>")[0]
    assert "Onaylanan tutar" in facts and "15.000,50 TL" in facts
    assert f"15.000,50 TL · {today:%d.%m.%Y}" in facts


def test_staff_see_the_members_phone_beside_the_email(client, login):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union, user__phone="0532 123 45 67")
    case = make_case(member)
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="member-phone"><a href="tel:05321234567">0532 123 45 67</a>' in page


def test_reports_show_amounts_in_the_same_turkish_format():
    from decimal import Decimal

    from app.reports.formatting import format_money

    assert format_money(Decimal("1234.505")) == "1.234,51 TL"
