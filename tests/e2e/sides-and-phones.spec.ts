import type { Locator, Page } from "@playwright/test";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { addArgument } from "@/lib/board/operations";
import { EVENTS, type UpdateAck } from "@/lib/protocol/protocol";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import { RawClient } from "../integration/support/raw-client";
import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, FacilitatorPanel, memberIdOn, type ManagedBoard } from "./session-pages";

/**
 * Issue 9, items 3, 4 and 9: a student sees which side they argue (and Swap sides changes it), the
 * server refuses posts on the other side, following the spotlight works from a phone's Article tab,
 * and the top bars fit a phone and a tablet.
 */

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1366, height: 860 };
const US = { id: "pos-us", key: "us" };
const PAK = { id: "pos-pak-military", key: "pak-military" };
const QUOTE = "canceled a $300 million aid package to the Islamic country";

interface Table {
  board: ManagedBoard;
  host: BoardPage;
  panel: FacilitatorPanel;
  amira: BoardPage;
  amiraId: string;
}

/** A facilitated board, its facilitator on a laptop, and Amira (on `viewport`) placed on Team US. */
async function table(request: Parameters<typeof createManagedBoard>[0], newPage: () => Promise<Page>, viewport: { width: number; height: number }): Promise<Table> {
  // About sides and small screens, not citing: most arguments here carry no quotes (must-cite.spec.ts covers the rule).
  const board = await createManagedBoard(request, `Sides ${Date.now()}`, { mustCite: false });
  const host = new BoardPage(await newPage());
  await host.page.goto(board.facilitatorUrl);
  await host.chooseName("Ms Rivera");
  await host.waitUntilLive();
  const panel = await new FacilitatorPanel(host).open();
  const amira = new BoardPage(await newPage());
  await amira.page.setViewportSize(viewport);
  await amira.page.goto(await panel.participantLink());
  await amira.chooseName("Amira");
  await amira.waitUntilLive();
  const amiraId = await memberIdOn(amira.page, board.id);
  await panel.assign(amiraId, "team-us");
  await expect(amira.page.getByTestId("my-team")).toHaveText("Team US");
  return { board, host, panel, amira, amiraId };
}

async function tokenOn(page: Page, boardId: string): Promise<string> {
  return page.evaluate((key) => (JSON.parse(window.localStorage.getItem(key) ?? "{}") as { memberToken: string }).memberToken, `parley.member.${boardId}`);
}

