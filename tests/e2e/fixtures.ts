import { test as base, expect, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** The board screen as a person uses it: name, select, cite, write, save. */
export class BoardPage {
  constructor(readonly page: Page) {}

  async open(boardId = "demo"): Promise<this> {
    await this.page.goto(`/b/${boardId}`);
    return this;
  }

  /** Answers the first-visit name dialog. */
  async chooseName(name: string): Promise<void> {
    const dialog = this.page.getByTestId("name-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("name-input").fill(name);
    await dialog.getByTestId("name-save").click();
    await expect(dialog).toBeHidden();
  }

  async waitUntilLive(): Promise<void> {
    await expect(this.page.getByTestId("sync-status")).toHaveAttribute("data-status", "live");
  }

  async waitUntilSaved(): Promise<void> {
    await expect(this.page.getByTestId("sync-status")).toHaveAttribute("data-pending", "0");
  }

  /** Selects `text` in the article with a real mouse drag, from its first to its last character. */
  async selectInArticle(text: string): Promise<void> {
    // The article may still be scrolling or re-laying out (a card just saved scrolls its quote into
    // view): drag only once the passage stands still, and drag again if the selection missed it.
    for (let attempt = 1; ; attempt++) {
      const box = await this.stillPassageBox(text);
      await this.page.mouse.move(box.x1, box.y1);
      await this.page.mouse.down();
      await this.page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
      await this.page.mouse.move(box.x2, box.y2, { steps: 5 });
      await this.page.mouse.up();
      const selected = await this.page.evaluate(() => window.getSelection()?.toString().replace(/\s+/g, " ") ?? "");
      if (selected.includes(text.replace(/\s+/g, " ")) || attempt === 3) return;
    }
  }

  /** Where `text` starts and ends on screen, measured until two frames in a row agree. */
  private async stillPassageBox(text: string): Promise<{ x1: number; y1: number; x2: number; y2: number }> {
    let previous = "";
    for (;;) {
      const box = await this.passageBox(text);
      const now = JSON.stringify(box);
      if (now === previous) return box;
      previous = now;
      await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
  }

  private passageBox(text: string): Promise<{ x1: number; y1: number; x2: number; y2: number }> {
    return this.page.getByTestId("article-pane").evaluate((pane, wanted) => {
      const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let full = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node as Text);
        full += node.textContent ?? "";
      }
      const at = full.indexOf(wanted);
      if (at < 0) throw new Error(`not in the article: ${wanted}`);
      const locate = (offset: number) => {
        let seen = 0;
        for (const node of nodes) {
          const length = node.textContent?.length ?? 0;
          if (offset < seen + length) return { node, offset: offset - seen };
          seen += length;
        }
        throw new Error("offset past the end");
      };
      const charRect = (offset: number) => {
        const { node, offset: inNode } = locate(offset);
        const range = document.createRange();
        range.setStart(node, inNode);
        range.setEnd(node, inNode + 1);
        return range.getBoundingClientRect();
      };
      // Scroll once, to the start: scrolling again for the end would leave the start's rectangle stale
      // when the selection runs into the next paragraph.
      locate(at).node.parentElement?.scrollIntoView({ block: "center", behavior: "instant" });
      const first = charRect(at);
      const last = charRect(at + wanted.length - 1);
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }, text);
  }

  async cite(text: string): Promise<void> {
    await this.selectInArticle(text);
    await this.page.getByTestId("cite-button").click();
    await expect(this.editor.getByTestId("editor-quote").filter({ hasText: text.slice(0, 40) })).toBeVisible();
  }

  get editor(): Locator {
    return this.page.getByTestId("argument-editor");
  }

  column(positionKey: string): Locator {
    return this.page.getByTestId(`position-column-${positionKey}`);
  }

  card(text: string): Locator {
    return this.page.getByTestId("argument-card").filter({ hasText: text });
  }

  async writeArgument(options: { position?: string; stance: "for" | "against"; text: string }): Promise<void> {
    if (options.position) await this.editor.getByTestId(`editor-position-${options.position}`).click();
    await this.editor.getByTestId(`editor-stance-${options.stance}`).click();
    await this.editor.getByTestId("editor-text").fill(options.text);
    await this.editor.getByTestId("editor-save").click();
  }
}

interface Fixtures {
  /** Opens a board as a new person (own browser context) who has chosen `name`; closed after the test. */
  person: (name: string, boardId?: string) => Promise<BoardPage>;
  /** A new browser context, closed after the test (so nobody lingers on the board for the next one). */
  freshContext: () => Promise<BrowserContext>;
}

export const test = base.extend<Fixtures>({
  freshContext: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  person: async ({ freshContext }, use) => {
    await use(async (name, boardId = "demo") => {
      const board = await new BoardPage(await (await freshContext()).newPage()).open(boardId);
      await board.chooseName(name);
      await board.waitUntilLive();
      return board;
    });
  },
});

export { expect };
