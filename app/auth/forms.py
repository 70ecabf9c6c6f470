from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField, TelField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from app.request_guards import bounded_int
from app.validators import EmailAddress, clean_name, strip_text


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Please enter your email address.")),
            EmailAddress(),
            Length(max=254),
        ],
        filters=[strip_text],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Please enter your password.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Sign in"))


def int_or_zero(value: object) -> int:
    """Coerce a select's value; an empty or odd value becomes 0, which DataRequired refuses."""
    try:
        return bounded_int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def _national_id_check(form, field) -> None:
    from cases.national_id import national_id_problem

    value = (field.data or "").replace(" ", "")
    field.data = value
    problem = national_id_problem(value) if value else None
    if problem:
        raise ValidationError(gettext(problem))


class RegistrationForm(FlaskForm):
    full_name = StringField(
        _l("Full name"),
        validators=[DataRequired(_l("Please enter your full name.")), Length(max=200)],
        filters=[clean_name],
        render_kw={"autocomplete": "name"},
    )
    national_id = StringField(
        _l("T.C. Kimlik No"),
        validators=[DataRequired(_l("Please enter your T.C. Kimlik No.")), _national_id_check],
        filters=[strip_text],
        render_kw={"inputmode": "numeric", "maxlength": 11, "autocomplete": "off"},
    )
    union_id = SelectField(
        _l("Union"),
        coerce=int_or_zero,
        validators=[DataRequired(_l("Please choose your union."))],
        validate_choice=False,
    )
    membership_number = StringField(
        _l("Membership number"),
        validators=[DataRequired(_l("Please enter your membership number.")), Length(max=40)],
        filters=[strip_text],
        description=_l("It is on your membership card or your union's letter."),
    )
    province = SelectField(_l("Province"), validators=[DataRequired(_l("Please choose your province."))])
    institution_search = StringField(
        _l("Search for your institution"),
        filters=[strip_text],
        description=_l("Type part of the name, for example “Çankaya İlkokulu”."),
        render_kw={"autocomplete": "off"},
    )
    institution_id = SelectField(
        _l("Institution"),
        coerce=int_or_zero,
        validators=[DataRequired(_l("Please choose your institution."))],
        validate_choice=False,
        description=_l("The list shows the institutions of the province you chose."),
    )
    title = StringField(
        _l("Job title"),
        validators=[DataRequired(_l("Please enter your title.")), Length(max=120)],
        filters=[strip_text],
        description=_l("For example: teacher, nurse, civil servant."),
    )
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(_l("Please enter your email address.")), EmailAddress(), Length(max=254)],
        filters=[strip_text],
        render_kw={"autocomplete": "email"},
    )
    phone = TelField(
        _l("Mobile phone"),
        validators=[
            DataRequired(_l("Please enter your phone number.")),
            Regexp(r"^\+?[0-9 ()-]{10,20}$", message=_l("Please enter a phone number like 0532 123 45 67.")),
        ],
        filters=[strip_text],
        render_kw={"autocomplete": "tel"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Please choose a password.")),
            Length(min=10, max=200, message=_l("The password must be at least 10 characters long.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Please type the password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    notice_read = BooleanField(
        _l("I have read the privacy notice."),
        validators=[DataRequired(_l("Please read the privacy notice and tick this box."))],
    )
    special_consent = BooleanField(
        _l(
            "Optional: I give my explicit consent to the union sharing my special-category personal data (union "
            "membership, health information and disciplinary records) with third parties other than courts and "
            "authorities, where handling my applications needs it."
        ),
        description=_l(
            "Your applications are handled whether or not you tick this. You can give or withdraw this consent "
            "at any time from “My data”."
        ),
    )
    submit = SubmitField(_l("Register"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(_l("Please enter your email address.")), EmailAddress(), Length(max=254)],
        filters=[strip_text],
        render_kw={"autocomplete": "email"},
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Please choose a password.")),
            Length(min=10, max=200, message=_l("The password must be at least 10 characters long.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Please type the password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Save the new password"))


class ResendConfirmationForm(FlaskForm):
    submit = SubmitField(_l("Send the confirmation link again"))


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token: the button signs the account out on every device."""


class SignInLinkForm(FlaskForm):
    """Only the CSRF token: the button finishes signing in with a mailed link."""


class SecondFactorForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Please enter the code.")), Length(max=20)],
        filters=[strip_text],
        description=_l("The 6-digit code your authenticator app shows, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True},
    )
    remember_device = BooleanField(_l("Do not ask again on this device for 30 days"))
    submit = SubmitField(_l("Confirm"))


class EnrolForm(FlaskForm):
    code = StringField(
        _l("Code from the app"),
        validators=[DataRequired(_l("Please enter the code.")), Length(max=20)],
        filters=[strip_text],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Turn on two-factor sign-in"))


class CodeConfirmForm(FlaskForm):
    """A change to the second factor itself asks for a current code."""

    code = StringField(
        _l("Current code"),
        validators=[DataRequired(_l("Please enter the code.")), Length(max=20)],
        filters=[strip_text],
        render_kw={"autocomplete": "one-time-code"},
    )
