/**
 * Seeds a board with many arguments through the JSON import route, for the long-board e2e tests and
 * `npm run bench:browser`. The arguments are generated from a fixed-seed generator on top of the demo
 * board's export, so every run gets the same board: the demo's positions and source, and quotes that
 * are the demo's own (already anchored to that source).
 */

export interface BigBoard {
  id: string;
  /** `/b/<id>?invite=<facilitator token>`: imported boards are facilitated, this is the way in. */
  facilitatorUrl: string;
  /** The text of the last argument created (the bottom of the board). */
  lastText: string;
}

interface ExportedJson {
  positions: { id: string }[];
  quotes: { argumentId: string; exact: string; prefix: string; suffix: string; start: number; end: number }[];
  [key: string]: unknown;
}

const WORDS = ("evidence budget council cyclists parking safety traffic shops residents emissions noise buses children " +
  "delivery survey winter pollution accident cost trees benches lighting access elderly ambulance visitors").split(" ");
const AUTHORS = Array.from({ length: 24 }, (_, i) => ({ id: `bench-author-${i}`, name: `Student ${String.fromCharCode(65 + (i % 26))}${i}` }));

/** Small deterministic PRNG (mulberry32), so the "random" board is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Parley JSON document: the demo board with `count` generated arguments instead of its own. */
export function bigBoardJson(demo: ExportedJson, count: number, title: string): { json: string; lastText: string } {
  const next = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const anchors = demo.quotes.map(({ exact, prefix, suffix, start, end }) => ({ exact, prefix, suffix, start, end }));
  const args: { id: string; positionId: string; parentId: string; stance: "for" | "against"; text: string; authorId: string; authorName: string; createdAt: number; updatedAt: number }[] = [];
  const quotes: (typeof anchors[number] & { id: string; argumentId: string })[] = [];
  const start = Date.UTC(2026, 10, 30, 9, 0, 0);
  for (let i = 0; i < count; i++) {
    // About a quarter are replies to an earlier argument, so threads and reply counts exist.
    const parent = i > 10 && next() < 0.25 ? pick(args) : null;
    const positionId = parent ? parent.positionId : pick(demo.positions).id;
    const author = pick(AUTHORS);
    const words = Array.from({ length: 12 + Math.floor(next() * 30) }, () => pick(WORDS)).join(" ");
    const id = `bench-arg-${i}`;
    const createdAt = start + i * 7_000;
    args.push({ id, positionId, parentId: parent ? parent.id : positionId, stance: next() < 0.55 ? "for" : "against", text: `Point ${i + 1}: ${words}.`, authorId: author.id, authorName: author.name, createdAt, updatedAt: createdAt });
    if (anchors.length > 0 && next() < 0.3) quotes.push({ id: `${id}-q1`, argumentId: id, ...pick(anchors) });
  }
  const relations = args.map((a) => ({ id: `rel-${a.id}`, fromId: a.id, toId: a.parentId, kind: a.stance === "for" ? "support" : "attack" }));
  const doc = { ...demo, board: { title }, arguments: args, relations, quotes, teams: [], votes: [], comments: [] };
  return { json: JSON.stringify(doc), lastText: args[args.length - 1]!.text };
}

/** Imports a `count`-argument board into the server at `baseURL` (same-origin, as the home page does). */
export async function seedBigBoard(baseURL: string, count: number): Promise<BigBoard> {
  const exported = await fetch(new URL("/api/boards/demo/export?format=json", baseURL));
  if (!exported.ok) throw new Error(`demo export answered ${exported.status}`);
  const demo = (await exported.json()) as ExportedJson;
  delete demo.exportedAt;
  const { json, lastText } = bigBoardJson(demo, count, `Long board (${count} arguments)`);
  const origin = new URL(baseURL).origin;
  const response = await fetch(new URL("/api/boards/import?format=json", baseURL), { method: "POST", body: json, headers: { "content-type": "application/json", origin } });
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { board: { id: string }; facilitatorInvite: string };
  return { id: body.board.id, facilitatorUrl: `/b/${body.board.id}?invite=${body.facilitatorInvite}`, lastText };
}
