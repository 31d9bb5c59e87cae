"""Fixtures of the store tests: a team with database roles on the run's PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pg_team import Team, team_on


@pytest.fixture
def team(postgres_url: str) -> Iterator[Team]:
    with team_on(postgres_url) as made:
        yield made
