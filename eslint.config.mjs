import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", "generated/**", "node_modules/**", ".opsdeck/**", ".test-runs/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
