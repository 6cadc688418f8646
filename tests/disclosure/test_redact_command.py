"""`closeloop redact --policy NAME`: JSON lines in, one JSON line out per line, clear errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(lines: list[str], *args: str) -> list[dict]:
    out = io.StringIO()
    try:
        call_command("redact", *args, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    finally:
        run.out = out.getvalue()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_gets_its_redacted_text_and_spans():
    text = "我叫刘建国，手机13812341234"
    (record,) = run([json.dumps({"text": text}, ensure_ascii=False)], "--policy", "public")
    assert record["text"] == "我叫刘某某，手机138****1234"
    assert record["spans"] == [
        {"start": 2, "end": 5, "kind": "name", "replacement": "刘某某"},
        {"start": 8, "end": 19, "kind": "mobile", "replacement": "138****1234"},
    ]
    assert text[8:19] == "13812341234"


def test_the_internal_policy_keeps_names():
    (record,) = run([json.dumps({"text": "我叫刘建国，手机13812341234"})], "--policy", "internal")
    assert record["text"] == "我叫刘建国，手机138****1234"


def test_a_bad_line_stops_with_its_number_after_the_good_lines():
    lines = [json.dumps({"text": "手机13812341234"}), "{not json", json.dumps({"text": "later"})]

    with pytest.raises(CommandError, match="Line 2 is not JSON"):
        run(lines)

    assert [json.loads(line)["text"] for line in run.out.splitlines()] == ["手机138****1234"]


def test_a_line_without_text_is_refused():
    with pytest.raises(CommandError, match='Line 1 has no "text" string'):
        run([json.dumps({"body": "x"})])


def test_an_unknown_policy_is_refused_naming_the_known_ones():
    with pytest.raises(CommandError, match="No redaction policy 'board'; known: internal, public"):
        run([json.dumps({"text": "x"})], "--policy", "board")


def test_the_console_script_reports_errors_on_stderr_with_a_non_zero_exit(capfd):
    from closeloop.cli import main

    with pytest.raises(SystemExit) as raised, pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.argv", ["closeloop", "redact", "--policy", "nope"])
        patch.setattr("sys.stdin", io.StringIO(""))
        main()

    assert raised.value.code == 1
    assert "No redaction policy 'nope'" in capfd.readouterr().err
