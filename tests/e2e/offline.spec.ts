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
  // Once the join's own handshake is acknowledged there is nothing to lose: no question asked.
  await amira.board.waitUntilSaved();
  await amira.page.reload();
  await amira.board.waitUntilLive();
  expect(amira.dialogs).toEqual([]);

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
