"""The publication workflow (issue 7): composition, legal review, 双人核对, publish, withdraw, audit."""

import pytest
from django.urls import reverse

from closeloop.cases.models import Event
from closeloop.core.errors import Conflict, Forbidden, NotFound, TransitionNotAllowed, ValidationFailed
from closeloop.disclosure import services, workflow
from closeloop.disclosure.choices import CASE_PUBLISHED_EVENT, CASE_WITHDRAWN_EVENT
from closeloop.disclosure.models import Publication, PublicationEvent
from closeloop.org.choices import Role
from tests.disclosure.conftest import COMPLAINANT, HANDLER_NAME, advance, close_case

pytestmark = pytest.mark.django_db

ELEMENTS = ["title", "complainant", "cause", "investigation", "responsibility", "result", "improvement"]


def texts(publication: Publication) -> str:
    return "\n".join(getattr(publication, name) for name in ELEMENTS)


def actions(publication: Publication) -> list[str]:
    return list(PublicationEvent.objects.filter(publication=publication).values_list("action", flat=True))


# --- composition --------------------------------------------------------------------------------


def test_draft_has_the_six_elements_desensitised(draft, closed_case):
    assert draft.status == "draft" and draft.version == 1
    # Gender unknown from "王晓燕": surname and 某某 (seed 003: 张先生 / 李女士 when known).
    assert draft.complainant == "王某某"
    assert draft.cause.startswith("Category: ") and "热水器安装后无法点火" in draft.cause
    assert "Call recording（Timeline backtracking）" in draft.investigation
    assert "售后服务部" in draft.responsibility
    assert "退货退款并致歉" in draft.result and "已为您办理退款" in draft.result
    assert "完善安装前配件核对" in draft.improvement
    assert draft.improvement_deadline is None and draft.improvement_owner == ""
    text = texts(draft)
    for secret in ["王晓燕", "晓燕", COMPLAINANT["phone"], HANDLER_NAME, "文三路100号"]:
        assert secret not in text
    assert draft.category_id == closed_case.category_id
    assert draft.department.code == "AS"
    # What composition replaced is recorded without the values replaced.
    kinds = {item["kind"] for items in draft.redactions.values() for item in items}
    assert {"name", "mobile", "staff"} <= kinds
    assert COMPLAINANT["phone"] not in str(draft.redactions)


def test_complainant_with_a_title_keeps_it(register, people):
    case = close_case(register(complainant={"name": "周女士", "phone": "13800138000"}), people)
    draft = services.publication_draft(case=case, actor=people["supervisor"])
    assert draft.complainant == "周女士"


def test_only_a_closed_case_can_be_drafted(register, people):
    case = register()
    with pytest.raises(Conflict):
        services.publication_draft(case=case, actor=people["supervisor"])


def test_one_live_publication_per_case_until_withdrawn(draft, closed_case, people):
    with pytest.raises(Conflict) as refused:
        services.publication_draft(case=closed_case, actor=people["head"])
    assert refused.value.detail["publication"] == draft.pk
    services.publication_withdraw(publication=draft, actor=people["supervisor"], version=1, reason="重写")
    again = services.publication_draft(case=closed_case, actor=people["head"])
    assert again.pk != draft.pk


def test_editor_must_see_the_case_to_draft_it(closed_case, people):
    with pytest.raises(NotFound):
        services.publication_draft(case=closed_case, actor=people["far_supervisor"])


@pytest.mark.parametrize("role", ["agent", "handler", "legal", "auditor", "executive"])
def test_only_editors_draft(closed_case, people, role):
    with pytest.raises(Forbidden):
        services.publication_draft(case=closed_case, actor=people[role])


# --- the rules of publishing ----------------------------------------------------------------------


def test_cannot_publish_without_legal_approval_and_two_confirmations(draft, people):
    p = advance(draft, people, "legal_review")

    def publish(p: Publication) -> Publication:
        return services.publication_publish(publication=p, actor=people["supervisor"], version=p.version)

    with pytest.raises(TransitionNotAllowed):
        publish(p)
    p = advance(p, people, "approved")
    with pytest.raises(TransitionNotAllowed):
        publish(p)
    p = services.publication_confirm(publication=p, actor=people["auditor"], version=p.version)
    assert p.status == "checked_once"
    with pytest.raises(TransitionNotAllowed):
        publish(p)
    p = services.publication_confirm(publication=p, actor=people["head"], version=p.version)
    assert p.status == "ready"
    assert publish(p).status == "published"


