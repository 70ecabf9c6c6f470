"""Each report as a list of sections: a title, a data table and (most) a chart of the same figures.

The page shows the chart with its table; the CSV and XLSX exports write the same tables, so
what is exported is exactly what is shown.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup

from app import labels
from app.queries.outcomes import OutcomeRow, Outcomes
from app.queries.patterns import Patterns
from app.queries.reports import Overview, ReportFilters
from app.reports.charts import Series, bar_chart, column_chart
from cases.vocabulary import Outcome

Cell = str | int | float | Decimal | date | None


@dataclass
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    chart: Markup | None = None
    note: str = ""
    links: list[str | None] = field(default_factory=list)  # per row: a drill-down into the queue


def month_label(month: date) -> str:
    return month.strftime("%m.%Y")


def overview_sections(report: Overview) -> list[Section]:
    months = [(month_label(m), n) for m, n in report.per_month]
    categories = [(labels.label(labels.CATEGORIES, c), n) for c, n in report.by_category]
    stages = [(labels.label(labels.STATES, s), n) for s, n in report.by_stage]
    outcomes = [(labels.label(labels.OUTCOMES, o), n) for o, n in report.by_outcome]
    times = [(labels.label(labels.STATES, t.state), t.cases, t.median, t.p90) for t in report.stage_times]
    count = _("Cases")
    return [
        Section(
            "per_month",
            _("Cases opened per month"),
            [_("Month"), count],
            [[label, n] for label, n in months],
            column_chart(_("Cases opened per month"), months, description=_("Number of cases filed in each month.")),
        ),
        Section(
            "by_category",
            _("Cases by subject"),
            [_("Subject"), count],
            [[label, n] for label, n in categories],
            bar_chart(_("Cases by subject"), [(label, [n]) for label, n in categories]),
        ),
        Section(
            "by_stage",
            _("Cases by stage"),
            [_("Stage"), count],
            [[label, n] for label, n in stages],
            bar_chart(_("Cases by stage"), [(label, [n]) for label, n in stages]),
            note=_("Where the cases filed in the period stand today."),
        ),
        Section(
            "by_outcome",
            _("Cases by outcome"),
            [_("Outcome"), count],
            [[label, n] for label, n in outcomes],
            bar_chart(_("Cases by outcome"), [(label, [n]) for label, n in outcomes]),
        ),
        Section(
            "stage_times",
            _("Days from filing to each stage"),
            [_("Stage"), _("Cases that reached it"), _("Median (days)"), _("90th percentile (days)")],
            [list(row) for row in times],
            bar_chart(
                _("Days from filing to each stage"),
                [(label, [median, p90]) for label, _n, median, p90 in times],
                [Series(_("Median"), "chart-bar"), Series(_("90th percentile"), "chart-bar-alt")],
            ),
            note=_("The first time each case reached the stage; cases filed in the period."),
        ),
    ]


def _queue_link(filters: ReportFilters, **args: str) -> str:
    query = {k: v for k, v in filters.query_args().items() if k != "province" or "institution" not in args}
    query.update(args)
    return url_for("desk.queue", kind="legal", **query)


def pattern_sections(report: Patterns, filters: ReportFilters, *, drill_down: bool) -> list[Section]:
    heading = {
        "institution": _("Institution"),
        "province": _("Province"),
        "respondent": _("Respondent"),
    }[report.dimension]

    def name(row) -> str:
        if report.dimension == "respondent":
            return str(labels.label(labels.RESPONDENTS, row.key))
        return row.name

    def link(row) -> str | None:
        if not drill_down or report.dimension == "respondent":
            return None
        if report.dimension == "institution":
            return _queue_link(filters, institution=row.key)
        return _queue_link(filters, province=row.key)

    places = report.dimension != "respondent"
    headers = [heading, _("Grievances")]
    if places:
        headers += [_("Members there"), _("Per 1,000 members")]
    headers += [str(labels.label(labels.CATEGORIES, c)) for c in report.categories]
    rows = []
    for row in report.rows:
        cells: list[Cell] = [name(row), row.total]
        if places:
            cells += [row.members, row.per_thousand]
        cells += [row.by_category.get(c, 0) for c in report.categories]
        rows.append(cells)
    ranked = Section(
        "ranking",
        _("Grievances per %(place)s, ranked", place=heading.lower()),
        headers,
        rows,
        bar_chart(
            _("Grievances per %(place)s, ranked", place=heading.lower()),
            [(name(r), [r.per_thousand or 0] if report.ranking == "rate" else [r.total]) for r in report.rows[:20]],
        ),
        links=[link(r) for r in report.rows],
        note=_("Legal cases filed in the period. Members there: verified members of the union(s) in scope."),
    )
    over_time = Section(
        "per_year",
        _("Grievances per year"),
        [heading, *[str(y) for y in report.years]],
        [[name(r), *[r.by_year.get(y, 0) for y in report.years]] for r in report.rows],
        links=[link(r) for r in report.rows],
    )
    return [ranked, over_time]


def _outcome_rows(rows: list[OutcomeRow], first) -> list[list[Cell]]:
    return [[first(r.key), *[r.counts.get(o.value, 0) for o in Outcome], r.total, r.favourable_share] for r in rows]


def outcome_sections(report: Outcomes) -> list[Section]:
    heads = [str(labels.label(labels.OUTCOMES, o.value)) for o in Outcome]
    tail = [_("Decisions"), _("For the member (%)")]

    def category(key) -> str:
        return str(labels.label(labels.CATEGORIES, key))

    def court(key) -> str:
        return key or _("Not recorded")

    return [
        Section(
            "decisions_by_category",
            _("Decisions by subject"),
            [_("Subject"), *heads, *tail],
            _outcome_rows(report.by_category, category),
            bar_chart(
                _("Decisions for the member by subject (%)"),
                [(category(r.key), [r.favourable_share]) for r in report.by_category],
            ),
            note=_("Legal cases with a decision dated in the period. For the member: won or partly won."),
        ),
        Section(
            "decisions_by_court",
            _("Decisions by court or authority"),
            [_("Court or authority"), *heads, *tail],
            _outcome_rows(report.by_court, court),
        ),
        Section(
            "decisions_by_year",
            _("Decisions by year"),
            [_("Year"), *heads, *tail],
            _outcome_rows(report.by_year, str),
            bar_chart(_("Decisions by year"), [(str(r.key), [r.total]) for r in report.by_year]),
        ),
        Section(
            "assistance",
            _("Assistance approved and paid"),
            [_("Kind"), _("Subject"), _("Approved"), _("Amount approved"), _("Paid"), _("Amount paid")],
            [
                [
                    str(labels.label(labels.KINDS, r.kind)),
                    category(r.category),
                    r.approved,
                    r.approved_amount,
                    r.paid,
                    r.paid_amount,
                ]
                for r in report.assistance
            ],  # fmt: skip
            note=_("Assistance requests filed in the period. Amounts in Turkish lira."),
        ),
    ]
