// The platform's own scheduled tasks (the escrow guide §5 "Schedule Summary"), as data the
// scheduled-tasks page lists beside OpsDeck's jobs, with when each runs next. Pure.

export type TCadence =
  | { kind: "every"; seconds: number }
  | { kind: "daily"; hour: number; minute: number }
  | { kind: "weekly"; weekday: number; hour: number; minute: number }
  | { kind: "monthly"; day: number; hour: number; minute: number };

export type TPlatformTask = { task: string; cadence: TCadence; frequency: string; runner: string; details: string; /** Where OpsDeck sees its outcome, if anywhere. */ reportedBy?: "backup" | "daily-check" };

export const PLATFORM_TASKS: readonly TPlatformTask[] = [
  { task: "Blockchain event poll (primary chain)", cadence: { kind: "every", seconds: 3 }, frequency: "Every 3 s", runner: "Task scheduler", details: "event_listener.poll_events" },
  { task: "Blockchain event poll (second chain)", cadence: { kind: "every", seconds: 12 }, frequency: "Every 12 s", runner: "Task scheduler", details: "event_listener.poll_events (block time)" },
  { task: "Order timeout scan", cadence: { kind: "every", seconds: 60 }, frequency: "Every 60 s", runner: "Task scheduler", details: "timeout_checker: seller and buyer timeouts" },
  { task: "Nonce cleanup", cadence: { kind: "every", seconds: 900 }, frequency: "Every 15 min", runner: "Task scheduler", details: "Remove expired Redis nonces" },
  { task: "Daily health check", cadence: { kind: "daily", hour: 8, minute: 0 }, frequency: "08:00 UTC", runner: "OpsDeck", details: "The daily operations check", reportedBy: "daily-check" },
  { task: "Database backup", cadence: { kind: "daily", hour: 3, minute: 0 }, frequency: "03:00 UTC", runner: "Cron", details: "backup.sh → local + offsite", reportedBy: "backup" },
  { task: "Database vacuum", cadence: { kind: "weekly", weekday: 0, hour: 4, minute: 0 }, frequency: "Sunday 04:00", runner: "Cron", details: "vacuumdb -z" },
  { task: "User tier recalculation", cadence: { kind: "daily", hour: 3, minute: 0 }, frequency: "03:00 UTC", runner: "Task scheduler", details: "Batch update tiers" },
  { task: "Message purge (> 1 year)", cadence: { kind: "monthly", day: 1, hour: 4, minute: 0 }, frequency: "1st of month", runner: "Task scheduler", details: "Delete old messages" },
  { task: "Product purge (deleted > 90 d)", cadence: { kind: "monthly", day: 1, hour: 4, minute: 30 }, frequency: "1st of month", runner: "Task scheduler", details: "Hard-delete soft-deleted" },
  { task: "TLS certificate renewal", cadence: { kind: "daily", hour: 6, minute: 0 }, frequency: "Daily 06:00", runner: "Cron", details: "Auto-renew if < 30 days" },
  { task: "Container image prune", cadence: { kind: "weekly", weekday: 0, hour: 2, minute: 0 }, frequency: "Sunday 02:00", runner: "Cron", details: "Remove dangling images and volumes" },
  { task: "Backup cleanup", cadence: { kind: "daily", hour: 5, minute: 0 }, frequency: "Daily 05:00", runner: "Cron", details: "Remove backups > 30 days" },
];

/** The next time a cadence fires after `now` (UTC). */
export function nextRun(cadence: TCadence, now: Date): Date {
  if (cadence.kind === "every") return new Date(Math.ceil((now.getTime() + 1) / (cadence.seconds * 1000)) * cadence.seconds * 1000);
  const at = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d, cadence.hour, cadence.minute));
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  if (cadence.kind === "daily") {
    const today = at(y, m, d);
    return today > now ? today : at(y, m, d + 1);
  }
  if (cadence.kind === "weekly") {
    const ahead = (cadence.weekday - now.getUTCDay() + 7) % 7;
    const candidate = at(y, m, d + ahead);
    return candidate > now ? candidate : at(y, m, d + ahead + 7);
  }
  const thisMonth = at(y, m, cadence.day);
  return thisMonth > now ? thisMonth : at(y, m + 1, cadence.day);
}
