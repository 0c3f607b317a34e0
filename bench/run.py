#!/usr/bin/env python3
"""phoihop's benchmark: phoihop against raw SQLite doing the same work, side by side.

  bench/run.py [--quick] [--write-results] [--only GROUPS] [--scratch DIR]
               [--phoihop BIN] [--reps N] [--bulk-reps N] [--regenerate]

Builds the databases with bench/generate.py in a scratch directory (default
/tmp/phoihop-bench, never inside the repository), copies the phoihop binary
there so one run uses one binary, then runs each measurement group: its
commands alternate (the order rotates every repetition, to cancel drift), each
is timed as a whole process (posix_spawn to wait4) with its peak RSS from
wait4's rusage. The Markdown table goes to stdout; --write-results also
rewrites the figures in bench/RESULTS.md.

Groups: startup, read, write, bulk, report, peer (taskwarrior). See
bench/README.md for what each row measures.
"""

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GENERATE = os.path.join(HERE, "generate.py")
FLOOR_SRC = os.path.join(HERE, "floor.cpp")
RUNNER_SRC = os.path.join(HERE, "runner.c")
RUNNER = None  # built into the scratch directory by Bench.prepare_binaries
RESULTS = os.path.join(HERE, "RESULTS.md")
LIBSQLITE_A = "/usr/lib/x86_64-linux-gnu/libsqlite3.a"

BEGIN_MARK = "<!-- bench:begin (bench/run.py --write-results rewrites this part) -->"
END_MARK = "<!-- bench:end -->"


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sql_text(value):
    return "'" + str(value).replace("'", "''") + "'"


# --------------------------------------------------------------------------
# Running one process

class Cmd:
    """One command of a group: argv (a list, or a function of the repetition
    number), an optional untimed setup before each run."""

    def __init__(self, name, argv, env, setup=None, label=None, capture=None):
        self.name = name
        self.capture = capture  # the first timed run's stdout goes to this file
        self.argv = argv
        self.env = env
        self.setup = setup
        self.label = label or name
        self.times = []
        self.rss = []
        self.cpu = []  # user + system ms: less sensitive than wall time to a busy machine

    def args(self, i):
        return self.argv(i) if callable(self.argv) else self.argv


def run_once(argv, env, scratch, stdout_path=None):
    """Runs argv once through bench/runner.c; returns (wall ms, peak RSS KiB)."""
    exe = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0], path=env.get("PATH"))
    if exe is None:
        raise RuntimeError(f"not found: {argv[0]}")
    err_path = os.path.join(scratch, "last-stderr.txt")
    r = subprocess.run([RUNNER, stdout_path or os.devnull, err_path, exe, *argv[1:]], env=env,
                       stdout=subprocess.PIPE, text=True)
    if r.returncode != 0 or not r.stdout.strip():
        raise RuntimeError(f"runner failed ({r.returncode}) on {' '.join(argv)[:300]}")
    ns, rss, code, cpu_us = (int(x) for x in r.stdout.split())
    if code != 0:
        with open(err_path, encoding="utf-8", errors="replace") as f:
            err = f.read()
        raise RuntimeError(f"exit {code}: {' '.join(argv)[:300]}\n{err[-2000:]}")
    return ns / 1e6, rss, cpu_us / 1e3


class Group:
    def __init__(self, key, cmds, reps, budget, warmup=True):
        self.key, self.cmds, self.reps, self.budget, self.warmup = key, cmds, reps, budget, warmup
        self.by_name = {c.name: c for c in cmds}

    def measure(self, scratch):
        log(f"group {self.key}: {len(self.cmds)} commands, up to {self.reps} rounds, budget {self.budget:.0f} s")
        if self.warmup:
            for c in self.cmds:
                if c.setup:
                    c.setup(-1)
                run_once(c.args(-1), c.env, scratch)
        start = time.time()
        n = len(self.cmds)
        for i in range(self.reps):
            order = self.cmds[i % n:] + self.cmds[:i % n]
            for c in order:
                if c.setup:
                    c.setup(i)
                ms, rss, cpu = run_once(c.args(i), c.env, scratch, c.capture if not c.times else None)
                c.times.append(ms)
                c.rss.append(rss)
                c.cpu.append(cpu)
            if time.time() - start > self.budget:
                if i + 1 < self.reps:
                    log(f"group {self.key}: budget spent after {i + 1} rounds")
                break
        for c in self.cmds:
            log(f"  {c.name}: median {fmt_ms(median(c))} min {fmt_ms(min(c.times))} n={len(c.times)} "
                f"cpu {fmt_ms(statistics.median(c.cpu))} rss {max(c.rss) / 1024:.1f} MiB")


def median(c):
    return statistics.median(c.times)


def fmt_ms(ms):
    if ms >= 10000:
        return f"{ms / 1000:.1f} s"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


def fmt_cell(c):
    if c is None:
        return "—"
    return f"{fmt_ms(median(c))} ({fmt_ms(min(c.times))})"


def fmt_rss(c):
    return "—" if c is None else f"{max(c.rss) / 1024:.1f} MiB"


# --------------------------------------------------------------------------
# The SQL that does phoihop's work

def num(expr):
    """A REAL as phoihop prints it ({} of a double: 12 not 12.0)."""
    return f"(CASE WHEN {expr} = CAST({expr} AS INTEGER) THEN CAST({expr} AS INTEGER) ELSE {expr} END)"


def latest(column, day):
    return (f"(SELECT x.{column} FROM task_update x WHERE x.task_id = t.id AND x.date <= {day} "
            f"AND x.{column} IS NOT NULL ORDER BY x.date DESC, x.seq DESC LIMIT 1)")


def read_sql(agreement_code, today):
    """`task list --agreement CODE --format csv` as of `today`: the same
    columns, rows and order (src/store/task_store.cpp, src/cli/task.cpp)."""
    d = sql_text(today)
    return f"""SELECT t.id AS id, t.uid AS uid, t.agreement_id AS agreement_id,
 coalesce(a.code, '#' || a.id) AS agreement, t.code AS code, t.ordinal AS ordinal, t.title AS title,
 t.description AS description, t.lead_org_id AS lead_id, lo.name AS lead,
 (SELECT group_concat(name, '; ') FROM (SELECT o.name AS name FROM task_partner p JOIN org o ON o.id = p.org_id
   WHERE p.task_id = t.id ORDER BY p.ordinal)) AS partners,
 t.start_date AS start, t.due_date AS due, t.st_status AS status, t.st_progress AS progress,
 CASE WHEN t.due_date < {d} AND t.st_status NOT IN ('done', 'cancelled') THEN 'true' ELSE 'false' END AS overdue,
 {num('t.target')} AS target, {num('t.st_actual')} AS actual, t.unit AS unit, t.st_date AS updated_on,
 t.meeting_id AS meeting_id, t.conclusion_id AS conclusion_id, t.note AS note
FROM (SELECT t.*, coalesce({latest('status', d)}, 'planned') AS st_status,
        coalesce({latest('progress', d)}, 0) AS st_progress, {latest('actual', d)} AS st_actual,
        (SELECT max(x.date) FROM task_update x WHERE x.task_id = t.id AND x.date <= {d}
          AND (x.status IS NOT NULL OR x.progress IS NOT NULL OR x.actual IS NOT NULL)) AS st_date
      FROM task t WHERE t.agreement_id = (SELECT id FROM agreement WHERE code = {sql_text(agreement_code)})) t
JOIN agreement a ON a.id = t.agreement_id LEFT JOIN org lo ON lo.id = t.lead_org_id
ORDER BY t.agreement_id, t.ordinal;"""


