from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app.validators import EmailAddress, strip_text
from cases.vocabulary import Role

STAFF_ROLE_CHOICES = [
    (Role.LAWYER.value, _l("Lawyer")),
    (Role.OFFICER.value, _l("Social affairs officer")),
    (Role.ADMIN.value, _l("Administrator")),
]
LANGUAGE_CHOICES = [("tr", "Türkçe"), ("en", "English")]


class StaffUserForm(FlaskForm):
    full_name = StringField(
        _l("Full name"), validators=[DataRequired(_l("Please enter the full name.")), Length(max=200)]
    )
    email = EmailField(
        _l("Email address"),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Please enter the email address.")),
            EmailAddress(),
            Length(max=254),
        ],
    )
    role = SelectField(_l("Role"), choices=STAFF_ROLE_CHOICES)
    union_id = SelectField(_l("Union"), coerce=int, description=_l("Confederation staff work for every union."))
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])
    bar = StringField(
        _l("Bar association"),
        validators=[Optional(), Length(max=120)],
        description=_l("Lawyers only, e.g. Ankara Barosu."),
    )
    registry_number = StringField(_l("Bar registry number"), validators=[Optional(), Length(max=30)])
    password = PasswordField(
        _l("Password"),
        validators=[
            Optional(),
            Length(min=10, max=200, message=_l("The password must be at least 10 characters long.")),
        ],
        render_kw={"autocomplete": "new-password"},
        description=_l("At least 10 characters. Leave empty to keep the current password."),
    )
    active = BooleanField(_l("Account active"), default=True)
    version = HiddenField()

    def __init__(self, *args, require_password: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._require_password = require_password

    def validate_password(self, field) -> None:
        if self._require_password and not field.data:
            raise ValidationError(_l("Please set a password of at least 10 characters."))


class UnionForm(FlaskForm):
    code = StringField(
        _l("Short code"),
        validators=[
            DataRequired(_l("Please enter a short code.")),
            Length(max=12),
            Regexp(r"^[A-Z0-9]+$", message=_l("Use capital Latin letters and digits only, e.g. EBS.")),
        ],
        description=_l("Used in case references, e.g. EBS-2026-000123."),
    )
    name = StringField(_l("Name"), validators=[DataRequired(_l("Please enter the name.")), Length(max=200)])
    branch_no = IntegerField(
        _l("Service branch number"),
        validators=[Optional(), NumberRange(min=1, max=99, message=_l("Enter a number between 1 and 99."))],
    )
    branch_name = StringField(_l("Service branch"), validators=[Optional(), Length(max=200)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=400)])
    email = EmailField(
        _l("Email address"),
        filters=[strip_text],
        validators=[Optional(), EmailAddress()],
    )
    active = BooleanField(_l("Active"), default=True)
    version = HiddenField()


class InstitutionForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Please enter the name.")), Length(max=300)])
    province = StringField(_l("Province"), validators=[DataRequired(_l("Please enter the province.")), Length(max=60)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=400)])
    legal_entity = StringField(
        _l("Legal person sued for its acts"),
        validators=[Optional(), Length(max=300)],
        description=_l("The ministry, governorship, rectorate or municipality a lawsuit names, e.g. Ankara Valiliği."),
    )
    legal_entity_address = StringField(_l("Address of the legal person"), validators=[Optional(), Length(max=400)])
    superior_authority = StringField(
        _l("Superior authority"),
        validators=[Optional(), Length(max=300)],
        description=_l("Where an application under İYUK art. 11 goes; blank: the legal person itself."),
    )
    union_id = SelectField(_l("Union of its service branch"), coerce=int)
    active = BooleanField(_l("Active"), default=True)
    version = HiddenField()


class ConfirmForm(FlaskForm):
    """A bare form for POST-only actions, so they carry a CSRF token."""

    version = HiddenField()
