"""Parsing and cleaning one answer (dates, amounts, IBANs, text), and the messages that explain a refusal."""

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal

from cases import money
from cases.grievance.form import EARLIEST_DATE, NO, YES, Answers, Question, QuestionType
from cases.i18n import N_
from cases.text import INVISIBLE

_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069{INVISIBLE}]")
_YES_WORDS = {"yes", "evet", "true", "on", "1", "y", "e"}
_NO_WORDS = {"no", "hayır", "hayir", "false", "off", "0", "n", "h"}


class Message(str):
    """A user-facing N_ message (the untranslated msgid itself) with its ``%(name)s`` parameters.

    It compares equal to its msgid. Show it with ``render(gettext)``: translate, then fill.
    """

    params: dict[str, object]

    def __new__(cls, message: str, **params: object) -> "Message":
        obj = super().__new__(cls, message)
        obj.params = params
        return obj

    def render(self, translate: Callable[[str], str] = str) -> str:
        text = translate(str(self))
        return text % self.params if self.params else text


def render_messages(messages: Mapping[str, str], translate: Callable[[str], str] = str) -> dict[str, str]:
    """Translate and fill a dict of errors or warnings for display."""
    return {k: m.render(translate) if isinstance(m, Message) else translate(m) for k, m in messages.items()}


class AnswerError(ValueError):
    """One answer could not be understood; ``message`` says why, for the member."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = Message(message, **params)


def parse_date(value: str) -> date:
    """Read a date typed as ``2026-11-23`` (an <input type=date>) or ``23.11.2026``.

    Raises AnswerError with a user-facing message.
    """
    text = value.strip()
    if m := _ISO.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DMY.fullmatch(text):
        d, mo, y = (int(g) for g in m.groups())
        if len(m.group(3)) != 4:
            raise AnswerError(N_("Please write the year with four digits, for example 23.11.2026."))
    else:
        raise AnswerError(N_("Please enter the date as day.month.year, for example 23.11.2026."))
    try:
        return date(y, mo, d)
    except ValueError:
        raise AnswerError(N_("This date does not exist. Please check the day and the month.")) from None


def parse_amount(value: str, *, decimals: int = 2) -> Decimal:
    """Read an amount by the one amount rule of ``cases.money`` (``10.000``, ``15.000,50``, ``15000.50``)."""
    try:
        amount = money.parse_amount(value)
    except money.AmountError as error:
        raise AnswerError(error.message, **error.params) from None
    if decimals == 0 and amount != amount.to_integral_value():
        raise AnswerError(N_("Please write a whole number."))
    return amount


def iban_problem(value: str) -> str | None:
    """Why ``value`` is not a valid Turkish IBAN (length, form, mod-97 check), or None."""
    iban = compact_iban(value)
    if not iban.startswith("TR") or len(iban) != 26 or not iban[2:].isdigit():
        return N_("A Turkish IBAN starts with TR followed by 24 digits. Please check it.")
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return N_("This IBAN is not valid: there may be a typing mistake. Please check it.")
    return None


def compact_iban(value: str) -> str:
    """The IBAN without spaces or dashes, in capitals."""
    return re.sub(r"[\s-]", "", value or "").upper()


def format_iban(value: str) -> str:
    """The IBAN in groups of four, as printed on bank documents."""
    iban = compact_iban(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def clean_text(value: str, *, multiline: bool) -> str:
    """NFC-normalised text without control or bidi-override characters; one line unless ``multiline``."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if multiline:
        text = _CONTROL.sub("", text)
        return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()
    return " ".join(_CONTROL.sub("", text.replace("\n", " ")).split())


def _clean_text_answer(q: Question, raw: str, today: date) -> str:
    text = clean_text(raw, multiline=q.type == QuestionType.TEXTAREA)
    limit = q.length_limit
    if limit is not None and len(text) > limit:
        raise AnswerError(
            N_("Please shorten this to at most %(max)s characters (now %(length)s)."),
            max=limit,
            length=len(text),
        )
    if len(text) < q.min_length:
        raise AnswerError(N_("Please tell us a little more (at least %(min)s characters)."), min=q.min_length)
    return text


def _clean_date_answer(q: Question, raw: str, today: date) -> str:
    day = parse_date(raw)
    if day > today + timedelta(days=q.future_days):
        raise AnswerError(N_("This date is in the future. Please check the day, month and year."))
    if day < EARLIEST_DATE:
        raise AnswerError(N_("This date is too far in the past. Please check the year."))
    return day.isoformat()


def _clean_choice_answer(q: Question, raw: str, today: date) -> str:
    value = raw.strip()
    if value not in {v for v, _ in q.choices}:
        raise AnswerError(N_("Please choose one of the options."))
    return value


def _clean_yes_no_answer(q: Question, raw: str, today: date) -> str:
    word = raw.strip().lower()
    if word in _YES_WORDS:
        return YES
    if word in _NO_WORDS:
        return NO
    raise AnswerError(N_("Please answer yes or no."))


def _clean_number_answer(q: Question, raw: str, today: date) -> str:
    amount = parse_amount(raw, decimals=q.decimals)
    if q.min_value is not None and amount < q.min_value:
        raise AnswerError(N_("Please enter at least %(min)s."), min=q.min_value)
    if q.max_value is not None and amount > q.max_value:
        raise AnswerError(N_("Please enter at most %(max)s."), max=q.max_value)
    return format(amount.quantize(Decimal(1) if q.decimals == 0 else Decimal("0.01")), "f")


def _clean_iban_answer(q: Question, raw: str, today: date) -> str:
    if problem := iban_problem(raw):
        raise AnswerError(problem)
    return compact_iban(raw)


_CLEANERS: dict[QuestionType, Callable[[Question, str, date], str]] = {
    QuestionType.TEXT: _clean_text_answer,
    QuestionType.TEXTAREA: _clean_text_answer,
    QuestionType.DATE: _clean_date_answer,
    QuestionType.CHOICE: _clean_choice_answer,
    QuestionType.YES_NO: _clean_yes_no_answer,
    QuestionType.NUMBER: _clean_number_answer,
    QuestionType.IBAN: _clean_iban_answer,
}


def _clean_answer(q: Question, raw: str, today: date) -> str:
    """The canonical string form of one non-empty answer; raises AnswerError."""
    cleaner = _CLEANERS.get(q.type)
    if cleaner is None:
        raise AssertionError(q.type)
    return cleaner(q, raw, today)


def _raw(answers: Answers, qid: str) -> str:
    value = answers.get(qid)
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    return value if isinstance(value, str) else str(value)


def _day(answers: Answers, qid: str) -> date | None:
    value = _raw(answers, qid)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
