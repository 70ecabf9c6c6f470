"""Which administrative court hears a public servant's case (İYUK 32–33), as a proposal.

Art. 33: appointments and transfers → the court of the new or the old place of duty (the member
chooses); ending service → the last place of duty; discipline that does not end service, pay,
progression, promotion and records → where the member serves; anything else → art. 32, where the
administration that made the act is seated. The lawyer confirms or changes the proposal.
"""

from dataclasses import dataclass
from enum import StrEnum

from cases.deadlines.rules import DISMISSAL
from cases.i18n import N_
from cases.vocabulary import Category


class Ground(StrEnum):
    NEW_OR_OLD_PLACE = "new_or_old_place"
    LAST_PLACE = "last_place"
    PLACE_OF_SERVICE = "place_of_service"
    SEAT_OF_ADMINISTRATION = "seat_of_administration"


@dataclass(frozen=True)
class CourtProposal:
    ground: Ground
    article: str
    provinces: tuple[str, ...]  # where the competent court sits; two when the member chooses
    explanation: str  # N_


_SERVICE_CATEGORIES = frozenset({Category.PROMOTION, Category.PAY_AND_BENEFITS})


def propose_competent_court(
    category: Category | str,
    *,
    penalty: str | None = None,
    service_ended: bool = False,
    place_of_duty: str | None = None,
    previous_place_of_duty: str | None = None,
    administration_seat: str | None = None,
) -> CourtProposal:
    """The province(s) whose administrative court is competent, with the article and why."""
    category = Category(category)
    places = [p for p in (place_of_duty,) if p]
    if category is Category.RELOCATION:
        choice = tuple(dict.fromkeys(p for p in (place_of_duty, previous_place_of_duty) if p))
        return CourtProposal(
            Ground.NEW_OR_OLD_PLACE,
            "2577 İYUK m.33/1",
            choice,
            N_("An appointment or transfer: the court of the new or the old place of duty, as the member chooses."),
        )
    if service_ended or (category is Category.DISCIPLINARY_PENALTY and penalty == DISMISSAL):
        return CourtProposal(
            Ground.LAST_PLACE,
            "2577 İYUK m.33/2",
            tuple(places),
            N_("Service ended: the court of the member's last place of duty."),
        )
    if category is Category.DISCIPLINARY_PENALTY or category in _SERVICE_CATEGORIES:
        return CourtProposal(
            Ground.PLACE_OF_SERVICE,
            "2577 İYUK m.33/3",
            tuple(places),
            N_(
                "A penalty that does not end service, or pay, promotion or records: the court of the place "
                "where the member serves."
            ),
        )
    seat = administration_seat or place_of_duty
    return CourtProposal(
        Ground.SEAT_OF_ADMINISTRATION,
        "2577 İYUK m.32",
        (seat,) if seat else (),
        N_("The general rule: the court of the place where the administration that made the act is seated."),
    )
