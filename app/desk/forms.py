"""Desk forms: the queue filters, one form per transition, notes, messages, priority, conflicts, evidence."""

from functools import cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, Form, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from app import labels
from app.services.workflow import CONFIRMED_AMOUNT_STEPS
from cases.workflows import Transition


class Needed:
    """Marks a field required (label star, HTML ``required``); the domain does the checking."""

    field_flags = {"required": True}

    def __call__(self, form, field) -> None:
        return None


class _VersionedForm(FlaskForm):
    version = HiddenField()


INPUT_LABELS = {
    "message": _l("Message to the member"),
    "reason": _l("Reason"),
    "note": _l("Note"),
    "assignee_id": _l("Assign to"),
    "authority": _l("Authority the objection went to"),
    "court": _l("Court"),
    "file_number": _l("File number"),
    "filing_date": _l("Filing date"),
    "decision_date": _l("Decision date"),
    "paid_date": _l("Payment date"),
    "outcome": _l("Outcome"),
    "amount": _l("Amount (TL)"),
}
# Where one input means different dates in different steps, the label says which date it is.
STEP_INPUT_LABELS = {
    ("file_lawsuit", "filing_date"): _l("Date the lawsuit was filed"),
    ("file_objection", "filing_date"): _l("Date the objection was made"),
    ("record_decision", "decision_date"): _l("Date of the decision"),
    ("mark_paid", "paid_date"): _l("Date the help was paid"),
}
INPUT_HELP = {
    "reason": _l("The member sees this reason."),
    # The note of a member-visible step (mark as paid) is not an internal note.
    "note": _l("The member sees this note."),
    "message": _l("The member sees this message and is notified by e-mail."),
    "amount": _l("For example 10.000 or 10.000,50"),
}


def transition_form(
    transition: Transition,
    *,
    assignee_choices: list[tuple[str, str]] | None = None,
    formdata=None,
) -> FlaskForm:
    """A form asking exactly the inputs ``transition`` requires or accepts, plus the case version."""
    # Field names stay plain (message, court…); ids carry the transition so labels stay unique.
    # Only the form that was posted reads the request: a refused value must never show up in a
    # neighbouring form that has a field of the same name (Flask-WTF would read request.form).
    form = _transition_form_class(transition.name, transition.requires, transition.optional)(formdata=formdata)
    if "assignee_id" in form:
        form.assignee_id.choices = assignee_choices or []
    return form


@cache
def _transition_form_class(name: str, requires: tuple[str, ...], optional: tuple[str, ...]) -> type[FlaskForm]:
    """The form class of a transition's inputs, built once per process (the case page shows several).

    The assignee's choices differ by case: ``transition_form`` sets them on each form.
    """

    class TransitionForm(_VersionedForm):
        pass

    for input_name in (*requires, *optional):
        validators = [Needed()] if input_name in requires else [Optional()]
        label = STEP_INPUT_LABELS.get((name, input_name), INPUT_LABELS[input_name])
        help_text = INPUT_HELP.get(input_name)
        field_id = f"{name}-{input_name}"
        if input_name in ("message", "reason", "note"):
            field = TextAreaField(
                label, validators=validators, id=field_id, description=help_text, render_kw={"rows": 3}
            )
        elif input_name.endswith("_date"):
            field = StringField(label, validators=validators, id=field_id, render_kw={"type": "date"})
        elif input_name == "outcome":
            field = SelectField(
                label,
                validators=validators,
                id=field_id,
                choices=[("", "—"), *labels.OUTCOMES.items()],
                validate_choice=False,
            )
        elif input_name == "assignee_id":
            field = SelectField(label, validators=validators, id=field_id, choices=[], validate_choice=False)
        elif input_name == "court":
            field = StringField(
                label, validators=validators, id=field_id, render_kw={"list": "court-names", "autocomplete": "off"}
            )
        elif input_name == "amount":
            field = StringField(
                label, validators=validators, id=field_id, description=help_text, render_kw={"inputmode": "decimal"}
            )
        else:
            field = StringField(label, validators=validators, id=field_id)
        setattr(TransitionForm, input_name, field)
    if name in CONFIRMED_AMOUNT_STEPS:
        # The amount as echoed back and confirmed (canonical, 10000.00); empty until then.
        TransitionForm.confirm_amount = HiddenField()
    return TransitionForm


class NoteForm(_VersionedForm):
    text = TextAreaField(
        _l("Internal note"),
        id="note-text",
        validators=[Needed()],
        render_kw={"rows": 3},
        description=_l("Only staff see internal notes."),
    )


class MessageForm(_VersionedForm):
    text = TextAreaField(
        _l("Message to the member"),
        id="message-text",
        validators=[Needed()],
        render_kw={"rows": 3},
        description=_l("The member sees this message and is notified by e-mail."),
    )


class PriorityForm(_VersionedForm):
    priority = SelectField(
        _l("Priority"), id="priority-choice", choices=list(labels.PRIORITIES.items()), validate_choice=False
    )


class ConflictForm(_VersionedForm):
    note = TextAreaField(
        _l("How the conflict was handled"), id="conflict-note", validators=[Needed()], render_kw={"rows": 3}
    )


class RespondentIdForm(_VersionedForm):
    national_id = StringField(
        _l("Respondent's T.C. Kimlik No"),
        id="respondent-national-id",
        validators=[Needed()],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 11},
        description=_l("Checked against the union's members; only staff see it, masked."),
    )


class EvidenceForm(_VersionedForm):
    file = FileField(_l("File"), id="evidence-file", validators=[Needed()])
    description = StringField(_l("Description"), id="evidence-description", validators=[Optional()])
    member_visible = BooleanField(_l("The member may see this file"), id="evidence-member-visible")


SORT_LABELS = {
    "activity": _l("Last activity"),
    "created": _l("Date filed"),
    "priority": _l("Priority"),
    "deadline": _l("Nearest deadline"),
}


class QueueFilterForm(Form):
    """The queue's filters, read from the query string (a GET form: no CSRF token)."""

    q = StringField(_l("Search"), description=_l("Reference, member, institution or words of the narrative"))
    status = SelectField(_l("Status"), validate_choice=False)
    kind = SelectField(_l("Kind"), validate_choice=False)
    category = SelectField(_l("Subject"), validate_choice=False)
    union = SelectField(_l("Union"), validate_choice=False)
    institution = SelectField(_l("Institution"), validate_choice=False)
    province = StringField(_l("Province"))
    assignee = SelectField(_l("Assignee"), validate_choice=False)
    priority = SelectField(_l("Priority"), validate_choice=False)
    date_from = StringField(_l("Filed from"), render_kw={"type": "date"})
    date_to = StringField(_l("Filed until"), render_kw={"type": "date"})
    membership_pending = BooleanField(_l("Membership pending"))
    overdue = BooleanField(_l("Overdue deadline"))
    due_within = SelectField(
        _l("Nearest deadline"),
        choices=[
            ("", _l("Any")),
            ("0", _l("Today or overdue")),
            ("7", _l("Within 7 days")),
            ("30", _l("Within 30 days")),
        ],
        validate_choice=False,
    )
    conflict = BooleanField(_l("Conflict of interest"))
    sort = SelectField(_l("Sort by"), choices=list(SORT_LABELS.items()), validate_choice=False)
