import { readFile } from "node:fs/promises";
import type { APIRequestContext, Download, Locator, Page } from "@playwright/test";
import { BoardPage, expect } from "./fixtures";

/**
 * Page objects for a facilitated session: the facilitator's drawer, the results dialog, team drafts
 * and the after-class review. They sit on top of fixtures.ts's BoardPage.
 */

export interface ManagedBoard {
  id: string;
  code: string;
  /** `/b/<id>?invite=<facilitator token>`: the creator's way in. */
  facilitatorUrl: string;
}

/**
 * A facilitated board on the seed article, made through the API as the home page makes it. Like the
 * home page, it asks every argument to cite the article unless `mustCite` is false: specs about other
 * things that post arguments without quotes say so, as a teacher unticking the box would.
 */
export async function createManagedBoard(request: APIRequestContext, title: string, options: { mustCite?: boolean } = {}): Promise<ManagedBoard> {
  const response = await request.post("/api/boards", { data: { title, source: { kind: "article" }, ...options } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { board: { id: string; joinCode: string }; facilitatorInvite: string };
  return { id: body.board.id, code: body.board.joinCode, facilitatorUrl: `/b/${body.board.id}?invite=${body.facilitatorInvite}` };
}

/** The member id this browser holds on `boardId` (written by the join flow under `parley.member.<id>`). */
export async function memberIdOn(page: Page, boardId: string): Promise<string> {
  const id = await page.evaluate((key) => (JSON.parse(window.localStorage.getItem(key) ?? "null") as { memberId?: string } | null)?.memberId, `parley.member.${boardId}`);
  expect(id, `no membership stored for board ${boardId}`).toBeTruthy();
  return id!;
}

/** "9:58" → 598; "1:02:03" → 3723. */
export async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId("phase-timer").textContent())?.trim() ?? "";
  expect(text).toMatch(/^\d+(:\d\d){1,2}$/);
  return text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}

/** Asserts `locator` matches nothing, again and again for `ms`: absence that holds, not a lucky moment. */
export async function expectAbsentFor(locator: Locator, ms = 1_000): Promise<void> {
  const until = Date.now() + ms;
  do {
    await expect(locator).toHaveCount(0, { timeout: 100 });
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < until);
}

/** The facilitator's drawer beside the board. */
export class FacilitatorPanel {
  constructor(readonly board: BoardPage) {}

  get root(): Locator {
    return this.board.page.getByTestId("facilitator-panel");
  }

  async open(): Promise<this> {
    await this.board.page.getByTestId("facilitate-button").click();
    await expect(this.root).toBeVisible();
    return this;
  }

  async participantLink(): Promise<string> {
    const link = this.root.getByTestId("invite-participant-link");
    await expect(link).toHaveAttribute("href", /invite=/);
    return (await link.getAttribute("href"))!;
  }

  async setSetting(name: "locked" | "teampick" | "privatedrafting" | "teamsides" | "mustcite", on: boolean): Promise<void> {
    const toggle = this.root.getByTestId(`setting-${name}`);
    await toggle.setChecked(on);
    // The switch settles on the server's answer: wait until it holds and is usable again.
    await expect(toggle).toBeChecked({ checked: on });
    await expect(toggle).toBeEnabled();
  }

  async assign(memberId: string, teamId: string): Promise<void> {
    const select = this.root.getByTestId(`assign-${memberId}`);
    await select.selectOption(teamId);
    await expect(select).toHaveValue(teamId);
  }

  async startFirstPhase(): Promise<void> {
    await this.root.getByTestId("phase-start").click();
  }

  async startPhase(phaseId: string): Promise<void> {
    await this.root.locator(`[data-testid="phase-row"][data-phase-id="${phaseId}"]`).getByTestId("phase-row-start").click();
    await expect(this.root.locator(`[data-testid="phase-row"][data-phase-id="${phaseId}"]`)).toHaveAttribute("data-current", "true");
  }

  async nextPhase(): Promise<void> {
    await this.root.getByTestId("phase-next").click();
  }
}

/** Private team drafts as one person sees them: dashed cards on the board and the panel above it. */
export class DraftsView {
  constructor(readonly board: BoardPage) {}

