"""The member portal: my cases, a case's page (timeline, messages, files), replies and withdrawal."""

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import labels
from app.access import allow, public
from app.downloads import send_download
from app.extensions import db
from app.i18n import domain_message
from app.models import Attachment, Case, Document, MemberProfile, Union
from app.portal import bp
from app.portal.forms import ReplyForm, WithdrawForm
from app.queries.scope import case_scope, get_case_by_reference_or_404
from app.queries.timeline import case_timeline
from app.services import downloads, filing
from app.services.deadline_proposals import case_proceedings
from app.services.petition_documents import member_formats
from cases.errors import DomainError, InvalidUpload, StaleCase
from cases.events import THREAD_KINDS, EventKind
from cases.proceedings import STAGE_LABELS, ProceedingKind
from cases.uploads import ACCEPT_ATTRIBUTE
from cases.vocabulary import Role
from cases.workflows import State, describe_state_for_member, is_open


def _profile() -> MemberProfile | None:
    return db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == current_user.id))


@bp.get("/")
@allow(Role.MEMBER)
def home():
    profile = _profile()
    cases = db.session.scalars(
        sa.select(Case).where(case_scope(current_user)).order_by(Case.last_activity_at.desc()).limit(100)
    ).all()
    rows = [(case, _(describe_state_for_member(case.status, case.kind))) for case in cases]
    drafts = filing.user_drafts(current_user)
    return render_template("portal/home.html", profile=profile, rows=rows, drafts=drafts)


# --- One case -----------------------------------------------------------------------------------


def _event_view(case: Case, event) -> dict:
    """Plain words for one member-visible event: a title and, for messages, the text."""
    payload = event.payload or {}
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    text = ""
    from_member = event.kind == EventKind.MEMBER_MESSAGE
    if event.kind == EventKind.SUBMITTED:
        title = _("Application received")
    elif event.kind == EventKind.TRANSITION:
        name = str(payload.get("transition"))
        titles = {
            "take": _("The union took up your case"),
            "request_info": _("The union asks for more information"),
            "member_answer": _("Your answer"),
            "withdraw": _("You withdrew the case"),
        }
        title = titles.get(name) or _(
            "New status: %(state)s", state=labels.label(labels.MEMBER_STATES, str(payload.get("to_state")))
        )
        text = str(data.get("message") or data.get("reason") or "")
        from_member = name in ("member_answer", "withdraw")
    elif event.kind == EventKind.MESSAGE:
        title = _("Message from the union")
        text = str(payload.get("text") or payload.get("message") or "")
    elif event.kind == EventKind.MEMBER_MESSAGE:
        title = _("Your message")
        text = str(payload.get("text") or "")
    elif event.kind == EventKind.ATTACHMENT:
        title = _("File added: %(name)s", name=payload.get("name", ""))
    elif event.kind == EventKind.DOCUMENT:
        title = _("A document was shared with you: %(name)s", name=payload.get("filename", ""))
    elif event.kind == EventKind.DEADLINE:
        title = _("A date was set on your case")
    elif event.kind == EventKind.PROCEEDING:
        label = STAGE_LABELS.get(str(payload.get("proceeding_kind")))
        stage = _(label) if label else _("Update")
        where = f" — {payload['authority']}" if payload.get("authority") else ""
        if payload.get("action") == "decision":
            title = _("A decision was recorded: %(stage)s", stage=stage + where)
        else:
            title = _("A new step in your case: %(stage)s", stage=stage + where)
    else:
        title = _("Update")
    return {"when": event.created_at, "title": title, "text": text, "from_member": from_member, "kind": event.kind}


def _paid_on(timeline) -> date | None:
    """The payment date recorded by the latest "mark as paid" step, if any."""
    for event in reversed(timeline):
        payload = event.payload or {}
        if event.kind == "transition" and payload.get("transition") == "mark_paid":
            value = (payload.get("data") or {}).get("paid_date")
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                return None
    return None


def member_proceedings(case_id: int) -> list[dict]:
    """The case's steps in plain words for the member: stage, court, file number, dates (one query)."""
    return [
        {
            "stage": _(STAGE_LABELS[ProceedingKind(p.kind)]),
            "authority": p.authority,
            "file_number": p.file_number,
            "filing_date": p.filing_date,
            "decision_date": p.decision_date,
            "outcome": p.outcome,
        }
        for p in case_proceedings(case_id)
    ]


def _is_thread(view: dict) -> bool:
    return bool(view["text"]) and view["kind"] in (*THREAD_KINDS, EventKind.TRANSITION)


@bp.get("/cases/<reference>")
@allow(Role.MEMBER)
def case_detail(reference: str):
    case = get_case_by_reference_or_404(current_user, reference)
    return _render_case(case)


