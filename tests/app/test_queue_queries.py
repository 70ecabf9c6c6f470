"""The queue's reads: every filter, sort, page and search; and no N+1 (as many statements at 500 cases as at 20)."""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Case, User
from app.services.case_notes import add_note, send_message
from app.services.filing import NewCase, open_case
from app.services.timeline import append_event
from tests.factories import InstitutionFactory, MemberFactory, UnionFactory, UserFactory, make_case


@contextmanager
def counted():
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def _add_cases(members, n: int) -> None:
    for i in range(n):
        member = members[i % len(members)]
        user = db.session.get(User, member.user_id)
        open_case(
            member,
            NewCase(
                kind="legal", category="relocation", narrative=f"Anlatım {i}", priority="high" if i % 3 else "normal"
            ),
            actor=user,
            member_name=user.full_name,
        )
    db.session.commit()


def _attach(case, uploaders) -> None:
    from app.models import Attachment

    for n, uploader in enumerate(uploaders):
        db.session.add(
            Attachment(
                case_id=case.id,
                uploaded_by_id=uploader.id,
                original_name=f"belge-{uploader.id}-{n}.pdf",
                storage_name=f"bench-{case.id}-{uploader.id}-{n}",
                mime_type="application/pdf",
                size=1024,
                sha256="0" * 64,
            )
        )
    db.session.commit()


def _statements(client, url: str) -> int:
    client.get(url)  # warm up (a first view may record a conflict check)
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_queue_and_case_page_query_counts_do_not_grow_with_data(client, login):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    members = [MemberFactory(union=union, institution=InstitutionFactory()) for _ in range(5)]
    _add_cases(members, 20)
    login(lawyer)
    from app.models import Case

    case = db.session.scalars(sa.select(Case).order_by(Case.id)).first()
    append_event(
        case,
        "transition",
        lawyer,
        {"transition": "take", "from_state": "submitted", "to_state": "in_review", "data": {"assignee_id": lawyer.id}},
        member_visible=True,
    )
    db.session.commit()
    urls = ["/desk/", "/desk/?q=anlatim&sort=priority", "/desk/?page=2&assignee=none", f"/desk/cases/{case.id}"]
    small = [_statements(client, url) for url in urls]

    _attach(case, [lawyer])

    _add_cases(members, 480)
    for n in range(30):
        add_note(case, lawyer, f"not {n}", expected_version=case.version)
        send_message(case, lawyer, f"mesaj {n}", expected_version=case.version)
    # More people on the timeline and in the evidence list: still one query each.
    others = [UserFactory(role="lawyer", union=union) for _ in range(6)]
    for other in others:
        append_event(
            case,
            "transition",
            None,
            {
                "transition": "assign",
                "from_state": "in_review",
                "to_state": "in_review",
                "data": {"assignee_id": other.id},
            },
        )
    _attach(case, others)
    db.session.commit()
    large = [_statements(client, url) for url in urls]
    assert large == small
    assert max(small) <= 12


# --- Every filter, sort and page of the queue, on the database under test -------------------


