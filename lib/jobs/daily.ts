import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { beat, registerJob } from "@/lib/jobs/heartbeat";
import { runScheduledIfDue } from "@/lib/daily/run";

// The daily operations check at its hour (threshold dailyCheckHourUtc, 08:00 UTC by default):
// looked at every minute, run once per UTC day across instances.
const EVERY_MS = 60_000;

export function startDailyCheckJob() {
  registerJob("daily-check", EVERY_MS);
  const tick = async () => {
    const started = Date.now();
    try {
      const ran = await runScheduledIfDue(db);
      if (ran) log.info({ job: "daily-check", ...ran }, "daily operations check ran");
      beat("daily-check", true, started);
    } catch (err) {
      beat("daily-check", false, started);
      log.warn({ job: "daily-check", err: err instanceof Error ? err.message : String(err) }, "daily operations check failed to run");
    }
  };
  setTimeout(tick, 10_000).unref();
  setInterval(tick, EVERY_MS).unref();
}
