"use client";
import { teacherRequest, type TeacherResult } from "@/components/facilitator/teacher-requests";
import type { QuoteDecision } from "@/lib/revisions/revision-decisions";
import type { RevisionPlan } from "@/lib/revisions/revision-plan";
import type { SourceRevisionView } from "@/lib/revisions/revision-views";

/** What POST …/source/revisions/plan answers (server/boards/source-revision.ts). */
export interface RevisionProposal extends RevisionPlan {
  baseRevision: number;
  currentSha256: string;
  newSha256: string;
}

export type AppliedRevision = SourceRevisionView & { retired: number; moved: number };

export const fetchRevisions = (boardId: string, token: string | undefined): Promise<TeacherResult<{ revisions: SourceRevisionView[] }>> =>
  teacherRequest(boardId, token, "/source/revisions", "GET");

export const proposeRevision = (boardId: string, token: string | undefined, text: string): Promise<TeacherResult<RevisionProposal>> =>
  teacherRequest(boardId, token, "/source/revisions/plan", "POST", { text });

export const applyRevision = (
  boardId: string,
  token: string | undefined,
  body: { text: string; baseRevision: number; decisions: QuoteDecision[] },
): Promise<TeacherResult<AppliedRevision>> => teacherRequest(boardId, token, "/source/revisions", "POST", body);
