import type { APIRequestContext } from "@playwright/test";
import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, FacilitatorPanel, type ManagedBoard } from "./session-pages";

/** The board's observer invite, read the way the facilitator's panel reads it. */
async function observerInvite(request: APIRequestContext, board: ManagedBoard): Promise<string> {
  const facilitatorInvite = new URL(board.facilitatorUrl, "http://x").searchParams.get("invite")!;
  const joined = await request.post(`/api/boards/${board.id}/members`, { data: { displayName: "Setup facilitator", invite: facilitatorInvite } });
  expect(joined.status()).toBe(201);
  const { memberToken } = (await joined.json()) as { memberToken: string };
  const invites = await request.get(`/api/boards/${board.id}/invites`, { headers: { authorization: `Bearer ${memberToken}` } });
  return ((await invites.json()) as { invites: { observer: string } }).invites.observer;
}

test("a stranger on the home page sees no facilitated board and no join code", async ({ page, request }) => {
  const board = await createManagedBoard(request, "Closed board for period 5");
  // Neither the server's HTML nor the public API names it.
  const html = await (await request.get("/")).text();
  expect(html).not.toContain(board.code);
  expect(html).not.toContain("Closed board for period 5");
  const listed = await (await request.get("/api/boards")).text();
  expect(listed).not.toContain(board.id);
  expect(listed).not.toContain(board.code);

  await page.goto("/");
  await expect(page.getByTestId("recent-boards")).toBeVisible();
  await expect(page.getByTestId("join-form")).toBeVisible();
  await expect(page.getByText("Closed board for period 5")).toHaveCount(0);
  await expect(page.getByTestId("own-boards")).toHaveCount(0);
  expect(await page.content()).not.toContain(board.code);
});

test("a stranger opening a facilitated board's address gets the way in, not the board", async ({ page, request }) => {
  const board = await createManagedBoard(request, "Closed board for period 6");
  for (const path of [`/b/${board.id}`, `/b/${board.id}/projector`, `/b/${board.id}/review`]) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toContain("Closed board for period 6");
    expect(html, path).not.toContain(board.code);
  }
  await page.goto(`/b/${board.id}`);
  await expect(page.getByTestId("join-required")).toBeVisible();
  await expect(page.getByText("Closed board for period 6")).toHaveCount(0);
});

test("an observer sees the board but no join code; the facilitator sees it and finds the board on the home page", async ({ page, request, freshContext }) => {
  const board = await createManagedBoard(request, "Observed board");
  const invite = await observerInvite(request, board);

  const observer = new BoardPage(await (await freshContext()).newPage());
  await observer.page.goto(`/b/${board.id}?invite=${invite}`);
  await observer.chooseName("Visiting parent");
  await observer.waitUntilLive();
  await expect(observer.page.getByTestId("readonly-banner")).toBeVisible();
  await expect(observer.page.getByTestId("board-title")).toHaveText("Observed board");
  await expect(observer.page.getByTestId("join-code")).toHaveCount(0);
  expect(await observer.page.content()).not.toContain(board.code);

  const facilitator = new BoardPage(page);
  await page.goto(board.facilitatorUrl);
  await facilitator.chooseName("Ms Rivera");
  await facilitator.waitUntilLive();
  await expect(page.getByTestId("join-code")).toHaveText(board.code);

  await page.goto("/");
  await expect(page.getByTestId("own-board").filter({ hasText: "Observed board" })).toBeVisible();
  await expect(page.getByTestId("recent-board").filter({ hasText: "Observed board" })).toHaveCount(0);
});

test("a participant sees the join code only while the facilitator lets participants invite", async ({ page, freshContext }) => {
  const board = await createManagedBoard(page.request, "Invite setting board");
  const facilitator = new BoardPage(page);
  await page.goto(board.facilitatorUrl);
  await facilitator.chooseName("Mr Okafor");
  await facilitator.waitUntilLive();

  const student = new BoardPage(await (await freshContext()).newPage());
  await student.page.goto(`/b/${board.id}?code=${board.code}`);
  await student.chooseName("Lena");
  await student.waitUntilLive();
  await expect(student.page.getByTestId("join-code")).toHaveCount(0);

  const panel = await new FacilitatorPanel(facilitator).open();
  const toggle = panel.root.getByTestId("setting-participantsinvite");
  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect(student.page.getByTestId("join-code")).toHaveText(board.code);
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();
  await expect(student.page.getByTestId("join-code")).toHaveCount(0);
});

test("pages carry the security headers", async ({ request }) => {
  for (const path of ["/", "/b/demo", "/api/boards"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBeTruthy();
  }
});
