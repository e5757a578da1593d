"""The [tenants] mapping: which tenant and role a signed-in OIDC account gets."""

from __future__ import annotations

import pytest

from core import editing
from core.editing import auth
from core.errors import InputError

MAPPING = {
    "muelheim": {
        "name": "Mülheim an der Ruhr",
        "viewers": ["@muelheim-ruhr.de"],
        "editors": ["Kaemmerei@Muelheim-Ruhr.de", "@it.muelheim-ruhr.de"],
    },
    "musterstadt": {"viewers": ["@musterstadt.de"], "editors": ["it@musterstadt.de"]},
    "kdn": {"editors": ["@kdn.de"], "viewers": ["berater@muelheim-ruhr.de"]},
}
RULES = editing.tenant_rules(MAPPING)


@pytest.mark.parametrize(
    ("email", "tenant", "role", "entry"),
    [
        # a domain makes viewers; an exact address (any case) beats it
        ("leser@muelheim-ruhr.de", "muelheim", auth.VIEWER, "@muelheim-ruhr.de"),
        ("KAEMMEREI@muelheim-ruhr.de", "muelheim", auth.EDITOR, "kaemmerei@muelheim-ruhr.de"),
        # a domain means that domain exactly, not its subdomains
        ("admin@it.muelheim-ruhr.de", "muelheim", auth.EDITOR, "@it.muelheim-ruhr.de"),
        ("it@musterstadt.de", "musterstadt", auth.EDITOR, "it@musterstadt.de"),
        ("buergeramt@musterstadt.de", "musterstadt", auth.VIEWER, "@musterstadt.de"),
        # an exact address in another tenant beats the domain of the first
        ("berater@muelheim-ruhr.de", "kdn", auth.VIEWER, "berater@muelheim-ruhr.de"),
        ("  team@KDN.de ", "kdn", auth.EDITOR, "@kdn.de"),
    ],
)
def test_the_most_specific_entry_decides_tenant_and_role(
    email: str, tenant: str, role: str, entry: str
) -> None:
    access = editing.oidc_access(email, True, RULES)
    assert access == editing.Access(editing.ACCESS_MATCHED, tenant, role, entry)
    assert access.granted


@pytest.mark.parametrize(
    "email",
    [
        "someone@example.org",
        "x@sub.musterstadt.de",
        "x@musterstadt.de.evil.org",
        "",
        None,
        "@kdn.de",
        "kdn.de",
    ],
)
def test_accounts_outside_the_mapping_get_nothing(email: str | None) -> None:
    access = editing.oidc_access(email, True, RULES)
    assert access.status == editing.ACCESS_UNMAPPED
    assert access.tenant is None and not access.granted


def test_an_unverified_address_gets_nothing_and_an_absent_claim_is_accepted() -> None:
    assert editing.oidc_access("it@musterstadt.de", False, RULES).status == (
        editing.ACCESS_UNVERIFIED
    )
    assert editing.oidc_access("it@musterstadt.de", "false", RULES).status == (
        editing.ACCESS_UNVERIFIED
    )
    assert editing.oidc_access("it@musterstadt.de", None, RULES).tenant == "musterstadt"


def test_an_account_in_two_tenants_at_the_same_level_is_refused() -> None:
    rules = editing.tenant_rules(
        {"a_town": {"editors": ["@shared.de"]}, "b_town": {"viewers": ["@shared.de"]}}
    )
    access = editing.oidc_access("x@shared.de", True, rules)
    assert access.status == editing.ACCESS_AMBIGUOUS
    assert access.tenant is None and access.entry == "@shared.de"


def test_rules_keep_names_and_default_the_name_to_the_key() -> None:
    assert RULES["muelheim"].name == "Mülheim an der Ruhr"
    assert RULES["musterstadt"].name == "musterstadt"
    assert RULES["muelheim"].editors == ("kaemmerei@muelheim-ruhr.de", "@it.muelheim-ruhr.de")
    assert editing.tenant_rules(None) == {} and editing.tenant_rules({}) == {}


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"Muelheim": {"editors": ["@a.de"]}}, "bad_tenant"),
        ({"x; DROP": {"editors": ["@a.de"]}}, "bad_tenant"),
        ({"muelheim": "@a.de"}, "tenants_bad_table"),
        ({"muelheim": {"editors": "@a.de"}}, "tenants_bad_list"),
        ({"muelheim": {"editors": ["a.de"]}}, "tenants_bad_entry"),
        ({"muelheim": {"viewers": ["@"]}}, "tenants_bad_entry"),
        ({"muelheim": {"viewers": ["two words@a.de"]}}, "tenants_bad_entry"),
    ],
)
def test_a_broken_mapping_is_a_clear_error(mapping: dict, key: str) -> None:
    with pytest.raises(InputError) as caught:
        editing.tenant_rules(mapping)
    assert caught.value.key == key
    assert "secrets.toml" in caught.value.message("de") or key == "bad_tenant"


def test_links_are_signed_per_tenant() -> None:
    secret = b"s" * 32
    mine = editing.tenant_key(secret, "muelheim")
    assert editing.tenant_key(secret, None) == secret
    assert mine == editing.tenant_key(secret, "muelheim")
    assert mine != editing.tenant_key(secret, "musterstadt") and len(mine) == 32
    token = editing.participant_token(mine, "rat_a", 1_000, 2_000)
    assert editing.participant_token_valid(mine, "rat_a", token, 1.5)
    other = editing.tenant_key(secret, "musterstadt")
    assert not editing.participant_token_valid(other, "rat_a", token, 1.5)
    with pytest.raises(InputError):
        editing.tenant_key(secret, "Bad Tenant")
