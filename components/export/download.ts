"use client";
import type { ErrorPayload } from "@/lib/errors/errors";

export interface DownloadProgress {
  /** 0–1 when the size is known, null while the server is still preparing the file. */
  fraction: number | null;
  receivedBytes: number;
}

/**
 * Fetches an export and hands it to the browser as a download, reporting progress as the body
 * arrives (the PDF and PNG take a moment to render on the server). Throws the server's error message.
 */
export async function downloadExport(
  url: string,
  onProgress: (progress: DownloadProgress) => void,
  options: { signal?: AbortSignal; memberToken?: string } = {},
): Promise<string> {
  onProgress({ fraction: null, receivedBytes: 0 });
  // A facilitator's token lets the server include what only they may see (individual ballots).
  const headers: Record<string, string> = options.memberToken ? { authorization: `Bearer ${options.memberToken}` } : {};
  const response = await fetch(url, { signal: options.signal, headers });
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as ErrorPayload | null;
    throw new Error(error?.message ?? `The export failed (HTTP ${response.status}).`);
  }
  const total = Number(response.headers.get("content-length") ?? 0) || null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (let step = await reader.read(); !step.done; step = await reader.read()) {
      chunks.push(step.value as Uint8Array<ArrayBuffer>);
      received += step.value.byteLength;
      onProgress({ fraction: total ? Math.min(1, received / total) : null, receivedBytes: received });
    }
  }
  const fileName = fileNameFrom(response.headers.get("content-disposition")) ?? "parley-export";
  const blob = new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return fileName;
}

/** The file name from Content-Disposition, preferring the UTF-8 `filename*` form. */
export function fileNameFrom(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : null;
}
