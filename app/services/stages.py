"""Stage times: when a case first entered each state, kept for the reports' "time to stage"."""

from datetime import datetime

from app.extensions import db
from app.models import Case, CaseStageEntry


def record_stage_entry(case: Case, state: str, moment: datetime) -> None:
    """Note that ``case`` entered ``state`` at ``moment``, unless it had entered it before.

    Part of the caller's transaction: the transition and its stage entry commit together.
    """
    if db.session.get(CaseStageEntry, (case.id, state)) is not None:
        return
    db.session.add(
        CaseStageEntry(
            case_id=case.id,
            state=state,
            union_id=case.union_id,
            kind=case.kind,
            province=case.province,
            filed_at=case.created_at,
            entered_at=moment,
            days=max(0, (moment - case.created_at).days),
        )
    )
