"""Export of filtered case lists: streamed CSV and Excel, scoped, contacts masked, roles checked."""

import csv
import io

import pytest
from openpyxl import load_workbook

from closeloop.cases import export

pytestmark = pytest.mark.django_db


def _titles(response) -> set[str]:
    return {row[8] for row in list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))[1:]}


def _body(response) -> bytes:
    assert response.streaming, "exports must stream, not build the file in memory"
    return b"".join(response.streaming_content)


def test_csv_export_has_the_filtered_cases_with_masked_contacts(staff, register, api):
    register(title="热水器无法点火")
    register(title="热水器漏水", grade="urgent")
    register(category="LOGISTICS-DELIVERY-LATE", title="快递延误")  # another department's case

    response = api(staff["supervisor"]).get("/api/v1/complaints/export.csv", {"grade": "urgent"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="cases-' in response["Content-Disposition"]
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Case number", "Status", "Channel"]
    assert [r[8] for r in rows[1:]] == ["热水器漏水"]
    phone = rows[1][rows[0].index("Phone (masked)")]
    assert phone == "138****8000"
    assert "13800138000" not in text


def test_export_is_limited_to_the_users_scope(staff, register, api):
    register(title="售后问题")
    register(category="LOGISTICS-DELIVERY-LATE", title="快递延误")

    as_supervisor = api(staff["supervisor"]).get("/api/v1/complaints/export.csv")
    as_executive = api(staff["executive"]).get("/api/v1/complaints/export.csv")

    assert _titles(as_supervisor) == {"售后问题"}
    assert _titles(as_executive) == {"售后问题", "快递延误"}


def test_excel_export_opens_with_typed_cells(staff, register, api):
    case = register(title='带<特殊>&"字符"\x07的标题')

    response = api(staff["auditor"]).get("/api/v1/complaints/export.xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(response)), read_only=True).worksheets[0]
    header, row = list(sheet.iter_rows(values_only=True))
    record = dict(zip(header, row, strict=False))  # empty trailing cells are not written
    assert record["Case number"] == case.number
    assert record["Title"] == '带<特殊>&"字符"的标题'  # the control character is dropped, not the row
    assert record["Amount involved"] == 2399
    assert record["Registered at"].year == case.registered_at.year  # a real date cell, not text


def test_excel_rolls_over_to_a_new_sheet_at_the_row_limit():
    rows = [["n", "text"], *([i, f"第{i}行"] for i in range(1, 8))]

    data = b"".join(export.xlsx_stream(rows, "Cases", sheet_rows=3))

    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["Cases", "Cases (2)", "Cases (3)"]
    counts = [[r[0] for r in ws.iter_rows(min_row=2, values_only=True)] for ws in book.worksheets]
    assert counts == [[1, 2, 3], [4, 5, 6], [7]]
    assert next(book.worksheets[2].iter_rows(values_only=True)) == ("n", "text")


@pytest.mark.parametrize("role", ["handler", "agent", "legal"])
def test_roles_without_export_rights_get_403(staff, register, api, role):
    register()
    response = api(staff[role]).get("/api/v1/complaints/export.csv")
    assert response.status_code == 403


def test_unknown_format_is_404(staff, api):
    assert api(staff["supervisor"]).get("/api/v1/complaints/export.pdf").status_code == 404


def test_workbench_offers_export_of_the_current_filters(staff, register, client):
    register(title="热水器无法点火")
    register(title="快递丢件", category="LOGISTICS-DELIVERY-LATE")
    client.force_login(staff["executive"])

    page = client.get("/", {"q": "丢件"}).content.decode()
    assert "/export.csv?q=%E4%B8%A2%E4%BB%B6" in page

    rows = list(csv.reader(io.StringIO(_body(client.get("/export.csv", {"q": "丢件"})).decode("utf-8-sig"))))
    assert [r[8] for r in rows[1:]] == ["快递丢件"]


def test_workbench_hides_export_from_handlers(staff, register, client):
    register()
    client.force_login(staff["handler"])
    assert "/export.csv" not in client.get("/").content.decode()
    assert client.get("/export.csv").status_code == 403
