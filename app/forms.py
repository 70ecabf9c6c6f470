"""Fields and forms shared by every blueprint: dates as Turkish readers type them, bare confirmations."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField


class TrDateField(DateField):
    """A date typed as 23.11.2026 or picked in a browser's date input (2026-11-23).

    What was typed comes back as typed when the form is shown again with an error.
    """

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        kwargs.setdefault("render_kw", {"type": "date"})
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"], **kwargs)

    def process_formdata(self, valuelist) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip()
        for fmt in self.format:
            try:
                self.data = datetime.strptime(text, fmt).date()  # a calendar day
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError(_l("Please write the date like 23.11.2026."))

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.isoformat() if isinstance(self.data, date) else ""


class VersionForm(FlaskForm):
    """A bare action on a versioned record (confirm, mark met, share): CSRF and the version it changes."""

    version = HiddenField()


class ConfirmForm(FlaskForm):
    """A button that only needs CSRF (export, delete a draft, switch a template on or off)."""
