import type { OutboxItem, ReceiptOutcome, Store } from './store';
import { isResponseReceipt, type RespondRequest, type ResponseReceipt } from './types';

export type SendResponse = (request: RespondRequest) => Promise<unknown>;

export interface FlushResult {
  sent: number;
  failed: number;
  /** True when the flush stopped early (the connection went away). */
  stopped: boolean;
}

/**
 * Responses waiting for a receipt. An item leaves the queue only when a receipt with its
 * responseId comes back; until then it is resent on every flush, which the server makes safe
 * by storing each responseId once.
 */
export class Outbox {
  private running: Promise<FlushResult> | null = null;
  private again = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  async add(target: { deliveryId: string; sequence: number }, text: string): Promise<OutboxItem> {
    const trimmed = text.trim();
    if (!trimmed) throw new Error('empty response');
    const item = await this.store.enqueue({
      responseId: this.newId(),
      deliveryId: target.deliveryId,
      sequence: target.sequence,
      text: trimmed,
      createdAt: new Date().toISOString(),
    });
    this.changed();
    return item;
  }

  items(): Promise<OutboxItem[]> {
    return this.store.outboxItems();
  }

  count(): Promise<number> {
    return this.store.outboxCount();
  }

  /** Applies a receipt. A repeated receipt, or one for an id never queued here, changes nothing. */
  async settle(receipt: ResponseReceipt): Promise<ReceiptOutcome> {
    const outcome = await this.store.settle(receipt);
    if (outcome === 'settled') this.changed();
    return outcome;
  }

  /**
   * Sends the queue oldest first, one at a time, each waiting for its receipt. When a send
   * fails and `keepGoing(error)` says no (the connection is gone), the rest waits for the next
   * flush, keeping the order. Concurrent calls share one run; a call made during a run causes
   * one more pass so that items queued meanwhile are not left behind.
   */
  flush(send: SendResponse, keepGoing: (error: unknown) => boolean = () => false): Promise<FlushResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runPasses(send, keepGoing).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runPasses(send: SendResponse, keepGoing: (error: unknown) => boolean): Promise<FlushResult> {
    const total: FlushResult = { sent: 0, failed: 0, stopped: false };
    do {
      this.again = false;
      const pass = await this.pass(send, keepGoing);
      total.sent += pass.sent;
      total.failed += pass.failed;
      total.stopped = pass.stopped;
      if (pass.stopped) break;
    } while (this.again);
    return total;
  }

  private async pass(send: SendResponse, keepGoing: (error: unknown) => boolean): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, stopped: false };
    for (const item of await this.store.outboxItems()) {
      try {
        const receipt = await send({ responseId: item.responseId, sequence: item.sequence, text: item.text });
        if (!isResponseReceipt(receipt) || receipt.responseId !== item.responseId) {
          throw new Error(`receipt does not match response ${item.responseId}`);
        }
        await this.settle(receipt);
        result.sent++;
      } catch (error) {
        result.failed++;
        if (!keepGoing(error)) {
          result.stopped = true;
          break;
        }
      }
    }
    return result;
  }
}
