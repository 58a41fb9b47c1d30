import { z } from "zod";
import { defineOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { SILENCE_MINUTES, silenceDurationLabel } from "@/lib/alerts/silences";

// Silencing mutes an alert on OpsDeck's pages for a while; recording goes on, so the history and
// the chart stay true. Operators and admins (who run incidents) may; it changes nothing on the
// platform, so no approval. Durations come from a short list: an open-ended silence is how real
// alerts get missed.

const ZOptionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(200).optional());

export const silenceAlert = defineOperation({
  id: "alert.silence",
  title: "Silence an alert",
  description: "Mute one alert (or every alert of a name) on OpsDeck's pages for a while. It keeps being recorded.",
  risk: "low",
  input: z
    .object({
      fingerprint: ZOptionalText,
      alertName: ZOptionalText,
      minutes: z.coerce
        .number({ message: "Choose how long" })
        .refine((v): v is (typeof SILENCE_MINUTES)[number] => (SILENCE_MINUTES as readonly number[]).includes(v), `Choose ${SILENCE_MINUTES.map(silenceDurationLabel).join(", ")}`),
      reason: z.string({ message: "Say why" }).trim().min(5, "Say why, in a few words (at least 5 characters)").max(500),
    })
    .superRefine((v, ctx) => {
      if (!v.fingerprint === !v.alertName) ctx.addIssue({ code: "custom", path: ["fingerprint"], message: "Silence either one alert (fingerprint) or an alert name, not both or neither" });
    }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "alert", id: input.fingerprint ?? `name:${input.alertName}` }),
  summary: (input) => `Silence ${input.fingerprint ?? `every “${input.alertName}” alert`} for ${silenceDurationLabel(input.minutes)}`,
  async execute({ tx, requester }, input) {
    const until = new Date(Date.now() + input.minutes * 60_000);
    const silence = await tx.alertSilence.create({
      data: { fingerprint: input.fingerprint ?? null, alertName: input.alertName ?? null, until, reason: input.reason, createdBy: requester.email },
      select: { id: true },
    });
    return { silenceId: silence.id, fingerprint: input.fingerprint ?? null, alertName: input.alertName ?? null, until: until.toISOString() };
  },
});

export const unsilenceAlert = defineOperation({
  id: "alert.unsilence",
  title: "End an alert silence",
  description: "Show a silenced alert as loud again, before its silence runs out.",
  risk: "low",
  input: z.object({ silenceId: z.uuid({ message: "Choose a silence" }) }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "alert-silence", id: input.silenceId }),
  summary: () => "End an alert silence",
  async execute({ tx }, input) {
    const silence = await tx.alertSilence.findUnique({ where: { id: input.silenceId } });
    if (!silence) throw new OperationError("NOT_FOUND", "That silence does not exist");
    const now = new Date();
    // Ending an ended silence changes nothing (a second click, another operator first).
    if (silence.until <= now) return { silenceId: silence.id, before: silence.until.toISOString(), after: silence.until.toISOString() };
    await tx.alertSilence.update({ where: { id: silence.id }, data: { until: now } });
    return { silenceId: silence.id, before: silence.until.toISOString(), after: now.toISOString() };
  },
});

export const ALERT_OPERATIONS = [silenceAlert, unsilenceAlert] as const;
