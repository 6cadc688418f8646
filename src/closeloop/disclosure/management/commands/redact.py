"""`closeloop redact --policy NAME`: redact JSON lines from standard input.

Each input line is `{"text": ...}`; each output line is `{"text": <redacted>, "spans": [{"start",
"end", "kind", "replacement"}]}` with offsets into the input text. Lines are written as they are
read, so a bad line stops the command with a non-zero exit after the good lines before it.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from closeloop.disclosure.policies import UnknownPolicy, policy_get
from closeloop.disclosure.redact import redact


class Command(BaseCommand):
    help = (
        'Redact personal data from JSON lines {"text": ...} on standard input, one JSON line out per line in.'
    )
    # Tests hand standard input in through call_command(stdin=...), as createsuperuser's do.
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("--policy", default="public", help="Redaction policy (public, internal).")

    def handle(self, *args, policy: str, **options) -> None:
        try:
            chosen = policy_get(policy)
        except UnknownPolicy as error:
            raise CommandError(error.args[0]) from error
        source = options.get("stdin") or sys.stdin
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            text = _text_of(line, number)
            result = redact(text, chosen)
            spans = [
                {"start": s.start, "end": s.end, "kind": s.kind.value, "replacement": s.replacement}
                for s in result.spans
            ]
            self.stdout.write(json.dumps({"text": result.text, "spans": spans}, ensure_ascii=False))
            self.stdout.flush()


def _text_of(line: str, number: int) -> str:
    # The message names the line, never its content: the content is personal data.
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise CommandError(f"Line {number} is not JSON ({error.msg}).") from error
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise CommandError(f'Line {number} has no "text" string.')
    return record["text"]
