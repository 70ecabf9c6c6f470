"""The lawyer's start page, the queue's views, unread marks and saved filters, and the queue's export."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import Case, Deadline, SavedFilter
from app.services.timeline import append_event
from app.services.workflow import perform_transition
from tests.app.test_queue_queries import counted
from tests.factories import InstitutionFactory, MemberFactory, UserFactory, make_case, user_of
from tests.helpers import csrf_token_from, post_form


def _references(client, url: str) -> set[str]:
    page = client.get(url)
    assert page.status_code == 200, url
    return set(re.findall(r'<tr data-reference="([^"]+)"', page.get_data(as_text=True)))


def _desk(n_plain: int = 2):
    """A lawyer with cases in every situation the start page names, and a colleague's case."""
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    colleague = UserFactory(role="lawyer", union_id=member.union_id)
    member_user = user_of(member)

    def taken(**fields):
        case = make_case(member, **fields)
        perform_transition(case, "take", lawyer, {}, expected_version=case.version)
        return case

    cases = {}
    cases["replied"] = taken()
    perform_transition(
        cases["replied"], "request_info", lawyer, {"message": "Belge?"}, expected_version=cases["replied"].version
    )
    perform_transition(
        cases["replied"], "member_answer", member_user, {"message": "Ekte."}, expected_version=cases["replied"].version
    )
    cases["evidence"] = taken()
    append_event(cases["evidence"], "attachment", member_user, {"name": "tebligat.pdf"}, member_visible=True)
    cases["messages"] = taken()
    append_event(cases["messages"], "member_message", member_user, {"text": "Durum nedir?"}, member_visible=True)
    cases["proposals"] = taken()
    db.session.add(
        Deadline(
            case_id=cases["proposals"].id,
            title="Dava açma süresi",
            due_date=clock.today() + timedelta(days=40),
            status="proposed",
        )
    )
    cases["due_week"] = taken()
    cases["due_week"].next_deadline = clock.today() + timedelta(days=3)
    cases["ended"] = taken()
    perform_transition(
        cases["ended"], "decline", lawyer, {"reason": "Süre geçmiş."}, expected_version=cases["ended"].version
    )
    cases["ended"].next_deadline = None
    plain = [taken() for _ in range(n_plain)]
    other = make_case(member)
    perform_transition(other, "take", colleague, {}, expected_version=other.version)
    db.session.commit()
    return lawyer, cases, plain, other  # fmt: skip


def test_start_page_counts_what_waits_and_each_link_lists_exactly_those_cases(client, login):
    lawyer, cases, plain, other = _desk()
    login(lawyer)
    page = client.get("/desk/start").get_data(as_text=True)
    for key in ("replied", "evidence", "messages", "proposals", "due_week"):
        assert f'data-attention-count="{key}">1<' in page, key
        assert _references(client, f"/desk/?attention={key}") == {cases[key].reference}, key
    mine = {c.reference for k, c in cases.items() if k != "ended"} | {c.reference for c in plain}
    assert _references(client, "/desk/?view=mine") == mine  # ended and colleagues' cases left out
    assert 'data-stage-count="in_review">7<' in page
    assert cases["ended"].reference in _references(client, "/desk/")  # the full queue still has it


def test_opening_a_case_marks_it_read(client, login):
    lawyer, cases, _plain, _other = _desk(0)
    login(lawyer)
    unread = _references(client, "/desk/?attention=unread")
    assert cases["messages"].reference in unread
    assert 'data-testid="unread"' in client.get("/desk/?view=mine").get_data(as_text=True)
    client.get(f"/desk/cases/{cases['messages'].id}")
    assert cases["messages"].reference not in _references(client, "/desk/?attention=unread")
    assert cases["messages"].reference not in _references(client, "/desk/?attention=messages")
    page = client.get("/desk/start").get_data(as_text=True)
    assert 'data-attention-count="messages">0<' in page
    # A new message after the visit makes it unread again.
    case = db.session.get(Case, cases["messages"].id)
    append_event(case, "member_message", None, {"text": "Yeni soru"}, member_visible=True)
    db.session.commit()
    assert cases["messages"].reference in _references(client, "/desk/?attention=messages")


def test_opening_a_case_again_without_news_writes_nothing_and_news_is_marked_on_the_next_visit(client, login):
    from app.models import CaseView

    lawyer, cases, _plain, _other = _desk(0)
    login(lawyer)
    case_id = cases["messages"].id
    client.get(f"/desk/cases/{case_id}")
    first = db.session.get(CaseView, (lawyer.id, case_id)).seen_at
    db.session.expire_all()
    with counted() as statements:
        assert client.get(f"/desk/cases/{case_id}").status_code == 200
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert not [s for s in writes if "case_views" in s], writes
    assert db.session.get(CaseView, (lawyer.id, case_id)).seen_at == first
    # News after the visit: unread, and the next visit marks it read.
    case = db.session.get(Case, case_id)
    append_event(case, "member_message", None, {"text": "Yeni soru"}, member_visible=True)
    db.session.commit()
    assert cases["messages"].reference in _references(client, "/desk/?attention=unread")
    client.get(f"/desk/cases/{case_id}")
    db.session.expire_all()
    assert db.session.get(CaseView, (lawyer.id, case_id)).seen_at >= db.session.get(Case, case_id).last_activity_at
    assert cases["messages"].reference not in _references(client, "/desk/?attention=unread")


