import sqlalchemy as sa

from app.models import Case, CaseEvent, Institution, MemberProfile, Union, User
from app.services.timeline import link_of
from cases.audit import verify_chain


def test_create_admin_makes_a_confederation_admin(runner, db):
    result = runner.invoke(
        args=["create-admin", "--email", "Boss@Example.org", "--name", "Ayla Er", "--password", "a long password"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "boss@example.org"))
    assert user.role == "admin" and user.union_id is None and user.check_password("a long password")


def test_create_admin_refuses_a_short_password_and_duplicates(runner, db):
    short = runner.invoke(args=["create-admin", "--email", "a@example.org", "--name", "A", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output
    runner.invoke(args=["create-admin", "--email", "a@example.org", "--name", "A", "--password", "long enough!"])
    again = runner.invoke(
        args=["create-admin", "--email", "A@example.org", "--name", "A", "--password", "long enough!"]
    )
    assert again.exit_code != 0 and "already exists" in again.output


def test_seed_demo_loads_everything_once(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    counts = {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Union, Institution, User, MemberProfile, Case, CaseEvent)
    }
    assert counts["Union"] == 11
    assert counts["Institution"] >= 30
    assert counts["Case"] >= 12
    roles = set(db.session.scalars(sa.select(User.role)))
    assert roles == {"member", "lawyer", "officer", "admin"}
    statuses = set(db.session.scalars(sa.select(Case.status)))
    assert len(statuses) >= 6

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    again = {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Union, Institution, User, MemberProfile, Case, CaseEvent)
    }
    assert again == counts


def test_seeded_timelines_form_valid_chains(runner, db):
    runner.invoke(args=["seed-demo"])
    for case_id in db.session.scalars(sa.select(Case.id)):
        events = db.session.scalars(
            sa.select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.sequence)
        )
        assert verify_chain(link_of(e) for e in events) is None
