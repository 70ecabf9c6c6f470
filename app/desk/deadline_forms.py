"""Forms of the deadline actions: every one carries the version of the record it changes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.forms import TrDateField


def _sensible_year(form, field) -> None:
    from wtforms.validators import ValidationError

    if field.data and not 2000 <= field.data.year <= 2100:
        raise ValidationError(_l("Enter a date between the years 2000 and 2100."))


RECESS_CHOICES = [
    ("unknown", _l("Not known yet: give the earlier date")),
    ("yes", _l("Yes, it takes the recess")),
    ("no", _l("No, it takes no recess")),
]


def recess_choice(recess: bool | None) -> str:
    """The form's value for a recess flag (yes / no / unknown)."""
    return "unknown" if recess is None else "yes" if recess else "no"


def recess_value(choice: str | None) -> bool | None:
    """The recess flag a form's choice stands for; anything else is unknown."""
    return {"yes": True, "no": False}.get(choice or "")


class ProposalForm(FlaskForm):
    rule_id = HiddenField(validators=[DataRequired()])
    source = HiddenField(validators=[Length(max=80)])  # what triggered it ("" = the notification date)
    version = HiddenField()
    reason = StringField(_l("Why does it not apply? (optional)"), validators=[Optional(), Length(max=500)])


class ManualDeadlineForm(FlaskForm):
    title = StringField(
        _l("What must be done"),
        validators=[DataRequired(_l("Please say what must be done by this date.")), Length(max=200)],
    )
    due_date = TrDateField(_l("Last day"), validators=[InputRequired(_l("Please enter the last day.")), _sensible_year])
    note = TextAreaField(_l("Note (staff only)"), validators=[Optional(), Length(max=2000)])
    version = HiddenField()


class EditDeadlineForm(FlaskForm):
    due_date = TrDateField(
        _l("New last day"), validators=[InputRequired(_l("Please enter the new date.")), _sensible_year]
    )
    reason = TextAreaField(
        _l("Reason for the change"),
        validators=[DataRequired(_l("Please give the reason for changing the date.")), Length(max=2000)],
    )
    version = HiddenField()


class DismissDeadlineForm(FlaskForm):
    reason = StringField(
        _l("Why is it no longer needed?"),
        validators=[DataRequired(_l("Please give the reason.")), Length(max=500)],
    )
    version = HiddenField()


class RuleDeadlineForm(FlaskForm):
    """Compute any rule from a trigger date the lawyer gives (a refusal, an application, …)."""

    rule_id = SelectField(_l("Rule"))
    start_date = TrDateField(
        _l("Date of the triggering event"),
        validators=[InputRequired(_l("Please enter the date of the triggering event.")), _sensible_year],
        description=_l("Usually the day the act, refusal or answer was notified, or the day of the application."),
    )
    recess = SelectField(
        _l("Does the court take the judicial recess?"),
        choices=RECESS_CHOICES,
        default="unknown",
        description=_l("When the court is not known yet the earlier date is given, never the later one."),
    )
    applied = TrDateField(
        _l("Application to the superior authority on"),
        validators=[Optional(), _sensible_year],
        description=_l("Only when such an application suspended the lawsuit period (İYUK 11)."),
    )
    answered = TrDateField(_l("Answered or deemed rejected on"), validators=[Optional(), _sensible_year])
    note = StringField(_l("Note (staff only)"), validators=[Optional(), Length(max=2000)])
    version = HiddenField()

    def validate_answered(self, field) -> None:
        from wtforms.validators import ValidationError

        if bool(field.data) != bool(self.applied.data):
            raise ValidationError(_l("Give both the date of the application and the date it was answered."))
