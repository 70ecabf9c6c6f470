"""Keeping the queue's folded search text in step when a member or an institution is renamed.

Filing writes ``Case.search_text`` (reference, member name, institution, respondent, narrative)
so search needs no join; a later rename must rewrite it, or the queue would find the case only
under the old name. The rewrite is a plain table update: it does not bump the cases' versions,
so nobody's open form turns stale because an admin fixed a spelling.
"""

from typing import cast

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Case, Institution, MemberProfile, User
from app.services.filing import search_text_for
from cases.text import fold

BATCH = 1000


def refresh_for_user(user: User) -> int:
    """After ``user`` was renamed: their member profile's folded name and their cases' search text."""
    db.session.execute(
        sa.update(MemberProfile.__table__)
        .where(MemberProfile.user_id == user.id, MemberProfile.anonymised_at.is_(None))
        .values(full_name_folded=fold(user.full_name))
    )
    return _refresh(MemberProfile.user_id == user.id)


def refresh_for_institution(institution: Institution) -> int:
    """After ``institution`` was renamed: the search text of its cases."""
    return _refresh(Case.institution_id == institution.id)


def _refresh(condition: sa.ColumnElement[bool]) -> int:
    """Re-fold the search text of the cases matching ``condition`` (current transaction, not committed)."""
    db.session.flush()
    member_user = aliased(User, name="member_user")
    rows = db.session.execute(
        sa.select(Case.id, Case.reference, Case.respondent_name, Case.narrative)
        .add_columns(member_user.full_name.label("member_name"), Institution.name.label("institution_name"))
        .join(MemberProfile, MemberProfile.id == Case.member_id)
        .join(member_user, member_user.id == MemberProfile.user_id)
        .outerjoin(Institution, Institution.id == Case.institution_id)
        # An erased member's cases keep the neutral text the erasure wrote.
        .where(condition, MemberProfile.anonymised_at.is_(None))
    ).all()
    table = Case.__table__
    statement = table.update().where(table.c.id == sa.bindparam("case_id")).values(search_text=sa.bindparam("text"))
    for start in range(0, len(rows), BATCH):
        # A row carries the reference, respondent and narrative that search_text_for reads from a case.
        updates = [
            {"case_id": row.id, "text": search_text_for(cast(Case, row), row.member_name, row.institution_name)}
            for row in rows[start : start + BATCH]
        ]
        db.session.execute(statement, updates)
    return len(rows)
