"""Conflict of interest: the respondent of a case is a member of the same union.

Both sides being members is common in a union; staff must know, members never. The match is
by T.C. Kimlik No when the case names it, else by the Turkish-folded full name *and* the
institution. The result is stored on the case (``conflict_status``) so the queue shows it
without extra queries, and recorded as a staff-only ``conflict`` event.
"""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.models import Case, MemberProfile, User
from app.services.concurrency import commit_case_change, ensure_version
from app.services.timeline import append_event
from cases.errors import MissingInput, TransitionNotAllowed
from cases.events import EventKind
from cases.i18n import N_
from cases.national_id import validate_national_id

PERSON_RESPONDENTS = ("manager", "supervisor", "coworker")


def find_conflict(case: Case) -> tuple[int, str] | None:
    """(member profile id, basis) of a member of the case's union who is its respondent, or None."""
    if case.respondent_type not in PERSON_RESPONDENTS:
        return None
    query = sa.select(MemberProfile.id).where(
        MemberProfile.union_id == case.union_id,
        MemberProfile.id != case.member_id,
        MemberProfile.anonymised_at.is_(None),
    )
    if case.respondent_national_id:
        query, basis = query.where(MemberProfile.national_id == case.respondent_national_id), "national_id"
    else:
        name = case.respondent_name_folded
        if not name or case.institution_id is None:
            return None
        query = query.where(MemberProfile.full_name_folded == name, MemberProfile.institution_id == case.institution_id)
        basis = "name_and_institution"
    found = db.session.scalar(query.limit(1))
    return None if found is None else (found, basis)


def flag_conflict(case: Case) -> bool:
    """Check a case not checked yet; on a match mark it 'detected' with a staff-only event (not committed).

    Filing can call this inside its own transaction. Returns whether a conflict is recorded.
    """
    if case.conflict_status != "none":
        return True
    match = find_conflict(case)
    if match is None:
        return False
    profile_id, basis = match
    case.conflict_status = "detected"
    append_event(
        case, EventKind.CONFLICT, None, {"action": "detected", "basis": basis, "member_profile_id": profile_id}
    )
    return True


def record_respondent_id(case: Case, user: User, national_id: str, *, expected_version) -> bool:
    """Store the respondent's T.C. Kimlik No (staff only) and check it against the union's members; commit.

    The number is kept on the case, never in the append-only timeline, so it can be erased with
    the case's other personal data. Returns whether a conflict is recorded. Raises InvalidNationalId.
    """
    ensure_version(case, expected_version)
    if case.respondent_type not in PERSON_RESPONDENTS:
        raise TransitionNotAllowed(N_("This case names no person as the respondent."))
    case.respondent_national_id = validate_national_id(national_id)
    append_event(case, EventKind.CONFLICT, user, {"action": "respondent_id_recorded"})
    found = flag_conflict(case)
    commit_case_change()
    return found


def record_handling(case: Case, user: User, note: str, *, expected_version) -> None:
    """Record how a detected conflict was handled (staff only); commit."""
    ensure_version(case, expected_version)
    if case.conflict_status == "none":
        raise TransitionNotAllowed(N_("No conflict of interest was detected on this case."))
    note = (note or "").strip()
    if not note:
        raise MissingInput(N_("Please write how the conflict was handled."), field="note")
    if len(note) > 4000:
        raise MissingInput(
            N_("Please shorten this to at most %(max_length)s characters."), field="note", max_length=4000
        )
    case.conflict_status = "handled"
    case.conflict_note = note
    append_event(case, EventKind.CONFLICT, user, {"action": "handled", "note": note})
    commit_case_change()


# Cases are flagged in batches, each committed on its own, so a member named in many cases
# never holds many case rows in one transaction.
NEW_MEMBER_CASES_CHECKED = 50


def flag_cases_naming(profile: MemberProfile) -> int:
    """Flag the unchecked cases of the member's union whose respondent is this member; commit.

    Registration and a member's rename call it after their own change is saved, in transactions
    of its own, so a conflict there never undoes them. A batch that loses a race with a lawyer
    acting on one of its cases is given up (rolled back) and counted as nothing flagged.
    Returns how many cases were flagged.
    """
    flagged = 0
    while True:
        batch = _flag_batch(profile)
        if batch <= 0:
            return flagged
        flagged += batch


def _flag_batch(profile: MemberProfile) -> int:
    """Flag up to NEW_MEMBER_CASES_CHECKED cases naming ``profile`` and commit; -1 after a lost race."""
    # The same two ways find_conflict matches, seen from the member's side.
    matches = []
    if profile.national_id:
        matches.append(Case.respondent_national_id == profile.national_id)
    if profile.full_name_folded and profile.institution_id is not None:
        matches.append(
            sa.and_(
                Case.respondent_national_id.is_(None),
                Case.respondent_name_folded == profile.full_name_folded,
                Case.institution_id == profile.institution_id,
            )
        )
    if not matches:
        return 0
    cases = db.session.scalars(
        sa.select(Case)
        .where(
            Case.union_id == profile.union_id,
            Case.member_id != profile.id,
            Case.conflict_status == "none",
            Case.respondent_type.in_(PERSON_RESPONDENTS),
            sa.or_(*matches),
        )
        .order_by(Case.id)
        .limit(NEW_MEMBER_CASES_CHECKED)
    ).all()
    flagged = sum(1 for case in cases if flag_conflict(case))
    if not flagged:
        return 0
    try:
        db.session.commit()
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        return -1
    return flagged
