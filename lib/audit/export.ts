import type { TPrisma } from "@/lib/db/prisma";
import type { Prisma } from "@/generated/prisma/client";

// Streaming export of the audit log: rows are read in keyset batches as the client consumes
// them, so memory stays flat whether the export has a hundred rows or millions.

export type TExportFormat = "csv" | "jsonl";

const COLUMNS = ["id", "at", "actorEmail", "actorRoles", "action", "targetType", "targetId", "outcome", "ip", "userAgent", "requestId", "payload", "prevHash", "hash"] as const;
const BATCH = 2_000;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type TRow = Prisma.AuditEventGetPayload<object>;

function line(row: TRow, format: TExportFormat): string {
  if (format === "jsonl") {
    return JSON.stringify({ ...row, id: row.id.toString(), at: row.at.toISOString() }) + "\n";
  }
  return COLUMNS.map((c) => csvCell(c === "id" ? row.id.toString() : c === "actorRoles" ? row.actorRoles.join(" ") : row[c])).join(",") + "\n";
}

export function auditExportStream(db: TPrisma, where: Prisma.AuditEventWhereInput, format: TExportFormat, onDone?: (rows: number) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: bigint | undefined;
  let count = 0;
  let isHeaderSent = format === "jsonl";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        controller.enqueue(encoder.encode(COLUMNS.join(",") + "\n"));
        isHeaderSent = true;
      }
      const rows = await db.auditEvent.findMany({
        where: { AND: [where, afterId === undefined ? {} : { id: { gt: afterId } }] },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map((r) => line(r, format)).join("")));
        afterId = rows.at(-1)!.id;
        count += rows.length;
      }
      if (rows.length < BATCH) {
        controller.close();
        onDone?.(count);
      }
    },
  });
}
