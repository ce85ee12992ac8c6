import { expect, test } from "./fixtures";
import { newUser, signUp } from "./helpers";

test("a refused log-in shows why and stays on the page", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(newUser("Nobody").email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password");
  await expect(page).toHaveURL(/\/login$/);
});

test("a refused sign-up shows the server's reason and stays on the page", async ({ browser }) => {
  const u = newUser("Taken");
  const first = await browser.newContext();
  await signUp(await first.newPage(), u);
  await first.close();

  const second = await browser.newContext();
  const page = await second.newPage();
  await page.goto("/signup");
  await page.getByRole("textbox", { name: "Email" }).fill(u.email.toUpperCase());
  await page.getByRole("textbox", { name: "Name" }).fill("Someone else");
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("alert")).toContainText("already registered");
  await expect(page).toHaveURL(/\/signup$/);
  await second.close();
});

test("log out, then log back in", async ({ page }) => {
  const u = newUser("Returning");
  await signUp(page, u);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/c");
  await expect(page).toHaveURL(/\/login$/);

  await page.getByRole("textbox", { name: "Email" }).fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/c$/);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
});
