"""What a newcomer reads agrees with what the commands do."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_run_banner_lists_every_demo_login_the_readme_lists():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Demo logins")[1].split("More demo members")[0]
    logins = set(re.findall(r"`([\w.]+@dayanak\.test)`", table))
    assert "konfed.avukat@dayanak.test" in logins and len(logins) >= 5
    banner = (ROOT / "scripts" / "run.sh").read_text()
    assert {login for login in logins if login not in banner} == set()


def test_the_test_command_installs_libreoffice_and_says_in_one_line_when_pdf_tests_skip():
    script = (ROOT / "scripts" / "test.sh").read_text()
    assert "libreoffice-writer-nogui" in script
    assert script.count("the PDF tests are skipped") == 1
    assert "the PDF tests are skipped" in (ROOT / "README.md").read_text()
