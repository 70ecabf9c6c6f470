"""The courts list: loaded from a CSV fixture (app/data/courts.csv names its sources), corrected by admins."""

import csv
import io

import sqlalchemy as sa

from app.extensions import db
from app.models import Court

KINDS = ("administrative", "tax", "regional")
_RECESS = {"yes": True, "no": False, "": None}


def load_courts(text: str, *, update: bool = False) -> tuple[int, int]:
    """Add the courts of a CSV text (and overwrite existing ones when ``update``); commit. ValueError on bad rows."""
    rows = list(csv.DictReader(io.StringIO(text)))
    parsed = []
    for number, row in enumerate(rows, start=2):
        name = " ".join((row.get("name") or "").split())
        province = (row.get("province") or "").strip()
        kind = (row.get("kind") or "").strip()
        recess = (row.get("takes_recess") or "").strip().lower()
        if not name or not province or kind not in KINDS or recess not in _RECESS:
            raise ValueError(
                f"line {number}: needs a name, a province, a kind of {KINDS} and takes_recess yes/no/blank"
            )
        parsed.append((name, province, kind, _RECESS[recess], (row.get("address") or "").strip() or None))
    existing = {court.name: court for court in db.session.scalars(sa.select(Court))}
    added = updated = 0
    for name, province, kind, recess, address in parsed:
        court = existing.get(name)
        if court is None:
            db.session.add(Court(name=name, province=province, kind=kind, takes_recess=recess, address=address))
            added += 1
        elif update:
            court.province, court.kind, court.takes_recess, court.address = province, kind, recess, address
            updated += 1
    db.session.commit()
    return added, updated
