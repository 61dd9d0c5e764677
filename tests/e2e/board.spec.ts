import { expect, test } from "./fixtures";

const SENTENCE = "The security situation in Afghanistan, particularly Pakistan's shaky cooperation with the US, was high on Pompeo's agenda.";

test("a cited argument appears live in a second browser and survives a reload", async ({ person }) => {
  const amira = await person("Amira");
  const jonas = await person("Jonas");
  await expect(amira.page.getByTestId("presence-count")).toContainText("2");

  await amira.cite(SENTENCE);
  const text = `Security comes first: Washington's agenda is Afghanistan, not partnership (${Date.now()}).`;
  await amira.writeArgument({ position: "us", stance: "against", text });
  await expect(amira.column("us").getByTestId("lane-against").getByText(text)).toBeVisible();
  await amira.waitUntilSaved();

  // Jonas sees the card, its quote, and the new highlight in his article, without reloading.
  const seen = jonas.column("us").getByTestId("lane-against").getByTestId("argument-card").filter({ hasText: text });
  await expect(seen).toBeVisible();
  await expect(seen.getByTestId("card-quote")).toContainText("shaky cooperation with the US");
  await expect(jonas.page.getByTestId("highlight").filter({ hasText: "shaky cooperation" }).first()).toBeVisible();

  await jonas.page.reload();
  await jonas.waitUntilLive();
  await expect(jonas.card(text)).toBeVisible();
  await expect(jonas.card(text)).toHaveAttribute("data-stance", "against");
});

test("a rebuttal nests under the argument it answers, for everyone", async ({ person }) => {
  const amira = await person("Amira");
  const jonas = await person("Jonas");
  const target = amira.card("Tying aid to results is only fair").first();
  await target.getByTestId("card-reply").click();
  const text = `Aid cuts punish ordinary Pakistanis, not the generals (${Date.now()}).`;
  await amira.writeArgument({ stance: "against", text });

  const reply = jonas.card(text);
  await expect(reply).toBeVisible();
  await expect(reply).toHaveAttribute("data-depth", "1");
  await expect(reply).toHaveAttribute("data-stance", "against");
});

test("clicking a quote on a card brings the passage into view in the article", async ({ person }) => {
  const amira = await person("Amira");
  const quote = amira.card("Even the policy's defenders call it a gamble").getByTestId("card-quote").filter({ hasText: "reversing these policies" });
  await quote.click();
  const highlight = amira.page.getByTestId("highlight").filter({ hasText: "reversing these policies" }).first();
  await expect(highlight).toBeInViewport();
});
