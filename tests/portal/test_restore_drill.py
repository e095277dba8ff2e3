"""The backup and restore drill on the test database (PostgreSQL only): what it restores has the rows the
database holds, table by table, and every media and private file, byte for byte."""

import subprocess
import sys

import pytest
from django.db import connection
from wagtail.models import Page

from portal.negotiation.models import NegotiationRequest
from tests.servers import ROOT, server_env

pytestmark = pytest.mark.django_db


def test_the_drill_restores_every_row_and_file(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the restore drill needs PostgreSQL (the suite's PostgreSQL run covers it)")
    var = tmp_path / "var"
    (var / "media" / "images").mkdir(parents=True)
    (var / "media" / "images" / "photo.jpg").write_bytes(b"\xff\xd8 not much of a photo")
    (var / "private" / "evidence").mkdir(parents=True)
    (var / "private" / "evidence" / "payslip.pdf").write_bytes(b"%PDF-1.7 payslip")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_drill", "-v2"],
        cwd=ROOT,
        env=server_env(PORTAL_VAR_DIR=str(var)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore drill passed" in result.stdout
    counts = dict(line.strip().split(": ") for line in result.stdout.splitlines() if line.startswith("  "))
    assert int(counts["wagtailcore_page"]) == Page.objects.count() > 10
    assert int(counts["negotiation_negotiationrequest"]) == NegotiationRequest.objects.count()
    assert "files:  2 live, 2 restored, 0 missing or changed" in result.stdout
