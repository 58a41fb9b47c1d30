import { expect, type Page } from "@playwright/test";

/** Creates a local account through the "New user" form, as an admin would. */
export async function createUserViaForm(admin: Page, { name, email, password, role, reason }: { name: string; email: string; password: string; role: string; reason: string }) {
  await admin.goto("/admin/users");
  await admin.getByText("New user").click();
  await admin.getByLabel("Name").fill(name);
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Initial password (optional)").fill(password);
  await admin.getByRole("checkbox", { name: new RegExp(role) }).check();
  await admin.getByLabel(/Why/).fill(reason);
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("User created.")).toBeVisible();
}
