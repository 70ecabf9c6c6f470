"""Form fields of the case page, rendered without WTForms' generic machinery.

The case page shows some 40 fields and 60 hidden inputs (every form carries its CSRF token and
the version it changes). Rendered through WTForms and the ``field`` macro of ``_macros.html``
they were a third of the page's CPU time: each widget calls ``dir()`` on the field's flags, a
select inspects its ``render_option`` signature on every render, ``html_params`` builds each
attribute with ``Markup.format``, and the macro itself is a dozen Jinja statements per field.

``field_html`` gives, byte for byte, what ``field`` of ``_macros.html`` gives (tests/app/
test_field_html.py compares the two on every kind of field, empty, filled and with errors, in
both languages); ``widget_html`` gives what ``field(**attrs)`` gives. A widget or a field this
module does not know is still rendered by WTForms itself, so nothing is ever dropped.
"""

from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape
from wtforms.fields.core import Field
from wtforms.meta import DefaultMeta
from wtforms.widgets import (
    CheckboxInput,
    DateInput,
    FileInput,
    HiddenInput,
    PasswordInput,
    Select,
    TextArea,
    TextInput,
)

from app.desk.render_i18n import catalogue

_INPUTS = (TextInput, HiddenInput, CheckboxInput, FileInput, DateInput)
_SELECTS = ("SelectField", "QuerySelectField")


def _html(value) -> Markup:
    """``escape(value)``; a lazy translation (which escape() takes as markup) through this request's catalogue."""
    if isinstance(value, LazyString):
        return Markup(catalogue().text(value))  # noqa: S704 - what escape() gives for a lazy string
    return escape(value)


def _key(key: str) -> str:
    """wtforms.widgets.core.clean_key: ``class_`` → ``class``, ``aria_x`` → ``aria-x``."""
    key = key.rstrip("_")
    if key.startswith(("data_", "aria_")):
        key = key.replace("_", "-")
    return key


def _params(attrs: dict) -> str:
    """wtforms.widgets.html_params: sorted ``key="value"`` pairs, ``True`` bare, ``False`` left out."""
    parts = []
    for key, value in sorted(attrs.items()):
        key = _key(key)
        if value is True:
            parts.append(key)
        elif value is not False:
            parts.append(f'{escape(key)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return " ".join(parts)


def _flag_attrs(field: Field, names, attrs: dict) -> None:
    """The widget's validation attributes the field's flags set (``required`` …), unless given."""
    for name, value in vars(field.flags).items():
        if name in names and name not in attrs:
            attrs[name] = value() if callable(value) else value


def _select_html(field, attrs: dict) -> str:
    attrs.setdefault("id", field.id)
    _flag_attrs(field, Select.validation_attrs, attrs)
    html = [f"<select {_params({'name': field.name, **attrs})}>"]
    for choice in field._iter_choices_normalized():
        value = choice.value
        if isinstance(value, bool):
            value = str(value)
        options = {"value": value, **(choice.render_kw or {})}
        if choice.selected:
            options["selected"] = True
        label = _html(choice.label) if choice.label is not None else ""
        html.append(f"<option {_params(options)}>{label or escape(choice.value)}</option>")
    html.append("</select>")
    return "".join(html)


def widget_html(field: Field, **kwargs) -> Markup:
    """What ``field(**kwargs)`` renders (an ``<input>``, ``<textarea>`` or ``<select>``)."""
    widget = field.widget
    kind = type(widget)
    known = (
        type(field.meta).render_field is DefaultMeta.render_field
        and (kind in _INPUTS or kind is TextArea or (kind is Select and not widget.multiple))
        and not getattr(field, "_datalist", None)
        and not (kind is DateInput and (field.flags.min is not None or field.flags.max is not None))
    )
    if not known or kind is PasswordInput:
        return field(**kwargs)
    attrs = {_key(k): v for k, v in kwargs.items()}
    if field.render_kw:
        attrs = {**{_key(k): v for k, v in field.render_kw.items()}, **attrs}
    if kind is Select:
        if field.has_groups():
            return field(**kwargs)
        return Markup(_select_html(field, attrs))  # noqa: S704 - every value escaped in _params
    if kind is TextArea:
        attrs.setdefault("id", field.id)
        _flag_attrs(field, TextArea.validation_attrs, attrs)
        return Markup(  # noqa: S704 - escaped here and in _params
            f"<textarea {_params({'name': field.name, **attrs})}>\r\n{escape(field._value())}</textarea>"
        )
    if kind is FileInput:
        attrs["value"] = False
        if widget.multiple:
            attrs["multiple"] = True
    elif kind is CheckboxInput and getattr(field, "checked", field.data):
        attrs.setdefault("checked", True)
    attrs.setdefault("id", field.id)
    attrs.setdefault("type", widget.input_type)
    if "value" not in attrs:
        attrs["value"] = field._value()
    _flag_attrs(field, widget.validation_attrs, attrs)
    return Markup(f"<input {_params({'name': field.name, **attrs})}>")  # noqa: S704 - escaped in _params


def field_html(f: Field, help=None, attrs=None) -> Markup:
    """What ``field(f, help, attrs=attrs)`` of ``_macros.html`` renders: label, input, help, errors."""
    errors = f.errors
    has_error = len(errors) > 0
    fid = escape(f.id)
    if f.type == "BooleanField":
        css = "form-check-input" + (" is-invalid" if has_error else "")
        feedback = "".join(f'<div class="invalid-feedback d-block">{_html(e)}</div>' for e in errors)
        return Markup(  # noqa: S704 - every value escaped
            '    <div class="form-check mb-3">\n'
            f"      {widget_html(f, class_=css, **(attrs or {}))}\n"
            f'      <label class="form-check-label" for="{fid}">{_html(f.label.text)}</label>\n'
            f"{feedback}"
            "    </div>\n"
        )
    described_by = _html(help) if help else _html(f.description) if f.description is not None else ""
    css = "form-select" if f.type in _SELECTS else "form-control"
    described = (f"{f.id}-help " if described_by else "") + (f"{f.id}-error" if has_error else "")
    extra = dict(attrs or {})
    if described:
        extra["aria-describedby"] = described
    if has_error:
        extra["aria-invalid"] = "true"
    star = ' <span class="required-mark" aria-hidden="true">*</span>' if f.flags.required else ""
    html = [
        '    <div class="mb-3">\n',
        f'      <label class="form-label" for="{fid}">{_html(f.label.text)}{star}</label>\n',
        f"      {widget_html(f, class_=css + (' is-invalid' if has_error else ''), **extra)}\n",
    ]
    if described_by:
        html.append(f'<div id="{fid}-help" class="form-text">{described_by}</div>')
    if has_error:
        html.append(f'<div id="{fid}-error" class="invalid-feedback d-block">')
        html.append(" ".join(_html(e) for e in errors))
        html.append("</div>")
    html.append("    </div>\n")
    return Markup("".join(html))  # noqa: S704 - every value escaped
