"""Forms of the member portal (the filing steps' questions are rendered from cases/grievance/)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import BooleanField, HiddenField, PasswordField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class StepForm(FlaskForm):
    """CSRF and the draft's version for a filing step; the questions come from the domain's data."""

    saved_at = HiddenField()


class StartForm(FlaskForm):
    kind = HiddenField()


class EvidenceForm(FlaskForm):
    # Several at once: a member on a phone picks three photos of a notice in one go.
    file = MultipleFileField(
        _l("Choose one or more files"),
        validators=[FileRequired(_l("Please choose a file to add."))],
        render_kw={"multiple": True},
    )
    description = StringField(_l("What is this document? (optional)"), validators=[Optional(), Length(max=300)])
    version = HiddenField()


class ReplyForm(FlaskForm):
    """One composer: a message, files, or both, sent together (adding a file never clears the text)."""

    message = TextAreaField(
        _l("Your message"),
        validators=[
            Optional(),
            Length(max=4000, message=_l("Please shorten your message to at most 4000 characters.")),
        ],
        render_kw={"rows": 4},
    )
    files = MultipleFileField(_l("Attach files (optional)"), render_kw={"multiple": True})
    version = HiddenField()
    submit = SubmitField(_l("Send"))


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Why do you withdraw? (optional)"),
        validators=[Optional(), Length(max=4000, message=_l("Please shorten this to at most 4000 characters."))],
        render_kw={"rows": 3},
    )
    confirm = BooleanField(
        _l("Yes, I want to withdraw this case. The union will stop working on it."),
        validators=[DataRequired(_l("Please tick the box to confirm the withdrawal."))],
    )
    version = HiddenField()
    submit = SubmitField(_l("Withdraw the case"))


class ErasureForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(_l("Please enter your password to confirm."))],
        render_kw={"autocomplete": "current-password"},
    )
    confirm = BooleanField(
        _l("I understand that my account will be closed and my personal details removed."),
        validators=[DataRequired(_l("Please tick the box to confirm."))],
    )
    submit = SubmitField(_l("Erase my account"))
