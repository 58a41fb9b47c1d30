import { z } from "zod";
import { defineOperation } from "@/lib/operations/define";
import { runDailyCheck } from "@/lib/daily/run";

// The daily check's button: the same checks as the scheduled run, now, stored with who asked.
export const runDailyCheckNow = defineOperation({
  id: "daily.check.run",
  title: "Run the daily operations check",
  description: "Service health, errors, orders, disputes, chain sync, database, Redis, job workers and disk — stored with every value.",
  risk: "low",
  input: z.object({}).strict(),
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: () => ({ type: "daily-check", id: "daily" }),
  summary: () => "Run the daily operations check",
  // Outside the database transaction (it reads the chains' sync state and the disk); the run's id is
  // the execution's, so a retry after a crash finds it instead of running twice.
  external: ({ db, requester, executionId }) => runDailyCheck(db, { trigger: "button", by: requester.email, id: executionId }),
  execute: async ({ external }) => external,
});

export const DAILY_OPERATIONS = [runDailyCheckNow];
