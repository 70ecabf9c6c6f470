"""What keeps the queue fast at a million cases keeps it right: capped counts, keyset pages, the search index."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Case
from tests.factories import MemberFactory, UnionFactory, UserFactory, make_case


def _world(n: int, narrative=lambda i: f"Dosya {i}"):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union)
    cases = [make_case(member, narrative=narrative(i)) for i in range(n)]
    return lawyer, member, cases


def _walk(lawyer, q=None, **filters):
    """Every page of the queue, following Next as the page offers it (keyset once counts are capped)."""
    from app.queries.queue import QueueFilters, queue_page

    seen, number, after = [], 1, None
    while True:
        page = queue_page(lawyer, QueueFilters(q=q, page=number, after=after, **filters))
        seen.extend(row.reference for row in page.rows)
        if not page.has_next:
            return seen, page
        number, after = number + 1, page.next_after


@pytest.mark.parametrize("q", [None, "dosya"])
def test_capped_counts_page_by_keyset_without_gaps_or_repeats(app, monkeypatch, q):
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COUNT_CAP", 7)
    monkeypatch.setattr(queue, "SEARCH_COUNT_CAP", 7)
    monkeypatch.setattr(queue, "PER_PAGE", 4)
    lawyer, _member, cases = _world(18)
    first = queue_page(lawyer, QueueFilters(q=q))
    assert first.total_capped and first.total == 7 and first.pages is None
    assert first.has_next and first.next_after
    seen, last = _walk(lawyer, q)
    assert len(seen) == len(set(seen)) == 18
    assert set(seen) == {case.reference for case in cases}
    assert last.page == 5 and not last.more
    # Newest activity first, across the keyset boundaries too.
    ordered = db.session.scalars(sa.select(Case.reference).order_by(Case.last_activity_at.desc(), Case.id.desc()))
    assert seen == list(ordered)


def test_a_common_words_matches_are_counted_to_the_search_cap_and_every_one_is_still_reached(app, monkeypatch):
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COUNT_CAP", 10)
    monkeypatch.setattr(queue, "SEARCH_COUNT_CAP", 4)
    monkeypatch.setattr(queue, "COMMON_SHARE", 0)  # every word is common: found walking the queue
    monkeypatch.setattr(queue, "PER_PAGE", 4)
    lawyer, _member, cases = _world(18)
    everything = queue_page(lawyer, QueueFilters())
    assert everything.total_capped and everything.total == 10
    searched = queue_page(lawyer, QueueFilters(q="dosya"))
    assert searched.total_capped and searched.total == 4 and searched.capped
    assert all(count <= 4 for count in searched.counts.values())
    by_status = queue_page(lawyer, QueueFilters(q="dosya", status="submitted"))
    assert by_status.total_capped and by_status.total == 4
    seen, _last = _walk(lawyer, "dosya")
    assert sorted(seen) == sorted(case.reference for case in cases)


def test_counts_below_the_cap_stay_exact_and_a_capped_status_says_so(app, monkeypatch):
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COUNT_CAP", 5)
    lawyer, _member, cases = _world(9)
    for case in cases[:2]:
        case.status = "in_review"  # through the ORM, as every service changes a status
    db.session.commit()
    page = queue_page(lawyer, QueueFilters())
    assert page.counts == {"submitted": 5, "in_review": 2}
    assert page.capped == {"submitted"} and page.total_capped
    only = queue_page(lawyer, QueueFilters(status="in_review"))
    assert (only.total, only.total_capped, only.pages) == (2, False, 1)


def test_the_queue_page_shows_capped_counts_with_a_plus(client, login, monkeypatch):
    from app.queries import queue

    monkeypatch.setattr(queue, "COUNT_CAP", 3)
    lawyer, _member, _cases = _world(30)
    login(lawyer)
    page = client.get("/desk/").get_data(as_text=True)
    assert "3+</span>" in page and "3 dosyadan fazla" in page and "Sayfa 1</span>" in page
    follow = page.split('class="page-link" href="')[-1].split('"')[0].replace("&amp;", "&")
    assert "after=" in follow and "page=2" in follow
    assert client.get(follow).status_code == 200


@pytest.mark.parametrize("common", [True, False])
def test_common_and_rare_words_find_the_same_cases(app, monkeypatch, common):
    """Whichever way a search goes (walking the queue or through the index), it finds the same."""
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COMMON_SHARE", 0 if common else 10**9)
    lawyer, _member, cases = _world(12, narrative=lambda i: "Mesai saatleri" if i % 3 == 0 else "Başka bir konu")
    expected = {case.reference for i, case in enumerate(cases) if i % 3 == 0}
    assert {row.reference for row in queue_page(lawyer, QueueFilters(q="mesai")).rows} == expected
    # Shorter than a trigram, a LIKE metacharacter, no match at all.
    assert expected <= {row.reference for row in queue_page(lawyer, QueueFilters(q="me")).rows}
    assert queue_page(lawyer, QueueFilters(q="%")).rows == []
    assert queue_page(lawyer, QueueFilters(q='"mesai')).rows == []


@pytest.mark.parametrize("common", [True, False])
def test_a_phrase_finds_its_words_together_and_in_order_only(app, monkeypatch, common):
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COMMON_SHARE", 0 if common else 10**9)
    narratives = ["Müdür Yılmaz Çelik beni uyardı", "Yılmaz bey ile Çelik hanım", "Çelik Yılmaz", "yılmazçelik", "x"]
    lawyer, _member, cases = _world(5, narrative=lambda i: narratives[i])

    def found(q: str) -> set[str]:
        return {row.reference for row in queue_page(lawyer, QueueFilters(q=q)).rows}

    assert found("yılmaz çelik") == found("YILMAZ   ÇELİK") == {cases[0].reference}
    assert found("z ç") == {cases[0].reference}  # across the words, as typed
    assert found("yılmazçelik") == {cases[3].reference}  # the index ignores spaces; the search does not
    assert found("müdür yılmaz çelik beni") == {cases[0].reference}  # three places where words meet
    assert found("yılmaz çelik hanım") == set()
    assert found("ile çelik") == {cases[1].reference} and found("ÇELİK YILMAZ") == {cases[2].reference}


def test_postgresql_searches_a_phrase_through_the_joined_trigram_index(app):
    """The query's expression is the index's own (migration 0016), so the planner can read it."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite searches its FTS5 table")
    from app.queries.queue import _contains

    statement = sa.select(Case.id).where(_contains("yilmaz celik", indexed=True))
    # A few rows: only a path that asks an index for the condition is left to the planner.
    db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
    db.session.execute(sa.text("SET LOCAL enable_indexscan = off"))
    plan = "\n".join(
        db.session.execute(
            sa.text("EXPLAIN " + str(statement.compile(db.engine, compile_kwargs={"literal_binds": True})))
        ).scalars()
    )
    db.session.rollback()
    assert "ix_cases_search_joined_trgm" in plan, plan
    index_condition = next(line for line in plan.splitlines() if "Index Cond" in line)
    # Asked for where the words meet (the rare part of a phrase of common words), then tested whole.
    assert "replace(search_text, ' '::text, ''::text)" in index_condition and "mazcel" in index_condition, plan
    assert "strpos(search_text, 'yilmaz celik'::text) > 0" in plan, plan


