"""Follow-up surveys by signed, single-use links: only a POST from the page records an answer."""

import time

import pytest
from django.contrib.messages import get_messages
from django.core import signing
from django.urls import reverse

from closeloop.cases import services as case_services
from closeloop.cases.models import FollowUp
from closeloop.core.errors import NotFound, TransitionNotAllowed
from closeloop.portal.models import SurveyInvitation
from closeloop.portal.selectors import SURVEY_SALT
from closeloop.portal.services import survey_invitation_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(awaiting, people) -> str:
    return survey_invitation_create(case=awaiting, actor=people["handler"])


def answer(client, link: str, **overrides):
    data = {"resolved": "yes", "satisfaction": "9", "comment": "谢谢"}
    data.update(overrides)
    return client.post(link, data)


def test_link_is_a_signed_portal_path_for_a_new_invitation(link, awaiting, people):
    invitation = SurveyInvitation.objects.latest("id")
    token = link.removeprefix("/portal/survey/").removesuffix("/")
    assert signing.loads(token, salt=SURVEY_SALT) == {"i": invitation.pk, "n": invitation.nonce}
    assert invitation.case == awaiting and invitation.created_by == people["handler"]
    assert invitation.used_at is None


def test_opening_the_link_records_nothing(client, link):
    for _ in range(2):  # a mail scanner, then the customer
        response = client.get(link)
        assert response.status_code == 200
        assert 'name="satisfaction"' in response.content.decode()

    assert not FollowUp.objects.exists()
    assert SurveyInvitation.objects.latest("id").used_at is None


def test_answer_is_recorded_once_by_the_portal_account(client, link, awaiting):
    response = answer(client, link)

    assert response.status_code == 200
    assert "We have recorded your answer." in response.content.decode()
    follow_up = FollowUp.objects.get()
    assert follow_up.recorded_by.username == "portal"
    assert (follow_up.method, follow_up.resolved, follow_up.satisfaction) == ("web", True, 9)
    assert follow_up.comment == "谢谢"
    invitation = SurveyInvitation.objects.latest("id")
    assert invitation.used_at is not None and invitation.follow_up == follow_up
    awaiting.refresh_from_db()
    assert awaiting.status == "awaiting_follow_up"
    event = awaiting.events.order_by("-id").first()
    assert (event.action, event.actor.username) == ("follow_up", "portal")

    again = answer(client, link, resolved="no", satisfaction="1")

    assert again.status_code == 410
    assert "This survey was already answered" in again.content.decode()
    assert FollowUp.objects.count() == 1
    assert client.get(link).status_code == 410


def test_unsatisfied_answer_reopens_the_case(client, link, awaiting):
    answer(client, link, resolved="no", satisfaction="3")

    awaiting.refresh_from_db()
    assert awaiting.status == "in_progress"
    assert awaiting.reopen_count == 1
    assert awaiting.events.order_by("-id").first().data["reopened"] is True


@pytest.mark.parametrize("satisfaction", ["0", "11", "", "很好"])
def test_invalid_satisfaction_shows_the_form_again(client, link, satisfaction):
    response = answer(client, link, satisfaction=satisfaction, comment="保留我的留言")

    assert response.status_code == 200
    assert response.context["form"].errors["satisfaction"]
    assert "保留我的留言" in response.content.decode()
    assert not FollowUp.objects.exists()
    assert SurveyInvitation.objects.latest("id").used_at is None


class _TwoWeeksAgoSigner(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 15 * 24 * 3600)


def test_expired_link_is_refused_and_records_nothing(client, link, settings):
    settings.PORTAL_SURVEY_DAYS = 14
    invitation = SurveyInvitation.objects.latest("id")
    old = _TwoWeeksAgoSigner(salt=SURVEY_SALT).sign_object({"i": invitation.pk, "n": invitation.nonce})
    expired = reverse("portal:survey", args=[old])

    assert client.get(expired).status_code == 410
    response = answer(client, expired)

    assert response.status_code == 410
    assert "expired or is not valid" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_shorter_validity_setting_expires_older_links(client, link, settings):
    settings.PORTAL_SURVEY_DAYS = 0
    invitation = SurveyInvitation.objects.latest("id")
    second_ago = signing.b62_encode(int(time.time()) - 1)

    class SecondAgo(signing.TimestampSigner):
        def timestamp(self) -> str:
            return second_ago

    token = SecondAgo(salt=SURVEY_SALT).sign_object({"i": invitation.pk, "n": invitation.nonce})

    assert answer(client, reverse("portal:survey", args=[token])).status_code == 410
    assert not FollowUp.objects.exists()


def test_tampered_or_forged_links_are_refused(client, link):
    invitation = SurveyInvitation.objects.latest("id")
    token = link.removeprefix("/portal/survey/").removesuffix("/")
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    wrong_nonce = signing.dumps({"i": invitation.pk, "n": "guessed"}, salt=SURVEY_SALT)
    other_salt = signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt="something.else")

    for bad in [flipped, wrong_nonce, other_salt]:
        response = answer(client, reverse("portal:survey", args=[bad]))
        assert response.status_code == 410, bad
        assert "expired or is not valid" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_case_no_longer_awaiting_follow_up_refuses_the_survey(client, link, awaiting, people):
    case_services.case_follow_up(
        case=awaiting, actor=people["handler"], method="phone", resolved=False, satisfaction=2
    )

    response = answer(client, link)

    assert response.status_code == 410
    assert "no longer open" in response.content.decode()
    assert FollowUp.objects.count() == 1


def test_invitation_needs_a_visible_case_awaiting_follow_up(submitted, awaiting, people):
    with pytest.raises(NotFound):
        survey_invitation_create(case=awaiting, actor=people["outsider"])
    case_services.case_reopen(case=awaiting, actor=people["supervisor"], reason="客户来电")
    with pytest.raises(TransitionNotAllowed):
        survey_invitation_create(case=awaiting, actor=people["handler"])
    assert not SurveyInvitation.objects.filter(created_by=people["handler"]).exists()


def test_staff_view_makes_a_link_and_shows_it_as_a_message(client, awaiting, people):
    client.force_login(people["handler"])

    response = client.post(reverse("portal:survey-link", args=[awaiting.number]))

    assert response.status_code == 302
    assert response["Location"] == f"/cases/{awaiting.number}/"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "http://testserver/portal/survey/" in message
    assert SurveyInvitation.objects.latest("id").created_by == people["handler"]


def test_staff_view_refuses_a_case_not_awaiting_follow_up(client, submitted, people):
    client.force_login(people["supervisor"])

    response = client.post(reverse("portal:survey-link", args=[submitted.case.number]))

    assert response.status_code == 302
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert not SurveyInvitation.objects.exists()


def test_staff_view_is_404_out_of_scope_and_needs_login(client, awaiting, people):
    url = reverse("portal:survey-link", args=[awaiting.number])

    anonymous = client.post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")

    client.force_login(people["outsider"])
    assert client.post(url).status_code == 404
    assert client.post(reverse("portal:survey-link", args=["TS19990101-000001"])).status_code == 404
    client.force_login(people["handler"])
    assert client.get(url).status_code == 405
    # Only the invitation sent with the feedback exists; none of these requests made one.
    assert not SurveyInvitation.objects.exclude(created_by__username="portal").exists()
