from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app import labels
from app.forms import TrDateField
from app.validators import EmailAddress, clean_name, strip_text
from cases.petitions import FIELDS, FILLABLE_FIELDS
from cases.vocabulary import CaseKind, Category, Role

STAFF_ROLE_CHOICES = [
    (Role.LAWYER.value, _l("Lawyer")),
    (Role.OFFICER.value, _l("Social affairs officer")),
    (Role.ADMIN.value, _l("Administrator")),
]
LANGUAGE_CHOICES = [("tr", "Türkçe"), ("en", "English")]


class StaffUserForm(FlaskForm):
    full_name = StringField(
        _l("Full name"),
        validators=[DataRequired(_l("Please enter the full name.")), Length(max=200)],
        filters=[clean_name],
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


KINDS = [
    ("holiday", _l("Official holiday (no work all day)")),
    ("half_day", _l("Half day (offices close at 13:00)")),
    ("working", _l("Working day (not a holiday after all)")),
]


class CalendarDayForm(FlaskForm):
    day = TrDateField(_l("Day"), validators=[InputRequired(_l("Please enter the day."))])
    kind = SelectField(_l("What the day is"), choices=KINDS)
    name = StringField(
        _l("Name or reason"),
        validators=[DataRequired(_l("Please give the name of the holiday or the reason.")), Length(max=200)],
        description=_l("For example: the circular or Official Gazette issue that declared it."),
    )
    version = HiddenField()


COURT_KINDS = [
    ("administrative", _l("Administrative court")),
    ("tax", _l("Tax court")),
    ("regional", _l("Regional administrative court")),
]


class CourtForm(FlaskForm):
    name = StringField(
        _l("Court"),
        validators=[DataRequired(_l("Please enter the name of the court.")), Length(max=300)],
        description=_l("As it is written on a petition, e.g. Iğdır İdare Mahkemesi."),
    )
    province = StringField(_l("Province"), validators=[DataRequired(_l("Please enter the province.")), Length(max=60)])
    kind = SelectField(_l("Kind of court"), choices=COURT_KINDS)
    takes_recess = BooleanField(_l("Takes the judicial recess (20 July – 31 August)"))
    recess_unknown = BooleanField(
        _l("Not known whether it takes the recess"),
        description=_l("Deadlines then give the earlier date (no extension) and name the later one."),
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=400)])
    version = HiddenField()


class MembershipForm(FlaskForm):
    expected_status = HiddenField()


class RollForm(FlaskForm):
    # Nothing chosen in advance: importing a roll under the wrong union is costly to undo.
    union_id = SelectField(
        _l("Union"), coerce=int, validators=[DataRequired(_l("Please choose the union whose roll this is."))]
    )
    file = FileField(_l("Member roll file (CSV or .xlsx)"), validators=[FileRequired(_l("Please choose a file."))])


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _docx_file(label):
    return FileField(label, validators=[FileRequired(_l("Please choose a .docx file."))])


class NewTemplateForm(FlaskForm):
    file = _docx_file(_l("Template file (.docx)"))
    slug = StringField(
        _l("Short name"),
        validators=[
            DataRequired(_l("Please enter a short name.")),
            Length(max=80),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                message=_l("Use lower-case letters, digits and hyphens, e.g. iptal-davasi."),
            ),
        ],
        description=_l("Lower-case letters, digits and hyphens, e.g. iptal-davasi; used on the command line."),
    )
    title = StringField(
        _l("Title (Turkish)"), validators=[DataRequired(_l("Please enter the title.")), Length(max=200)]
    )
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)])
    kinds = MultiCheckboxField(_l("Case kinds"), validators=[DataRequired(_l("Choose at least one case kind."))])
    categories = MultiCheckboxField(
        _l("Categories"), validators=[Optional()], description=_l("None chosen: every category of the chosen kinds.")
    )
    required_fields = MultiCheckboxField(
        _l("Fields the lawyer must fill in"),
        validators=[Optional()],
        description=_l("Only fields the template uses count; its other fillable fields are offered as optional."),
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds.choices = [(k.value, labels.label(labels.KINDS, k.value)) for k in CaseKind]
        self.categories.choices = [(c.value, labels.label(labels.CATEGORIES, c.value)) for c in Category]
        self.required_fields.choices = [(f.name, f"{f.name} — {_field_text(f)}") for f in FILLABLE_FIELDS]


class SettingsForm(FlaskForm):
    title = StringField(
        _l("Title (Turkish)"), validators=[DataRequired(_l("Please enter the title.")), Length(max=200)]
    )
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)])
    kinds = MultiCheckboxField(_l("Case kinds"), validators=[DataRequired(_l("Choose at least one case kind."))])
    categories = MultiCheckboxField(
        _l("Categories"), validators=[Optional()], description=_l("None chosen: every category of the chosen kinds.")
    )
    required_fields = MultiCheckboxField(
        _l("Fields the lawyer must fill in"),
        validators=[Optional()],
        description=_l("The fillable fields the version in use contains; the others are offered as optional."),
    )
    signer = SelectField(
        _l("Who signs it"),
        choices=[
            ("", _l("Not set: the form starts from the member's own words")),
            ("lawyer", _l("The lawyer: facts drafted in the third person, requests from the library")),
            ("member", _l("The member: in the member's own words")),
        ],
        default="",
        validators=[Optional()],
    )
    addressee = SelectField(
        _l("Addressed to"),
        choices=[
            ("court", _l("A court")),
            ("administration", _l("The administration, its superior or a board")),
            ("ombudsman", _l("The Ombudsman (KDK)")),
            ("equality", _l("The Human Rights and Equality Institution (TİHEK)")),
            ("union", _l("The member's union")),
        ],
        default="court",
        description=_l("Only a court may be asked to annul an act."),
    )
    proceedings = MultiCheckboxField(
        _l("Stages of a case it serves"),
        validators=[Optional()],
        choices=[
            ("administrative", _l("Before any court")),
            ("first_instance", _l("A lawsuit is pending")),
            ("appeal", _l("A decision was given (appeals)")),
        ],
        description=_l("None chosen: every stage."),
    )
    token = HiddenField()

    def __init__(self, *args, fillable: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds.choices = [(k.value, labels.label(labels.KINDS, k.value)) for k in CaseKind]
        self.categories.choices = [(c.value, labels.label(labels.CATEGORIES, c.value)) for c in Category]
        self.required_fields.choices = [(f.name, f"{f.name} — {_field_text(f)}") for f in FIELDS if f.name in fillable]


class TemplateVersionForm(FlaskForm):
    """A new version of a petition template: its file and what changed."""

    file = _docx_file(_l("New version (.docx)"))
    note = TextAreaField(_l("What changed"), validators=[Optional(), Length(max=2000)])
    latest = HiddenField()


def _field_text(field) -> str:
    return field.tr if str(get_locale()) == "tr" else field.en
