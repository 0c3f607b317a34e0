#!/usr/bin/env python3
"""Concurrency: a cron report running while scripts write.

Several phoihop processes write one database at once while readers loop:
  * 6 adders, each 40 `task add` with unique titles;
  * 2 updaters, each 30 read-then-write cycles on the SAME task
    (`task show 1` then `task update 1 --progress P+1 --note UNIQUE`);
  * 2 batch writers, each 5 batch files of 20 `task add` lines;
  * 1 importer, 5 CSV imports of 10 task rows;
  * 1 agreement writer, 10 `agreement add` each creating a new organisation;
  * readers: `report summary --format json` and `task list --format csv`
    (alternating with `org list --format csv` and `log`) in a loop until the
    writers finish.
Asserted: every invocation exits 0 (no "database is locked"/"busy" inside the
5000 ms default busy timeout); every title exactly once (no lost or doubled
writes); exact final counts; one task_update row and one log invocation per
successful update; batch and import rows contiguous and never half-visible;
each report internally consistent (totals = sum of parts, counts = listed
tasks) and counts never decreasing between successive reads.

Then the busy timeout itself: a write lock held from Python past a short
database.busy_timeout (config file) makes a write exit 5 promptly with a
"busy" error (a generous hang guard, no timing threshold), while a read
still succeeds and does not see the uncommitted change; a lock released
within the timeout lets the waiting write succeed.

Usage: test_concurrency.py PHOIHOP [--long] [--trials ROUNDS] [--seed S] [--keep]
(--trials is the number of rounds of the concurrent run, each on a fresh
database: 1 by default, 40 with --long or PHOIHOP_RELIABILITY_LONG=1.)
"""

import collections
import csv
import io
import json
import os
import random
import sqlite3
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import Sandbox, inspect  # noqa: E402

ADDERS, ADDS = 6, 40
UPDATERS, UPDATES = 2, 30
BATCHERS, BATCHES, BATCH_LINES = 2, 5, 20
IMPORTS, IMPORT_ROWS = 5, 10
AGREEMENTS = 10
BUSY_WORDS = ("busy", "locked")
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds: database.busy_timeout's default


