"""Forms of the proceedings panel: every one carries the version of the case it changes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.desk.deadline_forms import _sensible_year
from app.forms import TrDateField as DayField

KIND_CHOICES = [
    ("application", _l("Application to the administration")),
    ("board_objection", _l("Objection to the board")),
    ("first_instance", _l("Lawsuit in the first-instance court")),
    ("istinaf", _l("Appeal to the regional administrative court (istinaf)")),
    ("temyiz", _l("Appeal to the Council of State (temyiz)")),
    ("stay_objection", _l("Objection to the stay decision")),
    ("ombudsman", _l("Complaint to the Ombudsman")),
]
BASIS_CHOICES = [
    ("", _l("Not an application")),
    ("iyuk10", _l("İYUK 10: application for an act")),
    ("iyuk11", _l("İYUK 11: application to the superior authority")),
    ("iyuk13", _l("İYUK 13: application for damages")),
    ("4982", _l("Law 4982: right to information")),
]
PAPER_CHOICES = [
    ("defence", _l("The defence (or another paper to answer)")),
    ("stay_decision", _l("The decision on the stay request")),
    ("appeal_petition", _l("The other side's appeal petition")),
]
DECISION_CHOICES = [
    ("", _l("A court's or board's decision")),
    ("final", _l("A final answer of the administration")),
    ("non_final", _l("A non-final answer (İYUK 10/2)")),
]
OUTCOME_CHOICES = [
    ("", _l("No outcome yet")),
    ("won", _l("Won")),
    ("partly_won", _l("Partly won")),
    ("lost", _l("Lost")),
    ("settled", _l("Settled")),
]


class ProceedingForm(FlaskForm):
    kind = SelectField(_l("Step"), choices=KIND_CHOICES)
    basis = SelectField(_l("Law of the application"), choices=BASIS_CHOICES, validators=[Optional()])
    authority = StringField(
        _l("Court or authority"),
        validators=[Optional(), Length(max=300)],
        render_kw={"list": "proceeding-court-names", "autocomplete": "off"},
    )
    file_number = StringField(_l("File number (esas no)"), validators=[Optional(), Length(max=60)])
    filing_date = DayField(_l("Filed or applied on"), validators=[Optional(), _sensible_year])
    version = HiddenField()


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Kind of decision"), choices=DECISION_CHOICES, validators=[Optional()])
    decision_date = DayField(_l("Decision date"), validators=[Optional(), _sensible_year])
    notified = DayField(
        _l("Decision notified on"),
        validators=[
            InputRequired(_l("Enter the date the decision was notified: the next periods run from it.")),
            _sensible_year,
        ],
    )
    outcome = SelectField(_l("Outcome"), choices=OUTCOME_CHOICES, validators=[Optional()])
    version = HiddenField()


class PaperForm(FlaskForm):
    kind = SelectField(_l("Paper served"), choices=PAPER_CHOICES)
    notified = DayField(
        _l("Notified on"), validators=[InputRequired(_l("Enter the date the paper was notified.")), _sensible_year]
    )
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=300)])
    version = HiddenField()


class NotificationDateForm(FlaskForm):
    notification_date = DayField(
        _l("Notification date of the contested act"),
        validators=[InputRequired(_l("Enter the notification date.")), _sensible_year],
    )
    reason = StringField(
        _l("Why is it recorded or changed?"),
        validators=[DataRequired(_l("Please give the reason.")), Length(max=500)],
        description=_l("For example: the notification document in the file shows this date."),
    )
    version = HiddenField()


class CompetentCourtForm(FlaskForm):
    court_id = SelectField(_l("Competent court"), coerce=int, validate_choice=True)
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(_l("Please give the reason.")), Length(max=500)],
        description=_l("Confirming the proposal: say so. Choosing another court: say why."),
    )
    version = HiddenField()


class LimitationForm(FlaskForm):
    learned = DayField(_l("The superior learned of the act on"), validators=[Optional(), _sensible_year])
    investigation_started = DayField(_l("Investigation started on"), validators=[Optional(), _sensible_year])
    act_date = DayField(_l("Date of the act"), validators=[Optional(), _sensible_year])
    penalty_date = DayField(_l("Penalty imposed on"), validators=[Optional(), _sensible_year])
    version = HiddenField()
