// Deterministic realistic names for generated demo data (no network, no faker download).
const FIRST = ["Ada", "Bilal", "Chen", "Dara", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoltan"];
const LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Rossi", "Kowalski", "Mensah", "Silva", "Nguyen", "Fischer", "Petrov", "Ibrahim", "Walsh", "Costa", "Sato", "Jensen", "Garcia", "Ahmed"];

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same data set. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function personName(i: number): { name: string; slug: string } {
  const first = FIRST[i % FIRST.length]!;
  // Shifting the last name by the first name's index mixes the pairs while keeping each of the
  // FIRST × LAST combinations exactly once per block.
  const last = LAST[((i % FIRST.length) + Math.floor(i / FIRST.length)) % LAST.length]!;
  const n = Math.floor(i / (FIRST.length * LAST.length));
  const suffix = n > 0 ? String(n + 1) : "";
  return { name: `${first} ${last}`, slug: `${first}.${last}${suffix}`.toLowerCase() };
}
