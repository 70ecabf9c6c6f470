"""Sections other areas add to the staff case page (documents, deadlines, …).

An area registers a provider: ``provider(case, user) -> dict | None`` returns the template
context of its panel (or None to hide it); the case page renders ``desk/panels/<name>.html``
for each, in order. Providers run their own bounded queries, so the page stays a fixed
number of queries whatever the data size.
"""

from collections.abc import Callable
from dataclasses import dataclass

from app.models import Case, User

Provider = Callable[[Case, User], dict | None]


@dataclass(frozen=True)
class Panel:
    name: str
    order: int
    provider: Provider


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, order: int, provider: Provider) -> None:
    _PANELS[name] = Panel(name, order, provider)


def panels_for(case: Case, user: User) -> list[tuple[str, dict]]:
    """(template, context) for each panel shown on ``case`` to ``user``, in order."""
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: p.order):
        context = panel.provider(case, user)
        if context is not None:
            shown.append((f"desk/panels/{panel.name}.html", context))
    return shown
