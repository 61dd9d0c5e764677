import { expect, test } from "./fixtures";

// The article's own quotation marks, selected with the passage: the card must not add a second pair.
const QUOTED = '"Safeguarding Pakistan\'s national interests will remain supreme priority."';

test("a quote that starts with a quotation mark is shown with one pair of marks, not two", async ({ person }) => {
  const amira = await person("Amira");
  await amira.cite(QUOTED);
  const text = `Sovereignty is the red line in every talk (${Date.now()}).`;
  await amira.writeArgument({ position: "pak-military", stance: "for", text });
  const quote = amira.card(text).getByTestId("card-quote");
  await expect(quote).toHaveText(QUOTED);
  // No pseudo-element marks either: the rendered box starts with the passage's own mark.
  expect(await quote.evaluate((el) => getComputedStyle(el, "::before").content)).toMatch(/^(none|normal)$/);
});
