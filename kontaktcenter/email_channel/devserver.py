"""A local Debian dovecot for the tests, the benchmark and the demo: not for production.

`start_dovecot()` runs one unprivileged server on a free port with its own configuration,
passwd-file users and maildirs under a temporary folder; every caller gets mailbox users of its
own. As root (CI, the demo machine), the server runs as `nobody`.
"""

from __future__ import annotations

import imaplib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
PASSWORD = "hemligt-losenord"  # noqa: S105 - a throwaway local server
# Mailbox users made when the server starts, one per test that asks.
USERS = 2000

_CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
mail_location = maildir:{root}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Dovecot:
    root: Path
    port: int
    uid: int
    gid: int
    _users: itertools.count[int]

    def new_user(self) -> str:
        """A fresh mailbox user of the ones the passwd-file holds from the start (dovecot
        notices a changed passwd-file only by its time stamp, too coarse between tests)."""
        number = next(self._users)
        assert number <= USERS, "more mailbox users than the passwd-file holds"
        return f"kc{number}"

    def connect(self, user: str) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(user, PASSWORD)
        return imap

    def deliver(self, user: str, *messages: bytes) -> None:
        """Put mail in the user's INBOX as a mail server would (IMAP APPEND)."""
        imap = self.connect(user)
        try:
            for message in messages:
                # typeshed types the answer as str; it is the (status, data) pair of every call.
                answer = imap.append("INBOX", "", "", message)
                assert answer[0] == "OK", answer
        finally:
            imap.logout()

    def count(self, user: str, folder: str) -> int:
        imap = self.connect(user)
        try:
            status, data = imap.select(f'"{folder}"', readonly=True)
            return int(data[0] or 0) if status == "OK" else 0
        finally:
            imap.logout()


def _unprivileged() -> tuple[str, str, int, int, list[str]]:
    """Who the server runs as, and the command prefix that makes it so."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid, []
    nobody = pwd.getpwnam("nobody")
    group = "nogroup"
    prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    return "nobody", group, nobody.pw_uid, nobody.pw_gid, prefix


class DovecotError(RuntimeError):
    pass


def dovecot_installed() -> bool:
    return Path(DOVECOT).exists()


def start_dovecot() -> tuple[Dovecot, subprocess.Popen[bytes]]:
    """Start a server and wait until it answers; stop it with `stop_dovecot`."""
    if not dovecot_installed():
        raise DovecotError("Debian's dovecot-imapd is not installed (./dev test installs it).")
    # Its own folder in the system's temporary directory, which `nobody` can reach.
    root = Path(tempfile.mkdtemp(prefix="kontaktcenter-dovecot-"))
    user, group, uid, gid, prefix = _unprivileged()
    for folder in ("run", "state", "mail", "home"):
        (root / folder).mkdir()
    (root / "users").write_text(
        "".join(
            f"kc{number}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root}/home\n"
            for number in range(1, USERS + 1)
        )
    )
    port = _free_port()
    (root / "dovecot.conf").write_text(_CONFIG.format(root=root, port=port, user=user, group=group))
    if prefix:
        for path in [root, *root.rglob("*")]:
            os.chown(path, uid, gid)
        root.chmod(0o755)
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [*prefix, DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Dovecot(root=root, port=port, uid=uid, gid=gid, _users=itertools.count(1))
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                _out, err = process.communicate()
                shutil.rmtree(root, ignore_errors=True)
                raise DovecotError(
                    f"dovecot did not start: {err.decode(errors='replace')}"
                ) from None
            time.sleep(0.05)


def stop_dovecot(server: Dovecot, process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(server.root, ignore_errors=True)
