import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { defineOperation, type TActor, type TAuthorizeContext } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { addIncidentEvent } from "@/lib/incidents/timeline";
import { SEVERITIES, STATUSES, STATUS_LABEL, STATUS_TIME, canMoveTo, incidentRef, type TIncidentStatus } from "@/lib/incidents/model";
import { INCIDENT_ROLES } from "@/lib/auth/roles";

// Incidents (the escrow guide §7): declared by anyone who works the platform, run by operators and
// the commander. Each change is one operation and writes its own timeline entry in the same
// transaction.

type TTx = Prisma.TransactionClient;

// The declaring roles live with the route table, which opens /incidents/new to the same people.
export { INCIDENT_ROLES };

const ZId = z.uuid({ message: "Choose an incident" });
const ZBlankToUndefined = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), inner);
const ZServices = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v),
  z
    .array(z.string().trim())
    .max(50)
    .transform((items) => [...new Set(items.filter(Boolean))]),
);

async function checkServices(tx: TTx, services: string[]) {
  if (services.length === 0) return;
  const known = await tx.service.findMany({ where: { id: { in: services } }, select: { id: true } });
  const missing = services.filter((s) => !known.some((k) => k.id === s));
  if (missing.length) throw new OperationError("INVALID_INPUT", "Unknown service", { services: [`Not in the catalog: ${missing.join(", ")}`] });
}

/** Commanders run the incident (status, severity): active operators and admins only, as the picker shows. */
async function activeUser(tx: TTx, id: string) {
  const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true, disabledAt: true, roles: true } });
  if (!user || user.disabledAt || !user.roles.some((r) => r === "operator" || r === "admin")) {
    throw new OperationError("INVALID_INPUT", "Choose an active operator or admin as commander", { commanderId: ["Choose an active operator or admin"] });
  }
  return user;
}

async function lockIncident(tx: TTx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Incident" WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new OperationError("NOT_FOUND", "This incident does not exist");
  return tx.incident.findUniqueOrThrow({ where: { id }, include: { commander: { select: { email: true } }, postmortem: { select: { publishedAt: true } } } });
}

export const declareIncident = defineOperation({
  id: "incident.declare",
  title: "Declare an incident",
  description: "Opens the war room: severity, affected services and a commander. The timeline starts now.",
  risk: "low",
  input: z.object({
    title: z.string({ message: "Say what is wrong" }).trim().min(5, "Say what is wrong (at least 5 characters)").max(200),
    severity: z.enum(SEVERITIES, { message: "Choose a severity" }),
    services: ZServices.default([]),
    commanderId: ZBlankToUndefined(z.uuid({ message: "Choose a commander" }).optional()),
    summary: z.string().trim().max(2_000).default(""),
  }),
  allowed: INCIDENT_ROLES,
  approval: null,
  summary: (input) => `Declare ${input.severity}: ${input.title}`,
  async execute({ tx, requester }, input) {
    await checkServices(tx, input.services);
    const commander = input.commanderId ? await activeUser(tx, input.commanderId) : null;
    const incident = await tx.incident.create({
      data: { title: input.title, severity: input.severity, services: input.services, summary: input.summary, commanderId: commander?.id ?? null, declaredBy: requester.email },
      select: { id: true, number: true },
    });
    await addIncidentEvent(tx, incident.id, {
      kind: "declared",
      actorEmail: requester.email,
      text: `${input.severity} declared by ${requester.email}${commander ? `; commander ${commander.email}` : ""}${input.services.length ? `; affects ${input.services.join(", ")}` : ""}`,
    });
    return { incidentId: incident.id, number: incident.number, ref: incidentRef(incident.number) };
  },
});

/** Status, severity and commander changes: operators and admins, or the incident's commander. */
async function mayRun(actor: TActor, incidentId: string, ctx: TAuthorizeContext): Promise<string | null> {
  if (actor.roles.some((r) => r === "operator" || r === "admin")) return null;
  const incident = await ctx.db.incident.findUnique({ where: { id: incidentId }, select: { commanderId: true } });
  return incident?.commanderId === actor.id ? null : "Only operators, admins or this incident's commander can change it";
}

