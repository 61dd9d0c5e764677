"use client";
import { useCallback, useEffect, useState } from "react";
import { LIMITS } from "@/lib/board/constants";
import { colorForId } from "./palette";

/** Who this browser is on every board. Kept in localStorage so a refresh keeps the same name. */
export interface Identity {
  id: string;
  name: string;
  color: string;
}

export const IDENTITY_STORAGE_KEY = "parley.identity";

function isIdentity(value: unknown): value is Identity {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    v.id.length > 0 &&
    v.id.length <= 64 &&
    typeof v.name === "string" &&
    v.name.trim().length > 0 &&
    v.name.length <= LIMITS.authorNameMaxChars &&
    typeof v.color === "string" &&
    /^#[0-9a-f]{6}$/i.test(v.color)
  );
}

function readStored(): Identity | null {
  try {
    const raw = window.localStorage.getItem(IDENTITY_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isIdentity(parsed) ? parsed : null;
  } catch {
    return null; // storage disabled (private mode, school policy): fall back to asking each visit
  }
}

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts, and a classroom often opens
 * the board over plain http on the school network, so fall back to `getRandomValues`.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdentityState {
  identity: Identity | null;
  /** False until localStorage has been read (it is not available during the server render). */
  ready: boolean;
  /** Sets the display name, creating an id and colour the first time. Returns the saved identity. */
  saveName(name: string): Identity;
}

export function useIdentity(): IdentityState {
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    setIdentity(readStored());
    setReady(true);
    // Another tab renamed this person: follow it, so all tabs stay one avatar.
    const onStorage = (event: StorageEvent) => {
      if (event.key === IDENTITY_STORAGE_KEY) setIdentity(readStored());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const saveName = useCallback(
    (name: string) => {
      const id = identity?.id ?? randomId();
      const next: Identity = { id, name: name.trim().replace(/\s+/g, " "), color: identity?.color ?? colorForId(id) };
      try {
        window.localStorage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Not persisted; the name still holds for this visit.
      }
      setIdentity(next);
      return next;
    },
    [identity],
  );

  return { identity, ready, saveName };
}
