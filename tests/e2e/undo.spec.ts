import type { Page } from "@playwright/test";
import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, FacilitatorPanel } from "./session-pages";

/** Undo and redo of one's own changes (issue 10): live in a second browser, never touching others' work. */

/** Ctrl+Z and friends act on the board only when no text field has the focus. */
async function press(page: Page, keys: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(keys);
}

async function addCard(board: BoardPage, text: string): Promise<void> {
  await board.column("us").getByTestId("lane-add-for").click();
  await board.writeArgument({ stance: "for", text });
  await expect(board.card(text)).toBeVisible();
  await board.waitUntilSaved();
}

test("Ctrl+Z steps back through one's own add, edit and delete, live for the other browser", async ({ person }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const first = `Aid conditionality buys access, not alignment (${stamp}).`;
  const edited = `Aid conditionality buys access, never alignment (${stamp}).`;
  const bobsCard = `Bob's concurrent point about trade (${stamp}).`;
  const alice = await person("Alice");
  const bob = await person("Bob");
  const announced = alice.page.getByTestId("undo-announcement");

  await expect(alice.page.getByTestId("undo-button")).toBeDisabled();
  await addCard(alice, first);
  await expect(bob.card(first)).toBeVisible();
  await addCard(bob, bobsCard);
  await expect(alice.card(bobsCard)).toBeVisible();

  await alice.card(first).getByTestId("card-edit").click();
  // In the editor's text field Ctrl+Z is the browser's own text undo: the board is left alone.
  await alice.editor.getByTestId("editor-text").press("Control+z");
  await expect(alice.page.getByTestId("undo-announcement")).toBeEmpty();
  await expect(bob.card(first)).toBeVisible();
  await alice.editor.getByTestId("editor-text").fill(edited);
  await alice.editor.getByTestId("editor-save").click();
  await expect(bob.card(edited)).toBeVisible();
  await alice.card(edited).getByTestId("card-delete").click();
  await alice.page.getByTestId("delete-confirm").click();
  await expect(bob.card(edited)).toHaveCount(0);
  await alice.waitUntilSaved();
  await expect(alice.page.getByTestId("undo-button")).toHaveAttribute("title", /^Undo deleting “Aid conditionality buys access, never/);

  await press(alice.page, "Control+z");
  await expect(announced).toContainText("Undid: deleting “Aid conditionality buys access, never");
  await expect(bob.card(edited)).toBeVisible();
  await press(alice.page, "Control+z");
  await expect(announced).toContainText("Undid: edit of “Aid conditionality buys access, never");
  await expect(bob.card(first)).toBeVisible();
  await expect(bob.card(edited)).toHaveCount(0);
  await press(alice.page, "Control+z");
  await expect(announced).toContainText("Undid: adding");
  await expect(bob.card(first)).toHaveCount(0);
  await expect(alice.card(first)).toHaveCount(0);
  await expect(alice.page.getByTestId("undo-button")).toBeDisabled();

  // Bob's card, made between Alice's changes, is untouched on both screens, and his history is his own.
  await expect(bob.card(bobsCard)).toBeVisible();
  await expect(alice.card(bobsCard)).toBeVisible();
  await expect(bob.page.getByTestId("undo-button")).toHaveAttribute("title", /^Undo adding “Bob's concurrent point/);

  await press(alice.page, "Control+Shift+Z");
  await expect(announced).toContainText("Redid: adding");
  await expect(bob.card(first)).toBeVisible();
  await alice.page.getByTestId("redo-button").click();
  await expect(bob.card(edited)).toBeVisible();
  await alice.waitUntilSaved();

  // A reload of Bob's page shows what the server stored, not just what was relayed.
  await bob.page.reload();
  await bob.waitUntilLive();
  await expect(bob.card(edited)).toBeVisible();
  await expect(bob.card(bobsCard)).toBeVisible();
});

test("an undo the server would refuse is explained, and works once the board is unlocked", async ({ request, freshContext }) => {
  test.setTimeout(120_000);
  // The steps undone here are quoteless arguments; must-cite has its own spec.
  const board = await createManagedBoard(request, `Undo under lock ${Date.now()}`, { mustCite: false });
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Ms Rivera");
  await teacher.waitUntilLive();
  const panel = await new FacilitatorPanel(teacher).open();
  const participantUrl = await panel.participantLink();

  const student = new BoardPage(await (await freshContext()).newPage());
  await student.page.goto(participantUrl);
  await student.chooseName("Sam");
  await student.waitUntilLive();
  const text = `Results-based aid gives both sides a measurable goal (${Date.now()}).`;
  await addCard(student, text);
  await expect(teacher.card(text)).toBeVisible();

  await panel.setSetting("locked", true);
  await expect(student.page.getByTestId("locked-banner")).toBeVisible();
  await press(student.page, "Control+z");
  await expect(student.page.getByTestId("error-toast")).toContainText("Can't undo adding “Results-based aid gives both sides a me");
  await expect(student.page.getByTestId("error-toast")).toContainText("The facilitator has locked the board.");
  // Nothing was sent: the card stays for everyone, and the step waits for the lock to lift.
  await expect(student.card(text)).toBeVisible();
  await expect(teacher.card(text)).toBeVisible();
  await expect(student.page.getByTestId("undo-button")).toBeEnabled();

  await panel.setSetting("locked", false);
  await expect(student.page.getByTestId("locked-banner")).toHaveCount(0);
  await press(student.page, "Control+z");
  await expect(teacher.card(text)).toHaveCount(0);
  await expect(student.page.getByTestId("undo-announcement")).toContainText("Undid: adding");
});