def write_sql(meta, title, title_key, lead_key, partner_key, task_uid):
    """`task add TITLE --agreement W --lead L --partner P --start S --due D`:
    the same rows (task + task_partner) in their own IMMEDIATE transaction."""
    now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    return f"""BEGIN IMMEDIATE;
INSERT INTO task (uid, agreement_id, ordinal, title, title_key, lead_org_id, start_date, due_date, created_at, updated_at)
SELECT {sql_text(task_uid)}, a.id, (SELECT coalesce(max(ordinal), 0) + 1 FROM task WHERE agreement_id = a.id),
  {sql_text(title)}, {sql_text(title_key)}, (SELECT id FROM org WHERE name_key = {sql_text(lead_key)}),
  {sql_text(meta['write_start'])}, {sql_text(meta['write_due'])}, {now}, {now}
FROM agreement a WHERE a.code = {sql_text(meta['write_agreement'])};
INSERT INTO task_partner (task_id, org_id, ordinal)
VALUES (last_insert_rowid(), (SELECT id FROM org WHERE name_key = {sql_text(partner_key)}), 1);
COMMIT;"""


def name_on(org, day):
    """An organisation as it was named on `day` (org_name, as phoihop reads it)."""
    return (f"coalesce((SELECT f.name FROM org_name f WHERE f.org_id = {org}.id AND f.until >= {day} "
            f"ORDER BY f.until LIMIT 1), {org}.name)")


def summary_sql(first, last, today, fmt):
    """`report summary --period P --format FMT` in SQL. Each task's state at
    the as-of day is computed once into a temporary table (the same rule as
    phoihop: the latest update on or before the day that gives the value);
    csv = the aggregate per agreement (the CSV's columns); md and json add the
    listings the report prints: the agreements with their parties and note,
    every task's state with its results (lead and partners named as on the
    day, target, actual and pct of target, the latest note and its date), the
    counts per lead body, the meetings with participants, contributions and
    conclusions with their follow-up tasks' state, the award decisions with
    recipients."""
    f, l = sql_text(first), sql_text(last)
    d = sql_text(min(last, today))
    listing = fmt != "csv"
    extra = ""
    joins = ""
    if listing:
        joins = (f" LEFT JOIN org lo ON lo.id = t.lead_org_id LEFT JOIN task_update n ON n.id = (SELECT x.id "
                 f"FROM task_update x WHERE x.task_id = t.id AND x.date <= {d} AND x.note IS NOT NULL "
                 f"ORDER BY x.date DESC, x.seq DESC LIMIT 1)")
        extra = (f", t.ordinal AS ordinal, t.code AS code, t.title AS title, t.lead_org_id AS lead_id, "
                 f"t.start_date AS start, (SELECT max(x.date) FROM task_update x WHERE x.task_id = t.id "
                 f"AND x.date <= {d} AND (x.status IS NOT NULL OR x.progress IS NOT NULL OR x.actual IS NOT NULL)) "
                 f"AS updated_on, {name_on('lo', d)} AS lead, "
                 f"(SELECT group_concat(n, '; ') FROM (SELECT {name_on('po', d)} AS n FROM task_partner p "
                 f"JOIN org po ON po.id = p.org_id WHERE p.task_id = t.id ORDER BY p.ordinal)) AS partners, "
                 f"t.target AS target, t.unit AS unit, {latest('actual', d)} AS actual, n.note AS note, "
                 f"n.date AS noted_on")
    setup = f"""CREATE TEMP TABLE ag AS
  SELECT a.id, a.code, a.title, a.start_date FROM agreement a
  WHERE a.start_date <= {l} AND max(a.end_date, coalesce(a.actual_end, a.end_date)) >= {f};
CREATE TEMP TABLE st AS
  SELECT t.agreement_id AS aid, t.id AS id, coalesce({latest('due', d)}, t.due_date) AS due,
    coalesce({latest('status', d)}, 'planned') AS status,
    coalesce({latest('progress', d)}, 0) AS progress,
    EXISTS (SELECT 1 FROM task_update x WHERE x.task_id = t.id AND x.status = 'done'
            AND x.date >= {f} AND x.date <= {d}) AS done_in{extra}
  FROM ag JOIN task t ON t.agreement_id = ag.id LEFT JOIN meeting m ON m.id = t.meeting_id{joins}
  WHERE coalesce(t.start_date, m.date, ag.start_date) <= {d};"""
    aggregate = f"""SELECT {f} AS period_start, {l} AS period_end, ag.id AS agreement_id, ag.code AS agreement_code,
  ag.title AS agreement_title, coalesce(c.total, 0) AS tasks_total, coalesce(c.planned, 0) AS tasks_planned,
  coalesce(c.in_progress, 0) AS tasks_in_progress, coalesce(c.done, 0) AS tasks_done,
  coalesce(c.cancelled, 0) AS tasks_cancelled, coalesce(c.overdue, 0) AS tasks_overdue,
  coalesce(c.done_in, 0) AS tasks_done_in_period,
  round(100.0 * c.done / nullif(c.total - c.cancelled, 0), 1) AS completion_pct,
  round(c.progress_avg, 1) AS progress_avg,
  (SELECT count(*) FROM meeting_agreement ma JOIN meeting m ON m.id = ma.meeting_id
    WHERE ma.agreement_id = ag.id AND m.date >= {f} AND m.date <= {l}) AS meetings,
  (SELECT count(*) FROM award_decision dd JOIN award_recipient r ON r.decision_id = dd.id
    WHERE dd.agreement_id = ag.id AND dd.date >= {f} AND dd.date <= {l} AND r.kind = 'collective') AS awards_collective,
  (SELECT count(*) FROM award_decision dd JOIN award_recipient r ON r.decision_id = dd.id
    WHERE dd.agreement_id = ag.id AND dd.date >= {f} AND dd.date <= {l} AND r.kind = 'individual') AS awards_individual,
  coalesce(c.unfinished, 0) AS tasks_unfinished
FROM ag LEFT JOIN (SELECT aid, count(*) AS total, sum(status = 'planned') AS planned,
    sum(status = 'in_progress') AS in_progress, sum(status = 'done') AS done, sum(status = 'cancelled') AS cancelled,
    sum(status = 'unfinished') AS unfinished,
    sum(due < {d} AND status NOT IN ('done', 'cancelled', 'unfinished')) AS overdue, sum(status = 'done' AND done_in) AS done_in,
    avg(CASE WHEN status <> 'cancelled' THEN progress END) AS progress_avg
  FROM st GROUP BY aid) c ON c.aid = ag.id
ORDER BY ag.start_date, ag.id;"""
    if not listing:
        return setup + "\n" + aggregate
    agreements = """SELECT ag.id, ag.code, ag.title, (SELECT group_concat(o.name || ' (' || coalesce(p.signer_name, '')
  || ', ' || coalesce(p.signer_position, '') || ')', '; ') FROM agreement_party p JOIN org o ON o.id = p.org_id
  WHERE p.agreement_id = ag.id) AS parties, (SELECT a.note FROM agreement a WHERE a.id = ag.id) AS note
FROM ag ORDER BY ag.start_date, ag.id;"""
    tasks = f"""SELECT ag.code AS agreement, st.id, st.code, st.title, st.lead, st.partners, st.start, st.due, st.status,
  st.progress, st.updated_on,
  CASE WHEN st.due < {d} AND st.status NOT IN ('done', 'cancelled') THEN 'true' ELSE 'false' END AS overdue,
  CASE WHEN st.status = 'done' AND st.done_in THEN 'true' ELSE 'false' END AS done_in_period,
  st.target, st.actual, st.unit, round(100.0 * st.actual / nullif(st.target, 0), 1) AS pct_of_target,
  st.note AS result_note, st.noted_on AS result_date
FROM ag JOIN st ON st.aid = ag.id
ORDER BY ag.start_date, ag.id, st.ordinal;"""
    by_lead = f"""SELECT ag.code AS agreement, st.lead_id, min(st.lead) AS lead, count(*) AS total,
  sum(st.status = 'planned') AS planned, sum(st.status = 'in_progress') AS in_progress,
  sum(st.status = 'done') AS done, sum(st.status = 'cancelled') AS cancelled,
  sum(st.status = 'unfinished') AS unfinished,
  sum(st.due < {d} AND st.status NOT IN ('done', 'cancelled', 'unfinished')) AS overdue,
  sum(st.status = 'done' AND st.done_in) AS done_in,
  round(100.0 * sum(st.status = 'done') / nullif(count(*) - sum(st.status = 'cancelled'), 0), 1) AS completion_pct,
  round(avg(CASE WHEN st.status <> 'cancelled' THEN st.progress END), 1) AS progress_avg
FROM ag JOIN st ON st.aid = ag.id GROUP BY ag.id, st.lead_id ORDER BY ag.start_date, ag.id, min(st.ordinal);"""
    meetings = f"""SELECT ag.code AS agreement, m.id, m.date, m.kind, m.title, m.place,
  (SELECT group_concat(p.role || ': ' || coalesce(o.name, '') || ' ' || coalesce(p.name, '') || ' '
     || coalesce(p.position, ''), '; ') FROM meeting_participant p LEFT JOIN org o ON o.id = p.org_id
     WHERE p.meeting_id = m.id) AS participants,
  (SELECT group_concat(coalesce(o.name, '') || ' ' || coalesce(c.presenter, '') || ': ' || c.topic, '; ')
     FROM meeting_contribution c LEFT JOIN org o ON o.id = c.org_id WHERE c.meeting_id = m.id) AS contributions,
  (SELECT group_concat(c.text || coalesce(' → ' || (SELECT group_concat('#' || t.id || ' ' || t.title || ' '
     || coalesce({latest('status', d)}, 'planned') || ' ' || coalesce({latest('progress', d)}, 0), '; ')
     FROM task t WHERE t.conclusion_id = c.id), ''), ' ') FROM meeting_conclusion c WHERE c.meeting_id = m.id)
     AS conclusions
FROM ag JOIN meeting_agreement ma ON ma.agreement_id = ag.id JOIN meeting m ON m.id = ma.meeting_id
WHERE m.date >= {f} AND m.date <= {l} ORDER BY ag.start_date, ag.id, m.date, m.id;"""
    awards = f"""SELECT ag.code AS agreement, dd.number, dd.date, io.name AS issuer, dd.form, dd.reason, r.kind,
  coalesce(r.person_name, ro.name) AS recipient, CASE WHEN r.kind = 'individual' THEN ro.name END AS unit, r.position
FROM ag JOIN award_decision dd ON dd.agreement_id = ag.id JOIN award_recipient r ON r.decision_id = dd.id
LEFT JOIN org ro ON ro.id = r.org_id LEFT JOIN org io ON io.id = dd.issuer_org_id
WHERE dd.date >= {f} AND dd.date <= {l} ORDER BY ag.start_date, ag.id, dd.date, dd.id, r.kind, r.ordinal;"""
    return "\n".join((setup, aggregate, agreements, tasks, by_lead, meetings, awards))


