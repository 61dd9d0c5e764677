import { BoardPage, expect, test } from "./fixtures";

/**
 * A facilitated board made through the API, as the home page makes it; returns the creator's link.
 * These sessions are about running the class, not citing: their arguments carry no quotes, so the
 * board is made with "every argument must cite the article" unticked (tests/e2e/must-cite.spec.ts covers it).
 */
async function createManagedBoard(request: import("@playwright/test").APIRequestContext, title: string) {
  const response = await request.post("/api/boards", { data: { title, source: { kind: "article" }, mustCite: false } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { board: { id: string; joinCode: string }; facilitatorInvite: string };
  return { id: body.board.id, code: body.board.joinCode, facilitatorUrl: `/b/${body.board.id}?invite=${body.facilitatorInvite}` };
}

test("a facilitator runs the session: invites, lock, clock, spotlight and the projector", async ({ request, freshContext }) => {
  test.setTimeout(90_000);
  const board = await createManagedBoard(request, `Seminar ${Date.now()}`);
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Ms Rivera");
  await teacher.waitUntilLive();
  // The facilitator's link leaves the address bar as soon as the page has it.
  await expect(teacher.page).toHaveURL(new RegExp(`/b/${board.id}$`));

  await teacher.page.getByTestId("facilitate-button").click();
  const panel = teacher.page.getByTestId("facilitator-panel");
  await expect(panel.getByTestId("invite-qr")).toBeVisible();
  const participantUrl = (await panel.getByTestId("invite-participant-link").getAttribute("href"))!;
  const projectorUrl = (await panel.getByTestId("invite-projector-link").getAttribute("href"))!;

  const student = new BoardPage(await (await freshContext()).newPage());
  await student.page.goto(participantUrl);
  await student.chooseName("Sam");
  await student.waitUntilLive();
  await expect(student.page.getByTestId("facilitate-button")).toHaveCount(0);

  await panel.getByTestId("setting-locked").check();
  await expect(student.page.getByTestId("locked-banner")).toBeVisible();
  await expect(student.page.getByTestId("lane-add-for")).toHaveCount(0);
  await panel.getByTestId("setting-locked").uncheck();
  await expect(student.page.getByTestId("locked-banner")).toHaveCount(0);

  await student.column("us").getByTestId("lane-add-for").click();
  const text = `Results-based aid gives both sides a measurable goal (${Date.now()}).`;
  await student.writeArgument({ stance: "for", text });
  await expect(teacher.card(text)).toBeVisible();

  await panel.getByTestId("phase-start").click();
  await expect(teacher.page.getByTestId("phase-name")).toHaveText("Drafting");
  await expect(student.page.getByTestId("phase-name")).toHaveText("Drafting");
  await expect(student.page.getByTestId("phase-timer")).toHaveText(/^(10:00|9:5\d)$/);
  await panel.getByTestId("phase-next").click();
  // Openings: participants may add opening arguments but not reply.
  await expect(student.page.getByTestId("phase-name")).toHaveText("Openings");
  await expect(student.card(text).getByTestId("card-reply")).toHaveCount(0);

  await teacher.card(text).getByTestId("card-spotlight").click();
  await expect(student.card(text)).toHaveAttribute("data-spotlit", "true");
  await expect(student.card(text)).toBeInViewport();

  const projector = await (await freshContext()).newPage();
  await projector.goto(projectorUrl);
  await expect(projector.getByTestId("projector-page")).toBeVisible();
  await expect(projector.getByTestId("projector-phase")).toHaveText("Openings");
  await expect(projector.locator("[data-spotlit]")).toContainText(text);
  await expect(projector.getByTestId("argument-editor")).toHaveCount(0);

  await panel.getByTestId("spotlight-clear").click();
  await expect(student.page.locator("[data-spotlit]")).toHaveCount(0);
});

test("a facilitated board asks for its code, and an anonymous board hides names from participants", async ({ request, freshContext }) => {
  const board = await createManagedBoard(request, `Anonymous ${Date.now()}`);
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Mr Okafor");
  await teacher.waitUntilLive();
  await teacher.page.getByTestId("facilitate-button").click();
  await teacher.page.getByTestId("setting-anonymous").check();

  const student = new BoardPage(await (await freshContext()).newPage());
  await student.open(board.id);
  await expect(student.page.getByTestId("join-required")).toBeVisible();
  await student.page.getByTestId("join-required-code").fill(board.code.toLowerCase());
  await student.page.getByTestId("join-required-name").fill("Lena");
  await student.page.getByTestId("join-required-submit").click();
  await student.waitUntilLive();

  await student.column("us").getByTestId("lane-add-against").click();
  const text = `Conditions treat an ally like a contractor (${Date.now()}).`;
  await student.writeArgument({ stance: "against", text });
  await expect(student.card(text)).toContainText("Anonymous");
  await expect(teacher.card(text)).toContainText("Lena");
  await expect(teacher.page.getByTestId("setting-anonymous")).toBeChecked();
});