def test_the_search_index_follows_every_write_of_the_search_text(app, monkeypatch):
    """SQLite's FTS table is kept by triggers: filing, a rewrite of the text and a deletion."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL searches its own column through the GIN index")
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COMMON_SHARE", 10**9)  # always through the index
    lawyer, _member, cases = _world(3, narrative=lambda i: f"Kayıp belge {i}")

    def found(q: str) -> set[str]:
        return {row.reference for row in queue_page(lawyer, QueueFilters(q=q)).rows}

    assert found("kayip belge") == {case.reference for case in cases}
    db.session.execute(sa.update(Case).where(Case.id == cases[0].id).values(search_text="yeni metin"))
    db.session.commit()
    assert found("kayip belge") == {cases[1].reference, cases[2].reference}
    assert found("yeni metin") == {cases[0].reference}
    index = db.session.execute(sa.text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"belge 2\"'")).all()
    assert [row[0] for row in index] == [cases[2].id]
    connection = db.session.connection()  # below the ORM, as the tests' cleanup deletes
    for table in reversed(db.metadata.sorted_tables):  # the case's own rows first
        if "case_id" in table.c:
            connection.execute(table.delete().where(table.c.case_id == cases[2].id))
    connection.execute(Case.__table__.delete().where(Case.__table__.c.id == cases[2].id))
    db.session.commit()
    assert found("belge 2") == set()
    # FTS5 compares its index with the cases table: raises when they disagree.
    db.session.execute(sa.text("INSERT INTO cases_fts (cases_fts) VALUES ('integrity-check')"))


@pytest.mark.parametrize("sort", ["activity", "created", "priority", "deadline"])
def test_a_rare_word_sorted_from_its_matches_pages_as_sql_sorts(app, monkeypatch, sort):
    """A rare word's page is cut from its matches in Python: the same rows, in the same order, as SQL gives."""
    from datetime import timedelta

    from app import clock
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "PER_PAGE", 4)
    lawyer, _member, cases = _world(11)
    for i, case in enumerate(cases):
        deadline = None if i % 3 == 0 else clock.today() + timedelta(days=i % 4)
        db.session.execute(
            sa.update(Case).where(Case.id == case.id).values(priority_rank=i % 3, next_deadline=deadline)
        )
    db.session.commit()

    def pages(share: int) -> list[list[str]]:
        monkeypatch.setattr(queue, "COMMON_SHARE", share)
        return [
            [row.reference for row in queue_page(lawyer, QueueFilters(q="dosya", sort=sort, page=n)).rows]
            for n in (1, 2, 3)
        ]

    walked, sorted_here = pages(0), pages(10**9)
    assert walked == sorted_here and sum(len(page) for page in walked) == 11


