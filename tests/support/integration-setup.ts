import { assertLocalDatabase } from "./local-database";

// Integration tests run against the database that scripts/test.ts created for this run; the app
// code reads DATABASE_URL through lib/env, so point it there.
const url = assertLocalDatabase(process.env.TEST_DATABASE_URL);
process.env.DATABASE_URL = url;
