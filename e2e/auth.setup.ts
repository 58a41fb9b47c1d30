import { expect, test as setup } from "@playwright/test";
import { ROLE_ACCOUNTS, emailFor, signInViaApi, storageStateFor } from "./support/roles";

// One signed-in state per role, made through the API and reused by every test.
for (const role of ROLE_ACCOUNTS) {
  setup(`[AUTH]: sign in as ${role}`, async ({ request }) => {
    const res = await signInViaApi(request, emailFor(role));
    expect(res.status(), "credentials callback answers with a redirect").toBeLessThan(400);
    const session = await (await request.get("/api/auth/session")).json();
    expect(session.sid, `${role} has a session`).toBeTruthy();
    await request.storageState({ path: storageStateFor(role) });
  });
}
