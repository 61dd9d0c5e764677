import { ParleyError } from "../../lib/errors/errors";
import { nameKey } from "../boards/name-key";
import type { InviteRecord, MemberChange, MemberRecord, NewBoard } from "./board-store";

type StoredMember = MemberRecord & { tokenHash: string };
type NewInvite = NonNullable<NewBoard["invites"]>[number];
type NewMember = NonNullable<NewBoard["members"]>[number];

/**
 * The members and invites of a MemoryBoardStore, with the rules the SQL tables and member-admin.ts
 * keep: member ids and token hashes unique, a board keeps at least one active facilitator, names
 * unique per board (ignoring case), reissued invites revoke the role's current ones. The store checks
 * that the board exists before it calls in here.
 */
export class MemoryMembers {
  private readonly members = new Map<string, StoredMember>();
  private readonly invites = new Map<string, InviteRecord>();

  /** `now` is the store's clock, so members, invites and boards share one strictly increasing time. */
  constructor(private readonly now: () => Date) {}

  /** Refuses a new board's invites or members that clash with stored ones; checks only, writes nothing. */
  checkNewBoard(invites: NewInvite[], members: NewMember[]): void {
    const tokens = new Set(invites.map((i) => i.token));
    if (tokens.size !== invites.length || [...tokens].some((t) => this.invites.has(t))) throw refused("That invite token is taken.");
    for (const member of members) {
      if (this.members.has(member.id) || this.tokenTaken(member.tokenHash)) throw refused("That member is taken.");
    }
  }

  /** Stores a new board's invites, then its members (after `checkNewBoard` passed). */
  addNewBoard(boardId: string, invites: NewInvite[], members: NewMember[]): void {
    for (const invite of invites) this.invites.set(invite.token, { ...invite, boardId, createdAt: this.now(), revokedAt: null });
    for (const member of members) this.members.set(member.id, { ...member, boardId, createdAt: this.now(), removedAt: null });
  }

  create(input: NewMember & { boardId: string }): MemberRecord {
    if (this.members.has(input.id)) throw refused(`A member "${input.id}" already exists.`);
    if (this.tokenTaken(input.tokenHash)) throw refused("That member token is taken.");
    const member: StoredMember = { ...input, createdAt: this.now(), removedAt: null };
    this.members.set(input.id, member);
    return publicMember(member);
  }

  findByTokenHash(tokenHash: string, includeRemoved = false): MemberRecord | null {
    const member = [...this.members.values()].find((m) => m.tokenHash === tokenHash && (includeRemoved || m.removedAt === null));
    return member ? publicMember(member) : null;
  }

  rename(memberId: string, displayName: string): void {
    const member = this.members.get(memberId);
    if (!member) throw refused(`There is no member "${memberId}".`);
    member.displayName = displayName;
  }

  list(boardId: string): MemberRecord[] {
    return [...this.members.values()].filter((m) => m.boardId === boardId).map(publicMember);
  }

  findInvite(token: string): InviteRecord | null {
    const invite = this.invites.get(token);
    return invite ? { ...invite } : null;
  }

  listInvites(boardId: string): InviteRecord[] {
    return [...this.invites.values()].filter((i) => i.boardId === boardId && i.revokedAt === null).map((i) => ({ ...i }));
  }

  remove(boardId: string, memberId: string): MemberRecord {
    const member = this.memberOf(boardId, memberId);
    if (member.removedAt) return publicMember(member);
    if (member.role === "facilitator") this.keepAFacilitator(boardId, memberId);
    member.removedAt = this.now();
    return publicMember(member);
  }

  change(boardId: string, memberId: string, change: MemberChange): MemberRecord {
    const member = this.memberOf(boardId, memberId);
    if (member.removedAt) throw new ParleyError("invalid-content", `${member.displayName} was removed from this board.`);
    if (change.displayName !== undefined) {
      const wanted = nameKey(change.displayName);
      const clash = [...this.members.values()].find((m) => m.boardId === boardId && m.removedAt === null && m.id !== memberId && nameKey(m.displayName) === wanted);
      if (clash) throw new ParleyError("invalid-content", `Someone on this board is already called "${clash.displayName}".`);
    }
    if (change.role !== undefined && change.role !== "facilitator" && member.role === "facilitator") this.keepAFacilitator(boardId, memberId);
    if (change.displayName !== undefined) member.displayName = change.displayName;
    if (change.role !== undefined) member.role = change.role;
    return publicMember(member);
  }

  /** Revokes the board's current invites of the reissued roles and stores the new ones; a taken token changes nothing. */
  reissue(boardId: string, invites: NewInvite[]): void {
    if (invites.some((i) => this.invites.has(i.token))) throw refused("That invite token is taken.");
    const roles = new Set(invites.map((i) => i.role));
    const at = this.now();
    for (const invite of this.invites.values()) if (invite.boardId === boardId && roles.has(invite.role) && invite.revokedAt === null) invite.revokedAt = at;
    for (const invite of invites) this.invites.set(invite.token, { ...invite, boardId, createdAt: this.now(), revokedAt: null });
  }

  /** Forgets a deleted board's members and invites. */
  forgetBoard(boardId: string): void {
    for (const [id, member] of this.members) if (member.boardId === boardId) this.members.delete(id);
    for (const [token, invite] of this.invites) if (invite.boardId === boardId) this.invites.delete(token);
  }

  private tokenTaken(tokenHash: string): boolean {
    return [...this.members.values()].some((m) => m.tokenHash === tokenHash);
  }

  private memberOf(boardId: string, memberId: string): StoredMember {
    const member = this.members.get(memberId);
    if (!member || member.boardId !== boardId) throw new ParleyError("bad-request", "That person is not a member of this board.");
    return member;
  }

  /** Refuses a change that would leave no active facilitator besides `memberId`. */
  private keepAFacilitator(boardId: string, memberId: string): void {
    const others = [...this.members.values()].some((m) => m.boardId === boardId && m.role === "facilitator" && m.removedAt === null && m.id !== memberId);
    if (!others) throw new ParleyError("invalid-content", "A board needs at least one facilitator: make someone else a facilitator first.");
  }
}

/** What the Prisma store reports when the database refuses a write (a constraint): nothing was saved. */
export function refused(message: string): ParleyError {
  return new ParleyError("storage-refused", `The store refused the write: ${message} Nothing was saved.`);
}

function publicMember({ tokenHash: _hash, ...member }: StoredMember): MemberRecord {
  return { ...member };
}
