import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DeliveredMessage, JoinResponse, ResponseReceipt } from './types';

export interface Session extends JoinResponse {
  displayName: string;
  agency: string;
  joinedAt: string;
}

/** A message as held on the phone: the delivered message plus local flags. */
export interface StoredMessage extends DeliveredMessage {
  read: boolean;
  /** The user pressed Acknowledge. */
  acknowledged: boolean;
  /** The server took the Acknowledge call. */
  ackSent: boolean;
  storedAt: string;
}

/** A response not yet confirmed by a receipt. `order` is the queue position (auto-assigned). */
export interface OutboxItem {
  order?: number;
  responseId: string;
  deliveryId: string;
  sequence: number;
  text: string;
  createdAt: string;
}

/** A response the server confirmed storing. */
export interface SentResponse {
  responseId: string;
  deliveryId: string;
  sequence: number;
  text: string;
  createdAt: string;
  storedAt: string;
  duplicate: boolean;
}

/** What a receipt did: settled a queued item, repeated an earlier receipt, or matched nothing. */
export type ReceiptOutcome = 'settled' | 'alreadySettled' | 'unknown';

interface PwaDb extends DBSchema {
  session: { key: string; value: Session };
  meta: { key: string; value: number };
  messages: { key: string; value: StoredMessage; indexes: { bySequence: number } };
  outbox: { key: number; value: OutboxItem; indexes: { byResponseId: string } };
  responses: { key: string; value: SentResponse; indexes: { byDeliveryId: string } };
}

const SESSION_KEY = 'current';
const LAST_SEQUENCE_KEY = 'lastSequence';
export const DEFAULT_DB_NAME = 'scenarioengine';

export class Store {
  private constructor(private readonly db: IDBPDatabase<PwaDb>) {}

  static async open(name: string = DEFAULT_DB_NAME): Promise<Store> {
    const db = await openDB<PwaDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('session');
        database.createObjectStore('meta');
        database.createObjectStore('messages', { keyPath: 'deliveryId' }).createIndex('bySequence', 'sequence');
        database
          .createObjectStore('outbox', { keyPath: 'order', autoIncrement: true })
          .createIndex('byResponseId', 'responseId', { unique: true });
        database.createObjectStore('responses', { keyPath: 'responseId' }).createIndex('byDeliveryId', 'deliveryId');
      },
    });
    return new Store(db);
  }

  close(): void {
    this.db.close();
  }

  // --- session ---

  getSession(): Promise<Session | undefined> {
    return this.db.get('session', SESSION_KEY);
  }

  async saveSession(session: Session): Promise<void> {
    await this.db.put('session', session, SESSION_KEY);
  }

  /** Forgets everything: session, messages, cursor, outbox and sent responses. */
  async clear(): Promise<void> {
    const tx = this.db.transaction(['session', 'meta', 'messages', 'outbox', 'responses'], 'readwrite');
    await Promise.all([
      tx.objectStore('session').clear(),
      tx.objectStore('meta').clear(),
      tx.objectStore('messages').clear(),
      tx.objectStore('outbox').clear(),
      tx.objectStore('responses').clear(),
      tx.done,
    ]);
  }

  // --- messages ---

  /**
   * Stores the messages whose deliveryId is not held yet, in one transaction, and returns
   * only those: a message already held keeps its local flags untouched.
   */
  async addMessages(messages: readonly DeliveredMessage[]): Promise<StoredMessage[]> {
    if (messages.length === 0) return [];
    const tx = this.db.transaction('messages', 'readwrite');
    const added: StoredMessage[] = [];
    const seen = new Set<string>();
    const storedAt = new Date().toISOString();
    for (const message of messages) {
      if (seen.has(message.deliveryId)) continue;
      seen.add(message.deliveryId);
      if ((await tx.store.getKey(message.deliveryId)) !== undefined) continue;
      const stored: StoredMessage = { ...message, read: false, acknowledged: false, ackSent: false, storedAt };
      await tx.store.add(stored);
      added.push(stored);
    }
    await tx.done;
    return added;
  }

  getMessage(deliveryId: string): Promise<StoredMessage | undefined> {
    return this.db.get('messages', deliveryId);
  }

  /** All messages, oldest first (by sequence). */
  getMessages(): Promise<StoredMessage[]> {
    return this.db.getAllFromIndex('messages', 'bySequence');
  }

  async hasMessage(deliveryId: string): Promise<boolean> {
    return (await this.db.getKey('messages', deliveryId)) !== undefined;
  }

  markRead(deliveryId: string): Promise<StoredMessage | undefined> {
    return this.update(deliveryId, (m) => (m.read ? null : { ...m, read: true }));
  }

  markAcknowledged(deliveryId: string): Promise<StoredMessage | undefined> {
    return this.update(deliveryId, (m) => (m.acknowledged ? null : { ...m, acknowledged: true, read: true }));
  }

  markAckSent(deliveryId: string): Promise<StoredMessage | undefined> {
    return this.update(deliveryId, (m) => (m.ackSent ? null : { ...m, ackSent: true }));
  }

  async pendingAcks(): Promise<StoredMessage[]> {
    return (await this.getMessages()).filter((m) => m.acknowledged && !m.ackSent);
  }

  private async update(
    deliveryId: string,
    change: (m: StoredMessage) => StoredMessage | null,
  ): Promise<StoredMessage | undefined> {
    const tx = this.db.transaction('messages', 'readwrite');
    const current = await tx.store.get(deliveryId);
    const next = current ? change(current) : null;
    if (next) await tx.store.put(next);
    await tx.done;
    return next ?? current;
  }

  // --- cursor ---

  async getLastSequence(): Promise<number> {
    return (await this.db.get('meta', LAST_SEQUENCE_KEY)) ?? 0;
  }

  async setLastSequence(sequence: number): Promise<void> {
    await this.db.put('meta', sequence, LAST_SEQUENCE_KEY);
  }

  // --- outbox and receipts ---

  async enqueue(item: OutboxItem): Promise<OutboxItem> {
    const { order: _ignored, ...fields } = item;
    const order = await this.db.add('outbox', fields);
    return { ...fields, order };
  }

  /** Queued responses in the order they were written. */
  outboxItems(): Promise<OutboxItem[]> {
    return this.db.getAll('outbox');
  }

  async outboxCount(): Promise<number> {
    return this.db.count('outbox');
  }

  /** Moves the matching outbox item to the sent responses, atomically. */
  async settle(receipt: ResponseReceipt): Promise<ReceiptOutcome> {
    const tx = this.db.transaction(['outbox', 'responses'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const responses = tx.objectStore('responses');
    const item = await outbox.index('byResponseId').get(receipt.responseId);
    let outcome: ReceiptOutcome;
    if (item?.order !== undefined) {
      await outbox.delete(item.order);
      await responses.put({
        responseId: item.responseId,
        deliveryId: item.deliveryId,
        sequence: item.sequence,
        text: item.text,
        createdAt: item.createdAt,
        storedAt: receipt.storedAt,
        duplicate: receipt.duplicate,
      });
      outcome = 'settled';
    } else {
      outcome = (await responses.getKey(receipt.responseId)) !== undefined ? 'alreadySettled' : 'unknown';
    }
    await tx.done;
    return outcome;
  }

  sentResponses(deliveryId: string): Promise<SentResponse[]> {
    return this.db.getAllFromIndex('responses', 'byDeliveryId', deliveryId);
  }

  allSentResponses(): Promise<SentResponse[]> {
    return this.db.getAll('responses');
  }
}
