"""The example project of examples/django runs as its README says, against a sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "django"


def test_sendtestemail_reaches_the_sandbox(smtp_sandbox):
    env = {
        **os.environ,
        "SMTPCOM_HOST": smtp_sandbox.url,
        "SMTPCOM_API_KEY": smtp_sandbox.api_key,
        "SMTPCOM_CHANNEL": "example",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "sendtestemail", "you@example.com"],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (stored,) = smtp_sandbox.messages
    assert stored.channel == "example"
    assert stored.recipients == ["you@example.com"]
    assert stored.mail_from == "example@example.com"
    assert stored.subject.startswith("Test email from")


def test_the_readme_shows_the_command():
    assert "python manage.py sendtestemail you@example.com" in (EXAMPLE / "README.md").read_text(encoding="utf-8")


def test_the_project_passes_djangos_checks_with_the_callbacks_view():
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=EXAMPLE, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
