import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { handleAlertmanagerWebhook } from "@/lib/alerts/alertmanager";

export const dynamic = "force-dynamic";

/**
 * POST /api/alerts/alertmanager — Alertmanager's webhook receiver. Configure it with
 * `http_config: { authorization: { credentials: <ALERT_WEBHOOK_TOKEN> } }` (sent as a Bearer token).
 * No session: the token is the credential. Unset token: 404.
 */
export async function POST(request: NextRequest) {
  const { status, body } = await handleAlertmanagerWebhook(db, {
    token: env().ALERT_WEBHOOK_TOKEN,
    authorization: request.headers.get("authorization"),
    contentLength: request.headers.get("content-length"),
    readBody: () => request.text(),
  });
  if (status === 400 || status === 413) log.warn({ route: "alertmanager", status, error: body.ok ? undefined : body.error }, "alertmanager webhook refused");
  if (status === 200 && body.ok) log.info({ route: "alertmanager", ...body.data }, "alertmanager webhook stored");
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store", ...(status === 401 ? { "www-authenticate": 'Bearer realm="opsdeck-alerts"' } : {}) } });
}
