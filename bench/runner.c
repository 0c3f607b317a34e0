/* Times one command for bench/run.py: posix_spawn, wait4, and print
 *   <wall nanoseconds> <peak RSS KiB> <exit status> <CPU microseconds, user + system>
 * on standard output. stdin is /dev/null; the command's stdout and stderr go
 * to the files named.
 *
 *   runner OUT ERR PROGRAM [ARG...]
 *
 * Why a helper: a process spawned by Python with vfork semantics inherits
 * Python's memory as its ru_maxrss high-water mark (the kernel folds the old
 * mm's peak into the new one at exec), so every command looked like 100 MiB.
 * This helper is small, so the peak it passes on (about 1 MiB) is below any
 * real command's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

int main(int argc, char** argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: runner OUT ERR PROGRAM [ARG...]\n");
    return 2;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  struct timespec t0, t1;
  pid_t pid;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = posix_spawn(&pid, argv[3], &actions, NULL, argv + 3, environ);
  if (rc != 0) {
    fprintf(stderr, "runner: cannot run %s\n", argv[3]);
    return 127;
  }
  int status = 0;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) {
    perror("runner: wait4");
    return 127;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  long long cpu_us = (long long)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000LL +
                     usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
  printf("%lld %ld %d %lld\n", ns, usage.ru_maxrss, code, cpu_us);
  return 0;
}