  get panel(): Locator {
    return this.board.page.getByTestId("drafts-panel");
  }

  card(text: string): Locator {
    return this.board.page.getByTestId("draft-card").filter({ hasText: text });
  }

  panelItem(text: string): Locator {
    return this.panel.getByTestId("drafts-panel-item").filter({ hasText: text });
  }

  /** Facilitator: "Reveal all drafts", then confirm in the dialog that counts them. */
  async revealAll(expectedCount: number): Promise<void> {
    await this.panel.getByTestId("reveal-drafts").click();
    const dialog = this.board.page.getByTestId("reveal-drafts-dialog");
    await expect(dialog).toContainText(`Reveal all ${expectedCount} draft`);
    await dialog.getByTestId("reveal-drafts-confirm").click();
    await expect(dialog).toBeHidden();
  }
}

/** Rates `card` 1–5 on strength (and quote support), and waits until the server has the ballot. */
export async function rate(card: Locator, ratings: { strength: number; quote?: number }): Promise<void> {
  await card.getByTestId(`vote-strength-${ratings.strength}`).click();
  await expect(card.getByTestId(`vote-strength-${ratings.strength}`)).toHaveAttribute("aria-checked", "true");
  if (ratings.quote === undefined) return;
  await card.getByTestId(`vote-quote-${ratings.quote}`).click();
  await expect(card.getByTestId(`vote-quote-${ratings.quote}`)).toHaveAttribute("aria-checked", "true");
}

/** The results <dialog> behind the top bar's Results button. */
export class ResultsDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId("results-panel");
  }

  async open(): Promise<this> {
    // Below laptop width the Results button is folded behind the top bar's "More".
    const more = this.page.getByTestId("top-bar-more");
    if ((await more.isVisible()) && (await more.getAttribute("aria-expanded")) !== "true") await more.click();
    await this.page.getByTestId("results-button").click();
    await expect(this.root).toBeVisible();
    return this;
  }

  async close(): Promise<void> {
    await this.root.getByRole("button", { name: "Close the results" }).click();
    await expect(this.root).toBeHidden();
  }

  /** The bar chart of strength per position: a drawn SVG with a bar per side. */
  async expectBarChart(): Promise<void> {
    const bars = this.root.getByTestId("results-bars");
    await expect(bars.locator("svg[role=img]")).toBeVisible();
    await expect(bars.locator("svg rect[width]").first()).toBeAttached();
  }
}

/** The after-class review at /b/<id>/review (facilitators only). */
export class ReviewPage {
  constructor(readonly page: Page) {}

  async open(boardId: string): Promise<this> {
    await this.page.goto(`/b/${boardId}/review`);
    await expect(this.page.getByTestId("review-page")).toBeVisible();
    await expect(this.page.getByTestId("activity-feed")).toBeVisible();
    return this;
  }

  entries(kind: "added" | "cited" | "voted" | "edited", text: string | RegExp): Locator {
    return this.page.locator(`[data-testid="activity-entry"][data-kind="${kind}"]`).filter({ hasText: text });
  }

  get cards(): Locator {
    return this.page.getByTestId("review-board").getByTestId("review-card");
  }

  /** Moves the slider with the keyboard (Home/End), as a person would; React hears real input events. */
  async slideTo(end: "start" | "end"): Promise<void> {
    const slider = this.page.getByTestId("review-slider");
    await slider.focus();
    await slider.press(end === "start" ? "Home" : "End");
    const bound = await slider.getAttribute(end === "start" ? "min" : "max");
    await expect(slider).toHaveValue(bound!);
  }

  /** One member's counts from the contributions table, by column name. */
  async contributions(name: string): Promise<Record<string, number>> {
    const row = this.page.getByTestId("contributions-table").locator("tbody tr").filter({ has: this.page.getByRole("rowheader", { name }) });
    await expect(row).toHaveCount(1);
    const cells = await row.locator("td").allTextContents();
    const columns = ["arguments", "rebuttals", "supports", "quotes", "votes", "edits"];
    return Object.fromEntries(columns.map((column, i) => [column, Number(cells[i])]));
  }

  async downloadCsv(): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("contributions-csv").click()]);
    const path = await download.path();
    return { download, text: await readFile(path, "utf8") };
  }
}