def period_bounds(period):
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-01-01", f"{period}-12-31"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        first = dt.date(y, 3 * q - 2, 1)
        last = (dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1))
        return first.isoformat(), last.isoformat()
    raise SystemExit(f"--report-period: use YYYY or YYYY-Qn, not {period}")


# --------------------------------------------------------------------------
# phoihop's fold, for the keys the raw-SQL insert stores (generate.py's)

sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the repository
from generate import fold  # noqa: E402


# --------------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        self.scratch = os.path.abspath(args.scratch)
        if os.path.commonpath([self.scratch, REPO]) == REPO:
            raise SystemExit(f"--scratch {self.scratch} is inside the repository; use a directory outside it")
        os.makedirs(self.scratch, exist_ok=True)
        self.home = os.path.join(self.scratch, "home")
        os.makedirs(self.home, exist_ok=True)
        self.env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": self.home, "LANG": "C.UTF-8", "TZ": "UTC",
                    "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
                    "XDG_DATA_HOME": os.path.join(self.home, "data")}
        self.lines = []  # table rows
        self.notes = []
        self.checks = []
        if args.quick:
            self.sizes = {"stress": 20_000, "small": 1_000, "peer": 1_000, "bulk": 2_000, "history": 10_000}
        else:
            self.sizes = {"stress": args.stress_tasks, "small": 1_000, "peer": 10_000, "bulk": args.bulk_rows,
                          "history": 100_000}

    # ------------------------------------------------------------ set-up
    def prepare_binaries(self):
        src = os.path.abspath(self.args.phoihop)
        if not os.path.exists(src):
            raise SystemExit(f"no phoihop binary at {src} (build it, or give --phoihop)")
        bindir = os.path.join(self.scratch, "bin")
        os.makedirs(bindir, exist_ok=True)
        self.phoihop = os.path.join(bindir, f"phoihop-{os.getpid()}")
        shutil.copy2(src, self.phoihop)
        with open(self.phoihop, "rb") as f:
            self.phoihop_sha = hashlib.sha256(f.read()).hexdigest()[:12]
        # What was measured: the commit checked out and the binary's build time
        # when the binary was copied (others may commit or rebuild meanwhile).
        self.commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                                     text=True).stdout.strip()
        self.dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", "src", "include",
                                     "CMakeLists.txt"], capture_output=True, text=True).stdout.rstrip("\n")
        self.built = dt.datetime.fromtimestamp(os.path.getmtime(src)).strftime("%Y-%m-%d %H:%M")
        self.floor = os.path.join(bindir, "floor")
        cmd = ["g++", "-O2", "-std=c++20", "-o", self.floor, FLOOR_SRC, LIBSQLITE_A, "-lm", "-lpthread", "-ldl"]
        subprocess.run(cmd, check=True)
        global RUNNER
        RUNNER = os.path.join(bindir, "runner")
        subprocess.run(["gcc", "-O2", "-o", RUNNER, RUNNER_SRC], check=True)
        self.sqlite3 = shutil.which("sqlite3")
        if not self.sqlite3:
            raise SystemExit("sqlite3 is not installed: apt-get install -y sqlite3")
        self.task = shutil.which("task")

    def cleanup(self):
        try:
            os.remove(self.phoihop)
        except OSError:
            pass

    def schema_signature(self):
        """The schema this binary creates: a pristine database made by another
        schema is generated again."""
        probe = os.path.join(self.scratch, "schema-probe.db")
        for s in ("", "-wal", "-shm"):
            if os.path.exists(probe + s):
                os.remove(probe + s)
        subprocess.run([self.phoihop, "-q", "--db", probe, "db", "init"], check=True, env=self.env,
                       stdout=subprocess.DEVNULL)
        con = sqlite3.connect(probe)
        rows = con.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").fetchall()
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.close()
        os.remove(probe)
        return hashlib.sha256(repr((rows, version)).encode()).hexdigest()[:16]

    def database(self, name, profile, tasks, bulk_rows=0, history=0):
        """A pristine generated database (kept between runs while the
        generator, its arguments and the schema are unchanged), copied to a
        work file that this run may modify. Returns (work path, meta)."""
        dbdir = os.path.join(self.scratch, "db")
        os.makedirs(dbdir, exist_ok=True)
        pristine = os.path.join(dbdir, f"{name}.db")
        with open(GENERATE, "rb") as f:
            gen_sha = hashlib.sha256(f.read()).hexdigest()[:16]
        key = f"{gen_sha} {profile} {tasks} {bulk_rows} {history} {self.args.seed} {self.schema}"
        key_path = pristine + ".key"
        have = os.path.exists(pristine) and os.path.exists(key_path) and open(key_path).read() == key
        if not have or self.args.regenerate:
            log(f"generating {name}: --profile {profile} --tasks {tasks}" + (f" --bulk-rows {bulk_rows}" if bulk_rows else ""))
            cmd = ["nice", "-n", "10", sys.executable, GENERATE, "--phoihop", self.phoihop, "--db", pristine,
                   "--profile", profile, "--tasks", str(tasks), "--seed", str(self.args.seed)]
            if bulk_rows:
                cmd += ["--bulk-rows", str(bulk_rows)]
            if history:
                cmd += ["--history", str(history)]
            if tasks <= 20_000:
                cmd += ["--check"]
            t0 = time.time()
            subprocess.run(cmd, check=True)
            self.notes.append(f"generated {name} ({profile}, {tasks:,} tasks) in {time.time() - t0:.0f} s")
            with open(key_path, "w") as f:
                f.write(key)
        else:
            log(f"reusing {pristine}")
        with open(pristine + ".meta.json", encoding="utf-8") as f:
            meta = json.load(f)
        work = os.path.join(self.scratch, f"work-{name}.db")
        self.copy_db(pristine, work)
        return work, meta

    @staticmethod
    def copy_db(src, dst):
        for s in ("-wal", "-shm"):
            if os.path.exists(dst + s):
                os.remove(dst + s)
        shutil.copyfile(src, dst)

    def line(self, what, a, b, target=None, ratio=None, verdict=None, b_label=None, note=""):
        if ratio is None and a is not None and b is not None:
            ratio = median(a) / median(b)
        if verdict is None and target is not None and ratio is not None:
            verdict = "meets" if ratio <= target else "misses"
        cpu_ratio = None
        if a is not None and b is not None and statistics.median(b.cpu) > 0:
            cpu_ratio = statistics.median(a.cpu) / statistics.median(b.cpu)
        self.lines.append({"what": what, "a": fmt_cell(a), "b": fmt_cell(b), "b_label": b_label,
                           "ratio": "—" if ratio is None else f"{ratio:.2f}×",
                           "cpu": "—" if cpu_ratio is None else f"{cpu_ratio:.2f}×",
                           "target": "—" if target is None else f"≤ {target:g}×",
                           "verdict": verdict or "—", "rss_a": fmt_rss(a), "rss_b": fmt_rss(b),
                           "n": "/".join(str(len(c.times)) for c in (a, b) if c is not None), "note": note})

    def ph(self, db, *words):
        return [self.phoihop, "--db", db, *words]

    # ------------------------------------------------------------ groups
    def group_startup(self):
        g = Group("startup", [
            Cmd("phoihop", [self.phoihop, "--version"], self.env),
            Cmd("sqlite3", [self.sqlite3, "--version"], self.env),
            Cmd("floor", [self.floor, "--version"], self.env),
            Cmd("true", ["/bin/true"], self.env),
        ], self.args.reps * 4, 60)
        g.measure(self.scratch)
        c = g.by_name
        self.line("start-up: `phoihop --version` vs `sqlite3 --version`", c["phoihop"], c["sqlite3"], 1.0)
        self.line("start-up: `phoihop --version` vs C++ floor `--version` (static SQLite)", c["phoihop"],
                  c["floor"], b_label="floor")
        self.line("start-up: `/bin/true` (the cost of any process here)", c["true"], None)

    def group_read(self, db, meta):
        today = meta["today"]
        code = meta["read_agreement"]
        sql = read_sql(code, today)
        ph = Cmd("phoihop", self.ph(db, "--today", today, "task", "list", "--agreement", code, "--format", "csv"),
                 self.env)
        sq = Cmd("sqlite3", [self.sqlite3, "-readonly", "-csv", "-header", db, sql], self.env)
        fl = Cmd("floor", [self.floor, db, sql], self.env)
        sel = Cmd("floor-select1", [self.floor, db, "select 1"], self.env)
        sq1 = Cmd("sqlite3-select1", [self.sqlite3, "-readonly", db, "select 1"], self.env)
        self.verify_read(ph, sq, meta)
        # The same listing at scale: the agreement nearest 5,000 tasks (no
        # target; it shows the cost per listed row, where the ~100-row read
        # above is mostly process start and query set-up).
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        big_code, big_rows = con.execute(
            "SELECT a.code, count(*) AS c FROM task t JOIN agreement a ON a.id = t.agreement_id "
            "GROUP BY a.id ORDER BY abs(c - 5000), a.code LIMIT 1").fetchone()
        con.close()
        big_sql = read_sql(big_code, today)
        ph_big = Cmd("phoihop-big", self.ph(db, "--today", today, "task", "list", "--agreement", big_code,
                                            "--format", "csv"), self.env)
        sq_big = Cmd("sqlite3-big", [self.sqlite3, "-readonly", "-csv", "-header", db, big_sql], self.env)
        self.verify_read(ph_big, sq_big, meta, "read at scale")
        g = Group("read", [ph, sq, fl, sel, sq1, ph_big, sq_big], self.args.reps, 120)
        g.measure(self.scratch)
        n = meta["counts"]["task"]
        self.line(f"read: `task list --agreement` ({meta['read_rows']} of {n:,} tasks, csv) vs `sqlite3 -csv`",
                  ph, sq, 1.0)
        self.line(f"read at scale: `task list --agreement` ({big_rows:,} of {n:,} tasks, csv) vs `sqlite3 -csv`",
                  ph_big, sq_big)
        self.line("read: the same query in the C++ floor (static SQLite, CSV out)", ph, fl, b_label="floor")
        self.line("floor: open the database + `select 1`: sqlite3 shell vs C++ floor", sq1, sel, b_label="floor")

    def verify_read(self, ph, sq, meta, what="read"):
        a = os.path.join(self.scratch, "read-phoihop.csv")
        b = os.path.join(self.scratch, "read-sqlite3.csv")
        run_once(ph.args(0), ph.env, self.scratch, a)
        run_once(sq.args(0), sq.env, self.scratch, b)
        self.compare_csv(f"{what}: phoihop's CSV and sqlite3's parse to", a, b)

    def write_cmds(self, db, meta, tag):
        title = "Tổ chức tập huấn kỹ năng chuyển đổi số cho đoàn viên, thanh niên"
        words = ["--today", meta["today"], "task", "add", title, "--agreement", meta["write_agreement"],
                 "--lead", meta["lead"], "--partner", meta["partner"], "--start", meta["write_start"],
                 "--due", meta["write_due"]]
        ph = Cmd(f"phoihop@{tag}", self.ph(db, *words), self.env)
        pragmas = ["-cmd", "PRAGMA journal_mode = WAL", "-cmd", "PRAGMA synchronous = FULL",
                   "-cmd", "PRAGMA foreign_keys = ON", "-cmd", "PRAGMA busy_timeout = 5000"]
        tkey, lkey, pkey = fold(title), fold(meta["lead"]), fold(meta["partner"])
        sq = Cmd(f"sqlite3@{tag}", lambda i: [self.sqlite3, *pragmas, db,
                                              write_sql(meta, title, tkey, lkey, pkey, str(uuid.uuid4()))],
                 self.env)
        return ph, sq

    def group_write(self, big, big_meta, small, small_meta, hist, hist_meta):
        ph_big, sq_big = self.write_cmds(big, big_meta, "big")
        ph_small, sq_small = self.write_cmds(small, small_meta, "small")
        ph_hist, sq_hist = self.write_cmds(hist, hist_meta, "history")
        g = Group("write", [ph_big, sq_big, ph_small, sq_small, ph_hist, sq_hist], self.args.reps, 120)
        g.measure(self.scratch)
        self.verify_write(big)
        nb, ns = big_meta["counts"]["task"], small_meta["counts"]["task"]
        nh = hist_meta["history"]
        self.line(f"write: `task add` into {nb:,} tasks vs `sqlite3` insert (WAL, synchronous=FULL)",
                  ph_big, sq_big, 1.3)
        self.line(f"write: `task add` into {ns:,} tasks vs `sqlite3` insert", ph_small, sq_small, 1.3)
        self.line(f"growth: `task add` at {nb:,} vs at {ns:,} tasks (phoihop)", ph_big, ph_small, 1.2,
                  b_label="phoihop@small")
        self.line("growth: the same for the `sqlite3` insert", sq_big, sq_small, b_label="sqlite3@small")
        self.line(f"write: `task add` into {ns:,} tasks with {nh:,} logged invocations (years of use) vs "
                  f"`sqlite3` insert", ph_hist, sq_hist, 1.3)
        self.line(f"growth: `task add` with {nh:,} logged invocations vs none (phoihop, {ns:,} tasks)", ph_hist,
                  ph_small, 1.2, b_label="phoihop@small")

    def verify_write(self, db):
        """The last round added one row through each side: the same values
        but for uid, ordinal and timestamps."""
        con = sqlite3.connect(db)
        rows = con.execute("SELECT t.agreement_id, t.code, t.title, t.title_key, t.lead_org_id, t.start_date, "
                           "t.due_date, t.description, t.target, t.note, "
                           "(SELECT group_concat(org_id) FROM task_partner p WHERE p.task_id = t.id) "
                           "FROM task t ORDER BY id DESC LIMIT 2").fetchall()
        hist = con.execute("SELECT count(*), count(DISTINCT invocation_id) FROM history_change").fetchone()
        con.close()
        same = len(rows) == 2 and rows[0] == rows[1]
        self.checks.append(f"write: the last row phoihop added and the last row sqlite3 added hold the same values "
                           f"(but for uid, ordinal, timestamps): {'yes' if same else 'NO ' + repr(rows)}; "
                           f"phoihop also logged {hist[0]} history_change rows over its {hist[1]} invocations "
                           f"(the sqlite3 side logs none)")

    def group_bulk(self, base, meta):
        rows = meta["bulk_rows"]
        csv_path, batch_path = meta["bulk_csv"], meta["bulk_batch"]
        target_i = os.path.join(self.scratch, "bulk-import.db")
        target_b = os.path.join(self.scratch, "bulk-batch.db")
        bare = os.path.join(self.scratch, "bulk-bare.db")

        def fresh_bare(_):
            for s in ("", "-wal", "-shm"):
                if os.path.exists(bare + s):
                    os.remove(bare + s)
            con = sqlite3.connect(bare)
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("CREATE TABLE bulk_task (title TEXT, code TEXT, lead TEXT, partner TEXT, start TEXT, "
                        "due TEXT, target REAL, unit TEXT, note TEXT)")
            con.commit()
            con.close()

        ph_import = Cmd("phoihop import", self.ph(target_i, "--today", meta["today"], "import", csv_path, "--kind",
                                                  "task", "--agreement", meta["bulk_agreement"]), self.env,
                        setup=lambda _: self.copy_db(base, target_i))
        ph_batch = Cmd("phoihop batch", self.ph(target_b, "--today", meta["today"], "batch", batch_path), self.env,
                       setup=lambda _: self.copy_db(base, target_b))
        sq = Cmd("sqlite3 .import", [self.sqlite3, "-cmd", "PRAGMA synchronous = FULL", bare,
                                     ".import --csv --skip 1 " + csv_path + " bulk_task"], self.env, setup=fresh_bare)
        # The same rows stored by raw SQLite into phoihop's own schema (its
        # indexes and history triggers), values prepared beforehand: what the
        # data model costs, whoever writes it.
        target_s = os.path.join(self.scratch, "bulk-schema.db")
        schema_sql = self.schema_floor_sql(base, csv_path, meta)
        sq_schema = Cmd("sqlite3 schema", [self.sqlite3, target_s, ".read " + schema_sql], self.env,
                        setup=lambda _: self.copy_db(base, target_s))
        # The same again into the tables and indexes alone: history triggers
        # dropped, foreign keys off. Not phoihop's work (it must log and
        # check); the floor under any tool that keeps these tables.
        target_t = os.path.join(self.scratch, "bulk-tables.db")

        def tables_only(_):
            self.copy_db(base, target_t)
            con = sqlite3.connect(target_t)
            for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'").fetchall():
                con.execute(f'DROP TRIGGER "{name}"')
            con.commit()
            con.close()
        tables_sql = schema_sql[:-len(".sql")] + "-tables.sql"
        with open(schema_sql, encoding="utf-8") as f, open(tables_sql, "w", encoding="utf-8") as t:
            t.write(f.read().replace("PRAGMA foreign_keys = ON;", "PRAGMA foreign_keys = OFF;"))
        sq_tables = Cmd("sqlite3 tables", [self.sqlite3, target_t, ".read " + tables_sql], self.env, setup=tables_only)
        g = Group("bulk", [ph_import, ph_batch, sq, sq_schema, sq_tables], self.args.bulk_reps,
                  self.args.bulk_budget, warmup=False)
        g.measure(self.scratch)
        counts = []
        for path in (target_i, target_b, target_s, target_t):
            con = sqlite3.connect(path)
            counts.append(con.execute("SELECT count(*) FROM task WHERE code LIKE 'K%'").fetchone()[0])
            con.close()
        con = sqlite3.connect(bare)
        counts.append(con.execute("SELECT count(*) FROM bulk_task").fetchone()[0])
        con.close()
        counts.insert(2, counts.pop())  # import, batch, .import, schema, tables
        self.checks.append(f"bulk: rows loaded by import / batch / sqlite3 .import / sqlite3 into phoihop's schema "
                           f"/ into its tables alone: "
                           f"{' / '.join(f'{c:,}' for c in counts)} (expected {rows:,} each)")
        rate = lambda c: f"{rows / (median(c) / 1000):,.0f} rows/s"
        self.line(f"bulk: `import` of {rows:,} task rows (CSV) vs `sqlite3 .import` into a bare table",
                  ph_import, sq, 2.0, note=f"{rate(ph_import)} vs {rate(sq)}")
        self.line(f"bulk: `batch` of the same {rows:,} `task add` lines vs `sqlite3 .import`", ph_batch, sq, 2.0,
                  note=rate(ph_batch))
        self.line(f"bulk: `import` vs `sqlite3` storing the same {rows:,} prepared rows into phoihop's schema "
                  f"(its indexes and history triggers, one transaction)", ph_import, sq_schema, b_label="schema",
                  note=f"{rate(sq_schema)}: the cost of the data model itself")
        self.line(f"bulk: `sqlite3` storing the same {rows:,} prepared rows into phoihop's tables alone (no history "
                  f"triggers, no foreign keys) vs `sqlite3 .import` into a bare table", sq_tables, sq, note=
                  f"{rate(sq_tables)}: seven task indexes and wider rows, before any logging or checking")

    def schema_floor_sql(self, base, csv_path, meta):
        """An SQL script for the sqlite3 shell that stores the bulk CSV's rows
        as phoihop does (task + task_partner rows, history logged by the
        triggers under one open invocation), from values prepared here: dates
        in ISO, titles folded, organisations resolved to ids by folded name."""
        out = os.path.join(self.scratch, "bulk-schema.sql")
        prepared = os.path.join(self.scratch, "bulk-schema-tasks.csv")
        partners = os.path.join(self.scratch, "bulk-schema-partners.csv")
        con = sqlite3.connect(base)
        ids = {}
        for key, oid in con.execute("SELECT name_key, id FROM org UNION ALL SELECT short_key, id FROM org "
                                    "WHERE short_key IS NOT NULL UNION ALL SELECT name_key, org_id FROM org_alias"):
            ids.setdefault(key, oid)
        aid, ordinal = con.execute("SELECT a.id, coalesce(max(t.ordinal), 0) FROM agreement a LEFT JOIN task t "
                                   "ON t.agreement_id = a.id WHERE a.code = ?", (meta["bulk_agreement"],)).fetchone()
        con.close()
        iso = lambda d: f"{d[6:10]}-{d[3:5]}-{d[0:2]}" if d else ""
        # Uids as phoihop makes them (RFC 9562 version 7: time, then a
        # counter), prepared here like every other value.
        ms = int(time.time() * 1000)
        uid7 = lambda n: f"{ms >> 16:08x}-{ms & 0xffff:04x}-7000-{0x8000 | (n >> 48) & 0x3fff:04x}-{n & 0xffffffffffff:012x}"
        with open(csv_path, encoding="utf-8", newline="") as f, \
                open(prepared, "w", encoding="utf-8", newline="") as t, \
                open(partners, "w", encoding="utf-8", newline="") as p:
            tw, pw = csv.writer(t), csv.writer(p)
            for n, r in enumerate(csv.DictReader(f), start=1):
                tw.writerow([uid7(n), ordinal + n, r["code"], r["title"], fold(r["title"]), ids.get(fold(r["lead"]), ""),
                             iso(r["start"]), iso(r["due"]), r["target"], r["unit"], r["note"]])
                for i, name in enumerate(x for x in r["partner"].split(";") if x.strip()):
                    pw.writerow([r["code"], ids.get(fold(name.strip()), ""), i + 1])
        now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
        script = f"""PRAGMA synchronous = FULL;
PRAGMA cache_size = -131072;
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE src (uid TEXT, ordinal INTEGER, code TEXT, title TEXT, title_key TEXT, lead TEXT, start TEXT, due TEXT,
  target TEXT, unit TEXT, note TEXT);
CREATE TEMP TABLE src_partner (code TEXT, org TEXT, ordinal INTEGER);
.import --csv --schema temp {prepared} src
.import --csv --schema temp {partners} src_partner
BEGIN IMMEDIATE;
INSERT INTO history_invocation (at, command) VALUES ({now}, 'bench');
INSERT INTO task (uid, agreement_id, ordinal, code, title, title_key, lead_org_id, start_date, due_date, target,
                  unit, note, created_at, updated_at)
  SELECT uid,
         {aid}, ordinal, code, title, title_key, nullif(lead, ''), nullif(start, ''), nullif(due, ''),
         CAST(nullif(target, '') AS REAL), nullif(unit, ''), nullif(note, ''), {now}, {now}
  FROM src ORDER BY rowid;
INSERT INTO task_partner (task_id, org_id, ordinal)
  SELECT t.id, CAST(s.org AS INTEGER), s.ordinal FROM src_partner s JOIN task t ON t.agreement_id = {aid} AND t.code = s.code
  WHERE s.org <> '';
UPDATE history_invocation SET open = 0 WHERE open = 1;
COMMIT;
"""
        with open(out, "w", encoding="utf-8") as f:
            f.write(script)
        return out

    def group_report(self, db, meta):
        period = self.args.report_period or meta["report_period"]
        first, last = period_bounds(period)
        today = meta["today"]
        all_cmds = []
        for fmt in ("csv", "md", "json"):
            out_a = out_b = None
            if fmt == "csv":
                out_a = os.path.join(self.scratch, "report-phoihop.csv")
                out_b = os.path.join(self.scratch, "report-sqlite3.csv")
            ph = Cmd(f"phoihop {fmt}", self.ph(db, "--today", today, "report", "summary", "--period", period,
                                                "--format", fmt), self.env, capture=out_a)
            mode = {"md": "-markdown", "csv": "-csv", "json": "-json"}[fmt]
            sq = Cmd(f"sqlite3 {fmt}", [self.sqlite3, "-readonly", mode, "-header", db,
                                        summary_sql(first, last, today, fmt)], self.env, capture=out_b)
            g = Group(f"report-{fmt}", [ph, sq], self.args.heavy_reps, self.args.heavy_budget, warmup=False)
            g.measure(self.scratch)
            if fmt == "csv":
                self.verify_report(out_a, out_b)
            n = meta["counts"]["task"]
            self.line(f"report: `summary --period {period} --format {fmt}` over {n:,} tasks vs the SQL "
                      f"through `sqlite3 {mode}`", ph, sq, 2.0)
            all_cmds.append(ph)
        # The Word document and the HTML page against the same report as
        # Markdown, and the workbook against the summary CSV (the issue's
        # bound: 2x its time, under 64 MiB).
        n = meta["counts"]["task"]
        for fmt, other, what in (("docx", "md", "(Word, Decree 30) over {n:,} tasks vs the same report as Markdown"),
                                 ("html", "md", "(a page with charts) over {n:,} tasks vs the same report as Markdown"),
                                 ("xlsx", "csv", "(workbook) over {n:,} tasks vs the summary CSV")):
            a = Cmd(f"phoihop {fmt}", self.ph(db, "--today", today, "report", "summary", "--period", period,
                                              "--format", fmt), self.env)
            b = Cmd(f"phoihop {other}", self.ph(db, "--today", today, "report", "summary", "--period", period,
                                                "--format", other), self.env)
            g = Group(f"report-{fmt}", [a, b], self.args.heavy_reps, self.args.heavy_budget, warmup=False)
            g.measure(self.scratch)
            self.line(f"report: `summary --period {period} --format {fmt}` " + what.format(n=n), a, b, 2.0,
                      b_label=f"phoihop {other}")
            all_cmds.append(a)
        worst = max(all_cmds, key=lambda c: max(c.rss))
        peak = max(worst.rss) / 1024
        self.lines.append({"what": f"report: peak memory of `report summary` (worst format: {worst.name.split()[1]})",
                           "a": f"{peak:.1f} MiB", "b": "—", "b_label": None, "ratio": "—", "target": "< 64 MiB",
                           "verdict": "meets" if peak < 64 else "misses", "rss_a": f"{peak:.1f} MiB", "rss_b": "—",
                           "cpu": "—",
                           "n": str(len(worst.rss)), "note": ""})

    def verify_report(self, a, b):
        self.compare_csv("report: phoihop's summary CSV and the SQL aggregate give", a, b)

    def compare_csv(self, claim, a, b):
        """Records whether the CSV files a (phoihop) and b (the reference)
        hold the same rows, and the first row that differs."""
        with open(a, encoding="utf-8", newline="") as f:
            ra = list(csv.reader(f))
        with open(b, encoding="utf-8", newline="") as f:
            rb = list(csv.reader(f))
        same = ra == rb
        self.checks.append(f"{claim} the same {len(ra) - 1} rows × {len(ra[0]) if ra else 0} columns: "
                           f"{'yes' if same else 'NO'}")
        if not same:
            for x, y in zip(ra, rb):
                if x != y:
                    self.checks.append(f"  first difference: phoihop {x[:8]} / sqlite3 {y[:8]}")
                    break

    def group_peer(self, db, meta):
        if not self.task:
            msg = ("taskwarrior is not installed, so the peer rows are skipped: install it with "
                   "`apt-get install -y taskwarrior` and run again")
            log(msg)
            self.notes.append(msg)
            return
        twdir = os.path.join(self.scratch, "taskwarrior")
        shutil.rmtree(twdir, ignore_errors=True)
        os.makedirs(os.path.join(twdir, "data"))
        rc = os.path.join(twdir, "taskrc")
        with open(rc, "w") as f:
            f.write(f"data.location={twdir}/data\nconfirmation=off\nverbose=nothing\nhooks=off\n"
                    f"news.version=2.6.0\n")
        env = dict(self.env, TASKRC=rc, TASKDATA=os.path.join(twdir, "data"))
        # The same tasks: description = title, project = agreement code.
        con = sqlite3.connect(db)
        rows = con.execute("SELECT t.uid, t.title, a.code, t.due_date, t.created_at FROM task t "
                           "JOIN agreement a ON a.id = t.agreement_id ORDER BY t.id").fetchall()
        con.close()

        def tw_date(iso):
            return iso.replace("-", "").replace(":", "")[:15].ljust(15, "0") if "T" in iso else \
                iso.replace("-", "") + "T000000Z"

        tasks = []
        for uid_, title, code, due, created in rows:
            t = {"uuid": uid_, "description": title, "status": "pending", "project": code,
                 "entry": created.replace("-", "").replace(":", "")}
            if due:
                t["due"] = due.replace("-", "") + "T000000Z"
            tasks.append(t)
        jpath = os.path.join(twdir, "import.json")
        with open(jpath, "w", encoding="utf-8") as f:
            json.dump(tasks, f, ensure_ascii=False)
        t0 = time.time()
        r = subprocess.run([self.task, "import", jpath], env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"task import failed: {r.stderr[-2000:]}")
        self.notes.append(f"taskwarrior: `task import` of {len(tasks):,} tasks (JSON) took {time.time() - t0:.1f} s "
                          f"(set-up, not timed)")
        code = meta["read_agreement"]
        title = "Tổ chức tập huấn kỹ năng chuyển đổi số cho đoàn viên, thanh niên"
        ph_add, _ = self.write_cmds(db, meta, "peer")
        tw_add = Cmd("task add", [self.task, "add", f"project:{meta['write_agreement']}",
                                  f"due:{meta['write_due']}", title], env)
        ph_list = Cmd("phoihop list", self.ph(db, "--today", meta["today"], "task", "list", "--agreement", code), self.env)
        tw_list = Cmd("task list", [self.task, f"project:{code}", "list"], env)
        ph_all = Cmd("phoihop list all", self.ph(db, "--today", meta["today"], "task", "list"), self.env)
        tw_all = Cmd("task list all", [self.task, "list"], env)
        g = Group("peer", [ph_add, tw_add, ph_list, tw_list, ph_all, tw_all], self.args.peer_reps, 120)
        g.measure(self.scratch)
        n = len(tasks)
        self.line(f"peer: `task add` at {n:,} tasks, phoihop vs taskwarrior", ph_add, tw_add, b_label="taskwarrior")
        self.line(f"peer: list one agreement/project ({meta['read_rows']} rows of {n:,}), table output", ph_list, tw_list,
                  b_label="taskwarrior")
        self.line(f"peer: list every task ({n:,} rows), table output", ph_all, tw_all, b_label="taskwarrior")

    # ------------------------------------------------------------ output
    def task_version(self):
        if not self.task:
            return "not installed (apt-get install -y taskwarrior)"
        r = subprocess.run([self.task, "--version"], env=dict(self.env, TASKRC="/dev/null"), capture_output=True,
                           text=True)
        return f"taskwarrior {r.stdout.strip()} (Debian package)"

    def dirty_text(self):
        files = [line[3:] for line in self.dirty.splitlines() if len(line) > 3]
        if not files:
            return ""
        shown = ", ".join(files[:4]) + (f" and {len(files) - 4} more" if len(files) > 4 else "")
        return f" + uncommitted changes to {shown}"

    def machine(self):
        def read(path):
            try:
                with open(path) as f:
                    return f.read()
            except OSError:
                return ""
        cpu = re.search(r"model name\s*:\s*(.*)", read("/proc/cpuinfo"))
        mem = re.search(r"MemTotal:\s*(\d+)", read("/proc/meminfo"))
        build = ""
        cache = os.path.join(os.path.dirname(os.path.abspath(self.args.phoihop)), "CMakeCache.txt")
        m = re.search(r"CMAKE_BUILD_TYPE:STRING=(.*)", read(cache))
        if m:
            build = m.group(1)
        sqlite_v = subprocess.run([self.sqlite3, "--version"], capture_output=True, text=True).stdout.split()[0]
        return [
            ("date", dt.datetime.now().strftime("%Y-%m-%d %H:%M %Z").strip()),
            ("machine", f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), "
                        f"{cpu.group(1) if cpu else '?'}, {int(mem.group(1)) // 1024 if mem else '?'} MiB RAM"),
            ("system", f"Linux {platform.release()}, Debian {read('/etc/debian_version').strip()}"),
            ("phoihop", f"commit {self.commit}{self.dirty_text()} checked out "
                        f"when the run began; binary built {self.built}, {build or 'unknown build type'}, "
                        f"sha256 {self.phoihop_sha}"),
            ("SQLite", f"sqlite3 shell {sqlite_v}; floor.cpp linked with {LIBSQLITE_A}"),
            ("taskwarrior", self.task_version()),
            ("load", f"load average {self.load_start} at start, {os.getloadavg()[0]:.2f} at end "
                     "(2 shared cores: figures are noisy, ±20–30 % between runs)"),
            ("command", "bench/run.py " + " ".join(sys.argv[1:])),
        ]

    def table(self):
        out = ["| measurement | phoihop median (min) | reference median (min) | ratio | target | verdict | "
               "CPU ratio | peak RSS phoihop / ref. | n |",
               "|---|---|---|---|---|---|---|---|---|"]
        for r in self.lines:
            ref = r["b"] if r["b_label"] in (None, "sqlite3") or r["b"] == "—" else f"{r['b_label']}: {r['b']}"
            what = r["what"] + (f" — {r['note']}" if r["note"] else "")
            out.append(f"| {what} | {r['a']} | {ref} | {r['ratio']} | {r['target']} | {r['verdict']} | "
                       f"{r['cpu']} | {r['rss_a']} / {r['rss_b']} | {r['n']} |")
        return "\n".join(out)

    def report(self):
        parts = ["### Machine", ""]
        parts += [f"- **{k}**: {v}" for k, v in self.machine()]
        parts += ["", "### Figures", "",
                  "Whole-process wall time, median of n runs (minimum in brackets); ratio = phoihop median ÷ "
                  "reference median, judged against the target; CPU ratio = the same for user + system CPU time "
                  "(wait4's rusage), which a busy machine disturbs less than wall time; peak RSS = the largest "
                  "ru_maxrss over the runs.", "", self.table(), ""]
        if self.checks:
            parts += ["### Same work? (checked once per run, untimed)", ""] + [f"- {c}" for c in self.checks] + [""]
        if self.notes:
            parts += ["### Notes", ""] + [f"- {n}" for n in self.notes] + [""]
        return "\n".join(parts)

    def write_results(self, text):
        block = f"{BEGIN_MARK}\n\n{text}\n{END_MARK}"
        if os.path.exists(RESULTS):
            with open(RESULTS, encoding="utf-8") as f:
                old = f.read()
            if BEGIN_MARK in old and END_MARK in old:
                new = old[:old.index(BEGIN_MARK)] + block + old[old.index(END_MARK) + len(END_MARK):]
            else:
                new = old.rstrip() + "\n\n" + block + "\n"
        else:
            new = "# Benchmark results\n\n" + block + "\n"
        with open(RESULTS, "w", encoding="utf-8") as f:
            f.write(new)
        log(f"wrote {RESULTS}")

    # ------------------------------------------------------------ main
    def run(self):
        t0 = time.time()
        self.load_start = f"{os.getloadavg()[0]:.2f}"
        only = set(self.args.only.split(",")) if self.args.only else {"startup", "read", "write", "bulk", "report", "peer"}
        self.prepare_binaries()
        try:
            self.schema = self.schema_signature()
            s = self.sizes
            if "startup" in only:
                self.group_startup()
            if only & {"read", "write", "report"}:
                big, big_meta = self.database(f"stress-{s['stress']}", "stress", s["stress"])
            if "read" in only:
                self.group_read(big, big_meta)
            if "report" in only:
                self.group_report(big, big_meta)
            if "write" in only:
                small, small_meta = self.database(f"stress-{s['small']}", "stress", s["small"])
                hist, hist_meta = self.database(f"stress-{s['small']}-history-{s['history']}", "stress", s["small"],
                                                history=s["history"])
                self.group_write(big, big_meta, small, small_meta, hist, hist_meta)
            if "bulk" in only:
                base, base_meta = self.database(f"bulk-base-{s['bulk']}", "tiny", 300, bulk_rows=s["bulk"])
                self.group_bulk(base, base_meta)
            if "peer" in only:
                peer, peer_meta = self.database(f"stress-{s['peer']}", "stress", s["peer"])
                self.group_peer(peer, peer_meta)
            self.notes.append(f"whole run took {time.time() - t0:.0f} s")
            text = self.report()
            print(text)
            if self.args.write_results:
                self.write_results(text)
        finally:
            self.cleanup()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--phoihop", default=os.path.join(REPO, "build", "phoihop"),
                    help="the binary to measure (copied to the scratch directory first)")
    ap.add_argument("--scratch", default="/tmp/phoihop-bench", help="where databases and copies go")
    ap.add_argument("--quick", action="store_true", help="small sizes and few repetitions: a smoke run (< 1 min)")
    ap.add_argument("--reps", type=int, help="repetitions of each per-invocation command (default 15)")
    ap.add_argument("--bulk-reps", type=int, help="repetitions of each bulk load (default 3)")
    ap.add_argument("--heavy-reps", type=int, help="repetitions of each report (default 3)")
    ap.add_argument("--peer-reps", type=int, help="repetitions of the taskwarrior comparison (default 7)")
    ap.add_argument("--bulk-budget", type=float, default=150,
                    help="seconds after which the bulk group stops repeating (default 150; at least one round)")
    ap.add_argument("--heavy-budget", type=float, default=30,
                    help="seconds after which a report group stops repeating (default 30)")
    ap.add_argument("--stress-tasks", type=int, default=1_000_000)
    ap.add_argument("--bulk-rows", type=int, default=100_000)
    ap.add_argument("--report-period", help="period of the report rows (default: the database's, 2024)")
    ap.add_argument("--seed", type=int, default=20221201)
    ap.add_argument("--only", help="comma-separated groups: startup,read,write,bulk,report,peer")
    ap.add_argument("--regenerate", action="store_true", help="generate the databases even if cached")
    ap.add_argument("--write-results", action="store_true", help="rewrite the figures in bench/RESULTS.md")
    args = ap.parse_args()
    quick = args.quick
    args.reps = args.reps or (5 if quick else 15)
    args.bulk_reps = args.bulk_reps or (1 if quick else 3)
    args.heavy_reps = args.heavy_reps or (1 if quick else 3)
    args.peer_reps = args.peer_reps or (3 if quick else 7)
    if quick:
        args.bulk_budget = min(args.bulk_budget, 20)
        args.heavy_budget = min(args.heavy_budget, 10)
    Bench(args).run()


if __name__ == "__main__":
    main()
