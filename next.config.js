// @ts-check

/** Headers every response carries. The Content-Security-Policy with a per-request nonce and HSTS come from proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A second build directory lets a benchmark measure one build while another is being made.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // forbidden() and forbidden.tsx: a route a role may not open answers HTTP 403.
    authInterrupts: true,
  },
  // Database drivers run as plain Node modules rather than bundled copies.
  serverExternalPackages: ["pino", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
