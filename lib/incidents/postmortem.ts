import { SEVERITY_INFO, durationLabel, incidentRef, type TSeverity } from "@/lib/incidents/model";

// The post-mortem template (the escrow guide §7), prefilled from what OpsDeck recorded: the
// duration, the affected services, the timeline, and every runbook run step in order. People
// write the parts only they know (root cause, lessons, action items). Pure.

export type TPostmortemFacts = {
  number: number;
  title: string;
  severity: TSeverity;
  commander: string | null;
  summary: string;
  services: string[];
  detectedAt: Date;
  resolvedAt: Date | null;
  timeline: { at: Date; actorEmail: string | null; text: string }[];
  runs: { runbookId: string; title: string; status: string; steps: { at: Date; title: string; action: string; outcome: string | null; value: string | null; note: string | null; actorEmail: string }[] }[];
};

const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

export function draftPostmortem(f: TPostmortemFacts): string {
  const end = f.resolvedAt ?? new Date();
  const duration = durationLabel((end.getTime() - f.detectedAt.getTime()) / 1000);
  const lines = [
    `# Incident Post-Mortem: ${f.title}`,
    "",
    `**Incident**: ${incidentRef(f.number)}`,
    `**Date**: ${f.detectedAt.toISOString().slice(0, 10)}`,
    `**Duration**: ${duration} (from detection ${hhmm(f.detectedAt)} UTC to ${f.resolvedAt ? `resolution ${hhmm(f.resolvedAt)} UTC` : "now — not resolved yet"})`,
    `**Severity**: ${f.severity} — ${SEVERITY_INFO[f.severity].description}`,
    `**Commander**: ${f.commander ?? "none assigned"}`,
    "",
    "## Summary",
    f.summary || "One paragraph: what happened and what it meant for users.",
    "",
    "## Impact",
    `- Services affected: ${f.services.length ? f.services.join(", ") : "none recorded"}`,
    "- Users affected: [number / percentage]",
    "- Orders affected: [number]",
    "- Funds at risk: [amount / none]",
    "- Revenue impact: [amount]",
    "",
    "## Timeline (UTC)",
    "| Time | Event |",
    "|------|-------|",
    ...f.timeline.map((e) => `| ${hhmm(e.at)} | ${cell(e.text)}${e.actorEmail ? ` (${e.actorEmail})` : ""} |`),
    "",
    "## Runbook runs",
    ...(f.runs.length === 0
      ? ["No runbook was run."]
      : f.runs.flatMap((run) => [
          `### ${run.runbookId} ${run.title} — ${run.status}`,
          "",
          ...run.steps.map((s, i) => {
            const result = [s.outcome, s.value, s.note].filter(Boolean).join(" — ");
            return `${i + 1}. ${hhmm(s.at)} ${s.title}: ${s.action}${result ? ` (${result.replace(/\s*\n\s*/g, "; ")})` : ""} — ${s.actorEmail}`;
          }),
          "",
        ])),
    "",
    "## Root Cause",
    "Technical explanation of what caused the incident.",
    "",
    "## Resolution",
    "What was done to fix the issue.",
    "",
    "## Lessons Learned",
    "### What went well",
    "- ...",
    "",
    "### What went poorly",
    "- ...",
    "",
    "## Action Items",
    "| Action | Owner | Deadline |",
    "|--------|-------|----------|",
    "| [Improvement] | [Name] | YYYY-MM-DD |",
    "",
  ];
  return lines.join("\n");
}
