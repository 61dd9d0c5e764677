/**
 * Turns a client library's "changes not yet confirmed" count into one callback per confirmed edit.
 * Confirmations arrive in order (one board's messages are handled one at a time), so when the count
 * drops from n to m, the oldest n − m edits were confirmed.
 */
export class AckCounter {
  private outstanding = 0;
  private readonly listeners: (() => void)[] = [];

  /** Call right after making an edit the library will count. */
  edited(): void {
    this.outstanding++;
  }

  /** Call with the library's current count of unconfirmed changes. */
  unconfirmed(count: number): void {
    while (this.outstanding > count) {
      this.outstanding--;
      for (const listener of this.listeners) listener();
    }
  }

  onAck(listener: () => void): void {
    this.listeners.push(listener);
  }
}
