/**
 * Crash injection for the durability tests: with ATELIER_FAILPOINT=<name>, the server process kills
 * itself (SIGKILL: no cleanup, no flush) when it reaches that point. Unset in every real deployment.
 */
export type Failpoint = 'after-file-write' | 'before-commit' | 'after-commit';

export function failpoint(name: Failpoint): void {
  if (process.env.ATELIER_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
