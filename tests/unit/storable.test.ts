import { describe, expect, it } from "vitest";
import { storable, storableText, unstorablePath } from "@/lib/db/storable";

describe("text PostgreSQL can store", () => {
  it("finds a NUL, a lone surrogate or a __proto__ key wherever it is, and says where", () => {
    expect(unstorablePath({ title: "ok", tags: ["a", "b\u0000"] })).toBe("tags.1");
    expect(unstorablePath({ note: "broken \ud800 pair" })).toBe("note");
    expect(unstorablePath(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toBe("a.__proto__");
    expect(unstorablePath("\udfff")).toBe("_");
    // A complete surrogate pair (an emoji) is fine.
    expect(unstorablePath({ title: "deploy 🚀 done", n: 3, nothing: null })).toBeNull();
  });

  it("replaces what cannot be stored and keeps everything else", () => {
    expect(storableText("a\u0000b\ud800c")).toBe("a\ufffdb\ufffdc");
    expect(storableText(null)).toBeNull();
    const copy = storable(JSON.parse('{"t":"x\\u0000","__proto__":{"admin":true},"list":[1,"🚀"]}')) as Record<string, unknown>;
    expect(JSON.stringify(copy)).toBe('{"t":"x\ufffd","[__proto__]":{"admin":true},"list":[1,"🚀"]}');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
