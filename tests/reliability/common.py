"""Shared helpers for the reliability suites (concurrency and crashes).

Every suite runs the real binary in fresh temporary directories with a cleared
environment, as tests/cli/lib.bash does, and inspects the database with
Python's sqlite3 module. Standard library only.

Options common to the suites:
  PHOIHOP_BINARY        first positional argument (ctest passes it)
  --long                or PHOIHOP_RELIABILITY_LONG=1: the long versions
  --trials N            random-kill trials per scenario (crash suite) /
                        scale factor (concurrency suite)
  --seed S              or PHOIHOP_RELIABILITY_SEED: the RNG seed (printed)
  --keep                keep the temporary directory for inspection
"""

import argparse
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

TODAY = "2026-11-26"
# Columns whose values differ between two runs of the same command: random
# uids, wall-clock timestamps, and the history's JSON images (which hold both).
VOLATILE_COLUMNS = {"uid", "created_at", "updated_at", "at", "before", "after"}


def parse_args(description, default_trials):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("binary", nargs="?", default=os.environ.get("PHOIHOP"),
                        help="the phoihop binary under test")
    parser.add_argument("--long", action="store_true",
                        default=os.environ.get("PHOIHOP_RELIABILITY_LONG", "") not in ("", "0"),
                        help="run the long versions (also PHOIHOP_RELIABILITY_LONG=1)")
    parser.add_argument("--trials", type=int, default=None,
                        help=f"random trials per scenario (default {default_trials}, long: x40)")
    parser.add_argument("--seed", type=int,
                        default=int(os.environ.get("PHOIHOP_RELIABILITY_SEED", "0")) or None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    args = parser.parse_args()
    if not args.binary:
        parser.error("give the phoihop binary (argument or $PHOIHOP)")
    args.binary = os.path.abspath(args.binary)
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "big")
    if args.trials is None:
        args.trials = default_trials * (40 if args.long else 1)
    return args


class Result:
    def __init__(self, args, rc, out, err, seconds):
        self.args, self.rc, self.out, self.err, self.seconds = args, rc, out, err, seconds

    @property
    def killed(self):
        return self.rc == -signal.SIGKILL

    def describe(self):
        return (f"phoihop {' '.join(self.args)} -> exit {self.rc} in {self.seconds:.3f}s\n"
                f"  stdout: {self.out[:400]!r}\n  stderr: {self.err[:400]!r}")


