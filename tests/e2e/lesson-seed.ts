import type { APIRequestContext } from "@playwright/test";
import { expect } from "./fixtures";
import type { ManagedBoard } from "./session-pages";

/**
 * A whole lesson's worth of board, made in one request: the demo board exported as Parley JSON, with
 * generated arguments, two teams and many ballots added, imported through the same API the home
 * page's import uses. Imports keep every ballot, so the review, the results and the projector see a
 * real lesson's volume without hundreds of clicks.
 */

export interface Lesson extends ManagedBoard {
  /** Generated argument texts, in board order; the first carries a quote from the article. */
  texts: string[];
  /** Board events plus ballots: what the review's activity feed lists, at least. */
  events: number;
}

interface ParleyFile {
  board: { title: string };
  positions: { id: string; color: string }[];
  arguments: { id: string; positionId: string; parentId: string; stance: "for" | "against"; text: string; authorId: string; authorName: string; createdAt: number; updatedAt: number }[];
  relations: { id: string; fromId: string; toId: string; kind: "support" | "attack" }[];
  quotes: { id: string; argumentId: string }[];
  teams?: unknown[];
  votes?: unknown[];
}

const TEAM_NAMES = ["Team Conditional-Aid Strengtheners", "Team Pakistani military establishment"];

/** Imports a board with `argumentCount` new arguments and `ballots` ballots spread over `minutes`. */
export async function seedLesson(request: APIRequestContext, options: { title: string; argumentCount: number; ballots: number; minutes: number }): Promise<Lesson> {
  const exported = await request.get("/api/boards/demo/export?format=json");
  expect(exported.status()).toBe(200);
  const file = (await exported.json()) as ParleyFile;
  const [first, second] = file.positions;
  const authors = Array.from({ length: 8 }, (_, i) => ({ id: `lesson-student-${i}`, name: `Student ${i + 1}`, team: i % 2 }));
  const now = Date.now();
  const texts: string[] = [];

  for (let i = 0; i < options.argumentCount; i++) {
    const id = `lesson-arg-${i}`;
    const author = authors[i % authors.length];
    const position = i % 2 === 0 ? first : second;
    const stance = i % 3 === 2 ? "against" : "for";
    const text = `${options.title}: argument ${i + 1} weighs ${stance === "for" ? "for" : "against"} this position, with reasons a class can follow.`;
    texts.push(text);
    file.arguments.push({ id, positionId: position.id, parentId: position.id, stance, text, authorId: author.id, authorName: author.name, createdAt: now + i, updatedAt: now + i });
    file.relations.push({ id: `rel-${id}`, fromId: id, toId: position.id, kind: stance === "for" ? "support" : "attack" });
  }
  // The first generated argument borrows the demo board's first quote, so the spotlight has one to show.
  const quoted = file.quotes[0] as Record<string, unknown>;
  file.quotes.push({ ...quoted, id: "lesson-arg-0-q1", argumentId: "lesson-arg-0" } as ParleyFile["quotes"][number]);

  file.board.title = options.title;
  file.teams = [first, second].map((position, t) => ({
    id: `lesson-team-${t}`,
    name: TEAM_NAMES[t],
    positionId: position.id,
    color: position.color,
    memberIds: authors.filter((a) => a.team === t).map((a) => a.id),
  }));
  const spacing = (options.minutes * 60_000) / Math.max(1, options.ballots);
  file.votes = Array.from({ length: options.ballots }, (_, i) => ({
    argumentId: `lesson-arg-${i % options.argumentCount}`,
    memberId: `lesson-voter-${Math.floor(i / options.argumentCount)}`,
    strength: 1 + (i % 5),
    quoteSupport: i % 4 === 0 ? null : 1 + ((i * 3) % 5),
    at: new Date(now - options.minutes * 60_000 + i * spacing).toISOString(),
  }));

  const response = await request.post("/api/boards/import?format=json", { data: JSON.stringify(file), headers: { "content-type": "application/json" } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { board: { id: string; joinCode: string }; facilitatorInvite: string };
  return {
    id: body.board.id,
    code: body.board.joinCode,
    facilitatorUrl: `/b/${body.board.id}?invite=${body.facilitatorInvite}`,
    texts,
    events: file.arguments.length + options.ballots,
  };
}