def test_a_ready_status_alone_does_not_publish(draft, people):
    """The guard reads the approval and the checks of the current text, not only the status."""
    p = advance(draft, people, "legal_review")
    Publication.objects.filter(pk=p.pk).update(status="ready")
    p.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="legal review"):
        services.publication_publish(publication=p, actor=people["supervisor"], version=p.version)
    Publication.objects.filter(pk=p.pk).update(
        legal_approved_by=people["legal"], legal_approved_version=p.content_version
    )
    p.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="two different people"):
        services.publication_publish(publication=p, actor=people["supervisor"], version=p.version)


def test_the_same_person_cannot_confirm_twice(draft, people):
    p = advance(draft, people, "checked_once")
    with pytest.raises(TransitionNotAllowed, match="second, different person"):
        services.publication_confirm(publication=p, actor=people["auditor"], version=p.version)
    assert Publication.objects.get(pk=p.pk).status == "checked_once"


def test_the_last_editor_and_the_legal_approver_do_not_check(draft, people, make_staff):
    p = advance(draft, people, "approved")
    with pytest.raises(TransitionNotAllowed, match="wrote the current text"):
        services.publication_confirm(publication=p, actor=people["supervisor"], version=p.version)
    both = make_staff("legal_auditor", (Role.LEGAL, "LEGAL"), (Role.AUDITOR, "SUP"))
    Publication.objects.filter(pk=p.pk).update(legal_approved_by=both)
    p.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="approved the desensitisation"):
        services.publication_confirm(publication=p, actor=both, version=p.version)


def test_legal_does_not_approve_text_they_wrote(draft, people, make_staff):
    editor_and_legal = make_staff("editor_legal", (Role.SUPERVISOR, "AS"), (Role.LEGAL, "LEGAL"))
    p = services.publication_edit(
        publication=draft,
        actor=editor_and_legal,
        version=draft.version,
        changes={"title": "热水器安装投诉处理结果"},
    )
    p = advance(p, people, "legal_review")  # the supervisor completes it: now the last editor
    p = services.publication_edit(
        publication=p, actor=editor_and_legal, version=p.version, changes={"title": "热水器投诉处理结果"}
    )
    with pytest.raises(TransitionNotAllowed, match="wrote the current text"):
        services.publication_legal_approve(publication=p, actor=editor_and_legal, version=p.version)


def test_checker_must_be_able_to_read_the_case(draft, people):
    p = advance(draft, people, "approved")
    with pytest.raises(TransitionNotAllowed, match="cannot read the case"):
        services.publication_confirm(publication=p, actor=people["far_supervisor"], version=p.version)


def test_edit_after_approval_sends_it_back_and_clears_the_reviews(draft, people):
    p = advance(draft, people, "ready")
    p = services.publication_edit(
        publication=p, actor=people["head"], version=p.version, changes={"result": "已全额退款并书面致歉。"}
    )
    assert p.status == "legal_review"
    assert not workflow.legal_approval_current(p)
    assert workflow.valid_checkers(p) == []
    last = PublicationEvent.objects.filter(publication=p).last()
    assert last.action == "edit" and last.data["reviews_reset"] is True
    assert last.data["changes"]["result"][1] == "已全额退款并书面致歉。"
    with pytest.raises(TransitionNotAllowed):
        services.publication_publish(publication=p, actor=people["supervisor"], version=p.version)
    # The head edited last: legal approves, then two others check (not the head).
    p = services.publication_legal_approve(publication=p, actor=people["legal"], version=p.version)
    with pytest.raises(TransitionNotAllowed, match="wrote the current text"):
        services.publication_confirm(publication=p, actor=people["head"], version=p.version)
    p = services.publication_confirm(publication=p, actor=people["auditor"], version=p.version)
    p = services.publication_confirm(publication=p, actor=people["supervisor"], version=p.version)
    assert p.status == "ready"


