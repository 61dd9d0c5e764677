/**
 * Issue 8 re-check: "every client input has a size limit". A body sent chunked carries no
 * Content-Length, so the declared-size check never fires; the whole body used to be buffered before
 * its size was checked. Anyone can do this (joining the open demo board, importing a board).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOARD_ID } from "@/prisma/seed/demo-board";
import type { RunningParley } from "@/server/parley";
import { MAX_BODY_BYTES } from "@/server/http/respond";
import { MAX_IMPORT_BYTES } from "@/server/http/export-api";
import * as membersRoute from "@/app/api/boards/[id]/members/route";
import * as importRoute from "@/app/api/boards/import/route";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

let db: TestDatabase;
let server: RunningParley;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const CHUNK = new TextEncoder().encode(" ".repeat(64 * 1024));

/** An endless chunked body (no Content-Length) that counts how much of it the server pulled. */
function endlessBody(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let bytes = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      bytes += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    },
  });
  return { stream, pulled: () => bytes };
}

function chunkedPost(path: string, stream: ReadableStream<Uint8Array>): Request {
  return new Request(`http://parley.test${path}`, {
    method: "POST",
    headers: { host: "parley.test", "content-type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

describe("red: bodies without a Content-Length are cut off at the limit", () => {
  it("answers 413 to an endless JSON body after reading little more than the limit", async () => {
    const body = endlessBody();
    const response = await membersRoute.POST(chunkedPost(`/api/boards/${DEMO_BOARD_ID}/members`, body.stream), { params: Promise.resolve({ id: DEMO_BOARD_ID }) });
    expect({ status: response.status, code: (await response.json()).code }).toEqual({ status: 413, code: "payload-too-large" });
    expect(body.pulled()).toBeLessThan(MAX_BODY_BYTES + 4 * CHUNK.byteLength);
  });

  it("answers 413 to an endless import after reading little more than its limit", async () => {
    const body = endlessBody();
    const response = await importRoute.POST(chunkedPost("/api/boards/import", body.stream));
    expect({ status: response.status, code: (await response.json()).code }).toEqual({ status: 413, code: "payload-too-large" });
    expect(body.pulled()).toBeLessThan(MAX_IMPORT_BYTES + 4 * CHUNK.byteLength);
  });

  it("still reads an honest chunked body", async () => {
    const text = JSON.stringify({ displayName: "Chunked Guest" });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text.slice(0, 5)));
        controller.enqueue(new TextEncoder().encode(text.slice(5)));
        controller.close();
      },
    });
    const response = await membersRoute.POST(chunkedPost(`/api/boards/${DEMO_BOARD_ID}/members`, stream), { params: Promise.resolve({ id: DEMO_BOARD_ID }) });
    expect(response.status).toBe(201);
  });
});
