"""The settings of the scaled-out profile: ports, database names and secrets, read from the environment.

Standard library only: tests in either environment use it (see the package docstring).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from bot.serve import MODEL, ROOT

STATE_DIR = ROOT / "build" / "scaled"
SECRET_NAMES = ("MND_PG_PASSWORD", "MND_API_TOKEN", "MND_REDIS_PASSWORD", "MND_WIDGET_SECRET", "MND_REST_TOKEN")


def _ports(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.replace(" ", "").split(",") if p)


@dataclass(frozen=True)
class Settings:
    """Everything the profile needs to know; :meth:`from_env` reads it, :meth:`with_secrets` completes it."""

    host: str = "127.0.0.1"
    port: int = 8080
    actions_lb_port: int = 8081
    rasa_ports: tuple[int, ...] = (5006, 5007)
    actions_ports: tuple[int, ...] = (5056, 5057)
    pg_port: int = 15432
    redis_port: int = 16379
    lock_lifetime: int = 10
    pg_user: str = "mnd"
    conversations_db: str = "mnd_conversations"
    facts_db: str = "mnd_facts"
    pg_password: str = ""
    api_token: str = ""
    redis_password: str = ""
    widget_secret: str = ""
    rest_token: str = ""
    state_dir: Path = STATE_DIR
    model: Path = MODEL
    generated: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        d = cls()
        return cls(
            host=env.get("MND_HOST") or d.host,
            port=int(env.get("MND_SCALED_PORT") or d.port),
            actions_lb_port=int(env.get("MND_SCALED_ACTIONS_LB_PORT") or d.actions_lb_port),
            rasa_ports=_ports(env.get("MND_SCALED_RASA_PORTS") or "") or d.rasa_ports,
            actions_ports=_ports(env.get("MND_SCALED_ACTIONS_PORTS") or "") or d.actions_ports,
            pg_port=int(env.get("MND_PG_PORT") or d.pg_port),
            redis_port=int(env.get("MND_REDIS_PORT") or d.redis_port),
            lock_lifetime=int(env.get("MND_LOCK_LIFETIME") or d.lock_lifetime),
            pg_user=env.get("MND_PG_USER") or d.pg_user,
            conversations_db=env.get("MND_PG_CONVERSATIONS_DB") or d.conversations_db,
            facts_db=env.get("MND_PG_FACTS_DB") or d.facts_db,
            pg_password=env.get("MND_PG_PASSWORD") or "",
            api_token=env.get("MND_API_TOKEN") or "",
            redis_password=env.get("MND_REDIS_PASSWORD") or "",
            widget_secret=env.get("MND_WIDGET_SECRET") or "",
            rest_token=env.get("MND_REST_TOKEN") or "",
            state_dir=Path(env.get("MND_SCALED_DIR") or d.state_dir),
        )

    def with_secrets(self) -> Settings:
        """These settings, with a random value for each secret that is not set."""
        names = {
            "pg_password": "MND_PG_PASSWORD",
            "api_token": "MND_API_TOKEN",
            "redis_password": "MND_REDIS_PASSWORD",
            "widget_secret": "MND_WIDGET_SECRET",
            "rest_token": "MND_REST_TOKEN",
        }
        made = {key: secrets.token_urlsafe(24) for key in names if not getattr(self, key)}
        return replace(self, **made, generated=tuple(names[k] for k in made))

    @property
    def complete(self) -> bool:
        """Every secret is set."""
        return all((self.pg_password, self.api_token, self.redis_password, self.widget_secret, self.rest_token))

    def all_ports(self) -> dict[int, str]:
        ports = {self.port: "MND_SCALED_PORT", self.actions_lb_port: "MND_SCALED_ACTIONS_LB_PORT"}
        ports.update({p: "MND_SCALED_RASA_PORTS" for p in self.rasa_ports})
        ports.update({p: "MND_SCALED_ACTIONS_PORTS" for p in self.actions_ports})
        ports.update({self.pg_port: "MND_PG_PORT", self.redis_port: "MND_REDIS_PORT"})
        return ports

    def facts_url(self, driver: str = "postgresql+psycopg") -> str:
        """SQLAlchemy URL of the fact store (psycopg 3 in the action server environment)."""
        return (
            f"{driver}://{quote(self.pg_user, safe='')}:{quote(self.pg_password, safe='')}"
            f"@{self.host}:{self.pg_port}/{self.facts_db}"
        )

    def conversations_url(self, driver: str = "postgresql") -> str:
        """SQLAlchemy URL of the tracker store (psycopg2 in the Rasa environment)."""
        return (
            f"{driver}://{quote(self.pg_user, safe='')}:{quote(self.pg_password, safe='')}"
            f"@{self.host}:{self.pg_port}/{self.conversations_db}"
        )

    def server_env(self) -> dict[str, str]:
        """What endpoints.scaled.yml and the servers read from their environment."""
        return {
            "ACTION_SERVER_URL": f"http://{self.host}:{self.actions_lb_port}/webhook",
            "MND_FACTS_URL": self.facts_url(),
            "MND_PG_HOST": self.host,
            "MND_PG_PORT": str(self.pg_port),
            "MND_PG_USER": self.pg_user,
            "MND_PG_PASSWORD": self.pg_password,
            "MND_PG_CONVERSATIONS_DB": self.conversations_db,
            "MND_REDIS_HOST": self.host,
            "MND_REDIS_PORT": str(self.redis_port),
            "MND_REDIS_PASSWORD": self.redis_password,
            "MND_API_TOKEN": self.api_token,
            # Every Rasa server signs and checks the widget's sender ids with the same secret, and asks
            # REST clients for the same token when the profile listens beyond loopback.
            "MND_WIDGET_SECRET": self.widget_secret,
            "MND_REST_TOKEN": self.rest_token,
            # How long a conversation stays locked by a Rasa server that died while handling it
            # (bot/scaled/lock_store.py: live servers renew their tickets).
            "TICKET_LOCK_LIFETIME": str(self.lock_lifetime),
        }
