#!/usr/bin/env python3
"""Crash safety: phoihop killed with SIGKILL anywhere loses no committed data
and never leaves half an invocation, a damaged file or a half-written report.

For each scenario (a command on a known database):
  * a reference run gives the state after; the base database is the state before;
  * deterministic crash points (PHOIHOP_CRASH_AT=POINT[:N]) stop it at every
    boundary: open, begin, migrate, write:K (K changed rows; first, second,
    middle and last, or every K with --long), commit, committed — and the
    output-* points for --output;
  * random kills: SIGKILL after a random 0..1.5x the measured run time.
After every kill the files are copied as the crash left them and inspected
(PRAGMA integrity_check, foreign_key_check, a content fingerprint that must
equal the state before or the state after), then phoihop itself runs on the
original files with no manual step: alternately a read first or a write
first, `log` showing the invocation exactly when its records are there, and
`db check` once it exists.

Usage: test_crash.py PHOIHOP [--long] [--trials N] [--seed S] [--only NAME] [--keep]
"""

import csv
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import Sandbox, inspect, snapshot, checkpoint  # noqa: E402

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DB_POINTS = ["open", "begin", "migrate", "commit", "committed"]
OUTPUT_POINTS = ["output-write", "output-rename", "output-renamed"]


# ---------------------------------------------------------------------------
# Base databases


def build_bentre(sb):
    """The worked example: a realistic database (examples/bentre.sh)."""
    env = sb.environment({"PATH": "/usr/bin:/bin"})
    p = subprocess.run(["sh", os.path.join(SOURCE_DIR, "examples", "bentre.sh"), sb.binary],
                       cwd=sb.dir, env=env, capture_output=True, timeout=300)
    if p.returncode != 0:
        raise AssertionError(f"examples/bentre.sh failed: {p.stderr.decode()[:800]}")
    checkpoint(sb.db)


def task_update_v1():
    """task_update as migrations 1-5 made it, taken from the released schema
    fixture (tests/data/schema4.sql), under the name task_update_v1."""
    with open(os.path.join(SOURCE_DIR, "tests", "data", "schema4.sql"), encoding="utf-8") as f:
        schema = f.read()
    start = schema.index("CREATE TABLE task_update (")
    end = schema.index("\n);", start) + 3
    return schema[start:end].replace("CREATE TABLE task_update (", "CREATE TABLE task_update_v1 (", 1)


