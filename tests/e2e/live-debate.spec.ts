import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, DraftsView, expectAbsentFor, FacilitatorPanel, memberIdOn, rate, ResultsDialog, ReviewPage, timerSeconds } from "./session-pages";

/**
 * The whole live debate: a facilitator and two participants on different teams go through the phases
 * with the clock, private drafting and its reveal, a rebuttal, the spotlight, voting and its reveal,
 * and then the facilitator replays the session. Three browser contexts, one board.
 */

// Teams made with every facilitated board: one per position of the seed article (server/boards/create-board.ts).
const TEAM_US = { id: "team-us", name: "Team US" };
const TEAM_PAK = { id: "team-pak-military", name: "Team Pakistani military" };
const QUOTE = "canceled a $300 million aid package to the Islamic country";
const REBUTTAL_QUOTE = "We are no more dependent on the US for our military needs";

test("a facilitator and two participants on different teams run a whole debate, then replay it", async ({ request, freshContext }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const opening = `Cutting the aid package shows conditions have teeth (${stamp}).`;
  const rebuttal = `Cutting aid only pushes Islamabad closer to other patrons (${stamp}).`;
  const board = await createManagedBoard(request, `Live debate ${stamp}`);

  const host = new BoardPage(await (await freshContext()).newPage());
  const amira = new BoardPage(await (await freshContext()).newPage());
  const jonas = new BoardPage(await (await freshContext()).newPage());
  const panel = new FacilitatorPanel(host);
  let amiraId = "";
  let jonasId = "";

  await test.step("the facilitator opens the board; Amira joins by link, Jonas by code", async () => {
    await host.page.goto(board.facilitatorUrl);
    await host.chooseName("Ms Rivera");
    await host.waitUntilLive();
    await panel.open();
    const participantUrl = await panel.participantLink();

    await amira.page.goto(participantUrl);
    await amira.chooseName("Amira");
    await amira.waitUntilLive();

    await jonas.open(board.id);
    await expect(jonas.page.getByTestId("join-required")).toBeVisible();
    await jonas.page.getByTestId("join-required-code").fill(board.code);
    await jonas.page.getByTestId("join-required-name").fill("Jonas");
    await jonas.page.getByTestId("join-required-submit").click();
    await jonas.waitUntilLive();

    amiraId = await memberIdOn(amira.page, board.id);
    jonasId = await memberIdOn(jonas.page, board.id);
    await expect(host.page.getByTestId("presence-count")).toHaveText("3 here");
  });

  await test.step("the facilitator puts Amira and Jonas on opposite teams", async () => {
    await panel.setSetting("teampick", false);
    await panel.assign(amiraId, TEAM_US.id);
    await panel.assign(jonasId, TEAM_PAK.id);
    await expect(amira.page.getByTestId("my-team")).toHaveText(TEAM_US.name);
    await expect(jonas.page.getByTestId("my-team")).toHaveText(TEAM_PAK.name);
    // Everyone's presence strip shows each person's team.
    for (const viewer of [host, amira, jonas]) {
      await expect(viewer.page.locator(`[data-testid="presence-avatar"][data-user-id="${amiraId}"]`)).toHaveAttribute("data-team", TEAM_US.id);
      await expect(viewer.page.locator(`[data-testid="presence-avatar"][data-user-id="${jonasId}"]`)).toHaveAttribute("data-team", TEAM_PAK.id);
    }
  });

  await test.step("drafting: one clock for all, and Amira's argument stays with her team", async () => {
    await panel.setSetting("privatedrafting", true);
    await panel.startFirstPhase();
    for (const person of [host, amira, jonas]) {
      await expect(person.page.getByTestId("phase-name")).toHaveText("Drafting");
      await expect(person.page.getByTestId("phase-bar")).toHaveAttribute("data-state", "running");
    }
    // The clock runs on server time: every screen shows (nearly) the same second.
    const [hostLeft, amiraLeft, jonasLeft] = await Promise.all([host, amira, jonas].map((p) => timerSeconds(p.page)));
    expect(hostLeft).toBeGreaterThan(9 * 60);
    expect(hostLeft).toBeLessThanOrEqual(10 * 60);
    expect(Math.abs(amiraLeft - hostLeft)).toBeLessThanOrEqual(3);
    expect(Math.abs(jonasLeft - hostLeft)).toBeLessThanOrEqual(3);
    await expect.poll(() => timerSeconds(jonas.page), { message: "the participant's clock counts down" }).toBeLessThan(jonasLeft);

    await amira.cite(QUOTE);
    await expect(amira.editor.getByTestId("editor-draft-note")).toContainText(TEAM_US.name);
    await amira.writeArgument({ position: "us", stance: "for", text: opening });
    const amiraDrafts = new DraftsView(amira);
    await expect(amiraDrafts.card(opening)).toBeVisible();
    await expect(amiraDrafts.card(opening).getByTestId("draft-note")).toContainText("only your team sees this");
    await expect(amira.card(opening)).toHaveCount(0);

    const hostDrafts = new DraftsView(host);
    await expect(hostDrafts.panelItem(opening)).toBeVisible();
    await expect(hostDrafts.card(opening).getByTestId("draft-note")).toContainText(`by ${TEAM_US.name}`);

    // The other team sees nothing of it: no card, no draft, no text anywhere on the page.
    await expectAbsentFor(jonas.page.getByText(opening), 1_000);
    await expect(jonas.page.getByTestId("draft-card")).toHaveCount(0);

    await hostDrafts.revealAll(1);
    await expect(jonas.card(opening)).toBeVisible();
    await expect(jonas.card(opening).getByTestId("card-team")).toHaveText(TEAM_US.name);
    await expect(jonas.card(opening).getByTestId("card-quote")).toContainText(QUOTE);
    await expect(amira.card(opening)).toBeVisible();
    await expect(amiraDrafts.card(opening)).toHaveCount(0);
  });

  await test.step("rebuttals: Jonas may reply but not open a new argument", async () => {
    await panel.startPhase("rebuttals");
    await expect(jonas.page.getByTestId("phase-name")).toHaveText("Rebuttals");
    await expect(jonas.page.getByTestId("lane-add-for")).toHaveCount(0);
    await expect(jonas.page.getByTestId("lane-add-against")).toHaveCount(0);

    await jonas.card(opening).getByTestId("card-reply").click();
    // A new board asks every argument, replies too, to cite the article.
    await jonas.cite(REBUTTAL_QUOTE);
    await jonas.writeArgument({ stance: "against", text: rebuttal });
    const reply = amira.card(rebuttal);
    await expect(reply).toHaveAttribute("data-depth", "1");
    await expect(reply).toContainText("rebuts");
    await expect(reply.getByTestId("card-team")).toHaveText(TEAM_PAK.name);
  });

  await test.step("spotlight: Amira's argument comes into view on every screen", async () => {
    // Amira reads the article on a tablet-sized screen, where the board pane is hidden…
    await amira.page.setViewportSize({ width: 820, height: 860 });
    await amira.page.getByTestId("show-article").click();
    await expect(amira.card(opening)).toBeHidden();

    await host.card(opening).getByTestId("card-spotlight").click();
    await expect(host.card(opening).getByTestId("card-spotlight")).toHaveAttribute("aria-pressed", "true");
    // …and following the spotlight brings her back to the board, to that card.
    for (const person of [amira, jonas]) {
      await expect(person.card(opening)).toHaveAttribute("data-spotlit", "true");
      await expect(person.card(opening)).toBeInViewport();
      await expect(person.card(rebuttal)).not.toHaveAttribute("data-spotlit");
    }
    await expect(amira.page.getByTestId("show-board")).toHaveAttribute("aria-pressed", "true");
    await amira.page.setViewportSize({ width: 1366, height: 860 });

    await panel.root.getByTestId("spotlight-clear").click();
    await expect(jonas.page.locator("[data-spotlit]")).toHaveCount(0);
  });

  await test.step("voting: blind ballots until the facilitator reveals them", async () => {
    await panel.nextPhase();
    for (const person of [amira, jonas]) await expect(person.page.getByTestId("phase-name")).toHaveText("Voting");
    const onJonas = jonas.card(opening);
    await expect(onJonas.getByTestId("vote-controls")).toHaveAttribute("data-mode", "prominent");

    await rate(onJonas, { strength: 4, quote: 5 });
    await rate(amira.card(rebuttal), { strength: 2 });
    await expect(onJonas.getByTestId("vote-hidden-note")).toBeVisible();
    await expect(jonas.page.getByTestId("vote-average")).toHaveCount(0);
    await expect(jonas.page.getByTestId("results-button")).toHaveCount(0);
    // Facilitators see the averages all along.
    await expect(host.card(opening).getByTestId("vote-average")).toHaveAttribute("data-votes", "1");

    const results = await new ResultsDialog(host.page).open();
    await results.expectBarChart();
    await expect(results.root).toContainText("2 ballots cast");
    await expect(results.root.getByTestId("reveal-votes")).toHaveAttribute("data-revealed", "false");
    await results.root.getByTestId("reveal-votes").click();
    await expect(results.root.getByTestId("reveal-votes")).toHaveAttribute("data-revealed", "true");
    await results.close();

    await expect(onJonas.getByTestId("vote-average")).toHaveAttribute("data-votes", "1");
    await expect(onJonas.getByTestId("vote-average")).toContainText("4.0");
    await expect(onJonas.getByTestId("vote-hidden-note")).toHaveCount(0);
    const jonasResults = await new ResultsDialog(jonas.page).open();
    await jonasResults.expectBarChart();
    await expect(jonasResults.root.getByTestId("results-table")).toContainText(opening.slice(0, 40));
    await expect(jonasResults.root.getByTestId("reveal-votes")).toHaveCount(0);
    await jonasResults.close();
  });

  await test.step("replay: the facilitator reviews who did what", async () => {
    const review = await new ReviewPage(host.page).open(board.id);
    await expect(review.entries("added", `Jonas added '${rebuttal.slice(0, 20)}`)).toHaveCount(1);
    await expect(review.entries("voted", "Jonas rated")).toHaveCount(2); // strength, then quote support
    await expect(review.entries("voted", "Amira rated")).toHaveCount(1);
    // A revealed draft is credited to the student who wrote it, not to the facilitator who revealed it.
    await expect(review.entries("added", `Amira added '${opening.slice(0, 20)}`).filter({ hasText: "(for The US position)" })).toHaveCount(1);
    await expect(review.entries("cited", "Amira cited")).toHaveCount(1);

    await review.slideTo("start");
    await expect(review.cards).toHaveCount(0);
    await review.slideTo("end");
    await expect(review.cards.filter({ hasText: opening })).toContainText("Amira");
    await expect(review.cards.filter({ hasText: rebuttal })).toHaveAttribute("data-depth", "1");

    const amiraCounts = await review.contributions("Amira");
    const jonasCounts = await review.contributions("Jonas");
    expect(amiraCounts).toMatchObject({ arguments: 1, quotes: 1, votes: 1 });
    expect(jonasCounts).toMatchObject({ rebuttals: 1, votes: 1 });

    const { download, text } = await review.downloadCsv();
    expect(download.suggestedFilename()).toBe(`parley-${board.id}-contributions.csv`);
    const rows = parseCsv(text);
    expect(rows.find((r) => r.member === "Amira")).toMatchObject({ role: "participant", arguments: "1", quotes: "1", votes: "1" });
    expect(rows.find((r) => r.member === "Jonas")).toMatchObject({ role: "participant", rebuttals: "1", votes: "1" });
  });
});

/**
 * Revealing drafts writes every team's drafts in one server update recorded under the facilitator's
 * member id (server/sync/commands.ts revealDrafts → room.runServerChange(memberId, …)), and the
 * review credits an argument to the member whose update created it (lib/review/contributions.ts,
 * lib/review/diff.ts). So the review says "Ms Rivera added/cited …" for Amira's argument and counts
 * it (arguments 1, quotes 1) for the facilitator, 0 for Amira. When fixed, expect "Amira added",
 * "Amira cited" and Amira's row { arguments: 1, quotes: 1 } here.
 */

/** The contributions CSV (simple cells: no quoted commas in this test's names) as one record per row. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/).map((line) => line.split(","));
  return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}
