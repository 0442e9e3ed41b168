import { ChangeListeners } from './listeners';
import { RepeatingPass, sendEachInPasses } from './passes';
import type { ReceiptOutcome, StatementItem, Store } from './store';
import { isStatementReceipt, type StatementReceipt, type StatementSubmission } from './types';

export type SendStatement = (statement: StatementSubmission) => Promise<unknown>;

/** The server's limit (docs/device-protocol.md): checked here so a statement that can never go is not queued. */
export const MAX_STATEMENT_TEXT = 4000;

/**
 * The team's statements to the press waiting for a receipt. The id is made here when the person
 * taps Publish and every retry carries it, so the server stores a statement once however often a
 * lost connection makes the phone send it again. What happens next is the controllers' decision:
 * the approved statement comes back as an article naming this id, a rejection as a
 * `statementRejected` entry naming it.
 */
export class StatementOutbox {
  private readonly passes = new RepeatingPass<number>();
  private readonly listeners = new ChangeListeners();

  constructor(
    private readonly store: Store,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  private changed(): void {
    this.listeners.notify();
  }

  /** Queues a statement; throws on empty or too long text. */
  async add(text: string): Promise<StatementItem> {
    const trimmed = text.trim();
    if (!trimmed) throw new Error('empty statement');
    if (trimmed.length > MAX_STATEMENT_TEXT) throw new Error('statement too long');
    const item: StatementItem = { statementId: this.newId(), text: trimmed, createdAt: this.now().toISOString() };
    await this.store.enqueueStatement(item);
    this.changed();
    return item;
  }

  /** Statements not yet confirmed, oldest first. */
  async pending(): Promise<StatementItem[]> {
    return (await this.store.statements()).filter((s) => !s.storedAt);
  }

  async settle(receipt: StatementReceipt): Promise<ReceiptOutcome> {
    const outcome = await this.store.settleStatement(receipt);
    if (outcome === 'settled') this.changed();
    return outcome;
  }

  /**
   * Sends the waiting statements oldest first, each waiting for its receipt. When a send fails and
   * `keepGoing(error)` says no (the connection is gone), the rest waits for the next flush.
   * Concurrent calls share a run; a call during a run causes one more pass. Resolves how many
   * were confirmed.
   */
  flush(send: SendStatement, keepGoing: (error: unknown) => boolean = () => false): Promise<number> {
    return sendEachInPasses(
      this.passes,
      () => this.pending(),
      async (item) => {
        const receipt = await send({ statementId: item.statementId, text: item.text });
        if (!isStatementReceipt(receipt) || receipt.statementId !== item.statementId) {
          throw new Error(`receipt does not match statement ${item.statementId}`);
        }
        await this.settle(receipt);
      },
      keepGoing,
    );
  }
}
