"""Seed a benchmark database fast: unions, institutions, lawyers, members, cases and hash-chained events.

Rows go in with Core ``executemany`` batches (never the ORM one by one), so 100,000 cases take
well under a minute and 1,000,000 a few minutes on PostgreSQL. Cases follow the confederation's
shape: 11 unions whose sizes differ as the real ones do, ~200 institutions, ~50 lawyers, Turkish
names and narratives, a few events per case and one case with 50 events.
"""

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from cases.audit import GENESIS_HASH, SEALED_FIELDS, event_digest, head_seal
from cases.text import fold
from cases.vocabulary import ASSISTANCE_CATEGORIES, LEGAL_CATEGORIES, PRIORITY_RANK, Priority

BATCH = 5000
PASSWORD = "Bench.2026"  # benchmark accounts only

# (code, name, share of members): sizes after the confederation's published 2025 figures.
UNIONS = [
    ("EBS", "Eğitim-Bir-Sen", 0.39),
    ("SGS", "Sağlık-Sen", 0.16),
    ("BES", "Büro Memur-Sen", 0.10),
    ("DIY", "Diyanet-Sen", 0.08),
    ("BEM", "Bem-Bir-Sen", 0.08),
    ("TOS", "Toç-Bir-Sen", 0.05),
    ("ENS", "Enerji Bir-Sen", 0.04),
    ("BTS", "Bayındırlık Kent-Sen", 0.04),
    ("TRS", "Ulaştırma Memur-Sen", 0.03),
    ("BHS", "Birlik Haber-Sen", 0.015),
    ("KUS", "Kültür Memur-Sen", 0.015),
]
PROVINCES = [
    "Ankara", "İstanbul", "İzmir", "Bursa", "Antalya", "Konya", "Adana", "Şanlıurfa", "Gaziantep", "Kocaeli",
    "Diyarbakır", "Kayseri", "Eskişehir", "Iğdır", "Çanakkale", "Muğla", "Ağrı", "Isparta", "Çorum", "Şırnak",
]  # fmt: skip
INSTITUTION_KINDS = [
    "İl Milli Eğitim Müdürlüğü", "Devlet Hastanesi", "Adliyesi", "Vergi Dairesi Başkanlığı", "İl Sağlık Müdürlüğü",
    "Müftülüğü", "Belediyesi", "Karayolları Bölge Müdürlüğü", "PTT Başmüdürlüğü", "Kültür ve Turizm Müdürlüğü",
]  # fmt: skip
FIRST = [
    "Ayşe", "Mehmet", "Fatma", "Ahmet", "Emine", "Mustafa", "Hatice", "İsmail", "Zeynep", "Hüseyin", "Şükrü",
    "Çiğdem", "Işıl", "İrem", "Ömer", "Gülşen", "Ilgaz", "Özlem", "Ümit", "Derya", "Serkan", "Irmak",
]  # fmt: skip
LAST = [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan",
    "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Işık", "İnce", "Güneş", "Akgül", "Erdoğan", "Polat",
]  # fmt: skip
NARRATIVE = [
    "Okul müdürü beni gerekçe göstermeden {place} ilçesine görevlendirdi.",
    "Amirim toplantılarda sürekli olarak beni aşağılıyor ve ÇALIŞMA saatlerim dışında görev veriyor.",
    "Hakkımda açılan disiplin soruşturması sonunda uyarma cezası verildi; savunmam dikkate alınmadı.",
    "Nöbet ücretlerim üç aydır ödenmiyor, ek ödeme hesaplaması hatalı yapıldı.",
    "Sendika üyeliğim nedeniyle şube müdürlüğü görevlendirmesinde sıra atlandı.",
    "Doğum izni dönüşü kadrom {place} İSTANBUL yerine başka bir birime aktarıldı.",
    "Yöneticim mesai arkadaşlarımın önünde bağırarak IŞIK kapatma görevini bana yükledi.",
    "Rotasyon listesinde liyakat ölçütleri uygulanmadı, kıdemim sayılmadı.",
    "Deprem sonrası evim hasar gördü, geçici barınma desteği istiyorum.",
    "Eşimin vefatı nedeniyle cenaze ve yas yardımı talep ediyorum.",
]
LEGAL_STATES = [
    ("submitted", 15), ("in_review", 25), ("awaiting_member", 8), ("accepted", 10), ("objection_filed", 5),
    ("lawsuit_filed", 14), ("resolved", 8), ("declined", 5), ("withdrawn", 2), ("closed", 8),
]  # fmt: skip
ASSISTANCE_STATES = [
    ("submitted", 20), ("in_review", 25), ("awaiting_member", 5), ("approved", 15), ("paid", 15),
    ("declined", 10), ("closed", 10),
]  # fmt: skip