def _queue_world():
    """Six cases of one union with known facts, and the people who look at them."""
    from datetime import UTC, datetime

    from app.models import Case

    union, elsewhere = UnionFactory(code="EBS"), UnionFactory(code="SGS")
    lawyer = UserFactory(role="lawyer", union=union, full_name="Av. Deniz Kaya")
    colleague = UserFactory(role="lawyer", union=union, full_name="Av. Selin Aksoy")
    ankara = InstitutionFactory(name="Ankara İl Milli Eğitim Müdürlüğü", province="Ankara")
    istanbul = InstitutionFactory(name="İSTANBUL ÇAPA TIP FAKÜLTESİ", province="İstanbul")
    light = MemberFactory(union=union, institution=ankara, user__full_name="Mehmet IŞIK")
    other = MemberFactory(union=union, institution=istanbul, user__full_name="Ayşe Yılmaz")
    specs = {
        # name: (member, kind, category, priority, created, assignee, status)
        "relocation": (light, "legal", "relocation", "high", datetime(2025, 1, 10, 9, tzinfo=UTC), lawyer, "in_review"),
        "discipline": (other, "legal", "disciplinary_penalty", "normal", datetime(2025, 2, 1, 9, tzinfo=UTC), None, "submitted"),
        "harassment": (other, "legal", "harassment", "urgent", datetime(2025, 3, 5, 9, tzinfo=UTC), colleague, "accepted"),
        "pay": (light, "legal", "pay_and_benefits", "low", datetime(2025, 3, 31, 20, 30, tzinfo=UTC), lawyer, "in_review"),  # 23:30 in Istanbul
        "bereavement": (light, "social", "bereavement", "normal", datetime(2025, 2, 15, 9, tzinfo=UTC), None, "submitted"),
    }  # fmt: skip
    narratives = {
        "relocation": "Görev yerim ışık hızıyla değiştirildi.",
        "discipline": "ÇALIŞMA saatleri dışında savunma istendi.",
        "harassment": "Müdür toplantıda bağırdı.",
        "pay": "Nöbet ücreti ödenmedi.",
        "bereavement": "Babamın vefatı.",
    }
    cases = {}
    for name, (member, kind, category, priority, created, assignee, status) in specs.items():
        case = make_case(member, kind=kind, category=category, priority=priority, narrative=narratives[name])
        stored = db.session.get(Case, case.id)
        stored.created_at, stored.assignee_id, stored.status = created, assignee.id if assignee else None, status
        # Activity order differs from filing order: the oldest case moved last.
        stored.last_activity_at = created if name != "relocation" else datetime(2025, 6, 1, tzinfo=UTC)
        cases[name] = stored
    foreign = make_case(MemberFactory(union=elsewhere), narrative="Başka sendika")
    db.session.commit()
    return union, elsewhere, lawyer, colleague, ankara, istanbul, cases, foreign


def _names(page, cases) -> list[str]:
    by_reference = {case.reference: name for name, case in cases.items()}
    return [by_reference.get(row.reference, row.reference) for row in page.rows]


def test_each_queue_filter_selects_exactly_its_cases(app):
    from datetime import date

    from app.queries.queue import QueueFilters, queue_page

    union, _elsewhere, lawyer, colleague, ankara, _istanbul, cases, _foreign = _queue_world()
    legal = {"relocation", "discipline", "harassment", "pay"}
    expectations = [
        (QueueFilters(), legal),
        (QueueFilters(status="in_review"), {"relocation", "pay"}),
        (QueueFilters(kind="legal"), legal),
        (QueueFilters(kind="social"), set()),  # a lawyer's scope holds no assistance case
        (QueueFilters(category="harassment"), {"harassment"}),
        (QueueFilters(union_id=union.id), legal),
        (QueueFilters(institution_id=ankara.id), {"relocation", "pay"}),
        (QueueFilters(province="İstanbul"), {"discipline", "harassment"}),
        (QueueFilters(assignee="me"), {"relocation", "pay"}),
        (QueueFilters(assignee="none"), {"discipline"}),
        (QueueFilters(assignee=str(colleague.id)), {"harassment"}),
        (QueueFilters(priority="urgent"), {"harassment"}),
        (QueueFilters(date_from=date(2025, 2, 1)), {"discipline", "harassment", "pay"}),
        (QueueFilters(date_to=date(2025, 2, 1)), {"relocation", "discipline"}),
        (QueueFilters(date_from=date(2025, 3, 1), date_to=date(2025, 3, 31)), {"harassment", "pay"}),
        (QueueFilters(status="in_review", institution_id=ankara.id, priority="low"), {"pay"}),
    ]
    for filters, expected in expectations:
        page = queue_page(lawyer, filters, today=date(2025, 6, 16))
        assert set(_names(page, cases)) == expected, filters
        assert page.total == len(expected), filters


