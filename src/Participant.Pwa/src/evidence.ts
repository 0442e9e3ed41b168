import { ChangeListeners } from './listeners';
import { RepeatingPass, sendEachInPasses } from './passes';
import type { ReceiptOutcome, Store, StoredScan } from './store';
import { type EvidenceReceipt, type EvidenceScan, type GeoPoint, isEvidenceReceipt } from './types';

export type SendScan = (scan: EvidenceScan) => Promise<unknown>;

/** Longest code the phone queues: a label's code is short; anything longer is not a label. */
const MAX_CODE = 64;
const CODE = /^[0-9A-Za-z-]+$/;

/**
 * The evidence code in what a label's QR code says, or in the page address the phone's own camera
 * opened: `https://host/app/#/scan/CODE`, `#/scan/CODE`, or the bare code. Case and dashes are left
 * as they are (the server ignores them). Anything else, a join link included, is not a label.
 */
export function evidenceCodeFromText(text: string): string | null {
  const trimmed = text.trim();
  const fromHash = /(?:^|#)\/scan\/([^/?#&]+)\/?$/.exec(trimmed)?.[1];
  let raw: string;
  if (fromHash !== undefined) {
    try {
      raw = decodeURIComponent(fromHash);
    } catch {
      return null;
    }
  } else if (/^[a-z]+:/i.test(trimmed) || trimmed.includes('/')) {
    return null; // a link, but not to a label
  } else {
    raw = trimmed;
  }
  return raw.length > 0 && raw.length <= MAX_CODE && CODE.test(raw) && /[0-9A-Za-z]/.test(raw) ? raw : null;
}

/**
 * Scanned labels waiting for their receipts, kept in the store. The scanId is made here when the
 * label is read, and every retry carries it, so the server logs a scan once however often a lost
 * connection makes the phone send it again. A scan leaves the queue only when a receipt with its
 * id comes back; it then stays with the receipt so the phone can show what the label gave.
 */
export class ScanOutbox {
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

  /**
   * Queues a scan of `code`, with where it was scanned when the user shares that; throws when the
   * text is no evidence code.
   */
  async add(code: string, location?: GeoPoint): Promise<StoredScan> {
    const tidy = evidenceCodeFromText(code);
    if (!tidy) throw new Error('not an evidence code');
    const scan: StoredScan = { scanId: this.newId(), code: tidy, createdAt: this.now().toISOString() };
    if (location) scan.location = location;
    await this.store.enqueueScan(scan);
    this.changed();
    return scan;
  }

  /** Scans not yet confirmed, oldest first. */
  async pending(): Promise<StoredScan[]> {
    return (await this.store.scans()).filter((s) => !s.receipt);
  }

  async settle(receipt: EvidenceReceipt): Promise<ReceiptOutcome> {
    const outcome = await this.store.settleScan(receipt);
    if (outcome === 'settled') this.changed();
    return outcome;
  }

  /**
   * Sends the waiting scans oldest first, each waiting for its receipt. When a send fails and
   * `keepGoing(error)` says no (the connection is gone), the rest waits for the next flush.
   * Concurrent calls share a run; a call during a run causes one more pass. Resolves how many
   * were confirmed.
   */
  flush(send: SendScan, keepGoing: (error: unknown) => boolean = () => false): Promise<number> {
    return sendEachInPasses(
      this.passes,
      () => this.pending(),
      async (scan) => {
        const request: EvidenceScan = { scanId: scan.scanId, code: scan.code };
        if (scan.location) request.location = scan.location;
        const receipt = await send(request);
        if (!isEvidenceReceipt(receipt) || receipt.scanId !== scan.scanId) {
          throw new Error(`receipt does not match scan ${scan.scanId}`);
        }
        await this.settle(receipt);
      },
      keepGoing,
    );
  }
}
