"""API tokens: the user and their roles come back in one query; inactive users and unknown tokens
are refused."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from closeloop.org.choices import Role


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_a_token_brings_its_users_roles_in_one_query(make_staff, django_assert_num_queries):
    user = make_staff("two-hats", (Role.AGENT, "CS-HOTLINE"), (Role.SUPERVISOR, "CS"))
    client = token_client(user)

    with django_assert_num_queries(1):  # the workflow table reads no database
        response = client.get("/api/v1/workflow/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert response.wsgi_request.user._closeloop_roles == {Role.AGENT, Role.SUPERVISOR}


def test_a_user_without_memberships_still_signs_in(make_staff):
    admin = make_staff("root", superuser=True)
    response = token_client(admin).get("/api/v1/complaints/")
    assert response.status_code == 200
    assert response.wsgi_request.user == admin


@pytest.mark.parametrize("with_roles", [True, False])
def test_an_inactive_user_is_refused(make_staff, with_roles):
    memberships = [(Role.AGENT, "CS-HOTLINE")] if with_roles else []
    user = make_staff("gone", *memberships)
    client = token_client(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert client.get("/api/v1/complaints/").status_code == 401


def test_an_unknown_token_is_refused(defaults):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/complaints/").status_code == 401
