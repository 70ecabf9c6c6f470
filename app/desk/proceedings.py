"""The proceedings panel of a legal case: its steps, the competent court, the notification date, art. 127."""

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user

from app import clock
from app.access import allow
from app.desk import bp
from app.desk.deadlines import DEADLINE_ROLES, _attempt, _case_page_url, _legal_case_or_404
from app.desk.panels import register_panel
from app.desk.proceeding_forms import (
    CompetentCourtForm,
    DecisionForm,
    LimitationForm,
    NotificationDateForm,
    PaperForm,
    ProceedingForm,
)
from app.extensions import db
from app.models import Case, Court, Proceeding, User
from app.navigation import local_path
from app.queries.case_page import MAX_COURTS
from app.services import proceedings as service
from app.services.deadline_proposals import case_proceedings
from cases.competent_court import propose_competent_court
from cases.discipline import check_limitation
from cases.proceedings import STAGE_LABELS, ProceedingKind
from cases.vocabulary import CaseKind, Category

_PAPER_LABELS = dict(PaperForm.kind.kwargs["choices"])
_BASIS_LABELS = dict(ProceedingForm.basis.kwargs["choices"])


def _limitation_dates(case: Case) -> dict[str, date | None]:
    stored = (case.details or {}).get("staff_limitation") or {}
    act = stored.get("act_date") or (case.details or {}).get("act_date")
    keys = ("learned", "investigation_started", "penalty_date")
    values = {key: date.fromisoformat(stored[key]) if stored.get(key) else None for key in keys}
    values["act_date"] = date.fromisoformat(act) if isinstance(act, str) and act else None
    return values


def _courts(case: Case) -> tuple[object, list[tuple[int, str]], list[str], Court | None]:
    """The competent-court proposal, the administrative courts it points to, every court's name for
    suggestions, and the confirmed court (one query)."""
    details = case.details or {}
    proposal = propose_competent_court(case.category, penalty=details.get("penalty"), place_of_duty=case.province)
    provinces = set(proposal.provinces)
    rows = db.session.scalars(sa.select(Court).order_by(Court.name).limit(MAX_COURTS)).all()
    choices = [
        (court.id, court.name)
        for court in rows
        if court.kind == "administrative"
        and (not provinces or court.province in provinces)
        or court.id == case.competent_court_id
    ]
    competent = next((court for court in rows if court.id == case.competent_court_id), None)
    if case.competent_court_id and competent is None:
        competent = db.session.get(Court, case.competent_court_id)
    return proposal, choices, [court.name for court in rows], competent


def proceedings_of(case: Case) -> list[Proceeding]:
    """The case's proceedings: as loaded with the case page, else once per request for both panels."""
    if "proceedings" not in sa.inspect(case).unloaded:
        return list(case.proceedings)
    cache = g.setdefault("case_proceedings", {})
    if case.id not in cache:
        cache[case.id] = case_proceedings(case.id)
    return cache[case.id]


def build_panel(case: Case, given: dict | None = None, *, with_courts: bool = True) -> dict:
    """The proceedings panel: each step with its forms, the competent court and the limitation check.

    ``with_courts`` reads the courts list for the competent-court choice and the court names typed
    in; the case page leaves it out (its page has a fixed query budget) and links here instead.
    """
    given = given or {}
    proceedings = proceedings_of(case)
    rows = []
    for p in proceedings:
        decision = given.get(("decision", p.id)) or DecisionForm(
            formdata=None,
            version=case.version,
            decision=p.decision or "",
            decision_date=p.decision_date,
            notified=p.decision_notified_date,
            outcome=p.outcome or "",
        )
        paper = given.get(("paper", p.id)) or PaperForm(formdata=None, version=case.version)
        for form in (decision, paper):
            for f in form:
                f.id = f"{f.id}-p{p.id}"
                f.label.field_id = f.id
        rows.append(
            {
                "id": p.id,
                "kind": p.kind,
                "stage": gettext(STAGE_LABELS[ProceedingKind(p.kind)]),
                "basis": gettext(str(_BASIS_LABELS.get(p.basis, ""))) if p.basis else "",
                "authority": p.authority,
                "file_number": p.file_number,
                "filing_date": p.filing_date,
                "papers": [
                    {
                        "label": str(_PAPER_LABELS.get(x.get("kind"), x.get("kind"))),
                        "date": date.fromisoformat(x["date"]),
                    }
                    for x in p.papers or []
                ],
                "decision_date": p.decision_date,
                "notified": p.decision_notified_date,
                "outcome": p.outcome,
                "decision_form": decision,
                "paper_form": paper,
            }
        )
    adding = given.get(("add", None)) or ProceedingForm(formdata=None, version=case.version)
    notification = given.get(("notification", None)) or NotificationDateForm(
        formdata=None, version=case.version, notification_date=case.notification_date
    )
    if with_courts:
        proposal, choices, names, competent = _courts(case)
    else:
        details = case.details or {}
        proposal = propose_competent_court(case.category, penalty=details.get("penalty"), place_of_duty=case.province)
        choices, names = [], []
        competent = case.competent_court if "competent_court" not in sa.inspect(case).unloaded else None
    court_form = given.get(("court", None)) or CompetentCourtForm(
        formdata=None, version=case.version, court_id=case.competent_court_id
    )
    court_form.court_id.choices = choices
    limitation = None
    if case.category == Category.DISCIPLINARY_PENALTY:
        dates = _limitation_dates(case)
        checks = check_limitation(
            learned=dates["learned"],
            investigation_started=dates["investigation_started"],
            act=dates["act_date"],
            penalty_date=dates["penalty_date"],
            penalty=(case.details or {}).get("penalty"),
        )
        form = given.get(("limitation", None)) or LimitationForm(formdata=None, version=case.version, **dates)
        limitation = {"checks": checks, "form": form}
    return {
        "proceedings_panel": {
            "case": case,
            "rows": rows,
            "add_form": adding,
            "notification_form": notification,
            "court_form": court_form,
            "court_proposal": proposal,
            "competent": competent,
            "limitation": limitation,
            "courts": names,
            "with_courts": with_courts,
            "next": request.path + "#proceedings",
        }
    }


