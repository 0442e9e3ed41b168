import { ChangeListeners } from './listeners';
import { RepeatingPass } from './passes';
import type { Attachment, OutboxItem, ReceiptOutcome, ResponseContent, Store } from './store';
import { type GeoPoint, isResponseReceipt, type RespondRequest, type ResponseReceipt } from './types';

export type SendResponse = (request: RespondRequest) => Promise<unknown>;

/**
 * Uploads one photo. Resolves `uploaded`, or `{ refused: status }` when the server will never
 * take it (too large, not an image, no upload endpoint); throws when it may work later.
 */
export type UploadAttachment = (attachment: Attachment) => Promise<'uploaded' | { refused: number }>;

export interface PhotoDraft {
  contentType: string;
  bytes: ArrayBuffer;
}

/** What the person filled in. Empty fields are dropped; a draft with nothing left is refused. */
export interface ResponseDraft {
  text: string;
  choice?: string;
  fields?: Record<string, string>;
  photos?: readonly PhotoDraft[];
  /** Where the phone was at the tap on Send (both opt-ins held); kept with the item for every retry. */
  location?: GeoPoint;
}

export function isEmptyDraft(draft: ResponseDraft): boolean {
  return (
    !draft.text.trim() &&
    !draft.choice &&
    !Object.values(draft.fields ?? {}).some((v) => v.trim()) &&
    (draft.photos?.length ?? 0) === 0
  );
}

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
  private readonly passes = new RepeatingPass<FlushResult>();
  private readonly listeners = new ChangeListeners();

  constructor(
    private readonly store: Store,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  onChange(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  private changed(): void {
    this.listeners.notify();
  }

  /** Queues a response; its photos are stored with it and uploaded before it is sent. */
  async add(target: { deliveryId: string; sequence: number }, input: string | ResponseDraft): Promise<OutboxItem> {
    const draft: ResponseDraft = typeof input === 'string' ? { text: input } : input;
    if (isEmptyDraft(draft)) throw new Error('empty response');
    const responseId = this.newId();
    const content: ResponseContent = { text: draft.text.trim() };
    if (draft.choice) content.choice = draft.choice;
    const fields = Object.entries(draft.fields ?? {})
      .map(([name, value]) => [name, value.trim()] as const)
      .filter(([, value]) => value !== '');
    if (fields.length > 0) content.fields = Object.fromEntries(fields);
    const attachments: Attachment[] = (draft.photos ?? []).map((photo) => ({
      attachmentId: this.newId(),
      responseId,
      contentType: photo.contentType,
      bytes: photo.bytes,
      state: 'pending',
    }));
    if (attachments.length > 0) content.attachmentIds = attachments.map((a) => a.attachmentId);
    if (draft.location) content.location = draft.location;
    const item = await this.store.enqueueWithAttachments(
      {
        ...content,
        responseId,
        deliveryId: target.deliveryId,
        sequence: target.sequence,
        createdAt: new Date().toISOString(),
      },
      attachments,
    );
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
  async settle(receipt: ResponseReceipt, sent?: { attachmentIds: string[] }): Promise<ReceiptOutcome> {
    const outcome = await this.store.settle(receipt, sent);
    if (outcome === 'settled') this.changed();
    return outcome;
  }

  /**
   * Sends the queue oldest first, one at a time, each waiting for its receipt. When a send
   * fails and `keepGoing(error)` says no (the connection is gone), the rest waits for the next
   * flush, keeping the order. Concurrent calls share one run; a call made during a run causes
   * one more pass so that items queued meanwhile are not left behind.
   */
  flush(
    send: SendResponse,
    keepGoing: (error: unknown) => boolean = () => false,
    upload?: UploadAttachment,
  ): Promise<FlushResult> {
    return this.passes.run((another) => this.runPasses(send, keepGoing, upload, another));
  }

  private async runPasses(
    send: SendResponse,
    keepGoing: (error: unknown) => boolean,
    upload: UploadAttachment | undefined,
    another: () => boolean,
  ): Promise<FlushResult> {
    const total: FlushResult = { sent: 0, failed: 0, stopped: false };
    do {
      const pass = await this.pass(send, keepGoing, upload);
      total.sent += pass.sent;
      total.failed += pass.failed;
      total.stopped = pass.stopped;
      if (pass.stopped) break;
    } while (another());
    return total;
  }

  private async pass(
    send: SendResponse,
    keepGoing: (error: unknown) => boolean,
    upload: UploadAttachment | undefined,
  ): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, stopped: false };
    for (const item of await this.store.outboxItems()) {
      try {
        const attachmentIds = await this.uploadPhotos(item, upload);
        const request: RespondRequest = { responseId: item.responseId, sequence: item.sequence, text: item.text };
        if (item.choice) request.choice = item.choice;
        if (item.fields) request.fields = item.fields;
        if (attachmentIds.length > 0) request.attachmentIds = attachmentIds;
        if (item.location) request.location = item.location;
        const receipt = await send(request);
        if (!isResponseReceipt(receipt) || receipt.responseId !== item.responseId) {
          throw new Error(`receipt does not match response ${item.responseId}`);
        }
        await this.settle(receipt, { attachmentIds });
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

  private uploadPhotos(item: OutboxItem, upload: UploadAttachment | undefined): Promise<string[]> {
    return uploadPhotos(this.store, item.responseId, item.attachmentIds ?? [], upload, () => this.changed());
  }
}

/**
 * Uploads the photos of a queued response or request (`ownerId`) not yet on the server, one at
 * a time (a retried upload with the same id stores one file). Returns the ids it may name: a
 * refused photo is left out rather than holding it back for ever. Without an uploader nothing is
 * sent yet.
 */
export async function uploadPhotos(
  store: Store,
  ownerId: string,
  attachmentIds: readonly string[],
  upload: UploadAttachment | undefined,
  changed: () => void,
): Promise<string[]> {
  if (attachmentIds.length === 0) return [];
  const attachments = await store.attachmentsOf(ownerId);
  const accepted: string[] = [];
  for (const attachment of attachments) {
    if (attachment.state === 'pending') {
      if (!upload) throw new Error(`no uploader for the photos of ${ownerId}`);
      const outcome = await upload(attachment);
      if (outcome === 'uploaded') {
        await store.setAttachmentState(attachment.attachmentId, 'uploaded');
        accepted.push(attachment.attachmentId);
      } else {
        await store.setAttachmentState(attachment.attachmentId, 'rejected', outcome.refused);
      }
      changed();
    } else if (attachment.state === 'uploaded') {
      accepted.push(attachment.attachmentId);
    }
  }
  // Keep the order the person added them in.
  return attachmentIds.filter((id) => accepted.includes(id));
}
