"""`flask petitions list` and `flask petitions render` on the demo data."""

import pytest
import sqlalchemy as sa

from app.models import Case, MemberProfile, Proceeding, User
from cases.petitions import soffice_available
from tests.app.test_petition_support import assert_no_tags, read_back

DEFAULT_SET = {
    "bilgi-edinme",
    "bilgi-edinme-itiraz",
    "disiplin-cezasina-itiraz",
    "idareye-basvuru",
    "iptal-davasi",
    "istinaf",
    "kanun-yoluna-cevap",
    "kdk-sikayeti",
    "mobbing-sikayeti",
    "nakle-itiraz",
    "performans-itiraz",
    "savunmaya-cevap",
    "sosyal-yardim-basvurusu",
    "tazmin-basvurusu",
    "temyiz",
    "tihek-basvurusu",
    "yd-kararina-itiraz",
}


@pytest.fixture
def demo(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    filed = sa.select(Proceeding.case_id).where(Proceeding.kind == "first_instance")
    case = db.session.scalar(sa.select(Case).where(Case.kind == "legal", Case.id.in_(filed)).order_by(Case.id).limit(1))
    member_name = db.session.scalar(
        sa.select(User.full_name)
        .join(MemberProfile, MemberProfile.user_id == User.id)
        .where(MemberProfile.id == case.member_id)
    )
    return case, member_name


def test_list_prints_the_active_templates_one_a_line_and_seeding_again_adds_none(runner, demo):
    result = runner.invoke(args=["petitions", "list"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == sorted(DEFAULT_SET)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["petitions", "list"]).output.splitlines() == sorted(DEFAULT_SET)


def test_render_writes_a_filled_docx_for_a_demo_case(runner, demo, tmp_path):
    case, member_name = demo
    out = tmp_path / "dilekce.docx"
    result = runner.invoke(
        args=[
            "petitions",
            "render",
            "--template",
            "savunmaya-cevap",  # the lawsuit is pending: its stage's petitions
            "--case",
            case.reference,
            "--out",
            str(out),
            "--field",
            "served.date=01.10.2026",
        ]
    )
    assert result.exit_code == 0, result.output
    text = read_back(out.read_bytes())
    assert_no_tags(text)
    from cases.text import tr_upper

    assert tr_upper(member_name) in text
    from app.services.proceedings import competent_court

    court = competent_court(case)
    assert f"{tr_upper(court.name)} BAŞKANLIĞINA" in text  # the court the case was filed with
    assert "01.10.2026" in text and court.file_number in text


def test_render_refuses_a_template_for_another_stage_and_prints_blanks_visibly(runner, demo, tmp_path):
    case, _ = demo
    out = tmp_path / "x.docx"
    args = ["petitions", "render", "--case", case.reference, "--out", str(out), "--template"]
    refused = runner.invoke(args=[*args, "iptal-davasi"])
    assert refused.exit_code != 0 and "not for the stage the case is at" in refused.output
    draft = runner.invoke(args=[*args, "savunmaya-cevap"])
    assert draft.exit_code == 0 and "served.date" in draft.output
    assert "Savunma dilekçesi: ……………" in read_back(out.read_bytes())


def test_render_refuses_an_unknown_template_or_case(runner, demo, tmp_path):
    case, _ = demo
    out = str(tmp_path / "x.docx")
    missing = runner.invoke(args=["petitions", "render", "--template", "yok", "--case", case.reference, "--out", out])
    assert missing.exit_code != 0 and "petitions list" in missing.output
    nocase = runner.invoke(args=["petitions", "render", "--template", "iptal-davasi", "--case", "XX-1", "--out", out])
    assert nocase.exit_code != 0 and "XX-1" in nocase.output


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed: PDF path not tested")
def test_render_to_a_pdf_file_gives_a_pdf(runner, demo, tmp_path):
    case, _ = demo
    out = tmp_path / "dilekce.pdf"
    result = runner.invoke(
        args=["petitions", "render", "--template", "idareye-basvuru", "--case", case.reference, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
