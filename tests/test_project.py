"""Project-level contracts: the generated workflow doc, the OpenAPI schema, admin pages."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from closeloop.cases.management.commands.workflow_doc import render

ROOT = Path(__file__).resolve().parents[1]


def test_workflow_doc_is_generated_from_the_table():
    assert (ROOT / "docs" / "workflow.md").read_text(encoding="utf-8") == render(), (
        "docs/workflow.md is stale: run `closeloop workflow_doc`"
    )


def test_openapi_schema_builds_without_warnings(tmp_path, capsys):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out), "--fail-on-warn", "--validate")
    text = out.read_text(encoding="utf-8")
    assert "/api/v1/complaints/{number}/follow_up/" in text
    assert "/api/v1/auth/token/" in text


def test_api_docs_page_is_served(client):
    assert client.get("/api/docs/").status_code == 200


def test_workflow_endpoint_lists_every_action(api, staff):
    data = api(staff["auditor"]).get("/api/v1/workflow/").json()
    assert "archived" in data["states"]
    close = next(t for t in data["transitions"] if t["action"] == "close")
    assert close["from"] == ["awaiting_follow_up"] and close["to"] == ["closed"]


@pytest.mark.parametrize(
    "model",
    [
        "org/user",
        "org/department",
        "org/customer",
        "org/skill",
        "policy/category",
        "policy/compensationstandard",
        "policy/slapolicy",
        "cases/case",
    ],
)
def test_admin_pages_open(client, staff, model, register):
    register()
    client.force_login(staff["admin"])
    staff["admin"].is_staff = True
    staff["admin"].save()
    app, name = model.split("/")
    assert client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200
