import sqlalchemy as sa

from app.models import Case, CaseEvent, Institution, MemberProfile, Union, User
from app.services.timeline import audit_key, link_of
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


def test_create_admin_refuses_a_malformed_email_or_an_empty_name(runner, db):
    bad_email = runner.invoke(args=["create-admin", "--email", "boss@", "--name", "A", "--password", "long enough!"])
    assert bad_email.exit_code != 0 and "not a valid email address" in bad_email.output
    no_name = runner.invoke(
        args=["create-admin", "--email", "a@example.org", "--name", " ", "--password", "long enough!"]
    )
    assert no_name.exit_code != 0 and "full name" in no_name.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_create_admin_asks_for_what_is_missing_and_the_new_admin_can_sign_in(runner, db, client):
    from tests.helpers import csrf_token_from

    result = runner.invoke(
        args=["create-admin"], input="first@example.org\nAyla Er\na long password\na long password\n"
    )
    assert result.exit_code == 0, result.output
    token = csrf_token_from(client.get("/login"))
    response = client.post(
        "/login", data={"email": "first@example.org", "password": "a long password", "csrf_token": token}
    )
    assert response.headers["Location"] == "/admin/"


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
    assert set(db.session.scalars(sa.select(Case.kind))) == {"legal", "social", "material"}
    assert len(set(db.session.scalars(sa.select(Case.category)))) >= 8
    assert sorted(db.session.scalars(sa.select(Union.branch_no))) == list(range(1, 12))
    assert all(db.session.scalars(sa.select(Union.branch_name)))
    assert db.session.scalar(sa.select(sa.func.count(sa.distinct(Institution.province)))) >= 15

    assert "added now: 11 unions" in first.output
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "nothing new was added" in second.output
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
        assert verify_chain((link_of(e) for e in events), key=audit_key()) is None


def test_the_logins_the_run_command_prints_exist_with_their_role(runner, db):
    """scripts/run.sh prints one demo login per role; each must work with the demo password."""
    import re
    from pathlib import Path

    from app.demo_data import DEMO_PASSWORD

    runner.invoke(args=["seed-demo"])
    script = (Path(__file__).resolve().parents[2] / "scripts" / "run.sh").read_text()
    printed = dict(re.findall(r"^\s+(member|lawyer|officer|admin)\s+(\S+@dayanak\.test)$", script, re.MULTILINE))
    assert set(printed) == {"member", "lawyer", "officer", "admin"}
    assert DEMO_PASSWORD in script
    for role, email in printed.items():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user.role == role and user.active and user.check_password(DEMO_PASSWORD)
