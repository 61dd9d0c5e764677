import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { BoardPage, expect, test } from "./fixtures";

/**
 * Moving and reordering arguments (issue 10): by keyboard (Alt+↑/↓ and the Move… dialog) and by
 * dragging, each seen live in a second browser. Cards are written by the test itself, each tagged with
 * a stamp, so the demo board's seeded cards and earlier runs do not get in the way.
 */

/** The texts of the US column's For lane that carry `stamp`, top to bottom. */
async function laneOrder(page: Page, stamp: string): Promise<string[]> {
  const all = await page
    .getByTestId("position-column-us")
    .getByTestId("lane-for")
    .getByTestId("argument-card")
    .evaluateAll((cards) => cards.map((card) => card.querySelector("p")?.textContent ?? ""));
  return all.filter((text) => text.includes(stamp));
}

/**
 * Drags card `from` with the mouse onto the middle (a reply) or the top edge (a place before) of card
 * `onto`. `middle` is scrolled to the centre first, so both cards are on screen for the whole drag.
 */
async function dragCard(board: BoardPage, from: string, onto: string, where: "middle" | "top", middle: string): Promise<void> {
  await board.card(middle).evaluate((el) => el.scrollIntoView({ block: "center" }));
  const source = (await board.card(from).boundingBox())!;
  const target = (await board.card(onto).boundingBox())!;
  const mouse = board.page.mouse;
  await mouse.move(source.x + 30, source.y + 14);
  await mouse.down();
  await mouse.move(source.x + 40, source.y + 30, { steps: 5 });
  await mouse.move(target.x + 40, where === "top" ? target.y + target.height * 0.1 : target.y + target.height / 2, { steps: 10 });
  await mouse.up();
}

async function writeFor(board: BoardPage, text: string): Promise<void> {
  await board.column("us").getByTestId("lane-add-for").click();
  await board.writeArgument({ stance: "for", text });
  await expect(board.card(text)).toBeVisible();
}

test("keyboard: Alt+↑ reorders a lane and the Move… dialog makes a card a rebuttal, live in a second browser", async ({ person }, testInfo) => {
  const stamp = `k${Date.now()}`;
  const [first, second, third] = ["Aid with conditions", "Aid without strings", "No aid at all"].map((t) => `${t} (${stamp}).`);
  const amira = await person("Amira");
  const jonas = await person("Jonas");
  for (const text of [first, second, third]) await writeFor(amira, text);
  await amira.waitUntilSaved();
  await expect.poll(() => laneOrder(jonas.page, stamp)).toEqual([first, second, third]);

  await test.step("Alt+↑ moves the focused card up one place and says where it went", async () => {
    await amira.card(third).focus();
    await amira.page.keyboard.press("Alt+ArrowUp");
    await expect.poll(() => laneOrder(amira.page, stamp)).toEqual([first, third, second]);
    await expect(amira.page.getByTestId("move-announcer")).toContainText("Moved: now");
    await expect(amira.card(third)).toBeFocused();
    await expect.poll(() => laneOrder(jonas.page, stamp)).toEqual([first, third, second]);
  });

  await test.step("only the author (or a facilitator) is offered the move", async () => {
    await expect(amira.card(first).getByTestId("card-move")).toBeVisible();
    await expect(jonas.card(first).getByTestId("card-move")).toHaveCount(0);
    await expect(jonas.card(first)).not.toHaveAttribute("draggable", "true");
  });

  await test.step("Move… puts the first card under the second as a rebuttal", async () => {
    await amira.card(first).getByTestId("card-move").click();
    const dialog = amira.page.getByTestId("move-dialog");
    await expect(dialog).toBeVisible();
    await expectNoSeriousA11yViolations(amira.page, "the Move dialog", testInfo);
    const option = dialog.getByTestId("move-destination").locator("option", { hasText: "Aid without strings" });
    await dialog.getByTestId("move-destination").selectOption((await option.getAttribute("value"))!);
    await dialog.getByTestId("move-stance").selectOption("against");
    await dialog.getByTestId("move-confirm").click();
    await expect(dialog).toBeHidden();
    for (const viewer of [amira, jonas]) {
      await expect(viewer.card(first)).toHaveAttribute("data-depth", "1");
      await expect(viewer.card(first)).toHaveAttribute("data-stance", "against");
    }
    await expect.poll(() => laneOrder(jonas.page, stamp)).toEqual([third, second, first]);
  });

  await test.step("the moves were saved: a reload shows the same board", async () => {
    await amira.waitUntilSaved();
    await jonas.page.reload();
    await jonas.waitUntilLive();
    await expect.poll(() => laneOrder(jonas.page, stamp)).toEqual([third, second, first]);
    await expect(jonas.card(first)).toHaveAttribute("data-depth", "1");
  });
});

test("drag and drop: onto a card makes a reply, onto its top edge reorders, live in a second browser", async ({ person }) => {
  const stamp = `d${Date.now()}`;
  const [alpha, beta, gamma] = ["Sanctions work slowly", "Sanctions backfire", "Talks beat sanctions"].map((t) => `${t} (${stamp}).`);
  const amira = await person("Amira");
  const jonas = await person("Jonas");
  for (const text of [alpha, beta, gamma]) await writeFor(amira, text);
  await amira.waitUntilSaved();
  // Room for three cards between the sticky lane header and the window's bottom edge, whatever the
  // toolbars above the lanes take.
  await amira.page.setViewportSize({ width: 1366, height: 1100 });

  await test.step("dropping a card on the middle of another makes it a reply there", async () => {
    await dragCard(amira, gamma, alpha, "middle", beta);
    await expect(amira.card(gamma)).toHaveAttribute("data-depth", "1");
    await expect(jonas.card(gamma)).toHaveAttribute("data-depth", "1");
    await expect.poll(() => laneOrder(jonas.page, stamp)).toEqual([alpha, gamma, beta]);
  });

  await test.step("dropping a card on another's top edge places it before that card", async () => {
    // Centred on the target: its top edge must not sit under the lane's sticky column header.
    await dragCard(amira, beta, alpha, "top", alpha);
    await expect.poll(() => laneOrder(amira.page, stamp)).toEqual([beta, alpha, gamma]);
    await expect.poll(() => laneOrder(jonas.page, stamp)).toEqual([beta, alpha, gamma]);
    await expect(jonas.card(beta)).toHaveAttribute("data-depth", "0");
  });
});