def test_a_word_missing_from_the_newest_cases_but_found_often_is_paged_as_a_common_word(app, monkeypatch):
    """Once the index finds more matches than a rare word has, the page walks the queue and counts stop at the search cap."""
    from app.queries import queue
    from app.queries.queue import QueueFilters, queue_page

    monkeypatch.setattr(queue, "COUNT_CAP", 5)
    monkeypatch.setattr(queue, "SEARCH_COUNT_CAP", 3)
    monkeypatch.setattr(queue, "COMMON_SHARE", 10**9)  # the sample never calls a word common
    monkeypatch.setattr(queue, "PER_PAGE", 4)
    lawyer, _member, cases = _world(14, narrative=lambda i: "Fazla mesai" if i % 7 else "Başka konu")
    expected = [case.reference for i, case in enumerate(cases) if i % 7]
    first = queue_page(lawyer, QueueFilters(q="mesai"))
    assert first.total_capped and first.total == 3 and first.counts == {"submitted": 3}
    assert first.capped == {"submitted"}
    by_status = queue_page(lawyer, QueueFilters(q="mesai", status="submitted"))
    assert by_status.total_capped and by_status.total == 3
    seen, _last = _walk(lawyer, "mesai")
    assert sorted(seen) == sorted(expected) and len(seen) == 12


def _statements_of(function, *args, **kwargs) -> tuple:
    """What ``function(*args, **kwargs)`` returns, and the SQL statements it ran."""
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        result = function(*args, **kwargs)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
    return result, statements


def test_the_whole_queue_is_counted_from_the_report_summary_exactly_as_the_cases_stand(app):
    """Unfiltered (or one union or kind of the scope), the counts per status read the summary the
    flushes keep, not ten index ranges of the cases; they stay exact through changes and scopes."""
    from app.queries.queue import QueueFilters, status_counts
    from app.queries.scope import case_scope

    union, other = UnionFactory(), UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    confederation = UserFactory(role="lawyer", union=None)
    officer = UserFactory(role="officer", union=union)
    member, outsider = MemberFactory(union=union), MemberFactory(union=other)
    mine = [make_case(member) for _ in range(4)] + [make_case(member, kind="social")]
    theirs = [make_case(outsider) for _ in range(3)]
    mine[0].status, mine[1].status, theirs[0].status = "in_review", "in_review", "accepted"
    db.session.commit()

    def counted(user, **filters) -> dict[str, int]:
        scope = case_scope(user)
        for name, value in filters.items():
            scope = sa.and_(scope, getattr(Case, name) == value)
        rows = db.session.execute(sa.select(Case.status, sa.func.count()).where(scope).group_by(Case.status))
        return dict(rows.tuples().all())

    expected = {
        (lawyer, ()): {"submitted": 2, "in_review": 2},
        (confederation, ()): {"submitted": 4, "in_review": 2, "accepted": 1},
        (confederation, (("union_id", other.id),)): {"submitted": 2, "accepted": 1},
        (officer, ()): {"submitted": 1},
        (officer, (("kind", "material"),)): {},
    }
    for (user, filters), counts in expected.items():
        user.role  # noqa: B018 - loaded now, not inside the statements counted
        answer, statements = _statements_of(status_counts, user, QueueFilters(**dict(filters)), today=None)
        assert answer == counts == counted(user, **dict(filters))
        assert len(statements) == 1 and "report_case_counts" in statements[0] and " cases" not in statements[0]
    # Any other filter counts the cases themselves, each count capped.
    _counts, filtered = _statements_of(status_counts, lawyer, QueueFilters(category="relocation"), today=None)
    assert len(filtered) == 1 and "FROM cases" in filtered[0]


def test_the_summary_counts_are_summed_from_their_index_alone(app):
    """The count is in the scope index (0017): no summary row is read from the table, on either database."""
    from app.queries.queue import _summary_count_statement
    from app.queries.scope import viewer_of

    lawyer = UserFactory(role="lawyer", union=UnionFactory())
    statement = _summary_count_statement(viewer_of(lawyer), lawyer.union_id, None)
    sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True})).replace("%%", "%")
    if db.engine.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in db.session.execute(sa.text("EXPLAIN QUERY PLAN " + sql)))
        assert "USING COVERING INDEX ix_report_case_counts_scope" in plan, plan
    else:
        # A handful of rows: left to itself the planner may read the table or a bitmap, whichever it likes.
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        db.session.execute(sa.text("SET LOCAL enable_bitmapscan = off"))
        plan = "\n".join(db.session.execute(sa.text("EXPLAIN " + sql)).scalars())
        db.session.rollback()
        assert "Index Only Scan using ix_report_case_counts_scope" in plan, plan
