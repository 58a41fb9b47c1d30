import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://127.0.0.1:5432/opsdeck" };

describe("[ENV]: configuration is parsed once, with readable errors", () => {
  it("applies defaults", () => {
    const env = loadEnv({ ...base, NODE_ENV: "test" });
    expect(env.SESSION_IDLE_HOURS).toBe(12);
    expect(env.OPSDECK_DEMO).toBe(false);
  });

  it("names a missing DATABASE_URL", () => {
    expect(() => loadEnv({ NODE_ENV: "test" })).toThrow(/DATABASE_URL/);
  });

  it("rejects a non-numeric idle timeout", () => {
    expect(() => loadEnv({ ...base, NODE_ENV: "test", SESSION_IDLE_HOURS: "soon" })).toThrow(ConfigError);
  });
});

describe("[ENV]: production refuses to start with a weak configuration", () => {
  it("names a missing NEXTAUTH_SECRET", () => {
    expect(() => loadEnv({ ...base, NODE_ENV: "production", NEXTAUTH_URL: "https://ops.example" })).toThrow(/NEXTAUTH_SECRET/);
  });

  it("names a short NEXTAUTH_SECRET", () => {
    expect(() => loadEnv({ ...base, NODE_ENV: "production", NEXTAUTH_URL: "https://ops.example", NEXTAUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("accepts a complete production configuration", () => {
    const env = loadEnv({ ...base, NODE_ENV: "production", NEXTAUTH_URL: "https://ops.example", NEXTAUTH_SECRET: "x".repeat(40) });
    expect(env.NODE_ENV).toBe("production");
  });
});
