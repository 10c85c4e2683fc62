"""The environment readers refuse values a deployer could mistype, naming the variable."""

from __future__ import annotations

import pytest

from kontaktcenter.core.env import ConfigurationError, env_bool, env_int, env_origins


def test_an_origin_with_a_trailing_slash_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Browsers send the origin without it, so such an entry would never match."""
    monkeypatch.setenv("KC_ORIGINS", "https://kontaktcenter.stockholm.se/")

    with pytest.raises(ConfigurationError, match="KC_ORIGINS"):
        env_origins("KC_ORIGINS", default=[])


def test_origins_are_read_as_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "KC_ORIGINS", "https://kontaktcenter.stockholm.se, https://kc.stockholm.se:8443"
    )

    assert env_origins("KC_ORIGINS", default=[]) == [
        "https://kontaktcenter.stockholm.se",
        "https://kc.stockholm.se:8443",
    ]


def test_a_number_out_of_range_is_refused_with_the_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TIMEOUT", "0")

    with pytest.raises(ConfigurationError, match="KC_TIMEOUT must be at least 1, got 0"):
        env_int("KC_TIMEOUT", default=10, minimum=1)


def test_a_yes_or_no_that_is_neither_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_FLAG", "ja")

    with pytest.raises(ConfigurationError, match="KC_FLAG must be a boolean"):
        env_bool("KC_FLAG", default=False)
