#pragma once

namespace phoihop::core {

// Deterministic crash points for the reliability tests.
//
// PHOIHOP_CRASH_AT=POINT[:N] makes the process kill itself with SIGKILL the
// Nth time (default: the first) it reaches POINT, exactly as a power cut or
// `kill -9` would stop it there: no destructor, no rollback, no cleanup.
// Unset (always, outside the tests), each point costs one cached branch.
// With PHOIHOP_CRASH_SIGNAL=STOP the process stops itself there instead
// (SIGSTOP) and goes on when a test, having changed the world under it —
// replaced its database, say — sends SIGCONT.
//
// The points, in the order an invocation passes them (RELIABILITY.md):
//   open            database connection opened, nothing locked yet
//   begin           write transaction begun (BEGIN IMMEDIATE), before migrating
//   migrate         schema migrated inside the transaction, before the command
//   write           a row was inserted, updated or deleted (N counts rows)
//   commit          the command finished, just before COMMIT
//   committed       just after COMMIT
//   output-write    an --output temp file is half written
//   output-rename   the temp file is complete and synced, before the rename
//   output-renamed  just after the rename, before the directory sync
void crash_point(const char* point);

// True when PHOIHOP_CRASH_AT names `point` (so a caller can install a
// per-row hook only when a test asks for one).
bool crash_armed(const char* point);

} // namespace phoihop::core
