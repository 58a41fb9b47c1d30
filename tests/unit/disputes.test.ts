import { describe, expect, it } from "vitest";
import { disputeLabel, disputeRef, parseDisputeRef } from "@/lib/disputes/ref";
import { ageLabel, ageTone, formatAmount } from "@/components/disputes/format";
import { ZWallet, normalizeWallet, walletKind } from "@/lib/blacklist/wallet";
import { ratePct } from "@/lib/disputes/rate";

describe("[DISPUTES][REF]: a dispute's reference in URLs and forms", () => {
  it("round-trips a chain and order id", () => {
    expect(disputeRef("evm:31337", 42n)).toBe("evm-31337-42");
    expect(parseDisputeRef("evm-31337-42")).toEqual({ chain: "evm:31337", orderId: 42n });
    expect(disputeLabel("evm:31337", 42)).toBe("#42 on EVM 31337");
  });

  it("refuses anything else", () => {
    for (const bad of ["", "evm-31337", "evm-31337-0", "xrpl-1-2", "evm-31337-42; drop", "evm-1-99999999999999999", "EVM-1-2"]) expect(parseDisputeRef(bad), bad).toBeNull();
  });
});

describe("[DISPUTES][FORMAT]: amounts and ages as the queue shows them", () => {
  it("formats whole-unit amounts with the token symbol, and says when an amount is not valued yet", () => {
    expect(formatAmount("9235.000000", "USDT")).toBe("9,235 USDT");
    expect(formatAmount("47.57", "USDT")).toBe("47.57 USDT");
    expect(formatAmount(null, "USDT")).toBe("amount pending");
  });

  it("colours an age against the SLA: under half ok, until due warn, past it crit", () => {
    const h = 3_600_000;
    expect(ageTone(11 * h, 24)).toBe("ok");
    expect(ageTone(12 * h, 24)).toBe("warn");
    expect(ageTone(24 * h, 24)).toBe("crit");
    expect(ageLabel(59 * 60_000)).toBe("59 min");
    expect(ageLabel(47 * h + 42 * 60_000)).toBe("47 h 42 min");
    expect(ageLabel(50 * h)).toBe("2 d 2 h");
  });

  it("computes the dispute rate to one decimal, 0 without orders", () => {
    expect(ratePct(3, 8)).toBe(37.5);
    expect(ratePct(1, 3)).toBe(33.3);
    expect(ratePct(0, 0)).toBe(0);
  });
});

describe("[BLACKLIST][WALLET]: one stored form per wallet", () => {
  it("lower-cases EVM addresses (checksums differ only in case) and keeps XRPL addresses as they are", () => {
    expect(normalizeWallet("0x976EA74026E726554dB657fA54763abd0C3a0aa9")).toBe("0x976ea74026e726554db657fa54763abd0c3a0aa9");
    expect(normalizeWallet(" rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe ")).toBe("rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe");
    expect(walletKind("rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe")).toBe("xrpl");
    expect(walletKind("0x976EA74026E726554dB657fA54763abd0C3a0aa9")).toBe("evm");
  });

  it("refuses a wrong checksum, a bad XRPL checksum and text, with one message", () => {
    for (const bad of ["0x976EA74026E726554dB657fA54763abd0C3a0aA9", "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYf", "hello", ""]) {
      const parsed = ZWallet.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues).toHaveLength(1);
    }
  });
});