export const updateIncident = defineOperation({
  id: "incident.update",
  title: "Update an incident",
  description: "Moves the lifecycle forward (detected → triaged → mitigating → resolved), changes severity, commander or affected services.",
  risk: "low",
  input: z
    .object({
      incidentId: ZId,
      status: ZBlankToUndefined(z.enum(STATUSES, { message: "Choose a status" }).optional()),
      severity: ZBlankToUndefined(z.enum(SEVERITIES, { message: "Choose a severity" }).optional()),
      /** "none" takes the commander off (blank means "no change"). */
      commanderId: ZBlankToUndefined(z.union([z.literal("none"), z.uuid({ message: "Choose a commander" })]).optional()),
      services: ZBlankToUndefined(ZServices.optional()),
    })
    .refine((v) => v.status || v.severity || v.commanderId || v.services, { message: "Nothing to change", path: ["_"] }),
  allowed: INCIDENT_ROLES,
  approval: null,
  authorize: (actor, input, ctx) => mayRun(actor, input.incidentId, ctx),
  target: (input) => ({ type: "incident", id: input.incidentId }),
  summary: (input) => [input.status && `status → ${STATUS_LABEL[input.status]}`, input.severity && `severity → ${input.severity}`, input.commanderId && "new commander", input.services && "affected services"].filter(Boolean).join(", "),
  async execute({ tx, requester }, input) {
    const incident = await lockIncident(tx, input.incidentId);
    const now = new Date();
    const data: Prisma.IncidentUpdateInput = {};
    const changes: string[] = [];
    if (input.status && input.status !== incident.status) {
      if (!canMoveTo(incident.status, input.status)) throw new OperationError("CONFLICT", `An incident moves forward only: it is already ${STATUS_LABEL[incident.status].toLowerCase()}`);
      if (input.status === "postmortem_done" && (incident.severity === "P0" || incident.severity === "P1") && !incident.postmortem?.publishedAt) {
        throw new OperationError("CONFLICT", "A P0 or P1 closes when its post-mortem is published");
      }
      data.status = input.status;
      // Skipping ahead (detected → resolved) stamps the skipped stages too, so the clocks stop.
      for (const status of STATUSES.slice(STATUSES.indexOf(incident.status) + 1, STATUSES.indexOf(input.status) + 1) as Exclude<TIncidentStatus, "detected">[]) {
        if (!incident[STATUS_TIME[status]]) data[STATUS_TIME[status]] = now;
      }
      await addIncidentEvent(tx, incident.id, { kind: "status", actorEmail: requester.email, text: `${STATUS_LABEL[incident.status]} → ${STATUS_LABEL[input.status]}` });
      changes.push("status");
    }
    if (input.severity && input.severity !== incident.severity) {
      // After resolution the severity is history: lowering a P0 must not skip its post-mortem.
      if (incident.status === "resolved" || incident.status === "postmortem_done") throw new OperationError("CONFLICT", "The severity of a resolved incident no longer changes");
      data.severity = input.severity;
      await addIncidentEvent(tx, incident.id, { kind: "severity", actorEmail: requester.email, text: `Severity ${incident.severity} → ${input.severity}` });
      changes.push("severity");
    }
    if (input.commanderId === "none" && incident.commanderId) {
      data.commander = { disconnect: true };
      await addIncidentEvent(tx, incident.id, { kind: "commander", actorEmail: requester.email, text: `Commander removed (was ${incident.commander?.email ?? "someone"})` });
      changes.push("commander");
    } else if (input.commanderId && input.commanderId !== "none" && input.commanderId !== incident.commanderId) {
      const commander = await activeUser(tx, input.commanderId);
      data.commander = { connect: { id: commander.id } };
      await addIncidentEvent(tx, incident.id, { kind: "commander", actorEmail: requester.email, text: `Commander: ${commander.email}${incident.commander ? ` (was ${incident.commander.email})` : ""}` });
      changes.push("commander");
    }
    if (input.services && [...input.services].sort().join(",") !== [...incident.services].sort().join(",")) {
      await checkServices(tx, input.services);
      data.services = input.services;
      await addIncidentEvent(tx, incident.id, { kind: "services", actorEmail: requester.email, text: `Affected services: ${input.services.join(", ") || "none"}` });
      changes.push("services");
    }
    if (changes.length) await tx.incident.update({ where: { id: incident.id }, data });
    return { incidentId: incident.id, changed: changes };
  },
});

