"""Which address the portal counts a request under, behind zero, one or two proxies: the address the last
trusted proxy saw, never one the client wrote itself; and allauth's log-in limit counts by that address, so
borrowers behind one load balancer are not lumped together and a forged header does not reset the count."""

import ipaddress

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from portal.client import address_from_forwarded

addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
junk = st.text(max_size=30).filter(lambda text: "," not in text)


@given(
    forged=st.lists(st.one_of(addresses, junk), max_size=4),
    client=addresses,
    proxies=st.lists(addresses, max_size=2),
)
def test_the_client_is_the_entry_written_by_the_first_trusted_proxy(forged, client, proxies):
    # The first proxy appends the address it was connected from; every later one appends its predecessor's;
    # the last one is the connection itself.
    chain = [*proxies, "203.0.113.250"]
    header = ", ".join([*forged, client, *chain[:-1]])
    assert address_from_forwarded(chain[-1], header, trusted_proxy_count=len(chain)) == client


@given(header=st.one_of(st.none(), st.text(max_size=200)), remote=addresses)
def test_without_a_trusted_proxy_the_header_is_ignored(header, remote):
    assert address_from_forwarded(remote, header, trusted_proxy_count=0) == remote


@given(header=st.one_of(st.none(), st.text(max_size=200)), remote=addresses, count=st.integers(1, 3))
def test_the_answer_is_always_a_valid_address(header, remote, count):
    answer = address_from_forwarded(remote, header, trusted_proxy_count=count)
    assert str(ipaddress.ip_address(answer)) == answer


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connection():
    assert address_from_forwarded("10.0.0.2", "198.51.100.7", trusted_proxy_count=2) == "10.0.0.2"
    assert address_from_forwarded("10.0.0.2", "not-an-address", trusted_proxy_count=1) == "10.0.0.2"


def borrower():
    user = get_user_model().objects.create_user("limit@example.com", "right-password-42")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def failed_logins(host_header, count, email):
    """For each attempt, whether allauth refused to even check the password (its form error)."""
    blocked = []
    for _ in range(count):
        response = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=host_header).post(
            "/en/accounts/login/", {"login": email, "password": "wrong password"}
        )
        assert response.status_code == 200
        blocked.append("Too many failed login attempts" in response.content.decode())
    return blocked


@pytest.mark.django_db
def test_allauth_counts_failed_logins_per_borrower_behind_the_load_balancer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    user = borrower()

    assert failed_logins("198.51.100.7", 4, user.email) == [False, False, False, True]
    # Another borrower behind the same proxy is not blocked by the first one's failures.
    assert failed_logins("198.51.100.8", 1, user.email) == [False]
    # Nor does the first one get round the limit by writing a different address in front of its own.
    assert failed_logins("192.0.2.1, 198.51.100.7", 1, user.email) == [True]


@pytest.mark.django_db
def test_without_a_proxy_a_forged_header_does_not_reset_the_count(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    email = borrower().email
    failed_logins("198.51.100.7", 3, email)
    assert failed_logins("198.51.100.99", 1, email) == [True]


@pytest.mark.django_db
def test_a_request_that_skipped_a_proxy_still_gets_the_log_in_page(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert failed_logins("198.51.100.7", 1, borrower().email) == [False]
