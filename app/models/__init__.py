"""Database models, one module per aggregate. Importing this package registers every table."""

from app.models.audit import AccessLog, DataRequest
from app.models.case import Attachment, Case, CaseEvent, CaseReferenceCounter, Draft
from app.models.deadline import CalendarDay, Deadline
from app.models.member import Consent, MemberProfile, RollEntry
from app.models.org import Court, Institution, Union
from app.models.outbox import OutboxMessage
from app.models.petition import Document, PetitionTemplate, PetitionTemplateVersion
from app.models.proceeding import Proceeding
from app.models.report import CaseStageEntry, CaseView, PublishedStatistics, SavedFilter
from app.models.report_counts import ReportCaseCount, ReportDecisionCount, ReportPlaceCount, ReportStageCount
from app.models.security import RecoveryCode, SignInAddress, TrustedDevice, UserSession
from app.models.user import User, load_user

__all__ = [
    "AccessLog",
    "Attachment",
    "CalendarDay",
    "Case",
    "CaseEvent",
    "CaseReferenceCounter",
    "CaseStageEntry",
    "CaseView",
    "Consent",
    "Court",
    "DataRequest",
    "Deadline",
    "Document",
    "Draft",
    "Institution",
    "MemberProfile",
    "OutboxMessage",
    "PetitionTemplate",
    "PetitionTemplateVersion",
    "Proceeding",
    "PublishedStatistics",
    "RecoveryCode",
    "ReportCaseCount",
    "ReportDecisionCount",
    "ReportPlaceCount",
    "ReportStageCount",
    "RollEntry",
    "SavedFilter",
    "SignInAddress",
    "TrustedDevice",
    "Union",
    "User",
    "UserSession",
    "load_user",
]
