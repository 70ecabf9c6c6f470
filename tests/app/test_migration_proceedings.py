"""Migration 0007 moves each filed case's court, file number and dates into a first-instance proceeding."""

import sqlalchemy as sa


def test_0007_moves_the_case_court_fields_into_a_proceeding(tmp_path):
    from flask_migrate import downgrade, upgrade

    from app import create_app

    url = f"sqlite:///{tmp_path / 'migrate.db'}"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="0004_respondent")
        engine = sa.create_engine(url)
        columns = (
            "reference, union_id, member_id, kind, category, status, priority, priority_rank, narrative, requests,"
            " details, membership_pending, conflict_status, search_text, created_at, last_activity_at, version,"
            " court, court_file_number, filing_date, decision_date, outcome"
        )
        with engine.connect() as connection:
            # A bare case row (no union or member) with foreign keys off; the migration runs with them on.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for n, court in ((1, "Ankara 3. İdare Mahkemesi"), (2, None)):
                connection.execute(
                    sa.text(
                        f"INSERT INTO cases ({columns}) VALUES (:ref, 1, 1, 'legal', 'relocation', 'resolved',"
                        " 'normal', 1, '', '', '{}', 0, 'none', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1,"
                        " :court, :number, :filed, :decided, 'won')"
                    ),
                    {
                        "ref": f"X-2026-{n:06d}",
                        "court": court,
                        "number": "2026/5" if court else None,
                        "filed": "2026-02-01" if court else None,
                        "decided": "2026-06-01" if court else None,
                    },
                )
            connection.commit()
        upgrade(revision="0007")
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT kind, position, authority, file_number, filing_date, decision_date, outcome FROM proceedings"
                )
            ).all()
            assert [tuple(row) for row in rows] == [
                ("first_instance", 1, "Ankara 3. İdare Mahkemesi", "2026/5", "2026-02-01", "2026-06-01", "won")
            ]
            names = {c["name"] for c in sa.inspect(connection).get_columns("cases")}
            assert "court" not in names and "competent_court_id" in names
        downgrade(revision="0006")  # 0007 itself (the ones below it have their own tests)
        with engine.connect() as connection:
            back = connection.execute(sa.text("SELECT court, court_file_number FROM cases ORDER BY id")).all()
            assert [tuple(row) for row in back] == [("Ankara 3. İdare Mahkemesi", "2026/5"), (None, None)]
        engine.dispose()
