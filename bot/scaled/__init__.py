"""The scaled-out profile on one machine: nginx, two Rasa servers, two action servers, PostgreSQL, Redis.

    python -m bot.scaled run        (what `make run-scaled` does after building; Ctrl-C stops it all)
    python -m bot.scaled install    install the Debian packages that are missing (postgresql, redis-server, nginx)

Modules: ``stack`` starts and stops the processes (standard library only, so tests in either
environment can use :class:`Postgres` and :class:`ScaledStack`); each kind of process has a module of
its own (``postgres``, ``redis_server``, ``nginx``, and ``node``: one Rasa and one action server), with
``settings`` (ports, names, secrets), ``packages`` (the Debian packages) and ``children`` (starting a
child process) beside them; ``lock_store`` is the Redis lock store the Rasa servers use (Rasa
environment); ``__main__`` is the command line.

Layout (every process on loopback, every one a child of this launcher)::

    people ──▶ nginx :8080 ──round robin──▶ Rasa server :5006 ──┬── tracker store: PostgreSQL :15432
                              └───────────▶ Rasa server :5007 ──┤   (database mnd_conversations)
                                                                ├── lock store: Redis :16379
                                                                └──▶ nginx :8081 ──round robin──▶ action servers
                                                                                     :5056, :5057 ──▶ fact store:
                                                                                     PostgreSQL (database mnd_facts)

Settings (environment; defaults in brackets): MND_HOST [127.0.0.1], MND_SCALED_PORT [8080] (the
address people use), MND_SCALED_ACTIONS_LB_PORT [8081], MND_SCALED_RASA_PORTS [5006,5007],
MND_SCALED_ACTIONS_PORTS [5056,5057], MND_PG_PORT [15432], MND_REDIS_PORT [16379], MND_PG_USER [mnd],
MND_PG_CONVERSATIONS_DB [mnd_conversations], MND_PG_FACTS_DB [mnd_facts], MND_SCALED_DIR [build/scaled]
(database cluster, configuration, logs), MND_LOCK_LIFETIME [10] (seconds a conversation stays locked
by a Rasa server that died while handling one of its messages; see lock_store.py). The default ports
are below Linux's range of ephemeral ports (32768-60999), which a busy machine's outgoing connections use.

Secrets: MND_PG_PASSWORD, MND_API_TOKEN (Rasa's HTTP API, always on and always behind this token),
MND_REDIS_PASSWORD, MND_WIDGET_SECRET (signs the widget's sender ids; every Rasa server shares it, so a
conversation continues on either), MND_REST_TOKEN (required by REST when MND_HOST is beyond loopback);
each one not set is generated at random for the run. None is ever written to a
committed file or put on a command line (where `ps` would show it); the run's settings are written to
<MND_SCALED_DIR>/scaled.env, readable by its owner only.

The servers are those of the embedded profile (bot/serve.py's :class:`~bot.serve.Stack`, one per
"node"), started with endpoints.scaled.yml. docs/deploy.md maps the profile to several machines.
"""

from bot.scaled.node import ENDPOINTS, Node
from bot.scaled.packages import install_packages, missing_packages
from bot.scaled.postgres import Postgres
from bot.scaled.redis_server import Redis
from bot.scaled.settings import Settings
from bot.scaled.stack import ScaledStack

__all__ = [
    "ENDPOINTS",
    "Node",
    "Postgres",
    "Redis",
    "ScaledStack",
    "Settings",
    "install_packages",
    "missing_packages",
]
