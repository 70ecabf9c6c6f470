"""The import report: what importing each row did, counted, with the first messages kept."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cases.i18n import N_
from cases.member_roll.rows import RollRow, RowRefusal


class RowOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


_COMPARED = ("union_code", "membership_number", "national_id", "full_name", "status")


def compare_roll_row(row: RollRow, existing: Mapping[str, object] | None) -> tuple[RowOutcome, tuple[str, ...]]:
    """What importing ``row`` does to the stored entry: added, updated (which fields) or unchanged.

    A blank name in the file keeps the stored name, so a roll without names erases nothing.
    """
    if existing is None:
        return RowOutcome.ADDED, ()
    changed = tuple(
        name
        for name in _COMPARED
        if not (name == "full_name" and row.full_name is None)
        and str(getattr(row, name) or "") != str(existing.get(name) or "")
    )
    return (RowOutcome.UPDATED, changed) if changed else (RowOutcome.UNCHANGED, ())


@dataclass(frozen=True)
class RowMessage:
    line_no: int
    outcome: RowOutcome
    reason: str  # N_ message
    params: dict[str, object] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = str) -> str:
        text = translate(self.reason)
        return text % self.params if self.params else text


@dataclass
class RollImportReport:
    """Counts of what an import did, and the first ``max_messages`` per-row messages."""

    max_messages: int = 1000
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    messages: list[RowMessage] = field(default_factory=list)
    messages_omitted: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.refused

    def record(self, outcome: RowOutcome, line_no: int, reason: str | None = None, **params: object) -> None:
        """Count one row; keep a message when there is a reason (and room)."""
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)
        if reason is None:
            return
        if len(self.messages) < self.max_messages:
            self.messages.append(RowMessage(line_no, outcome, reason, params))
        else:
            self.messages_omitted += 1

    def record_refusal(self, refusal: RowRefusal) -> None:
        self.record(RowOutcome.REFUSED, refusal.line_no, refusal.reason, **refusal.params)

    def record_row(self, row: RollRow, existing: Mapping[str, object] | None) -> RowOutcome:
        """Count ``row`` by comparing it with the stored entry; return the outcome to act on."""
        outcome, changed = compare_roll_row(row, existing)
        if outcome is RowOutcome.UPDATED:
            self.record(outcome, row.line_no, N_("Updated: %(fields)s."), fields=", ".join(changed))
        else:
            self.record(outcome, row.line_no)
        return outcome

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary to store with the import."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "messages": [
                {"line": m.line_no, "outcome": m.outcome.value, "reason": m.reason, "params": m.params}
                for m in self.messages
            ],
            "messages_omitted": self.messages_omitted,
        }
