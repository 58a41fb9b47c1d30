// Tests only ever touch a database on this machine (dub's assert-local-database): a typo in
// DATABASE_URL must not be able to drop somebody's real data.
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function assertLocalDatabase(url: string | undefined): string {
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests with `npm test`");
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to run tests against a non-local database (${host})`);
  return url;
}