/** The colour a position's cards use for strong text, as the browser computes it. */
async function positionColour(page: Page, key: string): Promise<string> {
  return page.getByTestId(`position-column-${key}`).evaluate((column) => {
    const probe = document.createElement("span");
    probe.style.color = getComputedStyle(column).getPropertyValue("--pos-strong").trim();
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
}

/** Every visible control inside `region` is at least 24 × 24 px (WCAG 2.2 target size minimum). */
async function expectTapTargets(region: Locator): Promise<void> {
  const controls = region.locator("button, a, select, input, [role=switch]");
  for (let i = 0; i < (await controls.count()); i++) {
    const control = controls.nth(i);
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    const name = (await control.getAttribute("data-testid")) ?? (await control.textContent()) ?? `control ${i}`;
    expect(box, name).not.toBeNull();
    expect.soft(box!.width, `${name} width`).toBeGreaterThanOrEqual(24);
    expect.soft(box!.height, `${name} height`).toBeGreaterThanOrEqual(24);
  }
}

test.describe("teams and their sides", () => {
  test("a student is told the side she argues, Swap sides changes it, and she cannot post on the other side or change team", async ({ request, freshContext }) => {
    const { board, host, panel, amira, amiraId } = await table(request, async () => (await freshContext()).newPage(), DESKTOP);
    const side = amira.page.getByTestId("my-side");

    await test.step("placed on Team US, she argues the US position, in its colour, and has no team menu", async () => {
      await expect(side).toContainText("You argue:");
      await expect(side).toHaveAttribute("data-position-id", US.id);
      await expect(side.locator("strong")).toHaveCSS("color", await positionColour(amira.page, US.key));
      await expect(amira.page.getByTestId("team-picker")).toHaveCount(0);
    });

    await test.step("after Swap sides the bar names the other position, in that position's colour", async () => {
      await panel.root.getByTestId("swap-sides").click();
      await expect(side).toHaveAttribute("data-position-id", PAK.id);
      await expect(side.locator("strong")).toHaveCSS("color", await positionColour(amira.page, PAK.key));
      await expect(amira.page.getByTestId("my-team")).toHaveText("Team US");
    });

    await test.step("the editor refuses an argument for her old side and keeps her text", async () => {
      await amira.column(US.key).getByTestId("lane-add-for").click();
      await amira.writeArgument({ stance: "for", text: "The US was right all along." });
      await expect(amira.editor.getByTestId("editor-error")).toContainText("teams post only on their side");
      await expect(amira.editor.getByTestId("editor-text")).toHaveValue("The US was right all along.");
      await amira.editor.getByTestId("editor-cancel").click();
    });

    await test.step("a raw client with her token, bypassing the page, is refused by the server and nothing is stored", async () => {
      const raw = await RawClient.connect(new URL(amira.page.url()).origin);
      try {
        const doc = await raw.joinAndLoad(board.id, await tokenOn(amira.page, board.id));
        const updates: Uint8Array[] = [];
        doc.on("update", (update: Uint8Array) => updates.push(update));
        const added = addArgument(doc, "", { parentId: US.id, stance: "for", text: "Sneaked onto the other side.", quotes: [], author: { id: amiraId, name: "Amira" } });
        expect(added.ok).toBe(true);
        const ack = await raw.request<UpdateAck>(EVENTS.sync, syncUpdate(Y.mergeUpdates(updates)));
        expect(ack).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("teams post only on their side") });
        const fresh = await RawClient.connect(new URL(amira.page.url()).origin);
        try {
          const served = await fresh.joinAndLoad(board.id, await tokenOn(host.page, board.id));
          expect(readArgument(served, added.ok ? added.value.id : "")).toBeNull();
        } finally {
          fresh.close();
        }
      } finally {
        raw.close();
      }
      await expect(host.card("Sneaked onto the other side.")).toHaveCount(0);
    });

    await test.step("an argument for her new side is saved", async () => {
      await amira.column(PAK.key).getByTestId("lane-add-for").click();
      await amira.writeArgument({ stance: "for", text: "Pakistan's army had its reasons." });
      await expect(host.card("Pakistan's army had its reasons.")).toBeVisible();
    });
  });

  test("the facilitator can let teams post on either side", async ({ request, freshContext }) => {
    const { panel, amira, host } = await table(request, async () => (await freshContext()).newPage(), DESKTOP);
    await expect(panel.root.getByTestId("setting-teamsides")).toBeChecked();
    await panel.setSetting("teamsides", false);
    await amira.column(PAK.key).getByTestId("lane-add-for").click();
    await amira.writeArgument({ stance: "for", text: "Arguing the other side for practice." });
    await expect(host.card("Arguing the other side for practice.")).toBeVisible();
  });
});

test.describe("following the spotlight", () => {
  test("from the Article tab on a phone, and on a tablet and a laptop, the card is scrolled into view and highlighted every time", async ({ request, freshContext }) => {
    test.setTimeout(150_000);
    const { board, host, amira } = await table(request, async () => (await freshContext()).newPage(), PHONE);
    // A long board, so most cards start out of view: posted in one go by the facilitator's raw client.
    const texts = Array.from({ length: 14 }, (_, i) => `Spotlight candidate number ${i + 1}, with enough words to take some room on a small screen.`);
    const raw = await RawClient.connect(new URL(host.page.url()).origin);
    try {
      const doc = await raw.joinAndLoad(board.id, await tokenOn(host.page, board.id));
      const updates: Uint8Array[] = [];
      doc.on("update", (update: Uint8Array) => updates.push(update));
      const hostId = await memberIdOn(host.page, board.id);
      for (const text of texts) addArgument(doc, "", { parentId: US.id, stance: "for", text, quotes: [], author: { id: hostId, name: "Ms Rivera" } });
      expect(await raw.request<UpdateAck>(EVENTS.sync, syncUpdate(Y.mergeUpdates(updates)))).toEqual({ ok: true });
    } finally {
      raw.close();
    }
    await expect(amira.card(texts[13])).toHaveCount(1);

    const rounds: { viewport: typeof PHONE; picks: number[] }[] = [
      { viewport: PHONE, picks: [13, 0, 9, 4, 12] },
      { viewport: TABLET, picks: [13, 2] },
      { viewport: DESKTOP, picks: [11, 1] },
    ];
    for (const { viewport, picks } of rounds) {
      await amira.page.setViewportSize(viewport);
      for (const pick of picks) {
        await test.step(`${viewport.width}px: card ${pick + 1}`, async () => {
          // On narrow screens she is reading the article; the board pane is hidden.
          if (viewport.width < 900) {
            await amira.page.getByTestId("show-article").click();
            await expect(amira.card(texts[pick])).toBeHidden();
          }
          await host.card(texts[pick]).getByTestId("card-spotlight").click();
          const card = amira.card(texts[pick]);
          await expect(card).toHaveAttribute("data-spotlit", "true");
          await expect(card).toBeInViewport();
          await expect(card).toBeFocused();
          if (viewport.width < 900) await expect(amira.page.getByTestId("show-board")).toHaveAttribute("aria-pressed", "true");
        });
      }
    }
  });
});

