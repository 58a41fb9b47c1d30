import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { defineOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { dependencyCycle } from "@/lib/services/graph";
import { endpointProblem } from "@/lib/services/endpoint";

// The service catalog is edited by admins through these operations (no approval: it changes what
// OpsDeck watches, not the platform). Dependencies must exist and must not form a loop.

const KINDS = ["http", "postgres", "redis", "evm", "xrpl", "tcp"] as const;

const ZList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v),
  z.array(z.string().trim()).transform((items) => [...new Set(items.filter(Boolean))]),
);

const ZCheckbox = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

// Recovery objectives in minutes. Optional: a form without the fields (or an API call that leaves
// them out) keeps what the service has; an empty field clears the objective.
const ZObjectiveMinutes = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.coerce.number({ message: "Enter minutes" }).int("Whole minutes").min(1, "At least 1 min").max(10_080, "At most a week").nullable().optional(),
);

const ZServiceFields = z
  .object({
    name: z.string().trim().min(2, "At least 2 characters").max(80),
    kind: z.enum(KINDS, { message: "Choose what kind of check to run" }),
    endpoint: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(500).nullable()),
    owner: z.string().trim().min(2, "Who is responsible (a team or a person)").max(80),
    description: z.string().trim().max(500).default(""),
    failureImpact: z.string().trim().min(3, "Say what users notice when it fails").max(500),
    dependsOn: ZList.default([]),
    runbooks: ZList.default([]),
    isCritical: ZCheckbox.default(false),
    isDegradedPath: ZCheckbox.default(false),
    intervalSeconds: z.coerce.number({ message: "Enter seconds" }).int().min(10, "At least 10 s").max(3600, "At most an hour").default(30),
    timeoutMs: z.coerce.number({ message: "Enter milliseconds" }).int().min(200, "At least 200 ms").max(30_000, "At most 30 s").default(5000),
    rtoMinutes: ZObjectiveMinutes,
    rpoMinutes: ZObjectiveMinutes,
  })
  .superRefine((v, ctx) => {
    const problem = v.endpoint ? endpointProblem(v.kind, v.endpoint) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["endpoint"], message: problem });
    if (v.timeoutMs >= v.intervalSeconds * 1000) ctx.addIssue({ code: "custom", path: ["timeoutMs"], message: "The timeout must be shorter than the interval" });
  });

const ZServiceId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "Lower-case letters, digits and dashes (2–40)");

type TTx = Prisma.TransactionClient;

async function checkDependencies(tx: TTx, id: string, dependsOn: string[]) {
  if (dependsOn.includes(id)) throw new OperationError("INVALID_INPUT", "A service cannot depend on itself", { dependsOn: ["A service cannot depend on itself"] });
  const all = await tx.service.findMany({ select: { id: true, name: true, dependsOn: true } });
  const known = new Set(all.map((s) => s.id));
  const unknown = dependsOn.filter((d) => !known.has(d));
  if (unknown.length) throw new OperationError("INVALID_INPUT", "Unknown dependency", { dependsOn: [`Not in the catalog: ${unknown.join(", ")}`] });
  const cycle = dependencyCycle(
    all.map((s) => ({ ...s, status: "unknown" as const, isCritical: false, isDegradedPath: false })),
    id,
    dependsOn,
  );
  if (cycle) throw new OperationError("INVALID_INPUT", "That would make a dependency loop", { dependsOn: [`Loop: ${cycle.join(" → ")}`] });
}

export const createService = defineOperation({
  id: "service.create",
  title: "Add a service to the catalog",
  description: "A new service on the map, with what it depends on and how it is checked.",
  risk: "low",
  input: z.intersection(z.object({ id: ZServiceId }), ZServiceFields),
  allowed: ["admin"],
  approval: null,
  target: (input) => ({ type: "service", id: input.id }),
  summary: (input) => `Add ${input.name} (${input.id}) to the service catalog`,
  async execute({ tx }, input) {
    if (await tx.service.findUnique({ where: { id: input.id }, select: { id: true } })) {
      throw new OperationError("CONFLICT", `A service with id “${input.id}” already exists`, { id: ["Already taken"] });
    }
    await checkDependencies(tx, input.id, input.dependsOn);
    const created = await tx.service.create({ data: { ...input, nextCheckAt: new Date() } });
    return { id: created.id };
  },
});

export const updateService = defineOperation({
  id: "service.update",
  title: "Change a service",
  description: "Its endpoint, dependencies, owner, checks, failure impact or recovery objectives (RTO, RPO).",
  risk: "low",
  input: z.intersection(z.object({ id: ZServiceId }), ZServiceFields),
  allowed: ["admin"],
  approval: null,
  target: (input) => ({ type: "service", id: input.id }),
  summary: (input) => `Change ${input.name} (${input.id})`,
  async execute({ tx }, input) {
    const before = await tx.service.findUnique({ where: { id: input.id } });
    if (!before) throw new OperationError("NOT_FOUND", "This service is not in the catalog");
    await checkDependencies(tx, input.id, input.dependsOn);
    const probeChanged = before.endpoint !== input.endpoint || before.kind !== input.kind;
    await tx.service.update({
      where: { id: input.id },
      // A new target starts from "unknown" and is checked at once.
      data: { ...input, ...(probeChanged ? { status: "unknown", statusSince: new Date(), pendingStatus: null, pendingCount: 0, nextCheckAt: new Date() } : {}) },
    });
    const changed = Object.keys(input).filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((input as Record<string, unknown>)[k]));
    return { id: input.id, changed };
  },
});

export const deleteService = defineOperation({
  id: "service.delete",
  title: "Remove a service from the catalog",
  description: "Its probe history goes with it. Services that depend on it must drop the dependency first.",
  risk: "medium",
  input: z.object({ id: ZServiceId }).strict(),
  allowed: ["admin"],
  approval: null,
  target: (input) => ({ type: "service", id: input.id }),
  summary: (input) => `Remove ${input.id} from the service catalog`,
  async execute({ tx }, input) {
    const service = await tx.service.findUnique({ where: { id: input.id }, select: { id: true, name: true } });
    if (!service) throw new OperationError("NOT_FOUND", "This service is not in the catalog");
    const dependents = await tx.service.findMany({ where: { dependsOn: { has: input.id } }, select: { name: true } });
    if (dependents.length) throw new OperationError("CONFLICT", `Still needed by ${dependents.map((d) => d.name).join(", ")}: remove those dependencies first`);
    await tx.service.delete({ where: { id: input.id } });
    return { id: input.id, name: service.name };
  },
});

export const SERVICE_OPERATIONS = [createService, updateService, deleteService];