def test_counts_per_status_ignore_the_status_filter_only(app):
    from app.queries.queue import QueueFilters, queue_page

    _union, _elsewhere, lawyer, _colleague, ankara, _istanbul, _cases, _foreign = _queue_world()
    page = queue_page(lawyer, QueueFilters(status="accepted"))
    assert page.counts == {"in_review": 2, "submitted": 1, "accepted": 1}
    assert page.total == 1
    page = queue_page(lawyer, QueueFilters(status="accepted", institution_id=ankara.id))
    assert page.counts == {"in_review": 2} and page.total == 0
    page = queue_page(lawyer, QueueFilters(q="ışık"))
    assert page.counts == {"in_review": 2} and page.total == 2


def test_queue_sorts_by_activity_filing_date_and_priority(app):
    from app.queries.queue import QueueFilters, queue_page

    _union, _elsewhere, lawyer, _colleague, _ankara, _istanbul, cases, _foreign = _queue_world()
    order = {
        sort: _names(queue_page(lawyer, QueueFilters(sort=sort)), cases) for sort in ("activity", "created", "priority")
    }
    assert order["activity"] == ["relocation", "pay", "harassment", "discipline"]
    assert order["created"] == ["pay", "harassment", "discipline", "relocation"]
    assert order["priority"] == ["harassment", "relocation", "discipline", "pay"]


def test_admin_sees_both_kinds_officer_assistance_lawyer_legal(app):
    from app.queries.queue import QueueFilters, queue_page

    union, _elsewhere, lawyer, _colleague, _ankara, _istanbul, cases, foreign = _queue_world()
    admin = UserFactory(role="admin", union=union)
    officer = UserFactory(role="officer", union=union)
    confederation_admin = UserFactory(role="admin", union=None)
    assert set(_names(queue_page(admin, QueueFilters()), cases)) == set(cases)
    assert set(_names(queue_page(admin, QueueFilters(kind="social")), cases)) == {"bereavement"}
    assert _names(queue_page(officer, QueueFilters()), cases) == ["bereavement"]
    assert "bereavement" not in _names(queue_page(lawyer, QueueFilters()), cases)
    assert foreign.reference in _names(queue_page(confederation_admin, QueueFilters()), cases)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ışık", {"relocation", "pay"}),  # member "Mehmet IŞIK"
        ("IŞIK", {"relocation", "pay"}),
        ("isik", {"relocation", "pay"}),
        ("ışık hızıyla", {"relocation"}),  # the narrative
        ("istanbul", {"discipline", "harassment"}),  # institution "İSTANBUL ÇAPA …"
        ("çapa tıp", {"discipline", "harassment"}),
        ("çalışma", {"discipline"}),  # "ÇALIŞMA" in the narrative
        ("ayşe YILMAZ", {"discipline", "harassment"}),  # member name
        ("ankara il milli", {"relocation", "pay"}),
        ("nöbet", {"pay"}),
        ("50%_", set()),  # LIKE wildcards are text, not patterns
    ],
)
def test_search_follows_turkish_case_rules_over_every_field(app, query, expected):
    from app.queries.queue import QueueFilters, queue_page

    _union, _elsewhere, lawyer, _colleague, _ankara, _istanbul, cases, _foreign = _queue_world()
    assert set(_names(queue_page(lawyer, QueueFilters(q=query)), cases)) == expected


def test_search_finds_a_reference_in_any_case(app):
    from app.queries.queue import QueueFilters, queue_page

    _union, _elsewhere, lawyer, _colleague, _ankara, _istanbul, cases, _foreign = _queue_world()
    reference = cases["harassment"].reference
    for query in (reference, reference.lower(), reference[-6:]):
        assert _names(queue_page(lawyer, QueueFilters(q=query)), cases) == ["harassment"]


def test_pages_split_the_queue_without_gaps_or_repeats(app):
    from app.queries.queue import PER_PAGE, QueueFilters, queue_page

    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union)
    references = {make_case(member, narrative=f"Dosya {n}").reference for n in range(PER_PAGE * 2 + 3)}
    for q in (None, "dosya"):
        seen = []
        for number in (1, 2, 3):
            page = queue_page(lawyer, QueueFilters(page=number, q=q))
            assert (page.page, page.pages, page.total) == (number, 3, len(references))
            assert page.has_prev == (number > 1) and page.has_next == (number < 3)
            seen.extend(row.reference for row in page.rows)
        assert len(seen) == len(references) and set(seen) == references
        assert queue_page(lawyer, QueueFilters(page=99, q=q)).page == 3  # past the end: the last page


