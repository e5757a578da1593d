"""Password hashes, login checks, rate limiting, roles and participant links."""

from __future__ import annotations

import base64
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from core import settings as cockpit_settings
from core.editing import auth
from core.editing.auth import Actor, PermissionDeniedError, RateLimiter
from core.errors import InputError

FAST = {"n": 16, "r": 1, "p": 1}  # cheap parameters for property tests; real ones elsewhere


def test_hash_has_the_documented_form_and_verifies() -> None:
    encoded = auth.hash_password("Rathaus-2026!")
    scheme, n, r, p, salt, digest = encoded.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", auth.SCRYPT_N, auth.SCRYPT_R, 1)
    assert len(base64.b64decode(salt)) == auth.SALT_BYTES
    assert len(base64.b64decode(digest)) == auth.HASH_BYTES
    assert auth.verify_password("Rathaus-2026!", encoded)
    assert not auth.verify_password("rathaus-2026!", encoded)


def test_same_password_gets_a_new_salt_each_time() -> None:
    assert auth.hash_password("gleich", **FAST) != auth.hash_password("gleich", **FAST)


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_only_the_right_password_verifies(password: str, other: str) -> None:
    encoded = auth.hash_password(password, **FAST)
    assert auth.verify_password(password, encoded)
    assert auth.verify_password(other, encoded) == (other == password)


def test_empty_and_overlong_passwords_are_refused() -> None:
    encoded = auth.hash_password("x", **FAST)
    with pytest.raises(InputError) as info:
        auth.verify_password("", encoded)
    assert info.value.key == "auth_password_empty"
    with pytest.raises(InputError) as info:
        auth.hash_password("")
    assert info.value.key == "auth_password_empty"
    with pytest.raises(InputError) as info:
        auth.verify_password("x" * (auth.MAX_PASSWORD_CHARS + 1), encoded)
    assert info.value.key == "auth_password_too_long"


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "klartext-passwort",
        "bcrypt$12$abc$def",
        "scrypt$16384$8$1$nicht-base64$%%%",
        "scrypt$1000$8$1$c2FsdHNhbHQ=$ZGlnZXN0ZGlnZXN0ZGlnZXN0",  # n not a power of two
        "scrypt$4194304$8$1$c2FsdHNhbHQ=$ZGlnZXN0ZGlnZXN0ZGlnZXN0",  # n far too large
        "scrypt$16384$8$1$c2FsdA==$ZGlnZXN0ZGlnZXN0ZGlnZXN0",  # salt too short
    ],
)
def test_malformed_stored_hash_is_a_clear_error(stored: str) -> None:
    with pytest.raises(InputError) as info:
        auth.verify_password("secret", stored)
    assert info.value.key == "auth_bad_hash"
    assert "hash-password" in info.value.message("de")


@given(st.text(max_size=80))
def test_any_stored_text_is_either_parsed_or_refused_with_a_key(stored: str) -> None:
    try:
        auth.parse_hash(stored)
    except InputError as exc:
        assert exc.key == "auth_bad_hash"


ACCOUNTS = {"anna": auth.hash_password("richtig", **FAST)}


@pytest.mark.parametrize(
    ("accounts", "user", "password", "key"),
    [
        ({}, "anna", "richtig", "auth_not_configured"),
        (ACCOUNTS, "", "richtig", "auth_user_missing"),
        (ACCOUNTS, "anna", "", "auth_password_empty"),
        (ACCOUNTS, "anna", "falsch", "auth_wrong"),
        (ACCOUNTS, "bernd", "richtig", "auth_wrong"),  # unknown user: the same message
    ],
)
def test_login_failures_have_clear_messages(
    accounts: dict[str, str], user: str, password: str, key: str
) -> None:
    with pytest.raises(InputError) as info:
        auth.login(accounts, user, password)
    assert info.value.key == key


def test_login_success_gives_an_editor() -> None:
    actor = auth.login(ACCOUNTS, " anna ", "richtig")
    assert actor == Actor("anna", auth.EDITOR)
    assert actor.is_editor


def test_editor_accounts_from_secrets() -> None:
    section = {"editors": {"anna": "scrypt$x", " ": "scrypt$y", "bernd": 5}}
    assert auth.editor_accounts(section) == {"anna": "scrypt$x"}
    assert auth.editor_accounts({}) == {}
    assert auth.editor_accounts({"editors": "kein Abschnitt"}) == {}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_backs_off_exponentially_and_resets() -> None:
    clock = FakeClock()
    limiter = RateLimiter(free_attempts=3, base_seconds=2, max_seconds=30, clock=clock)
    waits = [limiter.failure("user:anna") for _ in range(8)]
    assert waits == [0, 0, 0, 2, 4, 8, 16, 30]
    with pytest.raises(InputError) as info:
        limiter.check("session:1", "user:anna")
    assert info.value.key == "auth_rate_limited"
    assert info.value.params["seconds"] == 30
    limiter.check("user:bernd")  # other keys are not affected
    clock.now += 30
    limiter.check("user:anna")  # waited long enough
    limiter.success("user:anna")
    assert limiter.failure("user:anna") == 0  # the count starts again


