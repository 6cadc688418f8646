"""`closeloop import_file`: runs now with a progress bar, exits non-zero on a bad file or a refused batch."""

import pytest
from django.core.management import CommandError, call_command

from closeloop.cases.models import Case
from tests.imports.conftest import LEDGER_HEADERS, ledger_row, write_xlsx


@pytest.mark.django_db
def test_command_imports_and_prints_the_summary(staff, ledger_source, tmp_path, capsys):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(1), ledger_row(2)])

    call_command("import_file", str(path), "--source", ledger_source.name, "--user", "supervisor")

    assert Case.objects.count() == 2
    assert "created 2" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_fails_on_a_file_that_is_not_a_spreadsheet(staff, ledger_source, tmp_path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"not a zip file")

    with pytest.raises(CommandError, match="could not be read"):
        call_command("import_file", str(path), "--source", ledger_source.name, "--user", "supervisor")


@pytest.mark.django_db
def test_command_fails_when_a_mapped_column_is_missing(staff, ledger_source, tmp_path):
    headers = [h for h in LEDGER_HEADERS if h != "状态"]
    rows = [[v for h, v in zip(LEDGER_HEADERS, ledger_row(1), strict=True) if h != "状态"]]
    path = write_xlsx(tmp_path / "ledger.xlsx", headers, rows)

    with pytest.raises(CommandError, match="Column '状态'"):
        call_command("import_file", str(path), "--source", ledger_source.name, "--user", "supervisor")


@pytest.mark.django_db
def test_command_fails_on_an_unknown_source(staff, tmp_path):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(1)])

    with pytest.raises(CommandError, match="No active import source"):
        call_command("import_file", str(path), "--source", "nope", "--user", "supervisor")


@pytest.mark.django_db
def test_command_exits_non_zero_naming_the_error_report(staff, ledger_source, tmp_path):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(1), ledger_row(2, 满意度=11)])

    with pytest.raises(CommandError, match="error report is") as raised:
        call_command("import_file", str(path), "--source", ledger_source.name, "--user", "supervisor")

    report = tmp_path / next(p.name for p in tmp_path.iterdir() if p.name.endswith("errors.csv"))
    assert str(report) in str(raised.value)
    text = report.read_text(encoding="utf-8-sig")
    assert "3,满意度,11," in text


@pytest.mark.django_db
def test_command_refuses_a_handler(staff, ledger_source, tmp_path):
    path = write_xlsx(tmp_path / "ledger.xlsx", LEDGER_HEADERS, [ledger_row(1)])

    with pytest.raises(CommandError, match="may not import"):
        call_command("import_file", str(path), "--source", ledger_source.name, "--user", "handler")