def national_id(n: int) -> str:
    digits = [int(c) for c in str(100_000_000 + n)[:9]]
    d10 = (7 * sum(digits[0:9:2]) - sum(digits[1:8:2])) % 10
    d11 = (sum(digits) + d10) % 10
    return "".join(map(str, digits)) + f"{d10}{d11}"


@dataclass
class Seeded:
    cases: int
    events: int
    lawyer_email: str
    big_case_id: int
    union_code: str


def _weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    names, weights = zip(*table, strict=True)
    return rng.choices(names, weights)[0]


def _insert(connection, table, rows: list[dict]) -> None:
    """Write ``rows`` (all with the same keys): COPY on PostgreSQL, batched executemany elsewhere.

    COPY streams the rows in one round trip and is several times faster than INSERT, which is
    what keeps a million cases within minutes.
    """
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        _copy(connection, table, rows)
        return
    for start in range(0, len(rows), BATCH):
        connection.execute(table.insert(), rows[start : start + BATCH])


def _copy(connection, table, rows: list[dict]) -> None:
    columns = list(rows[0])
    as_json = {column.name for column in table.columns if isinstance(column.type, sa.JSON)}
    names = ", ".join(f'"{name}"' for name in columns)
    # Inside the SQLAlchemy transaction: the same DBAPI connection, so one commit covers all.
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([json.dumps(row[name]) if name in as_json else row[name] for name in columns])


class _Events:
    """Collects hash-chained events and writes them in batches."""

    def __init__(self, connection, table, key: bytes) -> None:
        self.connection, self.table, self.key = connection, table, key
        self.rows: list[dict] = []
        self.next_id = 1
        self.count = 0

    def chain(self, case: dict, items: list[tuple[str, int | None, datetime, dict, bool]]) -> None:
        """Chain ``items`` as the events of ``case`` and record the chain head on the case row."""
        case_id = case["id"]
        previous = GENESIS_HASH
        for sequence, (kind, actor_id, moment, payload, visible) in enumerate(items, start=1):
            digest = event_digest(previous, case_id, sequence, kind, actor_id, moment, payload, visible, key=self.key)
            self.rows.append(
                {
                    "id": self.next_id,
                    "case_id": case_id,
                    "sequence": sequence,
                    "kind": kind,
                    "actor_id": actor_id,
                    "member_visible": visible,
                    "payload": payload,
                    "created_at": moment,
                    "previous_hash": previous,
                    "hash": digest,
                }
            )
            previous = digest
            self.next_id += 1
            self.count += 1
        case["chain_length"], case["chain_hash"] = len(items), previous
        sealed = {name: case[name] for name in SEALED_FIELDS}
        case["chain_seal"] = head_seal(self.key, case_id, len(items), previous, sealed)

    def flush(self) -> None:
        if self.rows:
            _insert(self.connection, self.table, self.rows)
            self.rows = []


def _staff(rng: random.Random, password_hash: str, now: datetime) -> tuple[list[dict], dict, dict]:
    """50 lawyers spread by union size (the last two the confederation's) and one officer per union."""
    users, lawyers_by_union = [], {u: [] for u in range(1, 12)}
    user_id = 0
    for n in range(50):  # 50 lawyers, spread by union size; the last two belong to the confederation
        user_id += 1
        union_id = None if n >= 48 else 1 + (n % 11 if n >= 11 else n)
        if n >= 11 and n < 48:
            union_id = rng.choices(range(1, 12), [u[2] for u in UNIONS])[0]
        users.append(_user(user_id, f"avukat{n}@bench.test", f"Av. {FIRST[n % 22]} {LAST[(n * 7) % 22]}",
                           "lawyer", union_id, password_hash, now))  # fmt: skip
        if union_id:
            lawyers_by_union[union_id].append(user_id)
    officers_by_union = {}
    for union_id in range(1, 12):
        user_id += 1
        users.append(_user(user_id, f"sosyal{union_id}@bench.test", f"Sosyal İşler {union_id}", "officer",
                           union_id, password_hash, now))  # fmt: skip
        officers_by_union[union_id] = [user_id]
    return users, lawyers_by_union, officers_by_union


