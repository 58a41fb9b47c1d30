import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { RUNBOOKS } from "@/lib/runbooks/catalog";
import { definitionProblems } from "@/lib/runbooks/engine";
import { findOperation } from "@/lib/operations/registry";
import type { TRunbook } from "@/lib/runbooks/types";

// Loads the repository's runbook definitions into the database. A definition whose content
// changed gets the next version; an unchanged one is left alone, so every instance can run this
// at start. Runs keep the version they started with (RunbookRun.version).

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function runbookHash(runbook: TRunbook): string {
  return createHash("sha256").update(stableJson(runbook)).digest("hex");
}

export function loadProblems(runbooks: readonly TRunbook[] = RUNBOOKS): string[] {
  return runbooks.flatMap((r) => [
    ...definitionProblems(r),
    ...r.steps.flatMap((s) => (s.kind === "operation" && !findOperation(s.operationId) ? [`${r.id}: step ${s.id} invokes unknown operation ${s.operationId}`] : [])),
  ]);
}

/** Stores a new version of every definition that changed. Returns the ids that got one. */
export async function syncRunbookVersions(db: TPrisma, runbooks: readonly TRunbook[] = RUNBOOKS): Promise<string[]> {
  const problems = loadProblems(runbooks);
  if (problems.length) throw new Error(`Runbook definitions are invalid:\n${problems.join("\n")}`);
  const latest = await db.runbookVersion.findMany({ distinct: ["runbookId"], orderBy: [{ runbookId: "asc" }, { version: "desc" }], select: { runbookId: true, version: true, hash: true } });
  const byId = new Map(latest.map((v) => [v.runbookId, v]));
  const changed: { runbookId: string; version: number; hash: string; title: string; definition: Prisma.InputJsonValue }[] = [];
  for (const runbook of runbooks) {
    const hash = runbookHash(runbook);
    const current = byId.get(runbook.id);
    if (current?.hash === hash) continue;
    changed.push({ runbookId: runbook.id, version: (current?.version ?? 0) + 1, hash, title: runbook.title, definition: JSON.parse(JSON.stringify(runbook)) });
  }
  // Two instances starting together write the same rows: the primary key keeps one.
  if (changed.length) await db.runbookVersion.createMany({ data: changed, skipDuplicates: true });
  return changed.map((c) => c.runbookId);
}