class Round:
    def __init__(self, suite, sb, rng):
        self.suite, self.sb, self.rng = suite, sb, rng
        self.lock = threading.Lock()
        self.invocations = collections.Counter()   # kind -> successful runs
        self.failed = collections.Counter()        # kind -> failed runs
        self.busy = 0
        self.starved = 0
        self.written = collections.Counter()       # titles whose invocation succeeded
        self.refused = set()                       # titles whose invocation failed
        self.reads = collections.Counter()
        self.inconsistent = 0
        self.added_ids = {}                        # title -> id printed
        self.update_notes = []
        self.done = threading.Event()
        self.longest = collections.Counter()       # kind -> longest run, seconds

    def fail(self, message):
        self.suite.fail(message)

    def run(self, kind, *args):
        r = self.sb.run(*args, timeout=120)
        with self.lock:
            self.longest[kind] = max(self.longest[kind], r.seconds)
            if r.rc == 0:
                self.invocations[kind] += 1
            elif (any(w in r.err.lower() for w in BUSY_WORDS) and r.rc == 5 and
                  r.seconds >= DEFAULT_BUSY_TIMEOUT):
                # Exit 5 after waiting the whole timeout is the documented
                # behaviour, not a failure inside the timeout: on an overloaded
                # machine SQLite's polling busy handler can starve one writer.
                # Its records must then be absent (checked below); reported.
                self.starved += 1
                print(f"WARN [concurrency] {kind} waited past the busy timeout: " + r.describe(),
                      file=sys.stderr, flush=True)
            else:
                self.failed[kind] += 1
                if any(w in r.err.lower() for w in BUSY_WORDS):
                    self.busy += 1
                self.fail(f"{kind}: " + r.describe())
        return r

    def record(self, titles, ok):
        if ok:
            self.written.update(titles)
        else:
            self.refused.update(titles)

    # -- writers -----------------------------------------------------------

    def adder(self, p):
        for i in range(ADDS):
            title = f"w{p}-{i}"
            r = self.run("task add", "task", "add", title, "--agreement", "C")
            with self.lock:
                if r.rc == 0:
                    self.added_ids[title] = int(r.out.strip())
                self.record([title], r.rc == 0)

    def updater(self, p):
        for i in range(UPDATES):
            r = self.run("task show", "task", "show", "1", "--format", "json")
            if r.rc != 0:
                continue
            progress = (json.loads(r.out)["progress"] + 1) % 100
            note = f"u{p}-{i}"
            r = self.run("task update", "task", "update", "1", "--progress", str(progress),
                         "--note", note)
            if r.rc == 0:
                with self.lock:
                    self.update_notes.append(note)

    def batcher(self, p):
        for j in range(BATCHES):
            name = f"b{p}-{j}.batch"
            with open(self.sb.path(name), "w", encoding="utf-8") as f:
                for k in range(BATCH_LINES):
                    f.write(f'task add "b{p}-{j}-{k}" --agreement C\n')
            r = self.run("batch", "batch", name)
            with self.lock:
                self.record([f"b{p}-{j}-{k}" for k in range(BATCH_LINES)], r.rc == 0)

    def importer(self):
        for j in range(IMPORTS):
            name = f"i{j}.csv"
            with open(self.sb.path(name), "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(["title", "due"])
                for k in range(IMPORT_ROWS):
                    w.writerow([f"i{j}-{k}", "2026-12-31"])
            r = self.run("import", "import", name, "--kind", "task", "--agreement", "C")
            with self.lock:
                self.record([f"i{j}-{k}" for k in range(IMPORT_ROWS)], r.rc == 0)

    def agreement_writer(self):
        for i in range(AGREEMENTS):
            self.run("agreement add", "agreement", "add", f"Đề án {i}", "--party", f"Đối tác {i}",
                     "--party", "Đối tác chung", "--period", "2026", "--code", f"DA-{i}")

    # -- readers -----------------------------------------------------------

    def check_groups(self, titles, where):
        """A batch or an import is one transaction: never half visible."""
        groups = collections.Counter(t.rsplit("-", 1)[0] for t in titles if t[:1] in "bi")
        for g, n in groups.items():
            want = BATCH_LINES if g.startswith("b") else IMPORT_ROWS
            if n != want:
                with self.lock:
                    self.inconsistent += 1
                self.fail(f"{where}: {n} of the {want} rows of {g} are visible")

    def report_reader(self):
        last_total, last_ids = -1, set()
        while not self.done.is_set():
            r = self.run("report", "report", "summary", "--period", "2022-2030", "--format", "json")
            if r.rc != 0:
                continue
            with self.lock:
                self.reads["report"] += 1
            d = json.loads(r.out)
            problems = []
            for s in d["sections"]:
                total = 0
                for a in s["agreements"]:
                    c = a["counts"]
                    parts = (c["tasks_planned"] + c["tasks_in_progress"] + c["tasks_done"] +
                             c["tasks_cancelled"])
                    if not (c["tasks_total"] == parts == len(a["tasks"])):
                        problems.append(f"{a['code']}: total {c['tasks_total']}, parts {parts}, "
                                        f"listed {len(a['tasks'])}")
                    by_status = collections.Counter(t["status"] for t in a["tasks"])
                    for status in ("planned", "in_progress", "done", "cancelled"):
                        if by_status[status] != c[f"tasks_{status}"]:
                            problems.append(f"{a['code']}: {status} counted {c[f'tasks_{status}']}, "
                                            f"listed {by_status[status]}")
                    if a["tasks"] and c["progress_avg"] is not None:
                        avg = sum(t["progress"] for t in a["tasks"]) / len(a["tasks"])
                        if abs(avg - c["progress_avg"]) > 0.51:
                            problems.append(f"{a['code']}: average progress {c['progress_avg']}, "
                                            f"computed {avg:.2f}")
                    total += c["tasks_total"]
                if s["totals"]["tasks_total"] != total:
                    problems.append(f"totals {s['totals']['tasks_total']} != sum {total}")
                tasks = [t for a in s["agreements"] if a["code"] == "C" for t in a["tasks"]]
                ids = {t["id"] for t in tasks}
                if len(tasks) < last_total or not last_ids <= ids:
                    problems.append(f"tasks went from {last_total} to {len(tasks)}")
                last_total, last_ids = len(tasks), ids
                self.check_groups([t["title"] for t in tasks], "report")
            if problems:
                with self.lock:
                    self.inconsistent += 1
                self.fail("report inconsistent: " + "; ".join(problems[:5]))

    def list_reader(self):
        last = {"task": -1, "org": -1}
        turn = 0
        while not self.done.is_set():
            turn += 1
            if turn % 3 == 0:
                r = self.run("log", "log", "--limit", "2", "--format", "json")
                if r.rc == 0:
                    json.loads(r.out)
                    with self.lock:
                        self.reads["log"] += 1
                continue
            noun = "task" if turn % 3 == 1 else "org"
            r = self.run(f"{noun} list", noun, "list", "--format", "csv")
            if r.rc != 0:
                continue
            with self.lock:
                self.reads[f"{noun} list"] += 1
            rows = list(csv.DictReader(io.StringIO(r.out, newline="")))
            ids = [row["id"] for row in rows]
            problems = []
            if len(ids) != len(set(ids)):
                problems.append(f"{noun} list repeats an id")
            if len(rows) < last[noun]:
                problems.append(f"{noun} rows went from {last[noun]} to {len(rows)}")
            last[noun] = len(rows)
            if noun == "task":
                self.check_groups([row["title"] for row in rows], "task list")
            if problems:
                with self.lock:
                    self.inconsistent += 1
                self.fail("; ".join(problems))

    # -- the round ---------------------------------------------------------

    def go(self):
        sb = self.sb
        sb.ok("agreement", "add", "Quy chế", "--party", "UBND tỉnh Bến Tre", "--party",
              "Tỉnh đoàn Bến Tre", "--period", "2022-2026", "--code", "C")
        sb.ok("task", "add", "Theo dõi chung", "--agreement", "C")
        before = inspect(sb.db)
        writers = ([threading.Thread(target=self.adder, args=(p,)) for p in range(ADDERS)] +
                   [threading.Thread(target=self.updater, args=(p,)) for p in range(UPDATERS)] +
                   [threading.Thread(target=self.batcher, args=(p,)) for p in range(BATCHERS)] +
                   [threading.Thread(target=self.importer),
                    threading.Thread(target=self.agreement_writer)])
        self.rng.shuffle(writers)
        readers = [threading.Thread(target=self.report_reader),
                   threading.Thread(target=self.list_reader)]
        for t in readers + writers:
            t.start()
        for t in writers:
            t.join()
        self.done.set()
        for t in readers:
            t.join()
        return self.verify(before)

    def verify(self, before):
        con = common.connect_ro(self.sb.db)
        lost = doubled = 0
        titles = collections.Counter(r[0] for r in con.execute("SELECT title FROM task"))
        expected = ([f"w{p}-{i}" for p in range(ADDERS) for i in range(ADDS)] +
                    [f"b{p}-{j}-{k}" for p in range(BATCHERS) for j in range(BATCHES)
                     for k in range(BATCH_LINES)] +
                    [f"i{j}-{k}" for j in range(IMPORTS) for k in range(IMPORT_ROWS)])
        if set(self.written) | self.refused != set(expected):
            self.fail("the writers did not account for every title")
        for t in self.written:
            if titles[t] == 0:
                lost += 1
            elif titles[t] > 1:
                doubled += titles[t] - 1
        partial = sum(1 for t in self.refused if titles[t])
        if lost or doubled or partial:
            self.fail(f"{lost} task(s) lost, {doubled} doubled, {partial} written by a failed invocation")
        expected = list(self.written)
        n_tasks = con.execute("SELECT count(*) FROM task").fetchone()[0]
        if n_tasks != 1 + len(expected):
            self.fail(f"{n_tasks} tasks, expected {1 + len(expected)}")
        # The ids printed by `task add` are the rows with those titles.
        for title, tid in self.added_ids.items():
            row = con.execute("SELECT title FROM task WHERE id = ?", (tid,)).fetchone()
            if row is None or row[0] != title:
                self.fail(f"task add printed id {tid} for {title!r}, the row holds {row}")
                break
        # A batch or an import is one transaction: consecutive ids.
        for prefix, n in ([(f"b{p}-{j}-", BATCH_LINES) for p in range(BATCHERS) for j in range(BATCHES)] +
                          [(f"i{j}-", IMPORT_ROWS) for j in range(IMPORTS)]):
            ids = [r[0] for r in con.execute("SELECT id FROM task WHERE title LIKE ? ORDER BY id",
                                             (prefix + "%",))]
            if len(ids) not in (0, n):
                self.fail(f"{len(ids)} of the {n} rows of {prefix}* were written")
            elif ids and ids != list(range(ids[0], ids[0] + n)):
                self.fail(f"the rows of {prefix}* are interleaved with others: {ids}")
        # Updates: one log entry per successful invocation, each note once.
        notes = collections.Counter(r[0] for r in con.execute(
            "SELECT note FROM task_update WHERE task_id = 1 AND note IS NOT NULL"))
        for n in self.update_notes:
            if notes[n] != 1:
                self.fail(f"update note {n} appears {notes[n]} times")
                if notes[n] == 0:
                    lost += 1
                else:
                    doubled += notes[n] - 1
        if sum(notes.values()) != len(self.update_notes):
            self.fail(f"{sum(notes.values())} task_update rows, {len(self.update_notes)} successful updates")
        commands = collections.Counter()
        for (cmd,) in con.execute("SELECT command FROM history_invocation WHERE open = 0"):
            commands[" ".join(cmd.split()[:2]) if cmd.split()[0] in ("task", "agreement")
                     else cmd.split()[0]] += 1
        want = {"task add": self.invocations["task add"] + 1,
                "task update": self.invocations["task update"],
                "batch": self.invocations["batch"], "import": self.invocations["import"],
                "agreement add": self.invocations["agreement add"] + 1}
        for k, v in want.items():
            if commands[k] != v:
                self.fail(f"log has {commands[k]} '{k}' invocations, {v} succeeded")
        made = self.invocations["agreement add"]
        orgs = con.execute("SELECT count(*) FROM org").fetchone()[0]
        if orgs != 2 + made + (made > 0):
            self.fail(f"{orgs} organisations, expected {2 + made + (made > 0)}")
        n_agreements = con.execute("SELECT count(*) FROM agreement").fetchone()[0]
        if n_agreements != 1 + made:
            self.fail(f"{n_agreements} agreements, expected {1 + made}")
        con.close()
        info = inspect(self.sb.db)
        corrupt = int(info["integrity"] != "ok" or bool(info["fk_violations"]))
        if corrupt:
            self.fail(f"integrity: {info['integrity']!r}, fk {info['fk_violations'][:5]}")
        if self.suite.has_db_check:
            r = self.sb.run("db", "check")
            if r.rc != 0:
                self.fail("db check after the concurrent run: " + r.describe())
        return lost, doubled, corrupt


class ConcurrencySuite:
    def __init__(self, args):
        self.args = args
        self.root = common.make_root(args.keep)
        self.failures = common.Failures("concurrency")
        self.summary = common.Summary()
        self.has_db_check = None

    def fail(self, message):
        self.failures(message)

    def concurrent(self):
        started = time.monotonic()
        totals = collections.Counter()
        lost = doubled = corrupt = 0
        failures_before = len(self.failures)
        for n in range(self.args.trials):
            sb = Sandbox(self.args.binary, self.root, f"round-{n}")
            if self.has_db_check is None:
                self.has_db_check = common.db_check_available(sb)
            rnd = Round(self, sb, random.Random(f"{self.args.seed}-{n}"))
            t0 = time.monotonic()
            l, d, c = rnd.go()
            lost, doubled, corrupt = lost + l, doubled + d, corrupt + c
            totals.update(rnd.invocations)
            totals["failed"] += sum(rnd.failed.values())
            totals["busy"] += rnd.busy
            totals["starved"] += rnd.starved
            totals["inconsistent"] += rnd.inconsistent
            reads = sum(rnd.reads.values())
            totals["reads"] += reads
            print(f"  round {n}: {sum(rnd.invocations.values())} invocations ok "
                  f"({dict(rnd.invocations)}), {sum(rnd.failed.values())} failed, "
                  f"{rnd.busy} busy, {reads} consistency-checked reads, "
                  f"{time.monotonic() - t0:.1f}s", flush=True)
            print("    longest invocation by kind (waiting included): " +
                  ", ".join(f"{k} {v:.2f}s" for k, v in rnd.longest.most_common()), flush=True)
        writes = sum(totals[k] for k in ("task add", "task update", "batch", "import", "agreement add"))
        self.summary.add(f"concurrent writers + readers ({self.args.trials} round(s), {writes} writes, "
                         f"{totals['reads']} reads)",
                         self.args.trials, "—", corrupt, totals["inconsistent"], lost, doubled,
                         len(self.failures) - failures_before, time.monotonic() - started)
        print(f"  'busy'/'locked' failures inside the default timeout: {totals['busy']}; "
              f"writers that waited past it (exit 5, records absent): {totals['starved']}")

    def busy_timeout(self):
        started = time.monotonic()
        failures_before = len(self.failures)
        sb = Sandbox(self.args.binary, self.root, "busy")
        sb.ok("agreement", "add", "Quy chế", "--party", "A", "--party", "B", "--period", "2022-2026",
              "--code", "C")
        sb.ok("task", "add", "Đã lưu", "--agreement", "C")
        trials = 0
        for timeout_ms in (300, 0):
            cfg = sb.path(f"busy-{timeout_ms}.toml")
            with open(cfg, "w", encoding="utf-8") as f:
                f.write(f"[database]\nbusy_timeout = {timeout_ms}\n")
            # (Hashed before the lock is taken: opening and closing the file
            # from this process would drop the holder's POSIX locks.)
            before = common.sha256_file(sb.db)
            holder = sqlite3.connect(sb.db, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            holder.execute("UPDATE task SET title = 'chưa lưu' WHERE id = 1")
            guard = max(10 * timeout_ms / 1000, 5.0)
            for args in (["task", "add", "Chờ khóa", "--agreement", "C"],
                         ["batch", "-"], ["org", "add", "Sở Tài chính"]):
                stdin = 'task add "Trong lô" --agreement C\n'.encode() if args == ["batch", "-"] else None
                r = sb.run("--config", cfg, *args, stdin=stdin, timeout=60)
                trials += 1
                first = r.err.splitlines()[0] if r.err else ""
                if r.rc != 5 or "busy" not in first or not first.startswith("phoihop: error: ") or r.out:
                    self.fail(f"lock held, busy_timeout {timeout_ms}: expected exit 5 and a 'busy' "
                              "error: " + r.describe())
                if r.seconds > guard:
                    self.fail(f"lock held, busy_timeout {timeout_ms}: phoihop {' '.join(args)} took "
                              f"{r.seconds:.1f}s (hang guard {guard:.1f}s)")
                print(f"  lock held, busy_timeout {timeout_ms} ms: phoihop {' '.join(args)} -> exit "
                      f"{r.rc} after {r.seconds:.2f}s: {first}", flush=True)
            # A read during the held write lock succeeds and sees the committed state (WAL).
            for args in (["task", "show", "1", "--format", "json"],
                         ["report", "summary", "--period", "2022-2026", "--format", "json"]):
                r = sb.run("--config", cfg, *args, timeout=60)
                trials += 1
                if r.rc != 0:
                    self.fail("a read during a held write lock failed: " + r.describe())
                elif "chưa lưu" in r.out or "Đã lưu" not in r.out:
                    self.fail("a read during a held write lock saw uncommitted data: " + r.describe())
            holder.execute("ROLLBACK")
            holder.close()
            if common.sha256_file(sb.db) != before:
                self.fail("a refused write changed the database file")
        # A lock released within the timeout: the waiting write succeeds.
        holder = sqlite3.connect(sb.db, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE task SET note = 'bởi Python' WHERE id = 1")
        timer = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
        timer.start()
        r = sb.run("task", "add", "Sau khi mở khóa", "--agreement", "C", timeout=60)
        timer.join()
        holder.close()
        trials += 1
        if r.rc != 0:
            self.fail("a write waiting for a lock released within the busy timeout failed: " + r.describe())
        print(f"  lock released after 1 s (busy_timeout 5000 ms): exit {r.rc} after {r.seconds:.2f}s",
              flush=True)
        con = common.connect_ro(sb.db)
        n = con.execute("SELECT count(*) FROM task").fetchone()[0]
        note = con.execute("SELECT note FROM task WHERE id = 1").fetchone()[0]
        con.close()
        if n != 2 or note != "bởi Python":
            self.fail(f"after the wait: {n} tasks (want 2), task 1 note {note!r}")
        info = inspect(sb.db)
        if info["integrity"] != "ok":
            self.fail("integrity after the busy tests: " + info["integrity"])
        self.summary.add("write lock held past / within busy_timeout", trials, "—",
                         int(info["integrity"] != "ok"), 0, 0, 0,
                         len(self.failures) - failures_before, time.monotonic() - started)

    def run(self):
        started = time.monotonic()
        print(f"concurrency: seed {self.args.seed}, {self.args.trials} round(s)"
              f"{', long' if self.args.long else ''}", flush=True)
        for step in (self.busy_timeout, self.concurrent):
            try:
                step()
            except AssertionError as e:
                self.fail(f"{step.__name__}: {e}")
        if self.has_db_check is False:
            print("concurrency: 'phoihop db check' not available yet; its assertion was skipped")
        common.finish("concurrency", self.root, self.args.keep, self.failures, self.summary,
                      self.args.seed, started)


if __name__ == "__main__":
    ConcurrencySuite(common.parse_args(__doc__, default_trials=1)).run()
