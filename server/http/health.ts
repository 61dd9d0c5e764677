import type { AppContext } from "./context";

export interface HealthReport {
  status: "ok" | "degraded";
  database: { kind: string; location: string; reachable: boolean; error?: string };
  loadedBoards: number;
  uptimeSeconds: number;
}

/** GET /api/health: 200 when the database answers, 503 when it does not. */
export async function healthReport(context: AppContext): Promise<{ status: number; body: HealthReport }> {
  let reachable = true;
  let error: string | undefined;
  try {
    await withTimeout(context.store.ping(), 3_000);
  } catch (failure) {
    reachable = false;
    error = (failure as Error).message;
  }
  return {
    status: reachable ? 200 : 503,
    body: {
      status: reachable ? "ok" : "degraded",
      database: { ...context.database, reachable, ...(error ? { error } : {}) },
      loadedBoards: context.rooms.loadedBoardIds().length,
      uptimeSeconds: Math.round((Date.now() - context.startedAt.getTime()) / 1000),
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (failure) => (clearTimeout(timer), reject(failure)),
    );
  });
}
