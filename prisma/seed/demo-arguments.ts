import type { Stance } from "../../lib/board/argument";

/**
 * The demo board's arguments: a small, realistic debate over the seed article (prisma/seed/article.txt).
 * Pure data; prisma/seed/demo-board.ts turns it into board records through the model's own operations.
 *
 * Invariants (checked by tests/unit/demo-board.test.ts):
 * - every quote is an exact substring of article.txt, found exactly once unless `occurrence` says which;
 * - a reply is listed after the argument it answers, so writing in order never misses a parent;
 * - ids are stable, because exports, e2e fixtures and links into the demo board refer to them.
 */

/** Keys of the two positions in prisma/seed/article.json. */
export type DemoPositionKey = "us" | "pak-military";

export type DemoArgumentId = `demo-${string}`;

export interface DemoQuote {
  /** Copied character for character from article.txt; never spans a paragraph break. */
  exact: string;
  /** Which occurrence (0-based) is meant when `exact` appears more than once in the article. */
  occurrence?: number;
}

export interface DemoArgument {
  id: DemoArgumentId;
  /** A position key for a top-level argument, or the id of the demo argument this one answers. */
  parent: DemoPositionKey | DemoArgumentId;
  stance: Stance;
  text: string;
  authorName: string;
  quotes: DemoQuote[];
}

