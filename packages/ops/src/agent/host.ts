import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import type { HostSample } from '../contract.ts';

/**
 * What the operating system says about this host: CPU busy share (from /proc/stat, between two
 * readings), load, memory (MemAvailable, so the page cache counts as free), and the file system that
 * holds Aula's data. The sampler keeps the last hour of readings.
 */
type CpuTimes = { busy: number; total: number };

function cpuTimes(): CpuTimes {
  try {
    // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    // Not Linux: os.cpus() gives the same counters per CPU.
    let busy = 0;
    let total = 0;
    for (const cpu of os.cpus()) {
      const t = cpu.times;
      const all = t.user + t.nice + t.sys + t.idle + t.irq;
      total += all;
      busy += all - t.idle;
    }
    return { busy, total };
  }
}

export function memory(): { totalBytes: number; usedBytes: number } {
  const totalBytes = os.totalmem();
  let available = os.freemem();
  try {
    const kb = /MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    if (kb) available = Number(kb) * 1024;
  } catch {
    // os.freemem() then
  }
  return { totalBytes, usedBytes: totalBytes - available };
}

export function disk(path: string): { path: string; totalBytes: number; usedBytes: number } {
  const s = statfsSync(path);
  const totalBytes = s.blocks * s.bsize;
  return { path, totalBytes, usedBytes: totalBytes - s.bfree * s.bsize };
}

export type Sampler = { history: () => HostSample[]; stop: () => void };

export function startSampler(home: string, intervalMs: number, keepMs = 3_600_000): Sampler {
  const samples: HostSample[] = [];
  let last = cpuTimes();
  let lastShare = 0;
  const take = () => {
    const now = cpuTimes();
    const total = now.total - last.total;
    lastShare = total > 0 ? (now.busy - last.busy) / total : lastShare;
    last = now;
    const mem = memory();
    const d = disk(home);
    samples.push({
      at: new Date().toISOString(),
      cpu: Math.round(lastShare * 1000) / 1000,
      load1: os.loadavg()[0] ?? 0,
      memUsedBytes: mem.usedBytes,
      memTotalBytes: mem.totalBytes,
      diskUsedBytes: d.usedBytes,
      diskTotalBytes: d.totalBytes,
    });
    const keep = Math.max(1, Math.ceil(keepMs / intervalMs));
    if (samples.length > keep) samples.splice(0, samples.length - keep);
  };
  // The first reading needs a moment of CPU counters to compare with.
  const first = setTimeout(take, Math.min(1_000, intervalMs));
  const timer = setInterval(take, intervalMs);
  first.unref();
  timer.unref();
  return {
    history: () => [...samples],
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
