import type { TPrisma } from "@/lib/db/prisma";
import { GUIDE_CATALOG, type TServiceKind } from "@/lib/services/catalog";

// Puts the guide's service catalog in place. Idempotent: existing services keep what admins
// changed; only the endpoints passed in (the demo's local ports, which move between runs) are
// refreshed, and recovery objectives are filled in where a service has none yet (catalogs seeded
// before RTO/RPO existed). A service whose admin cleared both gets them back on the next seed:
// "no objective at all" is not a state worth keeping for a catalog service.
export async function seedServiceCatalog(db: TPrisma, endpoints: Record<string, { endpoint: string | null; kind?: TServiceKind }> = {}) {
  for (const entry of GUIDE_CATALOG) {
    const target = endpoints[entry.id];
    const { thresholds, rtoMinutes = null, rpoMinutes = null, ...fields } = entry;
    const existing = await db.service.findUnique({ where: { id: entry.id }, select: { endpoint: true, kind: true, rtoMinutes: true, rpoMinutes: true } });
    if (!existing) {
      await db.service.create({ data: { ...fields, rtoMinutes, rpoMinutes, thresholds: thresholds ?? {}, kind: target?.kind ?? entry.kind, endpoint: target?.endpoint ?? null } });
      continue;
    }
    if (existing.rtoMinutes === null && existing.rpoMinutes === null && (rtoMinutes !== null || rpoMinutes !== null)) {
      await db.service.update({ where: { id: entry.id }, data: { rtoMinutes, rpoMinutes } });
    }
    if (target && (existing.endpoint !== target.endpoint || existing.kind !== (target.kind ?? entry.kind))) {
      await db.service.update({
        where: { id: entry.id },
        data: { endpoint: target.endpoint, kind: target.kind ?? entry.kind, status: "unknown", statusSince: new Date(), pendingStatus: null, pendingCount: 0, nextCheckAt: new Date() },
      });
    }
  }
  return { services: GUIDE_CATALOG.length };
}
