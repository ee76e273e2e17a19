"""The processes of the scaled-out profile: PostgreSQL, Redis, nginx and the nodes (see the package docstring).

Standard library only, so tests in either environment can use :class:`Postgres` and :class:`ScaledStack`.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from bot.private_files import write_private
from bot.serve import (
    ACTIONS_PYTHON,
    MODEL,
    RASA_PYTHON,
    ROOT,
    SPACY_MODEL,
    Stack,
    StartupError,
    _answers,
    _end,
    port_in_use,
)
from bot.supervision import Handle, Program

ENDPOINTS = ROOT / "endpoints.scaled.yml"
CREDENTIALS = ROOT / "credentials.yml"
STATE_DIR = ROOT / "build" / "scaled"
DEBIAN_PACKAGES = ("postgresql", "redis-server", "nginx")
SECRET_NAMES = ("MND_PG_PASSWORD", "MND_API_TOKEN", "MND_REDIS_PASSWORD", "MND_WIDGET_SECRET", "MND_REST_TOKEN")


def _ports(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.replace(" ", "").split(",") if p)


# --- Debian programs ----------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin directory (Debian keeps them per version)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name or 0)
    )
    return found[-1].parent if found else None


def _program(name: str) -> str | None:
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )


def missing_packages() -> list[str]:
    """The Debian packages of the profile that are not installed."""
    present = {
        "postgresql": postgres_bin() is not None,
        "redis-server": _program("redis-server") is not None,
        "nginx": _program("nginx") is not None,
    }
    return [name for name in DEBIAN_PACKAGES if not present[name]]


def install_packages() -> int:
    """Install the missing Debian packages (as root, with apt-get); 0 when everything is there."""
    missing = missing_packages()
    if not missing:
        return 0
    if os.geteuid() != 0:
        print(f"error: missing Debian packages; run: sudo apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return 2
    print(f"Installing {', '.join(missing)} (Debian packages)...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    return 0


# --- settings -----------------------------------------------------------------------------------


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


def _cmdline(pid: int) -> str:
    """The command line of process ``pid`` ("" if there is none, or it has ended and not been reaped)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def _spawn(args: list[str], log: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    """A child in its own session (Ctrl-C reaches only the launcher, which stops the children in order)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out = open(log, "ab")  # noqa: SIM115 - handed to the child
    try:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)  # type: ignore[call-overload]
    finally:
        out.close()


def _wait_until(check: object, proc: subprocess.Popen[bytes], what: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StartupError(f"{what} exited during start-up; see {log}")
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise StartupError(f"{what} did not become ready within {timeout:.0f} s; see {log}")


# --- PostgreSQL ---------------------------------------------------------------------------------


class Postgres:
    """A PostgreSQL cluster of the project's own (not the system's), run as a child process.

    Its data directory is created once (initdb) and reused by later runs. PostgreSQL refuses to run
    as root, so as root the cluster belongs to, and runs as, the ``postgres`` user. TCP connections
    (the servers) need a password (scram-sha-256); the launcher administers the cluster through a
    Unix socket in a directory only the cluster's owner (and root) can enter.
    """

    def __init__(self, base: Path, *, host: str = "127.0.0.1", port: int = 15432, log: Path | None = None) -> None:
        self.base = base
        self.data = base / "data"
        self.sockets = base / "run"
        self.host, self.port = host, port
        self.log = log or base / "postgres.log"
        self.proc: subprocess.Popen[bytes] | None = None
        found = postgres_bin()
        if found is None:
            raise StartupError("PostgreSQL is not installed; run `make run-scaled` (it installs it) "
                               "or apt-get install postgresql")
        self.bin = found

    @property
    def _as_owner(self) -> dict[str, object]:
        if os.geteuid() != 0:
            return {}
        return {"user": "postgres", "group": "postgres", "extra_groups": []}

    def _own(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")
        path.chmod(0o700)

    def init(self) -> bool:
        """Create the cluster unless it exists; True if it was created."""
        self.base.mkdir(parents=True, exist_ok=True)
        self._own(self.sockets)
        if (self.data / "PG_VERSION").is_file():
            return False
        if self.data.exists():
            shutil.rmtree(self.data)  # a half-made cluster from an interrupted first run
        self._own(self.data)
        result = subprocess.run(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--locale=C",
             "--auth-local=trust", "--auth-host=scram-sha-256", "--no-instructions"],
            cwd=self.data, capture_output=True, text=True, **self._as_owner,  # type: ignore[call-overload]
        )
        if result.returncode != 0:
            raise StartupError(f"initdb failed: {result.stderr.strip().splitlines()[-1:]}")
        return True

    def start(self, timeout: float = 60.0) -> None:
        if port_in_use(self.host, self.port):
            raise StartupError(f"port {self.port} on {self.host} is already in use; set MND_PG_PORT to a free port")
        self.proc = _spawn(
            [str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.sockets),
             "-c", f"listen_addresses={self.host}", "-c", "unix_socket_permissions=0700",
             "-c", "password_encryption=scram-sha-256", "-c", "max_connections=200"],
            self.log, cwd=self.data, **self._as_owner,
        )
        _wait_until(self._ready, self.proc, "PostgreSQL", self.log, timeout)

    def _ready(self) -> bool:
        result = subprocess.run(
            [str(self.bin / "pg_isready"), "-q", "-h", str(self.sockets), "-p", str(self.port), "-U", "postgres"],
            capture_output=True,
        )
        return result.returncode == 0

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run ``sql`` as the superuser through the Unix socket (the SQL goes on stdin, never on argv)."""
        result = subprocess.run(
            [str(self.bin / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", str(self.sockets),
             "-p", str(self.port), "-U", "postgres", "-d", database],
            input=sql, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise StartupError(f"PostgreSQL refused the set-up: {result.stderr.strip()}")
        return result.stdout

    def ensure_app(self, user: str, password: str, databases: list[str]) -> None:
        """The application's role (password as given, every run) and its databases (created once)."""
        for name in (user, *databases):
            if not name.replace("_", "").isalnum():
                raise StartupError(f"{name!r}: PostgreSQL names here are letters, digits and underscores")
        literal = "'" + password.replace("'", "''") + "'"
        self.psql(
            f"SELECT 'CREATE ROLE {user} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}')"
            f"\\gexec\nALTER ROLE {user} WITH LOGIN PASSWORD {literal};\n"
            + "".join(
                f"SELECT 'CREATE DATABASE {db} OWNER {user}' "
                f"WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{db}')\\gexec\n"
                f"REVOKE ALL ON DATABASE {db} FROM PUBLIC;\n"
                for db in databases
            )
        )

    def stop(self, grace: float = 20.0) -> None:
        """Fast shutdown (SIGINT: open sessions are ended, everything committed is kept)."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _end(proc, 1.0)


# --- Redis --------------------------------------------------------------------------------------


class Redis:
    """Redis for Rasa's lock store: in memory only (locks live seconds), password required."""

    def __init__(self, base: Path, *, host: str, port: int, password: str, log: Path) -> None:
        self.base, self.host, self.port, self.password, self.log = base, host, port, password, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        program = _program("redis-server")
        if program is None:
            raise StartupError("redis-server is not installed; run `make run-scaled` or apt-get install redis-server")
        if port_in_use(self.host, self.port):
            raise StartupError(f"port {self.port} on {self.host} is already in use; set MND_REDIS_PORT to a free port")
        conf = self.base / "redis.conf"
        # The password is in a 0600 file, not on the command line.
        write_private(
            conf,
            f"bind {self.host}\nport {self.port}\nprotected-mode yes\ndaemonize no\nsave \"\"\n"
            f"appendonly no\ndir {self.base}\nlogfile \"\"\nrequirepass {self.password}\n",
        )
        self.proc = _spawn([program, str(conf)], self.log, cwd=self.base)
        _wait_until(self.ping, self.proc, "Redis", self.log, timeout)

    def ping(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                pw = self.password.encode()
                sock.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n*1\r\n$4\r\nPING\r\n" % (len(pw), pw))
                reply = b""
                while reply.count(b"\r\n") < 2:
                    chunk = sock.recv(64)
                    if not chunk:
                        break
                    reply += chunk
                return reply == b"+OK\r\n+PONG\r\n"
        except OSError:
            return False

    def stop(self, grace: float = 10.0) -> None:
        _end(self.proc, grace)


# --- nginx --------------------------------------------------------------------------------------


UNAVAILABLE = json.dumps(
    {"error": "unavailable", "detail": "The assistant cannot answer right now. Please try again in a moment."}
)


# Connections one client address may hold on the public port: a browser opens up to 6, and a
# clinic's computers may share one address behind NAT.
PER_CLIENT = 64


def nginx_config(s: Settings, base: Path, logs: Path) -> str:
    """nginx in front of the Rasa servers (the public port) and of the action servers (internal port).

    Round robin. A request goes to the next server only when the connection could not be made
    (``error``/``timeout`` before anything was sent): nginx never re-sends a POST that a server
    already received, so a turn is never processed twice. No keep-alive to the upstreams, so a
    request never rides on a connection to a server that has since died.
    """
    user = "user www-data www-data;\n" if os.geteuid() == 0 else ""
    # max_fails=0: a server that refused a connection is tried again on the next request. On loopback
    # a refused connection costs nothing, and nginx's default (skip it for fail_timeout) would leave
    # "no live upstreams" when the other server goes down while the first is already back.
    rasa = "".join(f"        server {s.host}:{p} max_fails=0;\n" for p in s.rasa_ports)
    actions = "".join(f"        server {s.host}:{p} max_fails=0;\n" for p in s.actions_ports)
    temp = base / "temp"
    proxy = (
        "        proxy_http_version 1.1;\n"
        "        proxy_set_header Host $http_host;\n"
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "        proxy_set_header X-Forwarded-Proto $scheme;\n"
        "        proxy_next_upstream error timeout;\n"
        "        proxy_next_upstream_tries 2;\n"
        "        proxy_connect_timeout 2s;\n"
        "        add_header X-Served-By $upstream_addr always;\n"
    )
    return f"""# Generated by bot/scaled.py for this run; edit the generator, not this file.
{user}worker_processes 1;
pid {base / 'nginx.pid'};
error_log {logs / 'nginx-error.log'} warn;

events {{
    worker_connections 1024;
}}

http {{
    log_format mnd '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                   'upstream=$upstream_addr upstream_status=$upstream_status time=$request_time';
    access_log {logs / 'nginx-access.log'} mnd;
    client_body_temp_path {temp / 'body'};
    proxy_temp_path {temp / 'proxy'};
    fastcgi_temp_path {temp / 'fastcgi'};
    uwsgi_temp_path {temp / 'uwsgi'};
    scgi_temp_path {temp / 'scgi'};
    server_tokens off;
    # Bounds on slow and many connections, as the servers behind have their own (bot/web/connections.py):
    # a request head or body that does not arrive in time gets 408, an idle keep-alive connection is
    # closed after 5 s, each client address holds at most {PER_CLIENT} connections at once (503 beyond),
    # and nginx itself at most worker_connections.
    client_header_timeout 10s;
    client_body_timeout 30s;
    send_timeout 30s;
    keepalive_timeout 5s;
    reset_timedout_connection on;
    limit_conn_zone $binary_remote_addr zone=per_client:1m;
    limit_conn_status 503;
    limit_conn_log_level warn;

    upstream rasa_servers {{
{rasa}    }}

    upstream action_servers {{
{actions}    }}

    # What people (and the clinic's web pages) use: chat widget, REST channel, Rasa's HTTP API (token).
    server {{
        listen {s.host}:{s.port};
        client_max_body_size 64k;
        limit_conn per_client {PER_CLIENT};
        location / {{
            proxy_pass http://rasa_servers;
{proxy}            proxy_read_timeout 120s;
            # No Rasa server could answer (down, or it died during the turn): a JSON 503 that says
            # to try again, which the widget shows as "can't be reached right now ... Try again".
            error_page 502 504 =503 @unavailable;
        }}
        location @unavailable {{
            default_type application/json;
            add_header Retry-After 5 always;
            add_header X-Served-By $upstream_addr always;
            return 503 '{UNAVAILABLE}';
        }}
    }}

    # Internal: the Rasa servers' action endpoint. Never published.
    server {{
        listen {s.host}:{s.actions_lb_port};
        # Rasa sends the whole conversation to the action server: long conversations make large bodies.
        client_max_body_size 32m;
        client_body_buffer_size 1m;
        location / {{
            proxy_pass http://action_servers;
{proxy}            # Actions only read the fact store: one that takes 10 s is broken, and the person
            # gets the polite error reply rather than a long wait.
            proxy_read_timeout 10s;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, settings: Settings, base: Path, logs: Path) -> None:
        self.settings, self.base, self.logs = settings, base, logs
        self.conf = base / "nginx.conf"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        program = _program("nginx")
        if program is None:
            raise StartupError("nginx is not installed; run `make run-scaled` or apt-get install nginx")
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            path = self.base / "temp" / sub
            path.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(path, "www-data", "www-data")
        self.logs.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(nginx_config(self.settings, self.base, self.logs), encoding="utf-8")
        error_log = self.logs / "nginx-error.log"
        check = subprocess.run(
            [program, "-t", "-q", "-p", str(self.base), "-e", str(error_log), "-c", str(self.conf)],
            capture_output=True, text=True,
        )
        if check.returncode != 0:
            raise StartupError(f"nginx refused its configuration: {check.stderr.strip()}")
        self.proc = _spawn(
            [program, "-p", str(self.base), "-e", str(error_log), "-c", str(self.conf), "-g", "daemon off;"],
            self.logs / "nginx.log", cwd=self.base,
        )
        s = self.settings
        _wait_until(lambda: port_in_use(s.host, s.port) and port_in_use(s.host, s.actions_lb_port),
                    self.proc, "nginx", error_log, timeout)

    def stop(self, grace: float = 10.0) -> None:
        _end(self.proc, grace)


# --- Rasa and action servers --------------------------------------------------------------------


class Node(Stack):
    """One Rasa server and one action server: what one application machine runs in a real deployment.

    The embedded profile's :class:`~bot.serve.Stack`, except that the Rasa server uses
    endpoints.scaled.yml, sends its action calls to the action servers' load balancer, and always
    serves the HTTP API behind the token, which it reads from its environment (see :func:`rasa_main`).
    """

    def __init__(self, name: str, settings: Settings, *, rasa_port: int, actions_port: int, log_dir: Path) -> None:
        super().__init__(
            host=settings.host,
            port=rasa_port,
            actions_port=actions_port,
            facts_url=settings.facts_url(),
            model=settings.model,
            endpoints=ENDPOINTS,
            credentials=CREDENTIALS,
            log_dir=log_dir,
            extra_env=settings.server_env(),
        )
        self.name = name

    def start_rasa(self, timeout: float = 300.0) -> None:
        super().start_rasa(timeout)

    def _rasa_args(self) -> list[str]:
        return [
            str(RASA_PYTHON), "-m", "bot.scaled", "rasa", "run",
            "--model", str(self.model), "--endpoints", str(self.endpoints), "--credentials", str(self.credentials),
            "--interface", self.host, "--port", str(self.port), "--enable-api",
        ]  # fmt: skip

    def programs(self) -> list[Program]:
        return [replace(p, label=f"{p.label} {self.name}") for p in super().programs()]

    def kill_rasa(self) -> None:
        """SIGKILL the Rasa server, as a crash or a pulled plug would (tests); return once its port is closed.

        supervisord restarts it; the new one listens only once it has loaded the model.
        """
        if self.rasa is None or self.rasa.poll() is not None or not self.rasa.pid:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.rasa.pid, signal.SIGKILL)
        # Its other threads end a moment after the main one; until then the kernel still accepts connections.
        deadline = time.monotonic() + 30
        while port_in_use(self.host, self.port) and time.monotonic() < deadline:
            time.sleep(0.05)


# --- the whole profile --------------------------------------------------------------------------


class ScaledStack:
    """Everything the profile runs, started in dependency order and stopped in the reverse order."""

    def __init__(self, settings: Settings) -> None:
        if not settings.complete:
            settings = settings.with_secrets()
        if len(settings.rasa_ports) != len(settings.actions_ports):
            raise StartupError("MND_SCALED_RASA_PORTS and MND_SCALED_ACTIONS_PORTS must list as many ports")
        self.settings = s = settings
        self.logs = s.state_dir / "logs"
        self.postgres: Postgres | None = None
        self.leftovers_ended: list[str] = []
        self.redis = Redis(s.state_dir / "redis", host=s.host, port=s.redis_port, password=s.redis_password,
                           log=self.logs / "redis.log")
        self.nginx = Nginx(s, s.state_dir / "nginx", self.logs)
        self.nodes = [
            Node(str(i + 1), s, rasa_port=r, actions_port=a, log_dir=self.logs / f"node{i + 1}")
            for i, (r, a) in enumerate(zip(s.rasa_ports, s.actions_ports, strict=True))
        ]

    @property
    def url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    def node_serving(self, served_by: str) -> Node:
        """The node whose Rasa server answered, from nginx's X-Served-By header (the last address tried)."""
        port = int(served_by.split(",")[-1].strip().rsplit(":", 1)[1])
        return next(n for n in self.nodes if n.port == port)

    def preflight(self) -> None:
        missing = missing_packages()
        if missing:
            raise StartupError(f"missing Debian packages {', '.join(missing)}; run `make run-scaled` "
                               f"(it installs them) or apt-get install {' '.join(missing)}")
        if not RASA_PYTHON.exists() or not ACTIONS_PYTHON.exists():
            raise StartupError("the virtual environments are missing; run `make run-scaled` (or `make venvs`)")
        if not self.settings.model.is_file():
            raise StartupError(f"no trained model at {self.settings.model}; run `make train`")
        if not SPACY_MODEL.is_dir():
            raise StartupError("the spaCy pipeline is missing; run `make spacy`")
        ports = self.settings.all_ports()
        if len(ports) != 6 + 2 * (len(self.nodes) - 1):
            raise StartupError("two settings name the same port; every MND_*PORT* must differ")
        for port, setting in ports.items():
            if port_in_use(self.settings.host, port):
                raise StartupError(f"port {port} on {self.settings.host} is already in use; stop what uses it "
                                   f"or set {setting} to a free port")

    def start(self, timeout: float = 300.0) -> None:
        """Start everything and return once the public address answers; on failure stop what started."""
        s = self.settings
        try:
            self.leftovers_ended = self.end_leftovers()
            self.preflight()
            self.postgres = Postgres(s.state_dir / "postgres", host=s.host, port=s.pg_port,
                                     log=self.logs / "postgres.log")
            self.postgres.init()
            self.postgres.start()
            self.postgres.ensure_app(s.pg_user, s.pg_password, [s.conversations_db, s.facts_db])
            self.build_facts()
            self.redis.start()
            self.nginx.start()
            self._each(lambda node: node.start_actions(timeout))
            self._each(lambda node: node.start_rasa(timeout))
            _wait_until(lambda: _answers(f"{self.url}/webhooks/rest/"), self.nginx.proc,  # type: ignore[arg-type]
                        "nginx", self.logs / "nginx-error.log", 30)
            self.record_processes()
        except BaseException:
            self.stop()
            raise

    # A launcher killed outright (SIGKILL, a closed terminal) cannot stop its children; the next run
    # ends them, recognising each by its process id AND its unchanged command line.

    @property
    def _record(self) -> Path:
        return self.settings.state_dir / "processes.json"

    def record_processes(self) -> None:
        """Note the processes this run started (again after a restart), for :meth:`end_leftovers`."""
        running = {name: p.pid for name, p in self.processes().items() if p is not None and p.poll() is None}
        record = {
            "launcher": {"pid": os.getpid(), "cmdline": _cmdline(os.getpid())},
            "processes": {name: {"pid": pid, "cmdline": _cmdline(pid)} for name, pid in running.items()},
        }
        write_private(self._record, json.dumps(record, indent=1))

    def end_leftovers(self) -> list[str]:
        """End what an earlier run with this state directory started and left running; return their names."""
        try:
            record = json.loads(self._record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        launcher = record["launcher"]
        if launcher["pid"] != os.getpid() and _cmdline(launcher["pid"]) == launcher["cmdline"]:
            raise StartupError(f"the scaled profile is already running from {self.settings.state_dir} "
                               f"(process {launcher['pid']}); stop it with Ctrl-C first")
        left = {name: e["pid"] for name, e in record["processes"].items() if _cmdline(e["pid"]) == e["cmdline"]}
        for name, pid in left.items():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGINT if name == "PostgreSQL" else signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_cmdline(pid) for pid in left.values()):
            time.sleep(0.2)
        for pid in left.values():
            if _cmdline(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
        self._record.unlink(missing_ok=True)
        return sorted(left)

    def _each(self, start: object) -> None:
        """Start the nodes' servers side by side (Rasa servers take a while to load the model)."""
        pool = ThreadPoolExecutor(len(self.nodes))
        futures = [pool.submit(start, node) for node in self.nodes]  # type: ignore[arg-type]
        try:
            for future in futures:
                future.result()
        except BaseException:
            # Ctrl-C or a node that failed: end the others' processes so that their waits end now.
            for node in self.nodes:
                node.stop()
            raise
        finally:
            pool.shutdown(wait=True)

    def build_facts(self) -> None:
        """(Re)build the fact store on PostgreSQL from data/facts, in one transaction."""
        result = subprocess.run(
            [str(ACTIONS_PYTHON), "-m", "bot.facts", "build"],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "MND_FACTS_URL": self.settings.facts_url()},
        )
        if result.returncode != 0:
            raise StartupError(f"the fact store could not be built on PostgreSQL: {result.stderr.strip()}")

    def infrastructure(self) -> dict[str, subprocess.Popen[bytes] | None]:
        """PostgreSQL, Redis and nginx: nothing can go on without any of them."""
        return {
            "PostgreSQL": self.postgres.proc if self.postgres else None,
            "Redis": self.redis.proc,
            "nginx": self.nginx.proc,
        }

    def processes(self) -> dict[str, subprocess.Popen[bytes] | Handle | None]:
        """Every process of the profile: the infrastructure, each node's supervisord and its servers."""
        found: dict[str, subprocess.Popen[bytes] | Handle | None] = dict(self.infrastructure())
        for node in self.nodes:
            found[f"supervisord {node.name}"] = node.supervisor.proc if node.supervisor else None
            found[f"Rasa server {node.name}"] = node.rasa
            found[f"action server {node.name}"] = node.actions
        return found

    def stop(self) -> None:
        """Stop everything that started: nginx, the Rasa servers, the action servers, Redis, PostgreSQL."""
        self.nginx.stop()
        for node in self.nodes:
            node.stop()
        self.redis.stop()
        if self.postgres is not None:
            self.postgres.stop()
        if all(proc is None or proc.poll() is not None for proc in self.processes().values()):
            self._record.unlink(missing_ok=True)

    def __enter__(self) -> ScaledStack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
