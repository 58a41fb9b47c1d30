import { z } from "zod";
import { defineOperation } from "@/lib/operations/define";
import { THRESHOLDS, ZThresholdKey, settingKey } from "@/lib/settings/thresholds";

export const updateThreshold = defineOperation({
  id: "settings.threshold.update",
  title: "Change an alert threshold",
  description: "Thresholds decide when OpsDeck raises alerts and asks for approvals; two approvers confirm every change.",
  risk: "high",
  input: z.object({
    key: ZThresholdKey,
    // A blank field is missing, not zero (z.coerce would read "" as 0).
    value: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.coerce.number({ message: "Enter a number" }).finite().min(0, "Must be zero or more").max(1e12, "Too large"),
    ),
  }),
  allowed: ["operator", "admin"],
  approval: { count: 2, by: ["approver"], ttlMinutes: 60 },
  target: (input) => ({ type: "setting", id: settingKey(input.key) }),
  summary: (input) => `Set “${THRESHOLDS[input.key].label}” to ${input.value} ${THRESHOLDS[input.key].unit}`,
  async execute({ tx, requester }, input) {
    const key = settingKey(input.key);
    const before = await tx.setting.findUnique({ where: { key } });
    await tx.setting.upsert({
      where: { key },
      create: { key, value: input.value, updatedBy: requester.email },
      update: { value: input.value, updatedBy: requester.email },
    });
    return { key, before: before?.value ?? THRESHOLDS[input.key].default, after: input.value };
  },
});
