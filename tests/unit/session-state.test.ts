import { describe, expect, it, vi } from "vitest";

vi.mock("next-auth", () => ({ getServerSession: vi.fn() }));
vi.mock("@/lib/auth/options", () => ({ authOptions: vi.fn() }));
vi.mock("@/lib/db/client", () => ({ db: {} }));

const { sessionState } = await import("@/lib/auth/session");

describe("[AUTH][SESSIONS]: inactivity", () => {
  const now = new Date("2026-11-24T03:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("expires a session idle for longer than the configured hours", () => {
    expect(sessionState({ lastSeenAt: ago(12 * 3600_000 + 1), now, idleHours: 12 })).toBe("expired");
    expect(sessionState({ lastSeenAt: ago(2 * 3600_000 + 1), now, idleHours: 2 })).toBe("expired");
  });

  it("keeps an active session and records activity at most once a minute", () => {
    expect(sessionState({ lastSeenAt: ago(11 * 3600_000), now, idleHours: 12 })).toBe("touch");
    expect(sessionState({ lastSeenAt: ago(30_000), now, idleHours: 12 })).toBe("fresh");
  });
});