test.describe("phone and tablet layout", () => {
  test("on a phone the bars above the board take at most 120 px and every control is a 24 px target", async ({ request, freshContext }) => {
    const { amira } = await table(request, async () => (await freshContext()).newPage(), PHONE);
    const page = amira.page;
    await expect(page.getByTestId("phase-bar")).toBeVisible();
    await expect(page.getByTestId("my-side")).toBeVisible();
    const panes = await page.locator("main[data-pane]").boundingBox();
    expect(panes!.y, "height of everything above the panes").toBeLessThanOrEqual(120);

    const follow = await page.getByTestId("follow-spotlight").boundingBox();
    expect(follow!.width).toBeGreaterThanOrEqual(24);
    expect(follow!.height).toBeGreaterThanOrEqual(24);
    for (const region of [page.getByTestId("top-bar"), page.getByTestId("phase-bar"), page.getByRole("group", { name: "Show" })]) await expectTapTargets(region);

    // The folded tools open over the board, not above it, and are targets too.
    await page.getByTestId("top-bar-more").click();
    await expect(page.getByTestId("change-name")).toBeVisible();
    await expectTapTargets(page.getByTestId("top-bar"));
    expect((await page.locator("main[data-pane]").boundingBox())!.y).toBe(panes!.y);

    // They fold away again on Escape and on a tap outside them.
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("change-name")).toBeHidden();
    await page.getByTestId("top-bar-more").click();
    await expect(page.getByTestId("change-name")).toBeVisible();
    await page.locator("main[data-pane]").click({ position: { x: 10, y: 10 } });
    await expect(page.getByTestId("change-name")).toBeHidden();
  });

  test("on a tablet the top bar is one row and 'Change name' does not wrap; on a laptop every tool is in the bar", async ({ request, freshContext }) => {
    const { amira } = await table(request, async () => (await freshContext()).newPage(), TABLET);
    const page = amira.page;
    const bar = await page.getByTestId("top-bar").boundingBox();
    const title = await page.getByTestId("board-title").boundingBox();
    const more = await page.getByTestId("top-bar-more").boundingBox();
    const side = await page.getByTestId("my-side").boundingBox();
    expect(bar!.height, "one row").toBeLessThanOrEqual(72);
    for (const box of [more!, side!]) expect(Math.abs(box.y + box.height / 2 - (title!.y + title!.height / 2)), "same row as the title").toBeLessThanOrEqual(16);
    await page.getByTestId("top-bar-more").click();
    const changeName = await page.getByTestId("change-name").boundingBox();
    expect(changeName!.height, "one line").toBeLessThanOrEqual(40);
    await expectTapTargets(page.getByTestId("top-bar"));

    await page.setViewportSize(DESKTOP);
    await expect(page.getByTestId("top-bar-more")).toBeHidden();
    await expect(page.getByTestId("change-name")).toBeVisible();
  });
});

test.describe("drafting", () => {
  test("a saved private draft's quote stays highlighted in the article, and the Arguments tab counts it", async ({ request, freshContext }) => {
    const { panel, amira } = await table(request, async () => (await freshContext()).newPage(), DESKTOP);
    await panel.setSetting("privatedrafting", true);
    await panel.startFirstPhase();
    await expect(amira.page.getByTestId("phase-name")).toHaveText("Drafting");

    await amira.cite(QUOTE);
    await expect(amira.page.getByTestId("draft-highlight").first()).toContainText("aid package");
    await amira.writeArgument({ stance: "for", text: "Conditions on aid are leverage." });
    await expect(amira.editor).toBeHidden();
    await expect(amira.page.getByTestId("draft-card")).toHaveCount(1);
    await expect(amira.page.getByTestId("draft-highlight").first()).toContainText("aid package");

    // Where one pane shows at a time, the Arguments tab counts the team's drafts too, not just "0".
    await amira.page.setViewportSize(TABLET);
    await expect(amira.page.getByTestId("show-board")).toContainText("Arguments");
    await expect(amira.page.getByTestId("show-board-drafts")).toHaveText("+1 draft");
  });
});