def test_actors_and_permissions() -> None:
    viewer = Actor.viewer()
    editor = Actor("anna", auth.EDITOR)
    participant = Actor("Fraktion A", auth.PARTICIPANT, scope="fraktion-a")
    assert auth.require_editor(editor) is editor
    for who in (viewer, participant, None, "anna"):
        with pytest.raises(PermissionDeniedError):
            auth.require_editor(who)  # type: ignore[arg-type]
    assert auth.require_participant(participant, "fraktion-a") is participant
    assert auth.require_participant(editor, "fraktion-a") is editor
    with pytest.raises(PermissionDeniedError):
        auth.require_participant(participant, "fraktion-b")
    with pytest.raises(InputError):
        Actor("", auth.EDITOR)
    with pytest.raises(InputError):
        Actor("anna", "admin")


def test_participant_tokens() -> None:
    secret = b"s" * 32
    token = auth.participant_token(secret, "fraktion-a", 1_000, 2_000)
    assert auth.participant_token_valid(secret, "fraktion-a", token, 1_500)
    assert not auth.participant_token_valid(secret, "fraktion-a", token, 2_000)  # expired
    assert auth.participant_link_status(secret, "fraktion-a", token, 2_000) == auth.LINK_EXPIRED
    revoked = auth.participant_link_status(secret, "fraktion-a", token, 1_500, 1_000)
    assert revoked == auth.LINK_REVOKED
    assert not auth.participant_token_valid(secret, "fraktion-b", token, 1_500)
    assert not auth.participant_token_valid(b"t" * 32, "fraktion-a", token, 1_500)
    longer = token.replace(".7d0.", ".fffffff.")  # a forged later expiry breaks the signature
    assert longer != token and not auth.participant_token_valid(secret, "fraktion-a", longer, 1)
    assert not auth.participant_token_valid(
        secret, "fraktion-a", token[:-1] + "0" if token[-1] != "0" else token[:-1] + "1", 1_500
    )
    assert not auth.participant_token_valid(secret, "fraktion-a", None, 1_500)
    assert not auth.participant_token_valid(secret, "fraktion-a", token[:10], 1_500)


def test_signatures() -> None:
    sig = auth.sign(b"k", "editor", "anna", "hash")
    assert auth.signature_valid(b"k", sig, "editor", "anna", "hash")
    assert not auth.signature_valid(b"k", sig, "editor", "anna", "other")
    assert not auth.signature_valid(b"k", {"sig": sig}, "editor", "anna", "hash")


def test_oidc_editor_list() -> None:
    allowed = ["anna@muelheim-ruhr.de", "@kdn.de"]
    assert auth.oidc_is_editor("Anna@Muelheim-Ruhr.de", allowed)
    assert auth.oidc_is_editor("bernd@kdn.de", allowed)
    assert not auth.oidc_is_editor("bernd@muelheim-ruhr.de", allowed)
    assert not auth.oidc_is_editor("evil@notkdn.de.example", allowed)
    assert not auth.oidc_is_editor("anna@muelheim-ruhr.de", None)
    assert not auth.oidc_is_editor(None, allowed)


def _cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cockpit_settings.REPO_ROOT,
        check=False,
    )


def test_cli_hash_password() -> None:
    done = _cli("hash-password", "--user", "anna", "--stdin", stdin="Rathaus-2026!\n")
    assert done.returncode == 0, done.stderr
    encoded = done.stdout.strip()
    assert auth.verify_password("Rathaus-2026!", encoded)
    assert "[cockpit.editors]" in done.stderr
    assert f'anna = "{encoded}"' in done.stderr
    assert "Rathaus-2026!" not in done.stdout + done.stderr


def test_cli_hash_password_refuses_an_empty_password() -> None:
    done = _cli("hash-password", "--stdin", stdin="\n")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "leeres Passwort" in done.stderr


@pytest.mark.parametrize("n", [2**10, 2**15])
def test_unknown_names_cost_the_same_scrypt_as_known_ones_whatever_the_parameters(
    monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    """Not a timed test: the work is counted. Known and unknown names run scrypt once each,
    with the configured parameters (before issue 17 an unknown name used the defaults)."""
    accounts = {"anna": auth.hash_password("richtig", n=n, r=8, p=1)}
    real = auth.hashlib.scrypt
    calls: list[tuple[int, int, int, int]] = []

    def counted(data: bytes, **kwargs):
        calls.append((kwargs["n"], kwargs["r"], kwargs["p"], kwargs["dklen"]))
        return real(data, **kwargs)

    monkeypatch.setattr(auth.hashlib, "scrypt", counted)
    for user in ("anna", "bert"):
        with pytest.raises(InputError):
            auth.login(accounts, user, "falsch")
    known, unknown = calls[-2], calls[-1]
    assert known == unknown == (n, 8, 1, auth.HASH_BYTES)