def _panel_provider(case: Case, user: User) -> dict | None:
    if case.kind != CaseKind.LEGAL or user.role not in DEADLINE_ROLES:
        return None
    return build_panel(case, with_courts=False)


register_panel("proceedings", 35, _panel_provider)


def _back(case: Case):
    target = local_path(request.form.get("next")) or url_for(".case_proceedings_page", case_id=case.id)
    return redirect(target, 303)


def _invalid(case: Case, key: tuple, form):
    flash(_("Nothing was saved: please correct the marked fields."), "danger")
    context = build_panel(case, {key: form})
    return (
        render_template("desk/proceedings_case.html", case=case, case_page_url=_case_page_url(case), **context),
        400,
    )


def _proceeding_or_404(case: Case, proceeding_id: int) -> Proceeding:
    proceeding = db.session.get(Proceeding, proceeding_id)
    if proceeding is None or proceeding.case_id != case.id:
        abort(404)
    return proceeding


@bp.get("/cases/<int:case_id>/proceedings")
@allow(*DEADLINE_ROLES)
def case_proceedings_page(case_id: int):
    case = _legal_case_or_404(case_id)
    context = build_panel(case)
    return render_template("desk/proceedings_case.html", case=case, case_page_url=_case_page_url(case), **context)


@bp.post("/cases/<int:case_id>/proceedings")
@allow(*DEADLINE_ROLES)
def proceeding_add(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = ProceedingForm()
    if not form.validate_on_submit():
        return _invalid(case, ("add", None), form)
    if _attempt(
        service.add_proceeding,
        case,
        current_user,
        kind=form.kind.data,
        basis=form.basis.data or None,
        authority=form.authority.data,
        file_number=form.file_number.data,
        filing_date=form.filing_date.data,
        expected_version=form.version.data,
    ):
        flash(_("The step was recorded."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/proceedings/<int:proceeding_id>/decision")
@allow(*DEADLINE_ROLES)
def proceeding_decision(case_id: int, proceeding_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    proceeding = _proceeding_or_404(case, proceeding_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _invalid(case, ("decision", proceeding.id), form)
    if _attempt(
        service.record_decision,
        case,
        proceeding,
        current_user,
        decision=form.decision.data or None,
        decision_date=form.decision_date.data,
        notified=form.notified.data,
        outcome=form.outcome.data or None,
        expected_version=form.version.data,
    ):
        flash(_("The decision was recorded: check the deadlines it proposes."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/proceedings/<int:proceeding_id>/papers")
@allow(*DEADLINE_ROLES)
def proceeding_paper(case_id: int, proceeding_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    proceeding = _proceeding_or_404(case, proceeding_id)
    form = PaperForm()
    if not form.validate_on_submit():
        return _invalid(case, ("paper", proceeding.id), form)
    if _attempt(
        service.add_paper,
        case,
        proceeding,
        current_user,
        kind=form.kind.data,
        notified=form.notified.data,
        note=form.note.data,
        expected_version=form.version.data,
    ):
        flash(_("The paper was recorded: check the deadline it proposes."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/notification-date")
@allow(*DEADLINE_ROLES)
def notification_date(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = NotificationDateForm()
    if not form.validate_on_submit():
        return _invalid(case, ("notification", None), form)
    if _attempt(
        service.set_notification_date,
        case,
        form.notification_date.data,
        form.reason.data,
        current_user,
        today=clock.today(),
        expected_version=form.version.data,
    ):
        flash(_("The notification date was saved."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/competent-court")
@allow(*DEADLINE_ROLES)
def competent_court(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = CompetentCourtForm()
    form.court_id.choices = _courts(case)[1]
    if not form.validate_on_submit():
        return _invalid(case, ("court", None), form)
    if _attempt(
        service.set_competent_court,
        case,
        form.court_id.data,
        form.reason.data,
        current_user,
        expected_version=form.version.data,
    ):
        flash(_("The competent court was saved."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/limitation")
@allow(*DEADLINE_ROLES)
def limitation_dates(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    if case.category != Category.DISCIPLINARY_PENALTY:
        abort(404)
    form = LimitationForm()
    if not form.validate_on_submit():
        return _invalid(case, ("limitation", None), form)
    values = {
        "learned": form.learned.data,
        "investigation_started": form.investigation_started.data,
        "act_date": form.act_date.data,
        "penalty_date": form.penalty_date.data,
    }
    if _attempt(service.set_limitation_dates, case, values, current_user, expected_version=form.version.data):
        flash(_("The dates were saved."), "success")
    return _back(case)
