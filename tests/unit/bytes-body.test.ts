/**
 * Exports leave the server as the bytes the render pool handed back: a 5–9 MB PNG copied on the event
 * loop (once by `new Uint8Array`, once by undici's `new Response(bytes)`) meant megabytes of external
 * memory per export and full collections of the loop's heap soon after (bench:stalls).
 */
import { describe, expect, it } from "vitest";
import { bytesBody } from "@/server/http/respond";

const image = () => Uint8Array.from({ length: 4096 }, (_, i) => i % 251);

describe("bytesBody", () => {
  it("hands the bytes to the response as they are, in one chunk and uncopied", async () => {
    const bytes = image();
    const reader = new Response(bytesBody(bytes)).body!.getReader();
    const first = await reader.read();
    expect(first.value).toBe(bytes);
    expect((await reader.read()).done).toBe(true);
    // Not detached either: the caller's array still reads the same.
    expect(bytes.byteLength).toBe(4096);
  });

  it("reads back byte for byte", async () => {
    const bytes = image();
    expect(new Uint8Array(await new Response(bytesBody(bytes)).arrayBuffer())).toEqual(image());
  });

  it("is needed: a Response made from the bytes themselves copies them (undici)", async () => {
    const bytes = image();
    const chunk = (await new Response(bytes).body!.getReader().read()).value!;
    expect(chunk.buffer).not.toBe(bytes.buffer);
  });
});
