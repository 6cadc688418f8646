"""Files built in the test with openpyxl or csv, and import sources as a manager would save them."""

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from closeloop.imports.models import ImportKind, ImportSource

TRANSFER_HEADERS = [
    "工单编号",
    "登记时间",
    "办结时限",
    "投诉人",
    "联系电话",
    "标题",
    "诉求内容",
    "问题类别",
    "紧急程度",
]
LEDGER_HEADERS = [
    "编号",
    "渠道",
    "来电时间",
    "登记时间",
    "姓名",
    "电话",
    "邮箱",
    "事项",
    "投诉内容",
    "类别",
    "承办部门",
    "处理人",
    "状态",
    "办结时间",
    "处理结果",
    "满意度",
]


def write_xlsx(path: Path, headers: list[str], rows: list[list]) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def _importers_read_english(staff):
    """Row errors are written in the importer's language; these tests read the source language."""
    for user in staff.values():
        user.language = "en"
        user.save(update_fields=["language"])


@pytest.fixture
def transfer_source(defaults) -> ImportSource:
    """A 12315 export: their headers and words mapped to ours."""
    return ImportSource.objects.create(
        name="12315 平台",
        kind=ImportKind.TRANSFER,
        column_map={
            "external_ref": "工单编号",
            "contacted_at": "登记时间",
            "due_at": "办结时限",
            "name": "投诉人",
            "phone": "联系电话",
            "title": "标题",
            "description": "诉求内容",
            "category": "问题类别",
            "grade": "紧急程度",
        },
        value_maps={
            "category": {"家电质量": "PRODUCT-DEFECT-DOA"},
            "grade": {"一般": "general", "紧急": "urgent"},
        },
        default_channel="regulator",
    )


@pytest.fixture
def ledger_source(defaults) -> ImportSource:
    return ImportSource.objects.create(
        name="旧台账 2024",
        kind=ImportKind.LEDGER,
        column_map={
            "external_ref": "编号",
            "channel": "渠道",
            "contacted_at": "来电时间",
            "registered_at": "登记时间",
            "name": "姓名",
            "phone": "电话",
            "email": "邮箱",
            "title": "事项",
            "description": "投诉内容",
            "category": "类别",
            "department": "承办部门",
            "handler": "处理人",
            "status": "状态",
            "closed_at": "办结时间",
            "result": "处理结果",
            "satisfaction": "满意度",
        },
        value_maps={
            "channel": {"电话": "phone", "网站": "web"},
            "status": {"已办结": "closed", "已归档": "archived", "处理中": "open"},
            "category": {"家电质量": "PRODUCT-DEFECT-DOA"},
        },
        date_formats=["%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )


def ledger_row(n: int, **changes) -> list:
    row = {
        "编号": f"TZ-{n:05d}",
        "渠道": "电话",
        "来电时间": "2024-03-01 09:00",
        "登记时间": "2024-03-01 09:30",
        "姓名": f"客户{n}",
        "电话": f"139{n:08d}",
        "邮箱": "",
        "事项": "热水器无法点火",
        "投诉内容": "购买的热水器安装后无法点火，多次联系未解决。",
        "类别": "家电质量",
        "承办部门": "AS",
        "处理人": "",
        "状态": "已办结",
        "办结时间": "2024-03-04 17:00",
        "处理结果": "上门更换点火器，客户认可。",
        "满意度": 9,
    }
    row.update(changes)
    return [row[h] for h in LEDGER_HEADERS]
