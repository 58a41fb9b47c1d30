// The service map as a graph: who depends on whom, what a failure takes down with it (the blast
// radius) and the order a phone list shows them in. Pure and light enough for the browser; the
// layout (dagre) lives in layout.ts and runs on the server. Unit-tested.

export type THealth = "ok" | "degraded" | "error" | "unknown";
export type TGraphService = { id: string; name: string; status: THealth; dependsOn: string[]; isCritical: boolean; isDegradedPath: boolean };

/** Every service that depends on `id`, directly or through others (what breaks when it breaks). */
export function blastRadius(services: readonly TGraphService[], id: string): string[] {
  const dependents = new Map<string, string[]>();
  for (const s of services) for (const d of s.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  const seen = new Set<string>();
  const queue = [...(dependents.get(id) ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next) || next === id) continue;
    seen.add(next);
    queue.push(...(dependents.get(next) ?? []));
  }
  return [...seen].sort();
}

/** Would adding these dependencies to `id` make a cycle? Returns the cycle's path if so. */
export function dependencyCycle(services: readonly TGraphService[], id: string, dependsOn: readonly string[]): string[] | null {
  const edges = new Map(services.map((s) => [s.id, s.id === id ? [...dependsOn] : s.dependsOn]));
  if (!edges.has(id)) edges.set(id, [...dependsOn]);
  const path: string[] = [];
  const visiting = new Set<string>();
  const walk = (node: string): boolean => {
    if (node === id && path.length > 0) return true;
    if (visiting.has(node)) return false;
    visiting.add(node);
    path.push(node);
    for (const next of edges.get(node) ?? []) if (walk(next)) return true;
    path.pop();
    return false;
  };
  return walk(id) ? [...path, id] : null;
}

const SEVERITY: Record<THealth, number> = { error: 0, degraded: 1, unknown: 2, ok: 3 };

/** The phone list: worst first; among equals, critical-path services first, then by name. */
export function bySeverity<T extends Pick<TGraphService, "status" | "isCritical" | "name">>(services: readonly T[]): T[] {
  return [...services].sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || Number(b.isCritical) - Number(a.isCritical) || a.name.localeCompare(b.name));
}
