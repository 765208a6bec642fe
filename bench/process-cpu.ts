import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of a process and everything it started, from /proc (Linux): the process's own user
 * and system time, the time of its children that have exited and been waited for, and the
 * live descendants' time. A delta of two readings is the CPU the tree spent in between, even
 * when connections (backends) came and went in between.
 */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  /** utime + stime + cutime + cstime, in ms. */
  cpuMs: number;
}

function readStat(pid: number): Stat | null {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(fields[i - 3]);
  return { ppid: n(4), cpuMs: ((n(14) + n(15) + n(16) + n(17)) * 1000) / TICKS_PER_SECOND };
}

export function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  let total = 0;
  const pending = [root];
  while (pending.length) {
    const pid = pending.pop()!;
    total += readStat(pid)?.cpuMs ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The parent of a process (e.g. the postmaster of a backend), or null when it is gone. */
export function parentOf(pid: number): number | null {
  return readStat(pid)?.ppid ?? null;
}