def downgrade_to_v1(path):
    """Turns a current database into one at schema version 1 (before migration
    2 added the history): its triggers and tables dropped, user_version 1."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN")
    for (name,) in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'history_%'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("DROP TABLE history_change")
    con.execute("DROP TABLE history_invocation")
    # Migration 7: the register of sent reports.
    con.execute("DROP TABLE sent_report_content")
    con.execute("DROP TABLE sent_report")
    # Migration 6: org_name, and task_update as migration 1 made it.
    con.execute("DROP TABLE org_name")
    con.execute("DROP INDEX task_update_due")
    con.execute(task_update_v1())
    con.execute("INSERT INTO task_update_v1 SELECT id, uid, task_id, date, seq, status, progress, actual, "
                "note, created_at FROM task_update")
    con.execute("DROP TABLE task_update")
    con.execute("ALTER TABLE task_update_v1 RENAME TO task_update")
    con.execute("PRAGMA user_version = 1")
    con.execute("COMMIT")
    con.execute("VACUUM")
    con.close()
    checkpoint(path)


# ---------------------------------------------------------------------------
# Scenarios


class Scenario:
    kind = "db"               # "db" or "output"
    base = "bentre"           # "bentre", "v1" or "none"
    points = DB_POINTS
    writes = True             # has `write` crash points

    def __init__(self, name, args, files=None, base=None, describe=""):
        self.name, self.args, self.files = name, args, files or {}
        if base:
            self.base = base
        self.describe = describe


def batch_file():
    lines = ["# reliability: one transaction of many lines"]
    for i in range(50):
        lines.append(f'task add "Lô việc {i}" --agreement BT-2022 --code L{i} '
                     f'--lead "Đơn vị mới {i % 5}" --due 2026-12-31')
    for t in range(1, 7):
        lines.append(f"task update {t} --date 2026-06-30 --progress {10 * t} --note \"Giữa năm\"")
    return "\n".join(lines) + "\n"


def tasks_csv():
    rows = ["title,code,lead,partner,due,note"]
    for i in range(100):
        rows.append(f'"Nhiệm vụ nhập {i}",N{i},Huyện đoàn {i % 7},"UBND tỉnh Bến Tre;Sở {i % 3}",'
                    f"31/12/2026,dòng {i}")
    return "\r\n".join(rows) + "\r\n"


def scenarios():
    with open(os.path.join(SOURCE_DIR, "examples", "new-agreement.toml"), encoding="utf-8") as f:
        toml = f.read()
    s = [
        Scenario("create", ["agreement", "add", "Quy chế mới", "--party", "Sở Tư pháp",
                            "--party", "Đoàn Thanh niên Sở", "--period", "2026-2030", "--code", "NEW"],
                 base="none", describe="first write on a fresh path creates the file"),
        Scenario("agreement_add", ["agreement", "add", "Quy chế phối hợp với Sở Giáo dục",
                                   "--party", "Sở Giáo dục và Đào tạo", "--party", "Hội Sinh viên tỉnh",
                                   "--period", "2026-2030", "--code", "GD-2026"],
                 describe="agreement + 2 new organisations + 2 parties"),
        Scenario("task_add", ["task", "add", "Nhiệm vụ mới", "--agreement", "BT-2022", "--lead",
                              "Sở Lao động", "--partner", "Sở Y tế", "--due", "2026-12-31"],
                 describe="task + 2 new organisations + partner + first log entry"),
        Scenario("task_update", ["task", "update", "3", "--date", "2026-06-30", "--progress", "55",
                                 "--status", "in_progress", "--note", "Giữa năm"],
                 describe="one log entry on an existing task"),
        Scenario("batch", ["batch", "lines.batch"], files={"lines.batch": batch_file()},
                 describe="50 task adds (5 new orgs) + 6 updates in one batch"),
        Scenario("import_csv", ["import", "tasks.csv", "--kind", "task", "--agreement", "BT-2022"],
                 files={"tasks.csv": tasks_csv()}, describe="100 CSV task rows"),
        Scenario("import_toml", ["import", "new-agreement.toml"],
                 files={"new-agreement.toml": toml}, describe="examples/new-agreement.toml"),
        Scenario("migrate", ["db", "migrate"], base="v1", describe="schema 1 -> 2 by db migrate"),
        Scenario("migrate_write", ["task", "add", "Sau nâng cấp", "--agreement", "BT-2022"],
                 base="v1", describe="schema 1 -> 2 by the first write"),
    ]
    rollback = Scenario("rollback_task_add", s[2].args, base="rollback",
                        describe="task_add on a database in rollback-journal mode (converted to WAL)")
    hot = Scenario("hot_journal", [], base="rollback",
                   describe="another writer killed mid-transaction in rollback-journal mode")
    hot.kind, hot.writes = "foreign", False
    s += [rollback, hot]
    out_replace = Scenario("output_replace", ["report", "summary", "--period", "2018-2022",
                                              "--output", "report.md"],
                           describe="--output over an existing report")
    out_new = Scenario("output_new", ["report", "summary", "--period", "2018-2026", "--format", "json",
                                      "--output", "report.json"],
                       describe="--output to a new file")
    for o in (out_replace, out_new):
        o.kind, o.points, o.writes = "output", OUTPUT_POINTS, False
    return s + [out_replace, out_new]


# ---------------------------------------------------------------------------
# The runner


class Stats:
    def __init__(self):
        self.trials = self.kills = self.corrupt = self.partial = self.lost = 0
        self.doubled = self.failures = 0
        self.journals = self.temps_left = self.temps_cleaned = 0
        self.outcomes = {"before": 0, "after": 0}
        self.db_temps = self.db_temps_cleaned = 0
        self.write_points = None


class CrashSuite:
    def __init__(self, args):
        self.args = args
        self.root = common.make_root(args.keep)
        self.fail = common.Failures("crash")
        self.summary = common.Summary()
        self.notes = []
        self.bases = {}
        self.has_db_check = None

    # -- bases -------------------------------------------------------------

    def base_db(self, kind):
        if kind in self.bases:
            return self.bases[kind]
        if kind == "none":
            self.bases[kind] = None
            return None
        sb = Sandbox(self.args.binary, self.root, f"base-{kind}")
        build_bentre(sb)
        if kind == "v1":
            downgrade_to_v1(sb.db)
            r = sb.run("task", "list")
            if r.rc != 5 or "needs upgrading" not in r.err:
                self.fail("a schema-1 database is not refused by a read: " + r.describe())
        if kind == "rollback":
            # A database in rollback-journal mode: one made before WAL, or on a
            # network filesystem, where phoihop keeps the rollback journal.
            con = sqlite3.connect(sb.db, isolation_level=None)
            con.execute("PRAGMA journal_mode = DELETE")
            con.close()
        path = sb.path("base.db")
        shutil.copyfile(sb.db, path)
        self.bases[kind] = path
        return path

    def fresh_schema(self):
        if not hasattr(self, "_fresh_schema"):
            sb = Sandbox(self.args.binary, self.root, "fresh")
            sb.ok("db", "init")
            self._fresh_schema = inspect(sb.db)["schema"]
        return self._fresh_schema

    # -- one scenario ------------------------------------------------------

    def restore(self, sb, sc, base):
        sb.remove_db()
        if base:
            shutil.copyfile(base, sb.db)
        for name, text in sc.files.items():
            with open(sb.path(name), "w", encoding="utf-8", newline="") as f:
                f.write(text)

    def run_scenario(self, sc, rng):
        started = time.monotonic()
        st = Stats()
        base = self.base_db(sc.base)
        sb = Sandbox(self.args.binary, self.root, sc.name)
        if self.has_db_check is None:
            self.has_db_check = common.db_check_available(sb)
        if sc.kind == "output":
            self.run_output_scenario(sc, sb, base, rng, st)
        elif sc.kind == "foreign":
            self.run_foreign_scenario(sc, sb, base, st)
        else:
            self.run_db_scenario(sc, sb, base, rng, st)
        seconds = time.monotonic() - started
        self.summary.add(sc.name, st.trials, st.kills, st.corrupt, st.partial, st.lost, st.doubled,
                         st.failures, seconds)
        extra = f", hot -journal left {st.journals}x" if st.journals else ""
        if st.db_temps:
            extra += (f", database temp files left {st.db_temps}x (removed by the next runs: "
                      f"{st.db_temps_cleaned}x)")
        if st.write_points is not None:
            extra += f", {st.write_points} write points"
        if sc.kind == "output":
            extra += f", temp files left after kill {st.temps_left} (removed by the next run: {st.temps_cleaned})"
        print(f"  {sc.name}: {st.trials} trials, {st.kills} kills landed, {st.corrupt} corrupt, "
              f"{st.partial} partial, {st.lost} lost; found the state before {st.outcomes['before']}x, "
              f"after {st.outcomes['after']}x{extra} ({seconds:.1f}s)", flush=True)

    def failed(self, st, message):
        st.failures += 1
        self.fail(message)

    # -- database scenarios ------------------------------------------------

    def run_db_scenario(self, sc, sb, base, rng, st):
        before = inspect(base) if base else inspect(sb.db)
        # Reference runs: the state after, and how long the command takes.
        times, after = [], None
        for _ in range(3):
            self.restore(sb, sc, base)
            r = sb.run(*sc.args)
            if r.rc != 0:
                self.failed(st, f"{sc.name}: reference run failed: " + r.describe())
                return
            times.append(r.seconds)
            got = inspect(sb.db)
            if after is not None and got["fingerprint"] != after["fingerprint"]:
                self.failed(st, f"{sc.name}: two reference runs gave different states; "
                                "the scenario is not deterministic")
                return
            after = got
        if after["fingerprint"] == before["fingerprint"]:
            self.failed(st, f"{sc.name}: the command changed nothing")
            return
        if sc.base == "v1" and after["schema"] != self.fresh_schema():
            self.failed(st, f"{sc.name}: a migrated schema differs from a fresh one")
        log = sb.ok("log", "--limit", "1", "--format", "json")
        entries = json.loads(log.out)
        command = entries[0]["command"] if entries else None
        ctx = {"before": before, "after": after, "command": command}

        # Deterministic crash points.
        points = list(sc.points)
        if sc.writes:
            total = st.write_points = self.count_writes(sc, sb, base)
            ks = (range(1, total + 1) if self.args.long else
                  sorted(k for k in {1, 2, total // 2, total} if 1 <= k <= total))
            points[3:3] = [f"write:{k}" for k in ks]
        for point in points:
            self.restore(sb, sc, base)
            r = sb.run(*sc.args, extra_env={"PHOIHOP_CRASH_AT": point})
            st.trials += 1
            if not (r.killed and "crash point reached" in r.err):
                self.failed(st, f"{sc.name}: PHOIHOP_CRASH_AT={point} did not crash: " + r.describe())
                continue
            st.kills += 1
            expect = "after" if point == "committed" else "before"
            self.check_after(sc, sb, st, ctx, f"point {point}", expect, killed=True, index=st.trials)

        # Random kills.
        limit = statistics.median(times) * 1.5
        for i in range(self.args.trials):
            self.restore(sb, sc, base)
            p = sb.popen(*sc.args)
            time.sleep(rng.uniform(0, limit))
            p.send_signal(signal.SIGKILL)
            p.communicate()
            st.trials += 1
            killed = p.returncode == -signal.SIGKILL
            if killed:
                st.kills += 1
            elif p.returncode != 0:
                self.failed(st, f"{sc.name}: random trial {i} exited {p.returncode}")
            self.check_after(sc, sb, st, ctx, f"random trial {i}", None if killed else "after",
                             killed=killed, index=st.trials)

    def count_writes(self, sc, sb, base):
        """The number of `write` crash points the command passes (rows changed)."""
        def crashes(k):
            self.restore(sb, sc, base)
            r = sb.run(*sc.args, extra_env={"PHOIHOP_CRASH_AT": f"write:{k}"})
            return r.killed
        if not crashes(1):
            return 0
        lo, hi = 1, 2
        while crashes(hi):
            lo, hi = hi, hi * 2
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if crashes(mid):
                lo = mid
            else:
                hi = mid
        return lo

    def check_after(self, sc, sb, st, ctx, label, expect, killed, index):
        where = f"{sc.name} {label}"
        if os.path.exists(sb.db + "-journal"):
            st.journals += 1
            self.notes.append(f"{where}: a -journal file was left "
                              f"({os.path.getsize(sb.db + '-journal')} bytes)")
        # A new database is written beside its final name first: what a kill left.
        prefix = "." + os.path.basename(sb.db) + ".tmp"
        temps = [f for f in os.listdir(sb.dir) if f.startswith(prefix)]
        if temps:
            st.db_temps += 1
        # The files exactly as the crash left them (a hot journal too),
        # inspected on a copy opened read-write so SQLite recovers it.
        snap = snapshot(sb.db_files(), sb.path("snap"))
        info = inspect(snap, writable=True)
        if info["integrity"] != "ok" or info["fk_violations"]:
            st.corrupt += 1
            self.failed(st, f"{where}: integrity {info['integrity']!r}, "
                            f"foreign key violations {info['fk_violations'][:5]}")
        fp = info["fingerprint"]
        state = ("before" if fp == ctx["before"]["fingerprint"] else
                 "after" if fp == ctx["after"]["fingerprint"] else None)
        if state is None:
            st.partial += 1
            self.failed(st, f"{where}: the database is neither before nor after the command: "
                            f"counts {info['counts']} (before {ctx['before']['counts']}, "
                            f"after {ctx['after']['counts']})")
        else:
            st.outcomes[state] += 1
        if state and expect and state != expect:
            if expect == "after":
                st.lost += 1
                self.failed(st, f"{where}: a committed invocation is missing")
            else:
                self.failed(st, f"{where}: expected the state before, found the state after")
        if sc.base == "v1" and state == "before" and info["user_version"] != 1:
            self.failed(st, f"{where}: schema version {info['user_version']}, expected 1")

        # phoihop on the original files, no manual step: read first or write first.
        if index % 2:
            self.next_read(sc, sb, st, ctx, where, state)
            self.next_write(sb, st, where, index)
        else:
            self.next_write(sb, st, where, index)
            self.next_read(sc, sb, st, ctx, where, "after-write")
        if self.has_db_check:
            r = sb.run("db", "check")
            if r.rc != 0:
                self.failed(st, f"{where}: db check: " + r.describe())
        if temps:
            still = [f for f in os.listdir(sb.dir) if f in temps]
            if not still:
                st.db_temps_cleaned += 1
            for f in still:
                os.remove(os.path.join(sb.dir, f))
        final = inspect(sb.db)
        if final["integrity"] != "ok" or final["fk_violations"]:
            st.corrupt += 1
            self.failed(st, f"{where}: damaged after the next runs: {final['integrity']!r}")
        if final["user_version"] != common_latest(ctx):
            self.failed(st, f"{where}: schema version {final['user_version']} after the next write")

    def next_read(self, sc, sb, st, ctx, where, state):
        r = sb.run("log", "--limit", "1", "--format", "json")
        if r.rc == 0 and state in ("before", "after"):
            # What a report reads is the committed state, never a half-done one.
            t = sb.run("task", "list", "--format", "csv")
            want = ctx[state].get("tasks")
            got = None
            if t.rc == 0:
                got = sorted((int(row["id"]), row["title"])
                             for row in csv.DictReader(io.StringIO(t.out, newline="")))
            if want is not None and got != want:
                self.failed(st, f"{where}: task list after the crash shows {len(got or [])} tasks "
                                f"({(got or [])[:2]}…), the {state} state has {len(want)} ({want[:2]}…)")
        if state == "after-write":
            if r.rc != 0:
                self.failed(st, f"{where}: read after the next write failed: " + r.describe())
            return
        if state == "before" and sc.base in ("v1", "none"):
            # Nothing was committed: the old schema, or no phoihop database yet.
            want = "needs upgrading" if sc.base == "v1" else ("does not exist", "is empty")
            if r.rc != 5 or not any(w in r.err for w in ([want] if isinstance(want, str) else want)):
                self.failed(st, f"{where}: read on the state before: " + r.describe())
            return
        if r.rc != 0:
            self.failed(st, f"{where}: the first read after the crash failed: " + r.describe())
            return
        entries = json.loads(r.out)
        top = entries[0]["command"] if entries else None
        shown = top == ctx["command"]
        if state == "after" and not shown:
            self.failed(st, f"{where}: the records are there but log does not show the invocation")
        if state == "before" and shown:
            self.failed(st, f"{where}: log shows an invocation whose records are not there")

    def next_write(self, sb, st, where, index):
        r = sb.run("org", "add", f"Đơn vị kiểm tra {index}")
        if r.rc != 0:
            self.failed(st, f"{where}: the next write failed: " + r.describe())

    # -- a writer in rollback-journal mode killed mid-transaction -----------

    def run_foreign_scenario(self, sc, sb, base, st):
        """SQLite's own recovery of a hot rollback journal: another writer (a
        Python stand-in for phoihop on a network filesystem, or any tool on a
        database not yet in WAL mode) killed with SIGKILL mid-transaction,
        after its changes reached the database file. The next phoihop run,
        a read as cron would run it, must see the committed state."""
        before = inspect(base)
        ctx = {"before": before, "after": {"fingerprint": None, "counts": {}, "user_version": before["user_version"]},
               "command": None}
        variants = [
            ("UPDATE task SET title = title || ' (dở dang)'", 1),
            ("UPDATE history_change SET before = NULL; UPDATE task SET title = title || ' (dở dang)'", 1),
            ("UPDATE org SET name = name || ' x'; DELETE FROM task_update", 1),
            ("INSERT INTO org_alias (uid, org_id, name, name_key) SELECT uid || '-a', id, name || ' b', "
             "name_key || ' b' FROM org", 1),
            ("UPDATE task SET note = 'chưa xong'", 2000),
        ]
        for i, (sql, cache) in enumerate(variants):
            self.restore(sb, sc, base)
            code = ("import os, signal, sqlite3, sys\n"
                    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                    "assert c.execute('PRAGMA journal_mode').fetchone()[0] == 'delete'\n"
                    f"c.execute('PRAGMA cache_size = {cache}')\n"
                    "c.execute('BEGIN IMMEDIATE')\n"
                    "for q in sys.argv[2].split('; '):\n"
                    "    c.execute(q)\n"
                    "os.kill(os.getpid(), signal.SIGKILL)\n")
            p = subprocess.run([sys.executable, "-c", code, sb.db, sql], capture_output=True, timeout=60)
            st.trials += 1
            if p.returncode != -9:
                self.failed(st, f"{sc.name}: the stand-in writer did not die: {p.stderr.decode()[:300]}")
                continue
            st.kills += 1
            self.check_after(sc, sb, st, ctx, f"variant {i} ({sql[:30]}…, cache {cache})", "before",
                             killed=True, index=1)

    # -- --output scenarios ------------------------------------------------

    def run_output_scenario(self, sc, sb, base, rng, st):
        target = sb.path(sc.args[-1])
        render = sc.args[:-2]
        self.restore(sb, sc, base)
        new = sb.ok(*render).out.encode("utf-8")
        old = None
        if sc.name == "output_replace":
            old = sb.ok("report", "summary", "--period", "2022-2026", "--lang", "vi").out.encode("utf-8")
        db_sum = common.sha256_file(base)

        def prepare():
            self.restore(sb, sc, base)
            for f in os.listdir(sb.dir):
                if f.startswith("." + os.path.basename(target) + ".tmp-"):
                    os.remove(sb.path(f))
            if os.path.exists(target):
                os.remove(target)
            if old is not None:
                with open(target, "wb") as f:
                    f.write(old)

        def temps():
            prefix = "." + os.path.basename(target) + ".tmp-"
            return [f for f in os.listdir(sb.dir) if f.startswith(prefix)]

        def check(label, expect, killed):
            where = f"{sc.name} {label}"
            content = open(target, "rb").read() if os.path.exists(target) else None
            if content == new:
                state = "after"
            elif content == old:
                state = "before"
            else:
                state = None
                st.partial += 1
                self.failed(st, f"{where}: the output file is neither the old nor the new report "
                                f"({None if content is None else len(content)} bytes)")
            if state:
                st.outcomes[state] += 1
            if expect and state and state != expect:
                if expect == "after":
                    st.lost += 1
                self.failed(st, f"{where}: expected the {expect} file, found the {state} one")
            if common.sha256_file(sb.db) != db_sum:
                st.corrupt += 1
                self.failed(st, f"{where}: a report changed the database file")
            left = temps()
            if left:
                st.temps_left += 1
            # The next run (cron's next turn) writes the report, no manual step.
            r = sb.run(*sc.args)
            if r.rc != 0:
                self.failed(st, f"{where}: the next run failed: " + r.describe())
            elif open(target, "rb").read() != new:
                self.failed(st, f"{where}: the next run wrote a different report")
            if left and not [t for t in temps() if t in left]:
                st.temps_cleaned += 1

        # Reference: --output writes exactly what stdout shows.
        prepare()
        times = []
        for _ in range(3):
            r = sb.ok(*sc.args)
            times.append(r.seconds)
        if open(target, "rb").read() != new:
            self.failed(st, f"{sc.name}: --output differs from the report on stdout")
        if temps():
            self.failed(st, f"{sc.name}: a successful --output left a temporary file")

        for point in sc.points:
            prepare()
            r = sb.run(*sc.args, extra_env={"PHOIHOP_CRASH_AT": point})
            st.trials += 1
            if not (r.killed and "crash point reached" in r.err):
                self.failed(st, f"{sc.name}: PHOIHOP_CRASH_AT={point} did not crash: " + r.describe())
                continue
            st.kills += 1
            check(f"point {point}", "after" if point == "output-renamed" else "before", True)

        limit = statistics.median(times) * 1.5
        for i in range(self.args.trials):
            prepare()
            p = sb.popen(*sc.args)
            time.sleep(rng.uniform(0, limit))
            p.send_signal(signal.SIGKILL)
            p.communicate()
            st.trials += 1
            killed = p.returncode == -signal.SIGKILL
            st.kills += killed
            if not killed and p.returncode != 0:
                self.failed(st, f"{sc.name}: random trial {i} exited {p.returncode}")
            check(f"random trial {i}", None if killed else "after", killed)

    # -- all ---------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        print(f"crash: seed {self.args.seed} (rerun with --seed {self.args.seed}), "
              f"{self.args.trials} random kills per scenario{', long' if self.args.long else ''}",
              flush=True)
        for sc in scenarios():
            if self.args.only and self.args.only not in sc.name:
                continue
            rng = random.Random(f"{self.args.seed}-{sc.name}")
            try:
                self.run_scenario(sc, rng)
            except AssertionError as e:
                self.fail(f"{sc.name}: {e}")
        if self.has_db_check is False:
            print("crash: 'phoihop db check' not available yet; its assertion was skipped")
        for n in self.notes[:20]:
            print("note: " + n)
        common.finish("crash", self.root, self.args.keep, self.fail, self.summary, self.args.seed,
                      started)


def common_latest(ctx):
    return ctx["after"]["user_version"]


if __name__ == "__main__":
    CrashSuite(common.parse_args(__doc__, default_trials=12)).run()
