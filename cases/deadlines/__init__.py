"""Legal deadlines: rules as data, computed on the Turkish calendar, and explained step by step.

Counting follows İYUK art. 8: the period starts the day after its trigger, holidays inside it
count, and a last day that is not a working day moves to the next working day. Rules that
follow the administrative courts' judicial recess (20 July – 31 August) run to 7 September
when they would end inside it (İYUK arts. 61 and 8/3). Each rule cites its provision in
``legal_basis`` and carries a ``Mark`` saying how well that provision was verified.

Every result carries ``ExplanationStep``s: plain records (kind, N_ template, params with
dates as dd.mm.yyyy) that render in English here and translate in the web layer.
"""

from cases.deadlines.computation import (
    RECESS_END,
    RECESS_RUNS_TO,
    RECESS_START,
    compute_deadline,
    earliest_last_day_affected,
    is_overdue,
)
from cases.deadlines.explanation import (
    DeadlineResult,
    ExplanationStep,
    earliest,
    explain_lines,
    format_date,
)
from cases.deadlines.rules import (
    CASE_RULES,
    RULES,
    RULES_BY_ID,
    DeadlineRule,
    LengthChange,
    Mark,
    Unit,
    get_rule,
    rules_for_case,
)

__all__ = [
    "CASE_RULES",
    "DeadlineResult",
    "DeadlineRule",
    "ExplanationStep",
    "LengthChange",
    "Mark",
    "RECESS_END",
    "RECESS_RUNS_TO",
    "RECESS_START",
    "RULES",
    "RULES_BY_ID",
    "Unit",
    "compute_deadline",
    "earliest",
    "earliest_last_day_affected",
    "explain_lines",
    "is_overdue",
    "format_date",
    "get_rule",
    "rules_for_case",
]
