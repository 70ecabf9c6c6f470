"""A seeded data set for the report tests: cases spread over unions, places, months and stages.

The rows are written directly (with their stage entries) so a test can state any history; the
expected figures are then counted from ``Seeded.cases`` in plain Python, independently of the
report queries.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from app import clock
from app.extensions import db
from app.models import Case, CaseStageEntry, Proceeding
from tests.factories import InstitutionFactory, MemberFactory, UnionFactory, UserFactory, make_case

LEGAL_PATHS = [
    ["submitted"],
    ["submitted", "in_review"],
    ["submitted", "in_review", "awaiting_member"],
    ["submitted", "in_review", "accepted"],
    ["submitted", "in_review", "accepted", "lawsuit_filed"],
    ["submitted", "in_review", "accepted", "lawsuit_filed", "resolved"],
    ["submitted", "in_review", "accepted", "objection_filed", "resolved", "closed"],
    ["submitted", "in_review", "declined"],
]
ASSISTANCE_PATHS = [
    ["submitted", "in_review"],
    ["submitted", "in_review", "approved"],
    ["submitted", "in_review", "approved", "paid"],
    ["submitted", "in_review", "approved", "paid", "closed"],
]
COURTS = ["Ankara 1. İdare Mahkemesi", "İzmir 2. İdare Mahkemesi", "İl Disiplin Kurulu"]


@dataclass
class Row:
    id: int
    union_id: int
    kind: str
    category: str
    status: str
    province: str
    institution_id: int
    respondent_type: str
    created_at: datetime
    outcome: str | None = None
    court: str | None = None
    decision_date: date | None = None
    amount: Decimal | None = None
    stages: dict[str, int] = field(default_factory=dict)  # state -> days after filing
    assignee_id: int | None = None


@dataclass
class Seeded:
    union_a: object
    union_b: object
    institutions: list
    members_by_institution: dict[int, int]
    cases: list[Row]
    lawyer_a: object


def local_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=clock.zone()).astimezone(UTC)


def seed(n: int = 60, *, seed_value: int = 7) -> Seeded:
    rng = random.Random(seed_value)
    today = clock.today()
    union_a, union_b = UnionFactory(), UnionFactory()
    institutions = [
        InstitutionFactory(name="Ankara Devlet Hastanesi", province="Ankara"),
        InstitutionFactory(name="İzmir İl Milli Eğitim Müdürlüğü", province="İzmir"),
        InstitutionFactory(name="Iğdır Adliyesi", province="Iğdır"),
    ]
    members = []
    members_by_institution: dict[int, int] = {}
    for index, institution in enumerate(institutions):
        for union in (union_a, union_b):
            for _ in range(index + 1):  # 1, 2 and 3 verified members per union there
                members.append(MemberFactory(union=union, institution=institution, province=institution.province))
                members_by_institution[institution.id] = members_by_institution.get(institution.id, 0) + 1
    MemberFactory(union=union_a, institution=institutions[0], membership_status="pending")  # not counted
    lawyer_a = UserFactory(role="lawyer", union_id=union_a.id)
    rows: list[Row] = []
    for _ in range(n):
        member = rng.choice(members)
        legal = rng.random() < 0.7
        kind = "legal" if legal else rng.choice(["social", "material"])
        category = rng.choice(
            ["arbitrary_treatment", "harassment", "disciplinary_penalty", "relocation"]
            if legal
            else ["bereavement", "disaster"]
        )
        path = rng.choice(LEGAL_PATHS if legal else ASSISTANCE_PATHS)
        case = make_case(member, kind=kind, category=category, respondent_type=rng.choice(
            ["administration", "manager", "supervisor", "coworker"]))  # fmt: skip
        filed_day = today - timedelta(days=rng.randint(0, 420))
        created = local_noon(filed_day)
        row = Row(case.id, member.union_id, kind, category, path[-1], member.province, member.institution_id,
                  case.respondent_type, created)  # fmt: skip
        days = 0
        for state in path[1:]:
            days += rng.randint(0, 40)
            row.stages[state] = days
        if "resolved" in path:
            row.outcome = rng.choice(["won", "partly_won", "lost", "settled"])
            row.court = rng.choice(COURTS)
            row.decision_date = min(today, filed_day + timedelta(days=row.stages["resolved"]))
        if "approved" in path:
            row.amount = Decimal(rng.randint(100, 500_000)) / 100
        if row.status != "submitted":
            row.assignee_id = lawyer_a.id if kind == "legal" and member.union_id == union_a.id else None
        _write(case, row)
        rows.append(row)
    db.session.commit()
    return Seeded(union_a, union_b, institutions, members_by_institution, rows, lawyer_a)


def _write(case: Case, row: Row) -> None:
    case.created_at = row.created_at
    case.status = row.status
    case.outcome = row.outcome
    if row.decision_date is not None:
        db.session.add(
            Proceeding(case_id=case.id, position=1, kind="first_instance", authority=row.court,
                       decision_date=row.decision_date, outcome=row.outcome, papers=[])
        )  # fmt: skip
    case.amount_approved = row.amount
    case.assignee_id = row.assignee_id
    for state, days in row.stages.items():
        db.session.add(
            CaseStageEntry(case_id=case.id, state=state, union_id=case.union_id, kind=case.kind,
                           province=case.province, filed_at=row.created_at,
                           entered_at=row.created_at + timedelta(days=days, minutes=5), days=days)
        )  # fmt: skip