def test_renaming_a_member_or_an_institution_keeps_search_and_conflicts_current(app):
    from app.models import Case, MemberProfile
    from app.queries.queue import QueueFilters, queue_page
    from app.services.admin import save_institution, update_user
    from app.services.conflicts import find_conflict

    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    admin = UserFactory(role="admin", union=None)
    workplace = InstitutionFactory(name="Kurum Eski Adı", province="Ankara")
    member = MemberFactory(union=union, institution=workplace, user__full_name="Ayşe Yılmaz")
    respondent = MemberFactory(union=union, institution=workplace, user__full_name="Kerem Öz")
    case = make_case(member, institution_id=workplace.id, respondent_type="manager", respondent_name="İlhan Şık")
    version = db.session.get(Case, case.id).version
    user = db.session.get(User, member.user_id)
    update_user(
        user, {"version": user.version, "full_name": "Ayşe Yılmaz Çağlayan", "email": user.email, "language": "tr"},
        actor=admin,
    )  # fmt: skip
    save_institution(
        workplace,
        {"version": workplace.version, "name": "Iğdır Şehit Öğretmen Okulu", "province": "Iğdır", "active": "y"},
        actor=admin,
    )
    # A rename rewrites search text only: nobody's open form on the case turns stale.
    db.session.expire_all()
    assert db.session.get(Case, case.id).version == version
    person = db.session.get(User, respondent.user_id)
    update_user(
        person, {"version": person.version, "full_name": "İLHAN ŞIK", "email": person.email, "language": "tr"},
        actor=admin,
    )  # fmt: skip

    def found(q: str) -> bool:
        return case.reference in {row.reference for row in queue_page(lawyer, QueueFilters(q=q)).rows}

    assert found("çağlayan") and found("ığdır şehit") and found(case.reference)
    assert not found("eski adı")
    # The respondent's new name is what the conflict check compares.
    db.session.expire_all()
    assert db.session.get(MemberProfile, respondent.id).full_name_folded == "ilhan sik"
    assert find_conflict(db.session.get(Case, case.id)) == (respondent.id, "name_and_institution")
    # ... and the rename found it: the case is flagged for staff without anyone opening it.
    assert db.session.get(Case, case.id).conflict_status == "detected"


def test_paging_stops_at_the_last_page_it_can_show():
    from app.queries.queue import MAX_PAGE, PER_PAGE, QueuePage

    huge = QueuePage(rows=[], counts={}, total=(MAX_PAGE + 5) * PER_PAGE, page=MAX_PAGE)
    assert huge.pages == MAX_PAGE and not huge.has_next and huge.has_prev
    assert QueuePage(rows=[], counts={}, total=0, page=1).pages == 1
    assert QueuePage(rows=[], counts={}, total=PER_PAGE + 1, page=1).pages == 2


def test_filing_date_filters_follow_istanbuls_day_not_utcs(app):
    """A case filed at 22:30 UTC on 1 March was filed on 2 March in Istanbul, as its page says."""
    from datetime import UTC, date, datetime

    from app.queries.queue import QueueFilters, queue_page

    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union)
    late = make_case(member, narrative="Gece dosyası")
    evening = make_case(member, narrative="Akşam dosyası")
    filed = {late.id: datetime(2025, 3, 1, 22, 30, tzinfo=UTC), evening.id: datetime(2025, 3, 1, 20, 59, tzinfo=UTC)}
    for case_id, instant in filed.items():
        db.session.execute(sa.update(Case).where(Case.id == case_id).values(created_at=instant))
    db.session.commit()

    def found(**dates) -> set[str]:
        page = queue_page(lawyer, QueueFilters(**dates), today=date(2025, 6, 16))
        return {row.reference for row in page.rows}

    assert found(date_from=date(2025, 3, 2)) == {late.reference}
    assert found(date_to=date(2025, 3, 1)) == {evening.reference}
    assert found(date_from=date(2025, 3, 1), date_to=date(2025, 3, 1)) == {evening.reference}