def _statements(client, url: str) -> int:
    client.get(url)
    with counted() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_start_page_and_my_views_run_as_many_statements_at_any_size(client, login):
    lawyer, _cases, _plain, _other = _desk(1)
    login(lawyer)
    urls = ["/desk/start", "/desk/?view=mine", "/desk/?attention=messages", "/desk/?attention=unread"]
    small = [_statements(client, url) for url in urls]
    member = MemberFactory(union_id=lawyer.union_id)
    for _ in range(25):
        case = make_case(member)
        perform_transition(case, "take", lawyer, {}, expected_version=case.version)
        append_event(case, "member_message", user_of(member), {"text": "?"}, member_visible=True)
        case.next_deadline = clock.today() + timedelta(days=2)
        db.session.commit()
    large = [_statements(client, url) for url in urls]
    assert small == large


def test_saved_filters_are_kept_per_user_and_refuse_duplicates(client, login):
    lawyer, cases, _plain, _other = _desk(0)
    login(lawyer)
    response = post_form(client, "/desk/saved-filters", {"name": "Bu hafta", "query": "attention=due_week&page=3&evil=1"},
                         page_url="/desk/")  # fmt: skip
    assert response.status_code == 303
    saved = db.session.scalar(sa.select(SavedFilter))
    assert (saved.user_id, saved.name, saved.query) == (lawyer.id, "Bu hafta", "attention=due_week")
    page = client.get("/desk/").get_data(as_text=True)
    assert "?attention=due_week" in page and "Bu hafta" in page
    again = post_form(client, "/desk/saved-filters", {"name": "Bu hafta", "query": ""}, page_url="/desk/",
                      follow_redirects=True)  # fmt: skip
    assert "Bu adda bir süzgeciniz zaten var." in again.get_data(as_text=True)
    assert client.post("/desk/saved-filters", data={"name": "x", "query": ""}).status_code in (303, 400)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedFilter)) == 1
    other = UserFactory(role="lawyer", union_id=lawyer.union_id)
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/desk/"))})
    login(other)
    assert "Bu hafta" not in client.get("/desk/").get_data(as_text=True)
    post_form(client, f"/desk/saved-filters/{saved.id}/delete", {}, page_url="/desk/")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedFilter)) == 1  # not theirs to delete


def test_queue_exports_its_filtered_rows_as_csv_and_xlsx(client, login):
    hostile = InstitutionFactory(name='=HYPERLINK("http://kotu.example","tıkla")')
    member = MemberFactory(institution=hostile)
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    for _ in range(3):
        make_case(member)
    taken = make_case(member, category="harassment")
    perform_transition(taken, "take", lawyer, {}, expected_version=taken.version)
    login(lawyer)
    response = client.get("/desk/export.csv?status=submitted")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Dosya kuyruğu"] and rows[1][7] == "Durum"
    data = rows[2:]
    assert len(data) == 3 and {r[7] for r in data} == {"Başvuru alındı"}
    assert all(r[5].startswith("'=") for r in data)
    first = db.session.scalar(sa.select(Case).where(Case.reference == data[0][0]))
    assert data[0][10] == clock.local(first.created_at).strftime("%d.%m.%Y %H:%M")
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/desk/export.xlsx?view=mine").data))
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [v[0] for v in values] == [taken.reference]
    assert values[0][5].startswith("'=") and sheet.cell(2, 6).data_type == "s"
    assert sheet.cell(2, 11).is_date


def test_each_case_is_compared_with_its_own_last_visit(client, login):
    lawyer, cases, _plain, _other = _desk(0)
    login(lawyer)
    for key in ("replied", "evidence", "proposals", "due_week", "ended"):
        client.get(f"/desk/cases/{cases[key].id}")  # seen first, long before the last message
    case = db.session.get(Case, cases["messages"].id)
    append_event(case, "member_message", None, {"text": "Bir soru daha"}, member_visible=True)
    db.session.commit()
    client.get(f"/desk/cases/{cases['messages'].id}")  # seen after its last message
    page = client.get("/desk/start").get_data(as_text=True)
    assert 'data-attention-count="messages">0<' in page
    assert _references(client, "/desk/?attention=unread") == set()
