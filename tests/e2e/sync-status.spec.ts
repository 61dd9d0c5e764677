/**
 * The status line is honest when the server cannot save: its acks are rewritten to the retryable
 * storage-unavailable on the way to the browser (the database itself is out of reach of a browser
 * test), and the page must say "not saved" until an ack really says the change is stored.
 */
import { BoardPage, expect, test } from "./fixtures";

const SENTENCE = "The security situation in Afghanistan, particularly Pakistan's shaky cooperation with the US, was high on Pompeo's agenda.";
const STORAGE_DOWN = { ok: false, code: "storage-unavailable", message: "The database could not be reached; nothing was saved.", retry: true };
/** A Socket.io ack on the /sync namespace saying an update is stored: engine.io "4", socket.io ACK "3". */
const SAVED_ACK = /^43\/sync,(\d+)\[\{"ok":true\}\]$/;

test("says not saved while acks fail, and All changes saved only once one succeeds", async ({ freshContext }) => {
  const page = await (await freshContext()).newPage();
  let failing = false;
  let refused = 0;
  await page.routeWebSocket(/\/socket\.io\//, (browserSide) => {
    const serverSide = browserSide.connectToServer();
    browserSide.onMessage((message) => serverSide.send(message));
    serverSide.onMessage((message) => {
      const saved = failing && typeof message === "string" ? SAVED_ACK.exec(message) : null;
      if (saved) refused++;
      browserSide.send(saved ? `43/sync,${saved[1]}[${JSON.stringify(STORAGE_DOWN)}]` : message);
    });
  });
  const board = await new BoardPage(page).open();
  await board.chooseName("Noor");
  await board.waitUntilLive();
  const status = page.getByTestId("sync-status");
  await expect(status).toHaveText("All changes saved");

  failing = true;
  await board.cite(SENTENCE);
  const text = `Written while nothing could be saved (${Date.now()}).`;
  await board.writeArgument({ position: "us", stance: "for", text });
  await expect(board.card(text)).toBeVisible();
  await expect(status).toHaveText("Not saved yet — retrying (1 change)");
  await expect(status).toHaveAttribute("data-pending", "1");
  await expect(page.getByTestId("error-toast")).toContainText("could not be reached");

  // The client resends by itself; while the answer is still "not stored", the page still says so.
  await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(status).toHaveText("Not saved yet — retrying (1 change)");

  failing = false;
  await expect(status).toHaveText("All changes saved", { timeout: 30_000 });
  await expect(status).toHaveAttribute("data-pending", "0");
});
