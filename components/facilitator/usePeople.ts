"use client";
import { useCallback, useEffect, useState } from "react";
import type { Person } from "@/lib/views/teacher-views";
import { teacherRequest } from "./teacher-requests";

type PeopleState = { status: "loading" } | { status: "ready"; people: Person[] } | { status: "error"; message: string };

/**
 * The class list (GET /api/boards/:id/people), loaded again whenever `version` changes (the live
 * roster announces every join) and after each action through `reload`.
 */
export function usePeople(boardId: string, memberToken: string | undefined, version: unknown): { state: PeopleState; reload(): void } {
  const [state, setState] = useState<PeopleState>({ status: "loading" });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void teacherRequest<{ people: Person[] }>(boardId, memberToken, "/people", "GET").then((result) => {
      if (!live) return;
      // Keep showing the last good list while a reload fails: the teacher is mid-lesson.
      if (result.ok) setState({ status: "ready", people: result.value.people });
      else setState((s) => (s.status === "ready" ? s : { status: "error", message: result.message }));
    });
    return () => {
      live = false;
    };
  }, [boardId, memberToken, version, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { state, reload };
}
