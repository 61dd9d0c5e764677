/**
 * Issue 9, item 5: work survives reloads and Wi-Fi drops. The board and its unsaved changes are kept
 * in IndexedDB, the editor's text in localStorage; the page warns before leaving with either, and the
 * status line counts what is waiting. "The sync is down" is played by cutting this page's Socket.io
 * traffic (WebSocket and polling) while the page itself still loads: a school Wi-Fi that serves the
 * cached page but not the live connection, or a phone reloading on a bad network.
 */
import type { BrowserContext, Page, WebSocketRoute } from "@playwright/test";
import { BoardPage, expect, test } from "./fixtures";

const SENTENCE = "The security situation in Afghanistan, particularly Pakistan's shaky cooperation with the US, was high on Pompeo's agenda.";

/** Cuts and restores one page's sync connection; the page (HTML, scripts, API) keeps loading. */
class SyncGate {
  private blocked = false;
  private readonly open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();

  static async on(page: Page): Promise<SyncGate> {
    const gate = new SyncGate();
    await page.routeWebSocket(/\/socket\.io\//, (ws) => gate.connect(ws));
    await page.route(/\/socket\.io\//, (route) => (gate.blocked ? route.abort("internetdisconnected") : route.continue()));
    return gate;
  }

  /** The sync connection drops and cannot come back until `restore`. */
  async cut(): Promise<void> {
    this.blocked = true;
    for (const ws of this.open) await Promise.all([ws.page.close(), ws.server.close()]);
    this.open.clear();
  }

  restore(): void {
    this.blocked = false;
  }

  private connect(ws: WebSocketRoute): void {
    if (this.blocked) return void ws.close();
    const pair = { page: ws, server: ws.connectToServer() };
    this.open.add(pair);
    ws.onClose(() => this.open.delete(pair));
  }
}

/** Someone with their own browser, on the demo board, whose sync connection the test controls. */
async function personWithGate(context: BrowserContext, name: string) {
  const page = await context.newPage();
  const gate = await SyncGate.on(page);
  const dialogs: string[] = [];
  // Leaving with unsaved work asks first (useLeaveWarning): these people always mean to leave.
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  const board = new BoardPage(page);
  await board.open();
  await board.chooseName(name);
  await board.waitUntilLive();
  return { page, gate, board, dialogs, status: page.getByTestId("sync-status") };
}

test("an argument written offline survives a reload and reaches the others once the sync is back", async ({ person, freshContext }) => {
  test.setTimeout(120_000);
  const bob = await person("Bob");
  const context = await freshContext();
  const amira = await personWithGate(context, "Amira");

  // The school Wi-Fi drops.
  await context.setOffline(true);
  await amira.gate.cut();
  await expect(amira.status).toHaveAttribute("data-status", "offline");
  const text = `Written while the Wi-Fi was down (${Date.now()}).`;
  await amira.board.cite(SENTENCE);
  await amira.board.writeArgument({ position: "us", stance: "for", text });
  await expect(amira.board.card(text)).toBeVisible();
  await expect(amira.status).toHaveText("Offline — 1 change will sync when you reconnect");

  // The network is back enough to load the page, not the sync: reload.
  await context.setOffline(false);
  await amira.page.reload();
  await expect(amira.board.card(text)).toBeVisible();
  await expect(amira.status).toHaveAttribute("data-pending", "1");
  await expect(amira.status).toContainText("1 change");
  await expect(bob.card(text)).toHaveCount(0);

  // The sync comes back: the restored change goes out, and only its ack makes it "saved".
  amira.gate.restore();
  await expect(bob.card(text)).toBeVisible({ timeout: 60_000 });
  await expect(amira.status).toHaveText("All changes saved", { timeout: 60_000 });
  await expect(bob.card(text)).toHaveCount(1);
});

test("a half-written argument is back in the editor after a reload, and gone once saved", async ({ freshContext }) => {
  const amira = await personWithGate(await freshContext(), "Amira");
  const text = `Half an argument about the cooperation, not saved yet (${Date.now()})`;
  await amira.board.cite(SENTENCE);
  await amira.board.editor.getByTestId("editor-stance-against").click();
  await amira.board.editor.getByTestId("editor-text").fill(text);

  await amira.page.reload();
  await expect(amira.board.editor.getByTestId("editor-text")).toHaveValue(text);
  await expect(amira.board.editor.getByTestId("editor-quote").filter({ hasText: SENTENCE.slice(0, 40) })).toBeVisible();

  await amira.board.editor.getByTestId("editor-save").click();
  await expect(amira.board.card(text)).toBeVisible();
  await expect(amira.status).toHaveText("All changes saved");
  await amira.page.reload();
  await amira.board.waitUntilLive();
  await expect(amira.board.card(text)).toBeVisible();
  await expect(amira.board.editor).toHaveCount(0);
});

test("warns before leaving with unsaved text or changes waiting, and not otherwise", async ({ freshContext }) => {
  const amira = await personWithGate(await freshContext(), "Amira");
  await amira.page.reload();
  await amira.board.waitUntilLive();
  expect(amira.dialogs).toEqual([]); // nothing to lose: no question asked

  // Text in the editor.
  await amira.board.cite(SENTENCE);
  await amira.board.editor.getByTestId("editor-text").fill("Not finished");
  await amira.page.reload();
  expect(amira.dialogs).toEqual(["beforeunload"]);
  await expect(amira.board.editor.getByTestId("editor-text")).toHaveValue("Not finished");

  // A saved argument whose change is still waiting for the sync.
  await amira.board.waitUntilLive();
  await amira.gate.cut();
  await expect(amira.status).toHaveAttribute("data-status", "offline");
  await amira.board.editor.getByTestId("editor-text").fill(`Saved on this page only (${Date.now()}).`);
  await amira.board.editor.getByTestId("editor-save").click();
  await expect(amira.board.editor).toHaveCount(0);
  await expect(amira.status).toHaveText("Offline — 1 change will sync when you reconnect");
  await amira.page.reload();
  expect(amira.dialogs).toEqual(["beforeunload", "beforeunload"]);
});

/** A board of `count` top-level arguments, imported as Parley JSON built from the demo board's export. */
async function importLargeBoard(request: import("@playwright/test").APIRequestContext, count: number): Promise<string> {
  const exported = (await (await request.get("/api/boards/demo/export?format=json")).json()) as {
    board: Record<string, unknown>;
    positions: { id: string }[];
    arguments: unknown[];
    relations: unknown[];
    quotes: unknown[];
    votes?: unknown[];
  };
  const now = Date.now();
  const args = Array.from({ length: count }, (_, i) => {
    const position = exported.positions[i % exported.positions.length];
    return {
      id: `load-${i}`,
      positionId: position.id,
      parentId: position.id,
      stance: i % 3 === 0 ? "against" : "for",
      text: `Load-test argument ${i}: the cooperation is ${i % 2 ? "shaky" : "steady"}, and here is a sentence of ordinary length to read.`,
      authorId: `load-author-${i % 30}`,
      authorName: `Student ${i % 30}`,
      createdAt: now + i,
      updatedAt: now + i,
    };
  });
  const file = {
    ...exported,
    board: { title: `${count} arguments` },
    arguments: args,
    relations: args.map((arg) => ({ id: `rel-${arg.id}`, fromId: arg.id, toId: arg.parentId, kind: arg.stance === "for" ? "support" : "attack" })),
    quotes: [],
    votes: [],
  };
  const response = await request.post("/api/boards/import?format=json", { data: JSON.stringify(file), headers: { "content-type": "application/json" } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { board: { id: string }; facilitatorInvite: string };
  return `/b/${body.board.id}?invite=${body.facilitatorInvite}`;
}

test("prints what the IndexedDB copy adds to loading a 1,000-argument board", async ({ freshContext }) => {
  test.setTimeout(400_000);
  const COUNT = 1_000;
  const context = await freshContext();
  const url = await importLargeBoard(context.request, COUNT);
  const page = await context.newPage();
  const gate = await SyncGate.on(page);
  const board = new BoardPage(page);
  const status = page.getByTestId("sync-status");
  // A board this size takes a while to sync on a busy machine: wait on readiness, however long.
  const cards = () => expect(page.getByTestId("argument-card")).toHaveCount(COUNT, { timeout: 120_000 });
  const live = () => expect(status).toHaveAttribute("data-status", "live", { timeout: 120_000 });
  await page.goto(url);
  await board.chooseName("Measurer");
  await live();
  await cards();

  /** Reloads; answers ms until all cards show and until live (null when the sync is down). */
  const reload = async (sync: boolean) => {
    const started = Date.now();
    await page.reload();
    await cards();
    const shown = Date.now() - started;
    if (!sync) return { shown, live: null };
    await live();
    return { shown, live: Date.now() - started };
  };
  const copyOpenMs = () => page.evaluate((name) => Math.round(performance.getEntriesByName(name).at(-1)?.duration ?? Number.NaN), "parley:local-copy-open");

  const withCopy = await reload(true);
  const openMs = await copyOpenMs();
  // The same reload with this browser's copy deleted: cards come from the server only.
  await page.evaluate(async () => {
    const names = ((await indexedDB.databases()) ?? []).flatMap((db) => (db.name?.startsWith("parley-board:") ? [db.name] : []));
    for (const name of names) indexedDB.deleteDatabase(name); // completes once this page has let go of it
  });
  const withoutCopy = await reload(true);
  await gate.cut();
  const copyOnly = await reload(false);
  console.log(
    `[offline-copy] ${COUNT}-argument board, ms from reload: with the IndexedDB copy ${withCopy.shown} to cards / ${withCopy.live} to live ` +
      `(copy loaded in ${openMs}); without it ${withoutCopy.shown} to cards / ${withoutCopy.live} to live; ` +
      `sync down, from the copy alone ${copyOnly.shown} to cards (copy loaded in ${await copyOpenMs()}).`,
  );
  expect(Number.isFinite(openMs)).toBe(true);
});

test("a browser out of storage space keeps working from memory, says so, and saves as usual", async ({ person, freshContext, baseURL }) => {
  const bob = await person("Bob");
  const context = await freshContext();
  const page = await context.newPage();
  // Chromium's own quota override: every IndexedDB write of this origin now fails as it would on a full disk.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(baseURL!).origin, quotaSize: 1 });
  const board = new BoardPage(page);
  await board.open();
  await board.chooseName("Noor");
  await board.waitUntilLive();
  await expect(page.getByTestId("error-toast")).toContainText("out of storage space, so your work is kept only on this page until it is saved");

  const text = `Saved with no room for an offline copy (${Date.now()}).`;
  await board.cite(SENTENCE);
  await board.writeArgument({ position: "us", stance: "against", text });
  await expect(page.getByTestId("sync-status")).toHaveText("All changes saved");
  await expect(bob.card(text)).toBeVisible();
});
