"""Loading the demo installation. Idempotent: what already exists is reused, never duplicated."""

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from app import clock, demo_data
from app.extensions import db
from app.models import Case, Court, Institution, MemberProfile, Union, User
from app.models.base import utcnow
from app.models.member import MembershipStatus
from app.services.accounts import create_user
from app.services.filing import NewCase, open_case
from app.services.petitions import load_default_templates
from app.services.workflow import amount_at_stake, perform_transition
from cases.money import canonical
from cases.text import fold


def load_demo_data() -> str:
    """Create whatever of the demo data is missing; return a one-line summary."""
    before = _counts()
    unions = _unions()
    institutions = _institutions(unions)
    _courts()
    users = _staff(unions)
    members = _members(unions, institutions, users)
    _cases(members, users)
    load_default_templates()  # the default petition set, added only where missing
    db.session.commit()
    after = _counts()
    added = [f"{after[name] - before[name]} {name}" for name in after if after[name] > before[name]]
    return (
        f"Demo data ready: {len(unions)} unions, {len(institutions)} institutions, "
        f"{len(users)} accounts, {after['cases']} cases; "
        + ("added now: " + ", ".join(added) + "." if added else "nothing new was added (it was loaded before).")
    )


def _counts() -> dict[str, int]:
    return {
        name: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for name, model in (("unions", Union), ("institutions", Institution), ("accounts", User), ("cases", Case))
    }


def _unions() -> dict[str, Union]:
    existing = {u.code: u for u in db.session.scalars(sa.select(Union))}
    for code, name, branch_no, branch_name in demo_data.UNIONS:
        if code not in existing:
            existing[code] = Union(
                code=code,
                name=name,
                branch_no=branch_no,
                branch_name=branch_name,
                address=f"{name} Genel Merkezi, Ankara",
            )
            db.session.add(existing[code])
    db.session.flush()
    return existing


def _institutions(unions: dict[str, Union]) -> dict[str, Institution]:
    existing = {i.name: i for i in db.session.scalars(sa.select(Institution))}
    for code, name, province in demo_data.INSTITUTIONS:
        if name not in existing:
            existing[name] = Institution(name=name, province=province, union_id=unions[code].id, address=f"{province}")
            db.session.add(existing[name])
        institution = existing[name]
        entity, superior = demo_data.LEGAL_ENTITIES.get(name, (None, None))
        if entity and not institution.legal_entity:  # an admin's correction is never overwritten
            institution.legal_entity = entity
            institution.legal_entity_address = f"{entity}, {province}"
            institution.superior_authority = superior
    db.session.flush()
    return existing


def _courts() -> None:
    from app.commands.courts import DEFAULT_FILE
    from app.services.courts import load_courts

    load_courts(DEFAULT_FILE.read_text(encoding="utf-8"))  # the sourced courts list (adds only what is missing)
    names = set(db.session.scalars(sa.select(Court.name)))
    for name, province, kind, recess in demo_data.COURTS:
        if name not in names:
            db.session.add(Court(name=name, province=province, kind=kind, takes_recess=recess))


def _staff(unions: dict[str, Union]) -> dict[str, User]:
    users = {u.email: u for u in db.session.scalars(sa.select(User))}
    for email, full_name, role, union_code, extra in demo_data.STAFF:
        if email not in users:
            users[email] = create_user(
                email=email,
                password=demo_data.DEMO_PASSWORD,
                full_name=full_name,
                role=role,
                union_id=unions[union_code].id if union_code else None,
                email_confirmed_at=utcnow(),
                **extra,
            )
    db.session.flush()
    return users


def _members(unions, institutions, users: dict[str, User]) -> dict[str, MemberProfile]:
    profiles = {}
    for email, full_name, national_id, union_code, number, institution, title, province in demo_data.MEMBERS:
        user = users.get(email)
        if user is None:
            user = users[email] = create_user(
                email=email,
                password=demo_data.DEMO_PASSWORD,
                full_name=full_name,
                role="member",
                union_id=unions[union_code].id,
                email_confirmed_at=utcnow(),
            )
            db.session.flush()
        profile = db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == user.id))
        if profile is None:
            profile = MemberProfile(
                user_id=user.id,
                national_id=national_id,
                union_id=unions[union_code].id,
                membership_number=number,
                institution_id=institutions[institution].id,
                title=title,
                province=province,
                full_name_folded=fold(full_name),
                membership_status=MembershipStatus.VERIFIED,
                verified_at=utcnow(),
                address=f"{province} merkez",
            )
            db.session.add(profile)
            db.session.flush()
        profiles[email] = profile
    return profiles


def _days_ago(value) -> date | None:
    return None if value is None else clock.today() - timedelta(days=value)


def _cases(members: dict[str, MemberProfile], users: dict[str, User]) -> int:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Case)):
        return 0  # demo cases were loaded before; never duplicate them
    institutions = {i.name: i.id for i in db.session.scalars(sa.select(Institution))}
    created = 0
    for spec in demo_data.CASES:
        member = members[spec["member"]]
        member_user = users[spec["member"]]
        data = NewCase(
            kind=spec["kind"],
            category=spec["category"],
            narrative=spec["narrative"],
            requests=spec["requests"],
            respondent_type=spec.get("respondent_type"),
            respondent_name=spec.get("respondent_name"),
            respondent_title=spec.get("respondent_title"),
            institution_id=institutions.get(spec.get("respondent_name", "")) or member.institution_id,
            incident_date=_days_ago(spec.get("incident")),
            notification_date=_days_ago(spec.get("notification")),
            details=spec["details"],
            priority=spec["priority"],
            amount_requested=Decimal(spec["amount_requested"]) if spec.get("amount_requested") else None,
        )
        case = open_case(member, data, actor=member_user, member_name=member_user.full_name)
        db.session.commit()
        for name, actor_email, inputs in spec["steps"]:
            inputs = {key: _days_ago(value) if key.endswith("_date") else value for key, value in inputs.items()}
            at_stake = amount_at_stake(case, name, inputs)
            perform_transition(
                case,
                name,
                users[actor_email],
                inputs,
                expected_version=case.version,
                confirmed_amount=canonical(at_stake) if at_stake is not None else None,
            )
        created += 1
    return created
