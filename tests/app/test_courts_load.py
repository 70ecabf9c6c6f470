"""`flask courts load`: the sourced courts list goes in once, unknown flags stay unknown, corrections stay."""

import sqlalchemy as sa

from app.models import Court


def _court(db, name):
    db.session.expire_all()
    return db.session.scalar(sa.select(Court).where(Court.name == name))


def test_load_adds_the_fixture_once_and_keeps_unknowns_unknown(runner, db):
    result = runner.invoke(args=["courts", "load"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("8 court(s) added")
    sinop = _court(db, "Sinop İdare Mahkemesi")
    assert (sinop.province, sinop.kind, sinop.takes_recess, sinop.address) == ("Sinop", "administrative", None, None)
    assert _court(db, "Hakkâri Vergi Mahkemesi").kind == "tax"
    again = runner.invoke(args=["courts", "load"])
    assert again.output.startswith("0 court(s) added, 0 updated")


def test_load_leaves_an_admins_correction_unless_asked_to_update(runner, db, tmp_path):
    db.session.add(Court(name="Sinop İdare Mahkemesi", province="Sinop", takes_recess=False, address="Adliye"))
    db.session.commit()
    runner.invoke(args=["courts", "load"])
    assert _court(db, "Sinop İdare Mahkemesi").takes_recess is False
    corrected = tmp_path / "courts.csv"
    corrected.write_text(
        "name,province,kind,takes_recess,address,source\nSinop İdare Mahkemesi,Sinop,administrative,yes,,test\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["courts", "load", str(corrected), "--update"])
    assert result.exit_code == 0 and "1 updated" in result.output
    assert _court(db, "Sinop İdare Mahkemesi").takes_recess is True


def test_load_refuses_a_bad_row(runner, db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,province,kind,takes_recess,address,source\nX,,court,maybe,,\n", encoding="utf-8")
    result = runner.invoke(args=["courts", "load", str(bad)])
    assert result.exit_code != 0 and "line 2" in result.output
    assert db.session.scalar(sa.select(sa.func.count(Court.id))) == 0
