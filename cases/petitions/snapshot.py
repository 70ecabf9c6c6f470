"""Plain snapshots of a case, the input of ``build_context``; the web layer fills them from models."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from cases.vocabulary import CaseKind, Category, RespondentType


@dataclass(frozen=True)
class MemberInfo:
    full_name: str
    national_id: str
    title: str = ""
    institution: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    membership_number: str = ""


@dataclass(frozen=True)
class UnionInfo:
    name: str
    address: str = ""


@dataclass(frozen=True)
class LawyerInfo:
    full_name: str
    bar: str = ""  # e.g. "Ankara Barosu"
    registry_number: str = ""
    address: str = ""  # blank: the union's address is used
    email: str = ""


@dataclass(frozen=True)
class InstitutionInfo:
    name: str
    address: str = ""
    province: str = ""
    legal_entity: str = ""  # the legal person sued for its acts (a ministry, governorship, rectorate…)
    legal_entity_address: str = ""
    superior_authority: str = ""  # where an İYUK 11 application goes; blank: the legal entity itself


@dataclass(frozen=True)
class RespondentInfo:
    type: RespondentType
    name: str = ""
    title: str = ""


@dataclass(frozen=True)
class AttachmentInfo:
    """One piece of evidence: its file name and what the uploader said it is."""

    name: str
    description: str = ""

    @property
    def label(self) -> str:
        """The line the evidence list shows: the description, else the file name."""
        return self.description.strip() or self.name.strip()


@dataclass(frozen=True)
class CaseSnapshot:
    reference: str
    kind: CaseKind
    category: Category
    member: MemberInfo
    union: UnionInfo
    institution: InstitutionInfo | None = None
    respondent: RespondentInfo | None = None
    lawyer: LawyerInfo | None = None
    incident_date: date | None = None
    notification_date: date | None = None  # of the contested act; starts the legal deadlines
    narrative: str = ""  # what the member wrote; one paragraph per line
    requests: str = ""  # what the member asks for; one request per line
    attachments: tuple[AttachmentInfo, ...] = field(default_factory=tuple)
    details: Mapping[str, object] = field(default_factory=dict)  # the per-category answers of the form