def test_an_edit_that_changes_nothing_saves_nothing(draft, people):
    p = advance(draft, people, "approved")
    same = services.publication_edit(
        publication=p, actor=people["head"], version=p.version, changes={"title": p.title}
    )
    assert (same.status, same.version) == ("approved", p.version)


def test_a_stale_version_is_a_conflict(draft, people):
    services.publication_edit(
        publication=draft, actor=people["supervisor"], version=1, changes={"title": "新标题"}
    )
    with pytest.raises(Conflict) as conflict:
        services.publication_edit(
            publication=draft, actor=people["head"], version=1, changes={"title": "另一个"}
        )
    assert conflict.value.detail == {"current_version": 2}


def test_submitting_needs_all_six_elements_with_deadline_and_owner(draft, people):
    with pytest.raises(ValidationFailed) as invalid:
        services.publication_submit(publication=draft, actor=people["supervisor"], version=draft.version)
    assert set(invalid.value.fields) == {"improvement_deadline", "improvement_owner"}


def test_bad_input_names_the_fields(draft, people):
    with pytest.raises(ValidationFailed) as invalid:
        services.publication_edit(
            publication=draft,
            actor=people["supervisor"],
            version=draft.version,
            changes={"cause": " ", "title": "x" * 201, "improvement_deadline": "next week", "case": 3},
        )
    assert set(invalid.value.fields) == {"case"}
    with pytest.raises(ValidationFailed) as invalid:
        services.publication_edit(
            publication=draft,
            actor=people["supervisor"],
            version=draft.version,
            changes={"cause": " ", "title": "x" * 201, "improvement_deadline": "next week"},
        )
    assert set(invalid.value.fields) == {"cause", "title", "improvement_deadline"}


@pytest.mark.parametrize(
    ("role", "step"),
    [("legal", "edit"), ("handler", "confirm"), ("legal", "publish"), ("auditor", "legal_approve")],
)
def test_roles_per_step(draft, people, role, step):
    p = advance(
        draft,
        people,
        {"edit": "complete", "confirm": "approved", "publish": "ready"}.get(step, "legal_review"),
    )
    call = {
        "edit": lambda: services.publication_edit(
            publication=p, actor=people[role], version=None, changes={"title": "t"}
        ),
        "confirm": lambda: services.publication_confirm(publication=p, actor=people[role], version=None),
        "publish": lambda: services.publication_publish(publication=p, actor=people[role], version=None),
        "legal_approve": lambda: services.publication_legal_approve(
            publication=p, actor=people[role], version=None
        ),
    }[step]
    with pytest.raises(Forbidden):
        call()


def test_returns_and_withdrawal_need_a_reason(draft, people):
    p = advance(draft, people, "legal_review")
    with pytest.raises(ValidationFailed) as invalid:
        services.publication_legal_return(publication=p, actor=people["legal"], version=p.version, note=" ")
    assert "note" in invalid.value.fields
    with pytest.raises(ValidationFailed) as invalid:
        services.publication_withdraw(publication=p, actor=people["legal"], version=p.version, reason="")
    assert "reason" in invalid.value.fields
    p = services.publication_legal_return(
        publication=p, actor=people["legal"], version=p.version, note="地址未脱敏"
    )
    assert p.status == "draft"


def test_every_step_is_audited_and_the_case_records_publish_and_withdraw(published, people, closed_case):
    assert actions(published) == ["draft", "edit", "submit", "legal_approve", "confirm", "confirm", "publish"]
    events = PublicationEvent.objects.filter(publication=published)
    assert [e.actor.username for e in events] == [
        "supervisor", "supervisor", "supervisor", "legal", "auditor", "head", "supervisor"
    ]  # fmt: skip
    assert events.last().from_status == "ready" and events.last().to_status == "published"
    withdrawn = services.publication_withdraw(
        publication=published, actor=people["legal"], version=published.version, reason="含有未脱敏的门店地址"
    )
    assert withdrawn.status == "withdrawn" and withdrawn.withdrawn_reason == "含有未脱敏的门店地址"
    assert actions(withdrawn)[-1] == "withdraw"
    case_events = list(Event.objects.filter(case=closed_case).values_list("action", "data"))
    assert case_events[-2][0] == CASE_PUBLISHED_EVENT and case_events[-2][1]["publication"] == published.pk
    assert case_events[-1][0] == CASE_WITHDRAWN_EVENT


