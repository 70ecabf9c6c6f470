"""The case page's hand-rendered fields give exactly what WTForms and the ``field`` macro give.

Every kind of field on the page (text, text area, select, check box, file, date, hidden), empty,
filled from a posted form and with its errors, in Turkish and in English.
"""

from types import SimpleNamespace

import pytest
from flask import render_template_string
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from app.desk import deadline_forms, proceeding_forms
from app.desk import forms as desk_forms
from app.desk.field_html import field_html, widget_html
from app.forms import VersionForm

MACRO = '{% from "_macros.html" import field %}{{ field(f, help=help, attrs=attrs) }}'

# transition_form reads a transition's name and inputs only.
TRANSITION = SimpleNamespace(
    name="record_decision",
    requires=("decision_date", "outcome", "assignee_id", "reason"),
    optional=("court", "amount", "file_number", "note", "message"),
)


def _forms(formdata):
    """One of each form the case page and its panels show, read from ``formdata`` (None: empty)."""
    transition = desk_forms.transition_form(
        TRANSITION, assignee_choices=[("", "—"), ("7", "Ayşe <Yılmaz> (3 open cases)")], formdata=formdata
    )
    classes = [
        desk_forms.NoteForm,
        desk_forms.MessageForm,
        desk_forms.PriorityForm,
        desk_forms.ConflictForm,
        desk_forms.RespondentIdForm,
        desk_forms.EvidenceForm,
        deadline_forms.ProposalForm,
        deadline_forms.ManualDeadlineForm,
        deadline_forms.EditDeadlineForm,
        deadline_forms.DismissDeadlineForm,
        deadline_forms.RuleDeadlineForm,
        proceeding_forms.ProceedingForm,
        proceeding_forms.DecisionForm,
        proceeding_forms.PaperForm,
        proceeding_forms.NotificationDateForm,
        proceeding_forms.CompetentCourtForm,
        proceeding_forms.LimitationForm,
        VersionForm,
    ]
    forms = [transition]
    for cls in classes:
        form = cls(formdata=formdata)
        if hasattr(form, "rule_id") and hasattr(form.rule_id, "choices") and form.rule_id.type == "SelectField":
            form.rule_id.choices = [("annulment-lawsuit", 'İptal "davası"'), ("x", "Başka & bir")]
        if hasattr(form, "court_id"):
            form.court_id.choices = [(1, "Ankara 1. İdare Mahkemesi"), (2, "İzmir <2>")]
        forms.append(form)
    if formdata is not None:
        for form in forms:
            form.validate()
    return forms


POSTED = MultiDict(
    {
        "decision_date": "31.02.2026",
        "outcome": "won",
        "assignee_id": "7",
        "reason": 'Şöyle "böyle" <b>kalın</b>\nikinci satır',
        "court": "Ankara & İzmir",
        "amount": "10.000,50",
        "text": "<script>x</script>",
        "note": "",
        "priority": "urgent",
        "national_id": "12345678901",
        "description": "açıklama",
        "member_visible": "y",
        "title": "",
        "due_date": "1899-01-01",
        "start_date": "yarın",
        "recess": "yes",
        "applied": "2026-01-05",
        "kind": "first_instance",
        "basis": "iyuk10",
        "authority": "Danıştay",
        "notified": "",
        "court_id": "2",
        "learned": "2026-13-01",
        "version": '3"',
        "rule_id": "x",
        "source": "event:5",
    }
)


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("posted", [False, True], ids=["empty", "posted"])
def test_every_field_renders_as_the_macro_does(app, language, posted):
    with app.test_request_context(method="POST" if posted else "GET"), force_locale(language):
        forms = _forms(POSTED if posted else None)
        compared = 0
        errors_seen = 0
        for form in forms:
            for f in form:
                for help_text, attrs in [(None, {}), ("Önerilen: <Ayşe>", {"rows": 2, "data_x": 'a"b'})]:
                    expected = render_template_string(MACRO, f=f, help=help_text, attrs=attrs)
                    assert str(field_html(f, help=help_text, attrs=attrs)) == expected, (form, f.name)
                assert str(widget_html(f)) == str(f()), (form, f.name)
                assert str(widget_html(f, id=False)) == str(f(id=False)), (form, f.name)
                assert str(widget_html(f, class_="x", rows=3)) == str(f(class_="x", rows=3)), (form, f.name)
                compared += 1
                errors_seen += bool(f.errors)
        assert compared > 60
        if posted:
            assert errors_seen >= 8  # the error branch is compared too


def test_errors_and_typed_values_are_shown(app):
    """What the lawyer typed comes back, escaped, with the error under the field (both languages)."""
    posted = MultiDict({"due_date": "31.02.2026", "reason": '<b>"neden"</b>', "version": "1"})
    for language, message in [("tr", "23.11.2026"), ("en", "23.11.2026")]:
        with app.test_request_context(method="POST"), force_locale(language):
            form = deadline_forms.EditDeadlineForm(formdata=posted)
            assert not form.validate()
            html = str(field_html(form.due_date))
            assert 'value="31.02.2026"' in html
            assert 'aria-invalid="true"' in html and "is-invalid" in html
            assert message in html
            reason = str(field_html(form.reason))
            assert "&lt;b&gt;&#34;neden&#34;&lt;/b&gt;" in reason
            assert "<b>" not in reason