export const addIncidentNote = defineOperation({
  id: "incident.note",
  title: "Add a note to an incident",
  description: "What you saw or did, on the timeline for everyone in the war room.",
  risk: "low",
  input: z.object({ incidentId: ZId, text: z.string({ message: "Write the note" }).trim().min(1, "Write the note").max(2_000, "At most 2,000 characters") }),
  allowed: INCIDENT_ROLES,
  approval: null,
  target: (input) => ({ type: "incident", id: input.incidentId }),
  summary: () => "Note on an incident",
  async execute({ tx, requester }, input) {
    const incident = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true } });
    if (!incident) throw new OperationError("NOT_FOUND", "This incident does not exist");
    await addIncidentEvent(tx, incident.id, { kind: "note", actorEmail: requester.email, text: input.text });
    return { incidentId: incident.id };
  },
});

export const savePostmortem = defineOperation({
  id: "postmortem.save",
  title: "Save a post-mortem draft",
  description: "Keeps the Markdown draft; publishing makes it final.",
  risk: "low",
  input: z.object({ incidentId: ZId, markdown: z.string({ message: "Write the post-mortem" }).trim().min(20, "Write the post-mortem (at least 20 characters)").max(100_000, "At most 100,000 characters") }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "incident", id: input.incidentId }),
  summary: () => "Save a post-mortem draft",
  async execute({ tx, requester }, input) {
    const incident = await lockIncident(tx, input.incidentId);
    if (incident.postmortem?.publishedAt) throw new OperationError("CONFLICT", "This post-mortem is published and can no longer change");
    await tx.postmortem.upsert({
      where: { incidentId: incident.id },
      create: { incidentId: incident.id, markdown: input.markdown, updatedBy: requester.email },
      update: { markdown: input.markdown, updatedBy: requester.email },
    });
    return { incidentId: incident.id, characters: input.markdown.length };
  },
});

export const publishPostmortem = defineOperation({
  id: "postmortem.publish",
  title: "Publish a post-mortem",
  description: "Makes the saved post-mortem final and closes the incident (post-mortem done).",
  risk: "low",
  input: z.object({ incidentId: ZId }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "incident", id: input.incidentId }),
  summary: () => "Publish a post-mortem",
  async execute({ tx, requester }, input) {
    const incident = await lockIncident(tx, input.incidentId);
    if (incident.status !== "resolved" && incident.status !== "postmortem_done") throw new OperationError("CONFLICT", "Resolve the incident before publishing its post-mortem");
    const draft = await tx.postmortem.findUnique({ where: { incidentId: incident.id } });
    if (!draft) throw new OperationError("CONFLICT", "Save the post-mortem draft first");
    if (draft.publishedAt) throw new OperationError("CONFLICT", "This post-mortem is already published");
    const now = new Date();
    await tx.postmortem.update({ where: { incidentId: incident.id }, data: { publishedAt: now, publishedBy: requester.email } });
    await tx.incident.update({ where: { id: incident.id }, data: { status: "postmortem_done", postmortemDoneAt: now } });
    await addIncidentEvent(tx, incident.id, { kind: "postmortem", actorEmail: requester.email, text: `Post-mortem published by ${requester.email}; incident closed` });
    return { incidentId: incident.id, publishedAt: now.toISOString() };
  },
});

export const INCIDENT_OPERATIONS = [declareIncident, updateIncident, addIncidentNote, savePostmortem, publishPostmortem];
