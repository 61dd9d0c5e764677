import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, FacilitatorPanel } from "./session-pages";

/** The class list row of one person in the facilitator panel. */
const personRow = (panel: FacilitatorPanel, name: string) => panel.root.getByTestId("person-row").filter({ hasText: name });

test("a teacher removes a student, ends the session and duplicates the board for the next class", async ({ request, freshContext }) => {
  test.setTimeout(120_000);
  const board = await createManagedBoard(request, `Teacher ${Date.now()}`);
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Ms Rivera");
  await teacher.waitUntilLive();
  const panel = await new FacilitatorPanel(teacher).open();
  const participantUrl = await panel.participantLink();

  const sam = new BoardPage(await (await freshContext()).newPage());
  await sam.page.goto(participantUrl);
  await sam.chooseName("Sam");
  await sam.waitUntilLive();
  const kim = new BoardPage(await (await freshContext()).newPage());
  await kim.page.goto(participantUrl);
  await kim.chooseName("Kim");
  await kim.waitUntilLive();

  // Remove Sam: his screen says so at once, and his place is gone for good.
  await personRow(panel, "Sam").getByRole("button", { name: "Remove Sam" }).click();
  await teacher.page.getByTestId("confirm-remove").click();
  await expect(sam.page.getByTestId("join-required")).toContainText("You were removed from this board.");
  await expect(personRow(panel, "Sam")).toHaveCount(0);
  await expect(panel.root.getByTestId("removed-person")).toHaveText(["Sam"]);
  await sam.page.reload();
  await expect(sam.page.getByTestId("join-required")).toBeVisible();

  // End the session: Kim can read but no longer write; the teacher still can, and can reopen.
  await expect(kim.column("us").getByTestId("lane-add-for")).toBeVisible();
  await panel.root.getByRole("button", { name: "End the session" }).click();
  await expect(kim.page.getByTestId("ended-banner")).toContainText("This session has ended");
  await expect(kim.column("us").getByTestId("lane-add-for")).toHaveCount(0);
  await expect(teacher.page.getByTestId("ended-banner")).toBeVisible();
  await expect(panel.root.getByTestId("session-status")).toContainText("Session ended");
  await expect(teacher.column("us").getByTestId("lane-add-for")).toBeVisible();

  // Duplicate for the next class: the teacher lands on a fresh board as its facilitator.
  await panel.root.getByRole("button", { name: "Duplicate for the next class" }).click();
  const link = panel.root.getByTestId("duplicate-link");
  await expect(link).toBeVisible();
  await link.click();
  await expect(teacher.page).not.toHaveURL(new RegExp(`/b/${board.id}$`));
  await teacher.waitUntilLive();
  await expect(teacher.page.getByTestId("ended-banner")).toHaveCount(0);
  await expect(teacher.page.getByTestId("argument-card")).toHaveCount(0);
  const copyPanel = await new FacilitatorPanel(teacher).open();
  await expect(personRow(copyPanel, "Ms Rivera")).toHaveCount(1);
  await expect(copyPanel.root.getByTestId("person-row")).toHaveCount(1);
});
