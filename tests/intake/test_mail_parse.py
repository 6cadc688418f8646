"""Reading one e-mail: what the parser takes from the headers, the body and the attachments."""

from email.message import EmailMessage

from closeloop.intake.mail import fallback_message_id, html_to_text, message_id_of, message_parse
from tests.intake.conftest import mail


def test_html_is_read_as_text_without_scripts_styles_or_entities():
    markup = (
        "<html><head><style>p{color:red}</style></head><body><script>alert(1)</script>"
        "<p>订单&nbsp;JD-1&lt;2&gt;</p><div>第二行<br>第三行</div></body></html>"
    )

    assert html_to_text(markup) == "订单 JD-1<2>\n第二行\n第三行"


def test_references_are_nearest_first_and_the_date_is_aware():
    raw = mail(
        headers={
            "In-Reply-To": "<b@example.com>",
            "References": "<a@example.com> <b@example.com>",
            "Date": "Mon, 23 Nov 2026 09:30:00 -0000",
        }
    )

    parsed = message_parse(raw)

    assert parsed.references == ["<b@example.com>", "<a@example.com>"]
    assert parsed.sent_at is not None and parsed.sent_at.utcoffset().total_seconds() == 0


def test_a_message_without_message_id_is_identified_by_its_content():
    message = EmailMessage()
    message["From"] = "a@example.com"
    message.set_content("x")
    raw = message.as_bytes()

    assert message_id_of(raw) == fallback_message_id(raw) == message_parse(raw).message_id
    assert message_id_of(raw + b"y") != message_id_of(raw)


def test_attachment_names_lose_their_paths_and_a_forwarded_mail_is_kept_whole():
    inner = EmailMessage()
    inner["From"] = "shop@example.com"
    inner["Subject"] = "订单确认"
    inner.set_content("您的订单已发货。")
    outer = EmailMessage()
    outer["From"] = "zhou@example.com"
    outer["Subject"] = "Fwd: 订单确认"
    outer.set_content("请看下面的邮件。")
    outer.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="C:\\Users\\zhou\\发票.pdf")
    outer.add_attachment(inner)

    parsed = message_parse(outer.as_bytes())

    assert parsed.text == "请看下面的邮件。"
    names = [(a.name, a.content_type) for a in parsed.attachments]
    assert names == [("发票.pdf", "application/pdf"), ("attachment-3.eml", "message/rfc822")]
    assert "您的订单已发货。" in message_parse(parsed.attachments[1].data).text


def test_machine_made_messages_say_why():
    assert message_parse(mail(headers={"Precedence": "bulk"})).automatic == "Precedence: bulk"
    assert message_parse(mail(sender="postmaster@example.com")).automatic == "postmaster"
    assert message_parse(mail(headers={"Auto-Submitted": "no"})).automatic == ""