def test_withdrawing_a_draft_is_not_a_case_event(draft, people, closed_case):
    before = Event.objects.filter(case=closed_case).count()
    services.publication_withdraw(
        publication=draft, actor=people["supervisor"], version=draft.version, reason="重复"
    )
    assert Event.objects.filter(case=closed_case).count() == before


def test_audit_rows_are_append_only(published):
    event = PublicationEvent.objects.filter(publication=published).first()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


# --- staff pages ----------------------------------------------------------------------------------


def test_staff_pages_take_a_publication_through_the_workflow(client, closed_case, people):
    client.force_login(people["supervisor"])
    response = client.post(reverse("disclosure:new"), {"case": closed_case.number})
    publication = Publication.objects.get(case=closed_case)
    assert response.url == reverse("disclosure:publication", args=[publication.pk])
    page = client.get(response.url)
    assert page.status_code == 200 and "王某某".encode() in page.content
    form = {
        "version": publication.version,
        "title": publication.title,
        "complainant": publication.complainant,
        "cause": publication.cause,
        "investigation": publication.investigation,
        "responsibility": publication.responsibility,
        "result": publication.result + "\n客服回电：13712345678",
        "improvement": "加强培训",
        "improvement_deadline": "2030-06-30",
        "improvement_owner": "售后服务部",
        "note": "改写",
    }
    assert client.post(reverse("disclosure:edit", args=[publication.pk]), form).status_code == 302
    stale = client.post(reverse("disclosure:edit", args=[publication.pk]), form)
    assert stale.status_code == 409
    publication.refresh_from_db()
    client.post(reverse("disclosure:act", args=[publication.pk, "submit"]), {"version": publication.version})
    client.force_login(people["legal"])
    review = client.get(reverse("disclosure:review", args=[publication.pk]))
    # The reviewer sees the number the editor typed and what the public will see instead.
    assert "13712345678" in review.content.decode() and "137****5678" in review.content.decode()
    client.post(
        reverse("disclosure:act", args=[publication.pk, "legal_approve"]),
        {"version": publication.version + 1},
    )
    for checker in ("auditor", "head"):
        client.force_login(people[checker])
        check = client.get(reverse("disclosure:check", args=[publication.pk]))
        assert check.status_code == 200 and "王晓燕" in check.content.decode()  # the case record
        publication.refresh_from_db()
        client.post(
            reverse("disclosure:act", args=[publication.pk, "confirm"]), {"version": publication.version}
        )
    client.force_login(people["supervisor"])
    publication.refresh_from_db()
    client.post(reverse("disclosure:act", args=[publication.pk, "publish"]), {"version": publication.version})
    publication.refresh_from_db()
    assert publication.status == "published"
    assert client.get(reverse("disclosure:publications")).status_code == 200


def test_check_page_needs_the_case(draft, people, client):
    client.force_login(people["far_supervisor"])
    assert client.get(reverse("disclosure:check", args=[draft.pk])).status_code == 403
    assert client.get(reverse("disclosure:publication", args=[draft.pk])).status_code == 200


def test_people_without_a_disclosure_role_get_no_pages(draft, people, client):
    client.force_login(people["agent"])
    assert client.get(reverse("disclosure:publications")).status_code == 403
    assert client.get(reverse("disclosure:publication", args=[draft.pk])).status_code == 403


def test_a_refused_step_says_why_and_changes_nothing(draft, people, client):
    client.force_login(people["supervisor"])
    response = client.post(
        reverse("disclosure:act", args=[draft.pk, "submit"]), {"version": draft.version}, follow=True
    )
    assert (
        "Nothing was saved" in response.content.decode() and "improvement owner" in response.content.decode()
    )
    assert Publication.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.parametrize("model", ["publication", "publicfeedback"])
def test_admin_lists_publications_read_only(client, published, people, model):
    people["admin"].is_staff = True
    people["admin"].save(update_fields=["is_staff"])
    client.force_login(people["admin"])
    assert client.get(reverse(f"admin:disclosure_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:disclosure_publication_change", args=[published.pk])).status_code == 200
    assert client.get(reverse("admin:disclosure_publication_add")).status_code == 403
