import { ChangeListeners } from './listeners';
import { type PhotoDraft, type UploadAttachment, uploadPhotos } from './outbox';
import { RepeatingPass, sendEachInPasses } from './passes';
import type { Attachment, PersonaRequestItem, ReceiptOutcome, Store } from './store';
import { isRequestReceipt, type PersonaRequest, type RequestReceipt } from './types';

export type SendRequest = (request: PersonaRequest) => Promise<unknown>;

/** What the person wrote to a persona. */
export interface RequestDraft {
  text: string;
  photos?: readonly PhotoDraft[];
}

/** The server's limits (docs/device-protocol.md): checked here so a request that can never go is not queued. */
export const MAX_REQUEST_TEXT = 4000;
export const MAX_REQUEST_PHOTOS = 5;

/**
 * Requests to personas waiting for a receipt, kept in the store with their photos. The id is made
 * here when the person taps Send, and every retry carries it, so the server stores a request once
 * however often a lost connection makes the phone send it again. A request leaves the queue only
 * when a receipt with its id comes back.
 */
export class RequestOutbox {
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

  /** Queues a request; throws on empty or too long text, or too many photos. */
  async add(personaId: string, draft: RequestDraft): Promise<PersonaRequestItem> {
    const text = draft.text.trim();
    if (!text) throw new Error('empty request');
    if (text.length > MAX_REQUEST_TEXT) throw new Error('request too long');
    const photos = draft.photos ?? [];
    if (photos.length > MAX_REQUEST_PHOTOS) throw new Error('too many photos');
    const requestId = this.newId();
    const attachments: Attachment[] = photos.map((photo) => ({
      attachmentId: this.newId(),
      responseId: requestId,
      contentType: photo.contentType,
      bytes: photo.bytes,
      state: 'pending',
    }));
    const item: PersonaRequestItem = {
      requestId,
      personaId,
      text,
      createdAt: this.now().toISOString(),
      ...(attachments.length > 0 ? { attachmentIds: attachments.map((a) => a.attachmentId) } : {}),
    };
    await this.store.enqueueRequest(item, attachments);
    this.changed();
    return item;
  }

  /** Requests not yet confirmed, oldest first. */
  async pending(): Promise<PersonaRequestItem[]> {
    return (await this.store.requests()).filter((r) => !r.storedAt);
  }

  async settle(receipt: RequestReceipt, sent: { attachmentIds: string[] }): Promise<ReceiptOutcome> {
    const outcome = await this.store.settleRequest(receipt, sent);
    if (outcome === 'settled') this.changed();
    return outcome;
  }

  /**
   * Sends the waiting requests oldest first, each waiting for its receipt. When a send fails and
   * `keepGoing(error)` says no (the connection is gone), the rest waits for the next flush, in
   * order; a request the server refused stays queued and is tried again on the next connect.
   * Concurrent calls share a run; a call during a run causes one more pass. Resolves how many
   * were confirmed.
   */
  flush(
    send: SendRequest,
    keepGoing: (error: unknown) => boolean = () => false,
    upload?: UploadAttachment,
  ): Promise<number> {
    return sendEachInPasses(
      this.passes,
      () => this.pending(),
      (item) => this.sendOne(item, send, upload),
      keepGoing,
    );
  }

  private async sendOne(
    item: PersonaRequestItem,
    send: SendRequest,
    upload: UploadAttachment | undefined,
  ): Promise<void> {
    const attachmentIds = await uploadPhotos(this.store, item.requestId, item.attachmentIds ?? [], upload, () =>
      this.changed(),
    );
    const request: PersonaRequest = { requestId: item.requestId, personaId: item.personaId, text: item.text };
    if (attachmentIds.length > 0) request.attachmentIds = attachmentIds;
    const receipt = await send(request);
    if (!isRequestReceipt(receipt) || receipt.requestId !== item.requestId) {
      throw new Error(`receipt does not match request ${item.requestId}`);
    }
    await this.settle(receipt, { attachmentIds });
  }
}
