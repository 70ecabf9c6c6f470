"""The staff desk's case page: everything on a case, with the forms for what one may do."""

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from app import clock
from app.access import STAFF, allow
from app.desk import bp
from app.desk.case_facts import detail_rows, priority_reasons
from app.desk.field_html import field_html, widget_html
from app.desk.forms import (
    ConflictForm,
    EvidenceForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    RespondentIdForm,
    transition_form,
)
from app.desk.panels import panels_for
from app.desk.render_i18n import catalogue
from app.desk.timeline_view import describe, in_thread
from app.i18n import translate_marked
from app.queries.case_page import case_page, court_names, load_case
from app.services import assignment, conflicts
from app.services.case_views import mark_seen
from app.services.workflow import transitions_for

# The case page, its panels and the queue render their fields with these (app/desk/field_html.py).
bp.add_app_template_global(field_html, "field_html")
bp.add_app_template_global(widget_html, "widget_html")


def assignee_choices_for(case) -> tuple[list[tuple[str, str]], object]:
    """The assign form's choices (each person with their open cases) and the suggested assignee."""
    people = assignment.candidates(case)
    choices = [("", "—")] + [
        (str(p.user_id), _("%(name)s (%(count)s open cases)", name=p.full_name, count=p.open_cases)) for p in people
    ]
    return choices, (people[0] if people else None)


def render_case(case_id: int, *, forms: dict | None = None, status: int = 200, confirming: dict | None = None):
    """The case page; ``forms`` holds forms re-shown with what the user typed (after an error).

    ``confirming`` maps a money step's name to the amount, as shown, that it asks to confirm.
    """
    forms = forms or {}
    # A read: conflicts of interest are found when the facts change (filing, registration, a
    # member's rename), never here.
    case = load_case(current_user, case_id)
    page = case_page(current_user, case)
    transitions = transitions_for(case, current_user)
    suggestion = None
    assignee_choices: list = []
    if any(t.name == "assign" for t in transitions):
        assignee_choices, suggestion = assignee_choices_for(case)
    transition_forms = []
    for t in transitions:
        form = forms.get(f"t:{t.name}")
        if form is None:
            form = transition_form(t, assignee_choices=assignee_choices)
            form.version.data = case.version
            if t.name == "assign" and suggestion is not None:
                form.assignee_id.data = str(suggestion.user_id)
        elif t.name == "assign":
            form.assignee_id.choices = assignee_choices
        transition_forms.append((t, translate_marked(t.label), form))
    asks_respondent_id = case.respondent_type in conflicts.PERSON_RESPONDENTS
    side_forms = {
        "note": forms.get("note") or NoteForm(formdata=None, version=case.version),
        "message": forms.get("message") or MessageForm(formdata=None, version=case.version),
        "priority": forms.get("priority") or PriorityForm(formdata=None, version=case.version, priority=case.priority),
        "evidence": forms.get("evidence") or EvidenceForm(formdata=None, version=case.version),
    }
    # The two forms the page shows only on some cases are built only for those.
    if case.conflict_status != "none":
        side_forms["conflict"] = forms.get("conflict") or ConflictForm(formdata=None, version=case.version)
    if asks_respondent_id:
        side_forms["respondent"] = forms.get("respondent") or RespondentIdForm(formdata=None, version=case.version)
    member_user_id = page.member.user_id
    in_zone = clock.zone()
    events = [describe(e, case.kind, page.people, member_user_id, in_zone) for e in page.events]
    needs_courts = any("court" in (*t.requires, *t.optional) for t in transitions)
    translating = catalogue().template_context
    return render_template(
        "desk/case.html",
        **translating,
        case=case,
        member=page.member,
        consent=page.consent,
        events=events,
        thread=[e for e in events if in_thread(e)],
        attachments=page.attachments,
        details=detail_rows(case),
        priority_reasons=priority_reasons(case),
        transition_forms=transition_forms,
        confirming=confirming or {},
        forms=side_forms,
        suggestion=suggestion,
        courts=court_names() if needs_courts else [],
        panels=_render_panels(case, translating),
        asks_respondent_id=asks_respondent_id,
        # The lawsuit's court and file number (its first-instance proceeding, loaded with the case).
        lawsuit=next((p for p in case.proceedings if p.kind == "first_instance"), None),
        today=clock.today(),
    ), status


def _render_panels(case, translating: dict) -> list[Markup]:
    """Other areas' sections, each rendered with its provider's context (also as ``panel``)."""
    rendered = []
    for template, context in panels_for(case, current_user):
        values = {"case": case, **context, "panel": context, **translating}
        # render_template autoescapes: its output is safe HTML.
        rendered.append(Markup(render_template(template, **values)))  # noqa: S704
    return rendered


@bp.get("/cases/<int:case_id>")
@allow(*STAFF)
def case_detail(case_id: int):
    response = render_case(case_id)
    mark_seen(current_user, case_id, clock.now())  # the reader's own "seen" mark, after the page's reads
    return response