export const DEMO_ARGUMENTS: readonly DemoArgument[] = [
  // The US position: top-level arguments.
  {
    id: "demo-us-for-1",
    parent: "us",
    stance: "for",
    authorName: "Amira",
    text: "Tying aid to results is only fair. By Haqqani's account Pakistan took decades of military assistance without keeping its promises on terrorism, so paying on regardless would reward the double game.",
    quotes: [
      { exact: "Pakistan has not kept its promises of acting against terrorism after decades of promising to do so" },
      { exact: "why should the US continue to provide the military funding?" },
    ],
  },
  {
    id: "demo-us-for-2",
    parent: "us",
    stance: "for",
    authorName: "Jonas",
    text: "The goal is a stable Afghanistan, not punishing Pakistan. Squeezing the Haqqani Network and its allies is how you make the Taliban leadership willing to negotiate at all.",
    quotes: [
      { exact: "that Islamabad takes decisive action against the militant Haqqani Network operating on its soil" },
      { exact: "once enough pressure has been applied on them militarily, the Afghan Taliban leadership may be more amenable to negotiations" },
    ],
  },
  {
    id: "demo-us-against-1",
    parent: "us",
    stance: "against",
    authorName: "Leila",
    text: "You can't cancel $300 million days before a trip meant to reset the relationship and expect goodwill. Heavy-handed pressure only hardens the generals who actually decide.",
    quotes: [
      { exact: "the Trump administration canceled a $300 million aid package to the Islamic country" },
      { exact: "Washington's heavy-handedness has not gone down well with Pakistani authorities" },
    ],
  },
  {
    id: "demo-us-against-2",
    parent: "us",
    stance: "against",
    authorName: "Mateo",
    text: "Even the policy's defenders call it a gamble: the US believes that \"maybe\" cutting aid forces a rethink. Betting on a maybe while Pakistan can lean on China looks reckless.",
    quotes: [
      { exact: "The US now believes that maybe reversing these policies will force Pakistan to rethink its worldview and recalibrate its policies" },
      { exact: "indirectly referring to Pakistan's close ties to China" },
    ],
  },

  // The US position: replies.
  {
    id: "demo-us-for-1-r1",
    parent: "demo-us-for-1",
    stance: "against",
    authorName: "Farah",
    text: "\"No promises kept\" ignores the record. Pakistan brought the Taliban to the table in 2015; a partner that delivered talks once deserves more than a blanket charge of deceit.",
    quotes: [{ exact: "Did we not bring them to negotiations in 2015?" }],
  },
  {
    id: "demo-us-for-1-r1-r1",
    parent: "demo-us-for-1-r1",
    stance: "against",
    authorName: "Amira",
    text: "One round of talks three years ago isn't the decisive action being asked for. The charge is selectivity: Pakistan fights the groups that attack Pakistan and shelters the ones that attack Afghanistan.",
    quotes: [
      { exact: "The US believes Pakistan provides safe haven to Afghan jihadists even as it acts against those Pakistani groups that attack inside Pakistan" },
    ],
  },
  {
    id: "demo-us-for-1-s1",
    parent: "demo-us-for-1",
    stance: "for",
    authorName: "Jonas",
    text: "And the US can afford to hold that line now. With fewer troops in Afghanistan it no longer depends on Pakistani supply routes, so the old leverage Pakistan had is gone.",
    quotes: [
      { exact: "Decline in the number of US troops in Afghanistan means the US needs for supplying them through Pakistan have also diminished" },
    ],
  },

  // The Pakistani military position: top-level arguments.
  {
    id: "demo-pak-for-1",
    parent: "pak-military",
    stance: "for",
    authorName: "Yusuf",
    text: "Pakistan has carried real costs in the war on terror and gets only blame in return, while Afghan intelligence works against it at India's behest. Asking for recognition is not obstruction.",
    quotes: [
      { exact: "But Pakistan complains its \"sacrifices\" in the war on terror have not been appreciated by the US." },
      { exact: "But the Afghan intelligence agency continues to work at India's behest" },
    ],
  },
  {
    id: "demo-pak-for-2",
    parent: "pak-military",
    stance: "for",
    authorName: "Nadia",
    text: "You can't demand results from leverage that no longer exists. The Taliban have their own friends in Tehran and Moscow, so blaming Islamabad for every stalled talk is unfair.",
    quotes: [{ exact: "Pakistan's influence on Afghan groups has waned over the years. The Taliban have good ties with Iran and Russia." }],
  },
  {
    id: "demo-pak-for-3",
    parent: "pak-military",
    stance: "for",
    authorName: "Omar",
    text: "Washington is openly tilting toward New Delhi. Pakistan is right to refuse the role of India's junior partner, and with China beside it, it no longer has to.",
    quotes: [
      { exact: "The US wants Pakistan to be subservient to India; Pakistan will never accept that." },
      { exact: "We are no more dependent on the US for our military needs" },
    ],
  },
  {
    id: "demo-pak-against-1",
    parent: "pak-military",
    stance: "against",
    authorName: "Sofia",
    text: "The talk of other options is bravado. Pakistan needs $12 billion just to service its debt, and without Washington on side the IMF loan is off the table.",
    quotes: [
      { exact: "Pakistan's economic situation is dire and the country urgently needs $12 billion for debt servicing." },
      { exact: "it will not be able to get the loan from the International Monetary Fund" },
    ],
  },
  {
    id: "demo-pak-against-2",
    parent: "pak-military",
    stance: "against",
    authorName: "Tobias",
    text: "This is the army's position, not the nation's. The generals call the shots on foreign policy, and the last prime minister who challenged their backing of proxy groups is behind bars.",
    quotes: [
      { exact: "the military generals, who call the shots on defense, security and foreign policy matters" },
      { exact: "who had reportedly confronted his country's powerful army over the generals' alleged backing to a number of proxy jihadist groups" },
    ],
  },

  // The Pakistani military position: replies.
  {
    id: "demo-pak-for-2-r1",
    parent: "demo-pak-for-2",
    stance: "against",
    authorName: "Leila",
    text: "The influence hasn't vanished. The militants once chose Imran Khan himself to speak for them, and he now works in lockstep with the army.",
    quotes: [
      { exact: "the militants had nominated him to talk to Pakistani authorities on their behalf" },
      { exact: "It is therefore clear that the civilian government and the military spoke to Pompeo and Dunford with one mind." },
    ],
  },
  {
    id: "demo-pak-for-2-r1-r1",
    parent: "demo-pak-for-2-r1",
    stance: "against",
    authorName: "Nadia",
    text: "Being trusted as a go-between years ago is not control over today's Taliban. Observers say Khan has underestimated how complex Afghanistan has become.",
    quotes: [{ exact: "the Afghan situation is far more complex than how Khan has so far perceived it" }],
  },
];
