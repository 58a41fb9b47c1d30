import bcrypt from "bcryptjs";

// bcrypt at cost 12: ~250 ms per check on this class of machine, slow enough to make offline
// guessing expensive, fast enough for a sign-in form.
const COST = 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
