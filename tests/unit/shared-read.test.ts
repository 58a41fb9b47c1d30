import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearSharedReads, sharedRead } from "@/lib/cache/shared-read";

describe("shared reads (the navigation's badges, the overview's tiles)", () => {
  beforeAll(() => {
    process.env.OPSDECK_SHARED_READS = "on";
  });
  afterAll(() => {
    delete process.env.OPSDECK_SHARED_READS;
  });

  it("runs one read for concurrent requests and reuses it until the TTL passes or a change clears it", async () => {
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 20));
      return reads;
    };
    const together = await Promise.all(Array.from({ length: 16 }, () => sharedRead("k", 60, read)));
    expect(together).toEqual(Array(16).fill(1));
    expect(await sharedRead("k", 60, read)).toBe(1);
    await new Promise((r) => setTimeout(r, 70));
    expect(await sharedRead("k", 60, read)).toBe(2);
    clearSharedReads();
    expect(await sharedRead("k", 60, read)).toBe(3);
  });

  it("never keeps a failed read", async () => {
    let calls = 0;
    await expect(sharedRead("f", 10_000, async () => (calls++, Promise.reject(new Error("database away"))))).rejects.toThrow("database away");
    expect(await sharedRead("f", 10_000, async () => (calls++, "back"))).toBe("back");
    expect(calls).toBe(2);
  });
});
