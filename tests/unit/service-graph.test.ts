import { describe, expect, it } from "vitest";
import { blastRadius, bySeverity, dependencyCycle, type TGraphService } from "@/lib/services/graph";
import { layoutServiceMap } from "@/lib/services/layout";
import { GUIDE_CATALOG } from "@/lib/services/catalog";

const catalog: TGraphService[] = GUIDE_CATALOG.map((c) => ({ id: c.id, name: c.name, status: "ok", dependsOn: c.dependsOn, isCritical: c.isCritical, isDegradedPath: c.isDegradedPath }));

describe("[SERVICES][GRAPH] blast radius", () => {
  it("PostgreSQL down takes the API, the workers and OpsDeck with it (the guide's map)", () => {
    expect(blastRadius(catalog, "postgres")).toEqual(["api", "event-workers", "opsdeck", "timeout-workers"]);
  });
  it("follows dependents transitively", () => {
    const chain: TGraphService[] = [
      { id: "a", name: "A", status: "ok", dependsOn: ["b"], isCritical: false, isDegradedPath: false },
      { id: "b", name: "B", status: "ok", dependsOn: ["c"], isCritical: false, isDegradedPath: false },
      { id: "c", name: "C", status: "ok", dependsOn: [], isCritical: false, isDegradedPath: false },
    ];
    expect(blastRadius(chain, "c")).toEqual(["a", "b"]);
    expect(blastRadius(chain, "a")).toEqual([]);
  });
  it("Nginx down blocks the frontend and the API", () => {
    expect(blastRadius(catalog, "nginx")).toEqual(["api", "frontend"]);
  });
});

describe("[SERVICES][GRAPH] cycles", () => {
  it("refuses a dependency that would close a loop, and names it", () => {
    expect(dependencyCycle(catalog, "postgres", ["api"])).toEqual(["postgres", "api", "postgres"]);
    expect(dependencyCycle(catalog, "api", ["postgres", "redis"])).toBeNull();
    expect(dependencyCycle(catalog, "new-one", ["api"])).toBeNull();
  });
});

describe("[SERVICES][GRAPH] phone order", () => {
  it("puts what is down first, critical before the rest", () => {
    const list = bySeverity([
      { name: "b ok", status: "ok" as const, isCritical: false },
      { name: "c down", status: "error" as const, isCritical: false },
      { name: "d down critical", status: "error" as const, isCritical: true },
      { name: "a unknown", status: "unknown" as const, isCritical: false },
      { name: "e slow", status: "degraded" as const, isCritical: false },
    ]);
    expect(list.map((s) => s.name)).toEqual(["d down critical", "c down", "e slow", "a unknown", "b ok"]);
  });
});

describe("[SERVICES][GRAPH] layout", () => {
  it("places every service, a dependency to the right of its dependents, and marks critical edges", () => {
    const layout = layoutServiceMap(catalog);
    expect(layout.nodes).toHaveLength(catalog.length);
    const x = (id: string) => layout.nodes.find((n) => n.id === id)!.x;
    expect(x("postgres")).toBeGreaterThan(x("api"));
    expect(x("nginx")).toBeGreaterThan(x("frontend"));
    expect(layout.edges.find((e) => e.from === "api" && e.to === "postgres")?.isCritical).toBe(true);
    expect(layout.edges.find((e) => e.from === "api" && e.to === "redis")?.isCritical).toBe(false);
  });
  it("lays out 200 services", () => {
    const many: TGraphService[] = Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, status: "ok", dependsOn: i > 0 ? [`s${Math.floor((i - 1) / 3)}`] : [], isCritical: false, isDegradedPath: false }));
    const layout = layoutServiceMap(many);
    expect(layout.nodes).toHaveLength(200);
    expect(layout.edges).toHaveLength(199);
    expect(layout.width).toBeGreaterThan(0);
  });
});