def seed(engine: sa.Engine, n_cases: int, *, seed_value: int = 2026, echo=print) -> Seeded:
    """Fill an empty, migrated database with ``n_cases`` cases and everything they refer to."""
    from app.extensions import db
    from app.models.report_counts import rebuild
    from app.models.user import _hasher
    from app.services.timeline import audit_key

    rng = random.Random(seed_value)
    tables = db.metadata.tables
    password_hash = _hasher.hash(PASSWORD)
    now = datetime.now(UTC).replace(microsecond=0)
    n_members = max(200, n_cases // 4)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        search_indexes: list = []
        if postgres:  # building the trigram index once at the end is far cheaper than row by row
            search_indexes = connection.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes"
                " WHERE tablename = 'cases' AND position('USING gin' in indexdef) > 0"
            ).all()
            for name, _definition in search_indexes:
                connection.exec_driver_sql(f'DROP INDEX "{name}"')  # a name read from the catalogue
        _insert(
            connection,
            tables["unions"],
            [
                {"id": i, "code": code, "name": name, "branch_no": i, "active": True, "version": 1}
                for i, (code, name, _share) in enumerate(UNIONS, start=1)
            ],
        )
        institutions = []
        for i in range(1, 201):
            province, kind = PROVINCES[i % len(PROVINCES)], INSTITUTION_KINDS[i % len(INSTITUTION_KINDS)]
            name = f"{province} {kind} {i}"
            institutions.append(
                {"id": i, "name": name, "name_folded": fold(name), "province": province, "union_id": None,
                 "active": True, "version": 1}
            )  # fmt: skip
        _insert(connection, tables["institutions"], institutions)

        users, lawyers_by_union, officers_by_union = _staff(rng, password_hash, now)
        user_id = len(users)
        members = []
        member_union = []
        for m in range(1, n_members + 1):
            user_id += 1
            union_id = rng.choices(range(1, 12), [u[2] for u in UNIONS])[0]
            full_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            users.append(_user(user_id, f"uye{m}@bench.test", full_name, "member", union_id, password_hash, now))
            members.append(
                {
                    "id": m, "user_id": user_id, "national_id": national_id(m), "union_id": union_id,
                    "membership_number": f"{m:08d}", "institution_id": rng.randint(1, 200), "title": "Memur",
                    "province": rng.choice(PROVINCES), "full_name_folded": fold(full_name),
                    "membership_status": "verified" if rng.random() > 0.05 else "pending", "created_at": now,
                }
            )  # fmt: skip
            member_union.append(union_id)
        _insert(connection, tables["users"], users)
        _insert(connection, tables["member_profiles"], members)
        names = {u["id"]: u["full_name"] for u in users}
        institution_names = {i["id"]: i["name"] for i in institutions}
        echo(f"  {len(users)} users, {n_members} members, 200 institutions, 11 unions")

        events = _Events(connection, tables["case_events"], audit_key())
        counters: dict[tuple[int, int], int] = {}
        cases: list[dict] = []
        big_union = 1
        big_case_id = 0
        for case_id in range(1, n_cases + 1):
            member = members[rng.randrange(n_members)]
            union_id = member["union_id"]
            legal = rng.random() < 0.75
            kind = "legal" if legal else rng.choice(["social", "material"])
            category = rng.choice(LEGAL_CATEGORIES if legal else ASSISTANCE_CATEGORIES).value
            status = _weighted(rng, LEGAL_STATES if legal else ASSISTANCE_STATES)
            created = now - timedelta(days=rng.randint(0, 5 * 365), minutes=rng.randint(0, 1440))
            last = min(now, created + timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440)))
            key = (union_id, created.year)
            counters[key] = counters.get(key, 0) + 1
            reference = f"{UNIONS[union_id - 1][0]}-{created.year}-{counters[key]:06d}"
            staff = (lawyers_by_union if legal else officers_by_union)[union_id] or [49]
            assignee = None if status == "submitted" else rng.choice(staff)
            priority = rng.choices(list(Priority), [10, 70, 15, 5])[0]
            narrative = " ".join(
                rng.choice(NARRATIVE).format(place=rng.choice(PROVINCES)) for _ in range(rng.randint(2, 4))
            )
            member_name = names[member["user_id"]]
            institution = institution_names[member["institution_id"]]
            deadline = (created + timedelta(days=rng.randint(20, 200))).date() if legal and status != "closed" else None
            cases.append(
                {
                    "id": case_id, "reference": reference, "union_id": union_id, "member_id": member["id"],
                    "kind": kind, "category": category, "status": status, "priority": priority.value,
                    "priority_rank": PRIORITY_RANK[priority], "assignee_id": assignee,
                    "respondent_type": rng.choice(["administration", "manager", "supervisor", "coworker"]),
                    "respondent_name": None, "institution_id": member["institution_id"],
                    "province": member["province"], "incident_date": (created - timedelta(days=10)).date(),
                    "notification_date": (created - timedelta(days=5)).date(), "narrative": narrative,
                    "requests": "İşlemin iptalini ve haklarımın iadesini istiyorum.", "details": {},
                    "membership_pending": member["membership_status"] != "verified", "conflict_status": "none",
                    "search_text": fold(" ".join([reference, member_name, institution, narrative])),
                    "next_deadline": deadline, "created_at": created, "last_activity_at": last,
                    "closed_at": last if status == "closed" else None, "version": 3,
                }
            )  # fmt: skip
            items = [("submitted", member["user_id"], created, {"to_state": "submitted"}, True)]
            if assignee is not None:
                items.append(
                    ("transition", assignee, created + timedelta(hours=3),
                     {"transition": "take", "from_state": "submitted", "to_state": "in_review",
                      "member_visible": True, "data": {"assignee_id": assignee}}, True)
                )  # fmt: skip
                if status not in ("submitted", "in_review"):
                    items.append(
                        ("transition", assignee, last,
                         {"transition": "seed", "from_state": "in_review", "to_state": status,
                          "member_visible": True, "data": {}}, True)
                    )  # fmt: skip
                    items.append(("note", assignee, last, {"text": "Dosya incelendi, belgeler tamam."}, False))
            if not big_case_id and union_id == big_union and legal and assignee is not None:
                big_case_id = case_id
                items.extend(_fifty(assignee, member["user_id"], created))
            events.chain(cases[-1], items)
            if len(cases) >= BATCH:
                _insert(connection, tables["cases"], cases)
                cases = []
                events.flush()
                if case_id % 100_000 == 0:
                    echo(f"  {case_id} cases")
        if cases:
            _insert(connection, tables["cases"], cases)
        events.flush()
        _insert(
            connection,
            tables["case_reference_counters"],
            [{"union_id": u, "year": y, "last_number": n} for (u, y), n in counters.items()],
        )
        if postgres:
            echo("  building the search index …")
            for _name, definition in search_indexes:  # as the migrations defined it
                connection.exec_driver_sql(definition)
            for table in ("unions", "institutions", "users", "member_profiles", "cases", "case_events"):
                # Fixed table names from the tuple above: nothing user-given reaches this SQL.
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
                )
        # The cases went in past the ORM, whose flushes keep the summary counts (app/models/report_counts.py).
        echo("  counting the report summaries …")
        rebuild(connection)
    _analyze(engine)
    lawyer_email = next(u["email"] for u in users if u["role"] == "lawyer" and u["union_id"] == big_union)
    return Seeded(n_cases, events.count, lawyer_email, big_case_id, UNIONS[big_union - 1][0])


def _fifty(lawyer: int, member_user: int, start: datetime) -> list:
    items = []
    for i in range(48):
        moment = start + timedelta(hours=4 + i)
        if i % 3 == 0:
            items.append(("message", lawyer, moment, {"text": f"Belge {i} için bilgi rica ediyorum."}, True))
        elif i % 3 == 1:
            items.append(("member_message", member_user, moment, {"text": f"Belge {i} ektedir."}, True))
        else:
            items.append(("note", lawyer, moment, {"text": f"İç değerlendirme {i}."}, False))
    return items


def _user(user_id, email, full_name, role, union_id, password_hash, now) -> dict:
    return {
        "id": user_id, "email": email, "password_hash": password_hash, "full_name": full_name, "role": role,
        "union_id": union_id, "active": True, "language": "tr", "created_at": now, "version": 1,
        "email_confirmed_at": now,
    }  # fmt: skip


def _analyze(engine: sa.Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
