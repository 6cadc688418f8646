from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from closeloop.cases import workflow


def render() -> str:
    # The docs are English whatever the machine's default language.
    with translation.override("en"):
        return _render()


def _render() -> str:
    lines = [
        "# Case workflow",
        "",
        "Generated from `src/closeloop/cases/workflow.py` by `closeloop workflow_doc`;",
        "a test keeps it in step.",
        "Every action writes an audit event; `admin` may perform every action.",
        "",
        "States: " + ", ".join(f"`{s.value}`" for s in workflow.S),
        "",
        "| action | from | to | roles | guard | reason | what it does |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in workflow.describe():
        cells = [
            f"`{row['action']}`",
            ", ".join(row["from"]),
            ", ".join(row["to"]),
            ", ".join(row["roles"]),
            row["guard"],
            "required" if row["needs_reason"] else "",
            row["summary"],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Write docs/workflow.md from the transition table."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default="docs/workflow.md")

    def handle(self, *args, output: str, **options) -> None:
        Path(output).write_text(render(), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")