class Sandbox:
    """A directory with its own HOME, XDG dirs and database path."""

    def __init__(self, binary, root, name):
        self.binary = binary
        self.dir = os.path.join(root, name)
        os.makedirs(self.dir)
        self.db = os.path.join(self.dir, "phoihop.db")
        for sub in ("home", "config", "data"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": os.path.join(self.dir, "home"),
            "TZ": "Asia/Ho_Chi_Minh",
            "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "XDG_DATA_HOME": os.path.join(self.dir, "data"),
            "PHOIHOP_DB": self.db,
            "PHOIHOP_TODAY": TODAY,
        }

    def path(self, name):
        return os.path.join(self.dir, name)

    def environment(self, extra=None):
        env = dict(self.env)
        if extra:
            env.update(extra)
        return env

    def run(self, *args, extra_env=None, stdin=None, timeout=120):
        """Runs phoihop to completion (a hang past `timeout` is a test failure)."""
        start = time.monotonic()
        try:
            p = subprocess.run([self.binary, *args], cwd=self.dir, env=self.environment(extra_env),
                               input=stdin, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise AssertionError(f"phoihop {' '.join(args)} hung for more than {timeout}s") from e
        return Result(list(args), p.returncode, p.stdout.decode("utf-8", "replace"),
                      p.stderr.decode("utf-8", "replace"), time.monotonic() - start)

    def popen(self, *args, extra_env=None):
        return subprocess.Popen([self.binary, *args], cwd=self.dir, env=self.environment(extra_env),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def ok(self, *args, **kw):
        r = self.run(*args, **kw)
        if r.rc != 0:
            raise AssertionError("expected success: " + r.describe())
        return r

    def db_files(self):
        return [self.db + suffix for suffix in ("", "-wal", "-shm", "-journal")]

    def remove_db(self):
        for f in self.db_files():
            if os.path.exists(f):
                os.remove(f)


def connect_ro(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


def checkpoint(path):
    """Folds the WAL into the main file and closes, leaving one self-contained file."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def user_tables(con):
    return [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def inspect(path, writable=False):
    """Integrity, foreign keys, header and a content fingerprint of a database.

    A missing or empty file, or one without tables, has the fingerprint of an
    empty database: a run killed before its first commit leaves exactly that.
    `writable` opens it read-write, so SQLite rolls back a hot journal first
    (only for copies: a snapshot of what a crash left).
    """
    info = {"integrity": "ok", "fk_violations": [], "user_version": 0, "application_id": 0,
            "schema": (), "fingerprint": "empty", "counts": {}, "tasks": None}
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return info
    con = sqlite3.connect(path, isolation_level=None) if writable else connect_ro(path)
    try:
        info["integrity"] = "\n".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        info["fk_violations"] = con.execute("PRAGMA foreign_key_check").fetchall()
        info["user_version"] = con.execute("PRAGMA user_version").fetchone()[0]
        info["application_id"] = con.execute("PRAGMA application_id").fetchone()[0]
        info["schema"] = tuple(con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name").fetchall())
        tables = user_tables(con)
        if tables:
            h = hashlib.sha256()
            h.update(repr(info["schema"]).encode())
            for t in tables:
                cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")
                        if r[1] not in VOLATILE_COLUMNS]
                rows = con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY rowid").fetchall()
                info["counts"][t] = len(rows)
                h.update(repr((t, cols, rows)).encode())
            info["fingerprint"] = h.hexdigest()
            if "task" in tables:
                info["tasks"] = sorted(con.execute("SELECT id, title FROM task").fetchall())
    finally:
        con.close()
    return info


def snapshot(files, into):
    """Copies the files a crash left (db, -wal, -shm) so they can be inspected
    without disturbing what the next phoihop run will face."""
    if os.path.isdir(into):
        shutil.rmtree(into)
    os.makedirs(into)
    copied = os.path.join(into, "snap.db")
    for f in files:
        if os.path.exists(f):
            suffix = f[len(files[0]):]
            shutil.copyfile(f, copied + suffix)
    return copied


def sha256_file(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def db_check_available(sandbox):
    """True once `phoihop db check` exists (the lead is adding it)."""
    r = sandbox.run("db", "--help")
    return r.rc == 0 and any(line.split()[:1] == ["check"] for line in r.out.splitlines())


class Summary:
    """The figures table printed at the end (for RELIABILITY.md)."""

    COLUMNS = ["test", "trials", "kills landed", "corrupt DBs", "partial invocations",
               "lost writes", "doubled writes", "other failures", "seconds"]

    def __init__(self):
        self.rows = []

    def add(self, test, trials, kills, corrupt, partial, lost, doubled, failures, seconds):
        self.rows.append([test, trials, kills, corrupt, partial, lost, doubled, failures,
                          f"{seconds:.1f}"])

    def render(self):
        head = "| " + " | ".join(self.COLUMNS) + " |"
        rule = "|" + "|".join(" --- " if i == 0 else " ---: " for i in range(len(self.COLUMNS))) + "|"
        lines = [head, rule]
        for r in self.rows:
            lines.append("| " + " | ".join(str(c) for c in r) + " |")
        return "\n".join(lines)


class Failures:
    def __init__(self, suite):
        self.suite = suite
        self.items = []

    def __call__(self, message):
        self.items.append(message)
        print(f"FAIL [{self.suite}] {message}", file=sys.stderr, flush=True)

    def __len__(self):
        return len(self.items)


def make_root(keep):
    root = tempfile.mkdtemp(prefix="phoihop-reliability-")
    return root


def finish(suite, root, keep, failures, summary, seed, started):
    print()
    print(summary.render())
    print()
    print(f"{suite}: seed {seed}, {time.monotonic() - started:.1f}s, "
          f"{len(failures)} failure(s)")
    if keep:
        print(f"{suite}: kept {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    sys.exit(1 if len(failures) else 0)
