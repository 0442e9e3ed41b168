import { type HubCalls, SinglePass } from './hubCalls';

/** The server takes at most this many sequences in one Received call. */
export const MAX_RECEIPTS_PER_CALL = 500;
export const RECEIPT_DELAY_MIN_MS = 200;
export const RECEIPT_DELAY_MAX_MS = 1000;

/**
 * How long a phone waits before confirming what it has stored. Every phone of an exercise gets
 * an inject at the same moment; confirming at once would send thousands of calls back while the
 * server is still pushing that inject to the rest, and make the last phones wait for the first
 * ones' confirmations. A random wait spreads them out, and messages held meanwhile (a sync
 * page, a burst of injects) go in one call. Controllers see "delivered" within a second.
 */
export function receiptDelay(random: () => number = Math.random): number {
  return Math.round(RECEIPT_DELAY_MIN_MS + (RECEIPT_DELAY_MAX_MS - RECEIPT_DELAY_MIN_MS) * random());
}

/**
 * `Received`: tells the server which messages the phone has stored, a little later and in
 * batches. Sequences not yet confirmed are kept across a lost connection.
 */
export class Receipts {
  private readonly unconfirmed = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly pass = new SinglePass();

  constructor(
    private readonly hub: HubCalls,
    private readonly wait: () => number,
  ) {}

  /** Called once the messages are stored: a confirmation never runs ahead of the phone's copy. */
  async confirm(sequences: number[]): Promise<void> {
    for (const sequence of sequences) this.unconfirmed.add(sequence);
    const wait = this.wait();
    if (wait <= 0) {
      await this.flush();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), wait);
    }
  }

  /** Confirms every stored message not yet confirmed; what fails stays for the next connect. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.pass.run(async () => {
      while (this.unconfirmed.size > 0 && this.hub.connected) {
        const batch = [...this.unconfirmed].sort((a, b) => a - b).slice(0, MAX_RECEIPTS_PER_CALL);
        try {
          await this.hub.invoke('Received', batch);
        } catch (error) {
          this.hub.reportError(error);
          return;
        }
        for (const sequence of batch) this.unconfirmed.delete(sequence);
      }
    });
  }

  /** Stopping: the confirmation waiting on its timer is not sent. */
  stop(): void {
    clearTimeout(this.timer);
  }
}