def _render_case(case: Case, *, reply_form=None, status: int = 200):
    timeline = case_timeline(case.id, member_view=True)
    events = [_event_view(case, e) for e in timeline]
    attachments = db.session.scalars(
        sa.select(Attachment)
        .where(Attachment.case_id == case.id, Attachment.member_visible.is_(True))
        .order_by(Attachment.id)
    ).all()
    documents = db.session.scalars(
        sa.select(Document)
        .where(Document.case_id == case.id, Document.shared_with_member.is_(True))
        .order_by(Document.shared_at, Document.id)
    ).all()
    union = db.session.get(Union, case.union_id)
    open_case = is_open(State(case.status))
    return render_template(
        "portal/case.html",
        case=case,
        union=union,
        status_text=_(describe_state_for_member(case.status, case.kind)),
        paid_on=_paid_on(timeline),
        events=events,
        thread=[e for e in events if _is_thread(e)],
        attachments=attachments,
        documents=documents,
        document_formats=member_formats(),
        reply_form=reply_form or ReplyForm(formdata=None, version=case.version),
        accept=ACCEPT_ATTRIBUTE,
        can_reply=open_case,
        can_withdraw=open_case,
        awaiting=case.status == "awaiting_member",
        proceedings=member_proceedings(case.id),
    ), status


@bp.post("/cases/<reference>/messages")
@allow(Role.MEMBER)
def reply(reference: str):
    """The composer: a message and its files in one POST; on any refusal the text is shown again."""
    case = get_case_by_reference_or_404(current_user, reference)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _render_case(case, reply_form=form, status=400)
    if not is_open(State(case.status)):
        abort(404)
    try:
        outcome = filing.member_reply(
            case, current_user, form.message.data, expected_version=form.version.data, uploads=form.files.data or []
        )
    except StaleCase as error:
        return _changed_meanwhile(case, error)
    except InvalidUpload as error:
        db.session.rollback()
        form.files.errors = [domain_message(error)]
        return _render_case(case, reply_form=form, status=400)
    except DomainError as error:
        db.session.rollback()
        form.message.errors = [domain_message(error)]
        return _render_case(case, reply_form=form, status=400)
    if outcome == "answered":
        flash(_("Thank you. Your answer was sent and your case is back with the union for review."), "success")
    elif outcome == "files":
        flash(_("The file was added to your case."), "success")
    else:
        flash(_("Your message was sent."), "success")
    return redirect(url_for(".case_detail", reference=case.reference) + "#messages")


def _changed_meanwhile(case: Case, error: StaleCase):
    """The case moved on since the page was shown: say so and show its current state."""
    db.session.rollback()
    flash(domain_message(error), "warning")
    return redirect(url_for(".case_detail", reference=case.reference)), 303


@bp.route("/cases/<reference>/withdraw", methods=["GET", "POST"])
@allow(Role.MEMBER)
def withdraw(reference: str):
    case = get_case_by_reference_or_404(current_user, reference)
    if not is_open(State(case.status)):
        flash(_("This case can no longer be withdrawn."), "warning")
        return redirect(url_for(".case_detail", reference=case.reference))
    form = WithdrawForm(version=case.version) if request.method == "GET" else WithdrawForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            filing.member_withdraw(case, current_user, form.reason.data or "", expected_version=form.version.data)
        except StaleCase as error:
            return _changed_meanwhile(case, error)
        flash(_("Your case was withdrawn."), "info")
        return redirect(url_for(".case_detail", reference=case.reference))
    status = 400 if request.method == "POST" else 200
    return render_template("portal/withdraw.html", case=case, form=form), status


@bp.get("/cases/<reference>/documents/<int:document_id>")
@allow(Role.MEMBER)
def document(reference: str, document_id: int):
    return send_download(downloads.member_document(current_user, reference, document_id))


@bp.get("/cases/<reference>/documents/<int:document_id>.pdf")
@allow(Role.MEMBER)
def document_pdf(reference: str, document_id: int):
    return send_download(downloads.member_document(current_user, reference, document_id, pdf=True))


# --- Institutions (registration form) ------------------------------------------------------------


@bp.get("/institutions/search")
@public
def institution_search():
    """Institutions of a province matching a few letters, for the registration form's search box."""
    from app.auth.routes import search_institutions

    province = request.args.get("province", "")[:60]
    text = request.args.get("q", "")[:100]
    if not province and len(text.strip()) < 2:
        return jsonify(results=[])
    found = search_institutions(province, text, limit=50)
    return jsonify(results=[{"id": i.id, "name": i.name, "province": i.province} for i in found])
