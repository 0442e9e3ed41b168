import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type {
  DeliveredMessage,
  EvaluatorBrief,
  EvidenceReceipt,
  GeoPoint,
  JoinResponse,
  ObservationReceipt,
  ObservationRequest,
  RequestReceipt,
  ResponseReceipt,
  SafetySignal,
  StatementReceipt,
} from './types';

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
  /** The server took the Seen call (absent on messages stored before it existed). */
  seenSent?: boolean;
  /** Cue cards: per gate id, the teams the actor disclosed it to, when, and whether the server has it. */
  disclosed?: Record<string, Disclosure[]>;
  storedAt: string;
}

/** One disclosure of a gated fact to a team, as the phone keeps it until the server has it. */
export interface Disclosure {
  teamId: string;
  at: string;
  sent: boolean;
  /**
   * Made when the actor taps and sent with every try, so the server stores a retried report once.
   * Absent on disclosures kept by an app from before issue 12 (those go without one).
   */
  disclosureId?: string;
  /** From the server's record: false when the gate's "after inject N" had not happened yet. */
  gateOpen?: boolean;
}

/** What a response says besides its text. */
export interface ResponseContent {
  text: string;
  choice?: string;
  fields?: Record<string, string>;
  /** Photos, uploaded before the response is sent (see Attachment). */
  attachmentIds?: string[];
  /** Where the phone was at the tap on Send; every retry sends this same point. */
  location?: GeoPoint;
}

/** A response not yet confirmed by a receipt. `order` is the queue position (auto-assigned). */
export interface OutboxItem extends ResponseContent {
  order?: number;
  responseId: string;
  deliveryId: string;
  sequence: number;
  createdAt: string;
}

/** A response the server confirmed storing. */
export interface SentResponse extends ResponseContent {
  /** Photos the server refused for good (too large, not an image), left out of the response. */
  photosRefused?: number;
  responseId: string;
  deliveryId: string;
  sequence: number;
  createdAt: string;
  storedAt: string;
  duplicate: boolean;
}

export type AttachmentState = 'pending' | 'uploaded' | 'rejected';

/**
 * A photo of a queued response, kept as bytes (ArrayBuffer, which every browser's IndexedDB
 * stores, unlike Blob on some older Safari) until the server has it. `rejected` holds the HTTP
 * status that refused it for good (413 too large, 415 not an image, 404 no upload endpoint).
 */
export interface Attachment {
  attachmentId: string;
  responseId: string;
  contentType: string;
  bytes: ArrayBuffer;
  state: AttachmentState;
  rejectedStatus?: number;
}

/**
 * A request to a persona written on this phone. It is kept, with its photos, until the receipt
 * comes back (`storedAt` set); after that it stays as this phone's record of it, shown once the
 * team's mailbox entry for it arrives (matched by requestId).
 */
/** A team's statement to the press written on this phone; it waits in the store until its receipt comes. */
export interface StatementItem {
  statementId: string;
  text: string;
  createdAt: string;
  /** From the receipt; absent while the statement waits in the outbox. */
  storedAt?: string;
  duplicate?: boolean;
}

export interface PersonaRequestItem {
  requestId: string;
  personaId: string;
  text: string;
  /** Photos, uploaded before the request is sent (Attachment.responseId holds the requestId). */
  attachmentIds?: string[];
  createdAt: string;
  /** From the receipt; absent while the request waits in the outbox. */
  storedAt?: string;
  threadId?: string;
  duplicate?: boolean;
  photosRefused?: number;
}

/** A safety signal as held on the phone: the server's copy plus whether the Acknowledge went out. */
export interface StoredSignal extends SafetySignal {
  /** The person acknowledged it (on this phone or, per the server, before). */
  acknowledged: boolean;
  ackSent: boolean;
  /** The server took `SignalsReceived` for it (or already counted it delivered). Absent before issue 12. */
  receivedSent?: boolean;
  receivedAt: string;
}

/**
 * An evaluator's observation as the phone keeps it: queued until its receipt comes back, then
 * kept with the receipt so the evaluator sees what the server has. Photos wait in `attachments`
 * under the observation's id, like a response's.
 */
export interface StoredObservation extends ObservationRequest {
  /** Queue position: when it was made, in milliseconds, then a counter. */
  order: number;
  receipt?: ObservationReceipt;
}

/**
 * A scanned evidence label: queued until its receipt comes back, then kept with the receipt so
 * the phone shows what the label gave (the item itself arrives as an `evidence` mailbox entry).
 */
export interface StoredScan {
  scanId: string;
  code: string;
  createdAt: string;
  /** Where the label was scanned; every retry sends this same point. */
  location?: GeoPoint;
  receipt?: EvidenceReceipt;
}

/** What a receipt did: settled a queued item, repeated an earlier receipt, or matched nothing. */
export type ReceiptOutcome = 'settled' | 'alreadySettled' | 'unknown';

interface PwaDb extends DBSchema {
  session: { key: string; value: Session };
  meta: { key: string; value: number };
  messages: { key: string; value: StoredMessage; indexes: { bySequence: number } };
  outbox: { key: number; value: OutboxItem; indexes: { byResponseId: string } };
  responses: { key: string; value: SentResponse; indexes: { byDeliveryId: string } };
  attachments: { key: string; value: Attachment; indexes: { byResponseId: string } };
  signals: { key: string; value: StoredSignal };
  requests: { key: string; value: PersonaRequestItem };
  observations: { key: string; value: StoredObservation };
  evaluator: { key: string; value: EvaluatorBrief };
  statements: { key: string; value: StatementItem };
  scans: { key: string; value: StoredScan };
}

const SESSION_KEY = 'current';
const BRIEF_KEY = 'brief';
const LAST_SEQUENCE_KEY = 'lastSequence';
export const DEFAULT_DB_NAME = 'scenarioengine';

export class Store {
  private constructor(private readonly db: IDBPDatabase<PwaDb>) {}

  static async open(name: string = DEFAULT_DB_NAME): Promise<Store> {
    const db = await openDB<PwaDb>(name, 6, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore('session');
          database.createObjectStore('meta');
          database.createObjectStore('messages', { keyPath: 'deliveryId' }).createIndex('bySequence', 'sequence');
          database
            .createObjectStore('outbox', { keyPath: 'order', autoIncrement: true })
            .createIndex('byResponseId', 'responseId', { unique: true });
          database.createObjectStore('responses', { keyPath: 'responseId' }).createIndex('byDeliveryId', 'deliveryId');
        }
        if (oldVersion < 2) {
          database
            .createObjectStore('attachments', { keyPath: 'attachmentId' })
            .createIndex('byResponseId', 'responseId');
          database.createObjectStore('signals', { keyPath: 'signalId' });
        }
        if (oldVersion < 3) {
          database.createObjectStore('requests', { keyPath: 'requestId' });
        }
        if (oldVersion < 4) {
          database.createObjectStore('observations', { keyPath: 'observationId' });
          database.createObjectStore('evaluator');
        }
        if (oldVersion < 5) {
          database.createObjectStore('statements', { keyPath: 'statementId' });
        }
        // Each version adds stores; the ones before keep their data (a phone mid-exercise updates).
        if (oldVersion < 6) {
          database.createObjectStore('scans', { keyPath: 'scanId' });
        }
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

  /** Forgets everything: session, messages, cursor, outbox, photos, sent responses, signals, requests and scans. */
  async clear(): Promise<void> {
    const names = [
      'session',
      'meta',
      'messages',
      'outbox',
      'responses',
      'attachments',
      'signals',
      'requests',
      'observations',
      'evaluator',
      'statements',
      'scans',
    ] as const;
    const tx = this.db.transaction(names, 'readwrite');
    await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
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

  /** Records a disclosure of a gate to a team; the same gate to the same team is kept once. */
  markDisclosed(deliveryId: string, gateId: string, teamId: string, at: string): Promise<StoredMessage | undefined> {
    return this.update(deliveryId, (m) => {
      const held = m.disclosed?.[gateId] ?? [];
      if (held.some((d) => d.teamId === teamId)) return null;
      const disclosure: Disclosure = { teamId, at, sent: false, disclosureId: crypto.randomUUID() };
      return { ...m, disclosed: { ...m.disclosed, [gateId]: [...held, disclosure] } };
    });
  }

  markDisclosedSent(
    deliveryId: string,
    gateId: string,
    teamId: string,
    gateOpen?: boolean,
  ): Promise<StoredMessage | undefined> {
    return this.update(deliveryId, (m) => {
      const held = m.disclosed?.[gateId] ?? [];
      if (!held.some((d) => d.teamId === teamId && !d.sent)) return null;
      const next = held.map((d) =>
        d.teamId === teamId ? { ...d, sent: true, ...(gateOpen === undefined ? {} : { gateOpen }) } : d,
      );
      return { ...m, disclosed: { ...m.disclosed, [gateId]: next } };
    });
  }

  /** Disclosures the server has not taken yet. */
  async pendingDisclosures(): Promise<
    { message: StoredMessage; gateId: string; teamId: string; disclosureId?: string }[]
  > {
    return (await this.getMessages()).flatMap((message) =>
      Object.entries(message.disclosed ?? {}).flatMap(([gateId, list]) =>
        list
          .filter((d) => !d.sent)
          .map((d) => ({
            message,
            gateId,
            teamId: d.teamId,
            ...(d.disclosureId === undefined ? {} : { disclosureId: d.disclosureId }),
          })),
      ),
    );
  }

  markSeenSent(deliveryId: string): Promise<StoredMessage | undefined> {
    return this.update(deliveryId, (m) => (m.seenSent ? null : { ...m, seenSent: true }));
  }

  /** Messages opened on this phone whose Seen the server has not taken yet. */
  async pendingSeen(): Promise<StoredMessage[]> {
    return (await this.getMessages()).filter((m) => m.read && !m.seenSent);
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
  async settle(receipt: ResponseReceipt, sent?: { attachmentIds: string[] }): Promise<ReceiptOutcome> {
    const tx = this.db.transaction(['outbox', 'responses'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const responses = tx.objectStore('responses');
    const item = await outbox.index('byResponseId').get(receipt.responseId);
    let outcome: ReceiptOutcome;
    if (item?.order !== undefined) {
      await outbox.delete(item.order);
      const { order: _order, attachmentIds, ...content } = item;
      const kept = sent?.attachmentIds ?? attachmentIds ?? [];
      const refused = (attachmentIds?.length ?? 0) - kept.length;
      await responses.put({
        ...content,
        ...(kept.length > 0 ? { attachmentIds: kept } : {}),
        ...(refused > 0 ? { photosRefused: refused } : {}),
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

  // --- photos of queued responses ---

  /** Queues a response together with its photos, in one transaction. */
  async enqueueWithAttachments(item: OutboxItem, attachments: readonly Attachment[]): Promise<OutboxItem> {
    const tx = this.db.transaction(['outbox', 'attachments'], 'readwrite');
    const { order: _ignored, ...fields } = item;
    const order = await tx.objectStore('outbox').add(fields);
    for (const attachment of attachments) await tx.objectStore('attachments').put(attachment);
    await tx.done;
    return { ...fields, order };
  }

  // --- an evaluator's observations and brief ---

  /** Queues an observation with its photos, in one transaction. */
  async enqueueObservation(observation: StoredObservation, attachments: readonly Attachment[]): Promise<void> {
    const tx = this.db.transaction(['observations', 'attachments'], 'readwrite');
    await tx.objectStore('observations').put(observation);
    for (const attachment of attachments) await tx.objectStore('attachments').put(attachment);
    await tx.done;
  }

  /** Every observation on the phone, oldest first. */
  async observations(): Promise<StoredObservation[]> {
    return (await this.db.getAll('observations')).sort((a, b) => a.order - b.order);
  }

  /** Keeps the receipt; `false` when the observation is unknown or already had one (a repeated receipt). */
  async settleObservation(receipt: ObservationReceipt): Promise<boolean> {
    const tx = this.db.transaction('observations', 'readwrite');
    const current = await tx.store.get(receipt.observationId);
    if (!current || current.receipt) {
      await tx.done;
      return false;
    }
    await tx.store.put({ ...current, receipt });
    await tx.done;
    return true;
  }

  getBrief(): Promise<EvaluatorBrief | undefined> {
    return this.db.get('evaluator', BRIEF_KEY);
  }

  async saveBrief(brief: EvaluatorBrief): Promise<void> {
    await this.db.put('evaluator', brief, BRIEF_KEY);
  }

  attachmentsOf(responseId: string): Promise<Attachment[]> {
    return this.db.getAllFromIndex('attachments', 'byResponseId', responseId);
  }

  getAttachment(attachmentId: string): Promise<Attachment | undefined> {
    return this.db.get('attachments', attachmentId);
  }

  async setAttachmentState(attachmentId: string, state: AttachmentState, rejectedStatus?: number): Promise<void> {
    const tx = this.db.transaction('attachments', 'readwrite');
    const current = await tx.store.get(attachmentId);
    if (current) {
      // Uploaded or refused, the bytes are no longer needed on the phone.
      const bytes = state === 'pending' ? current.bytes : new ArrayBuffer(0);
      await tx.store.put({ ...current, state, bytes, ...(rejectedStatus === undefined ? {} : { rejectedStatus }) });
    }
    await tx.done;
  }

  // --- requests to personas ---

  /** Queues a request together with its photos, in one transaction. */
  async enqueueRequest(item: PersonaRequestItem, attachments: readonly Attachment[]): Promise<void> {
    const tx = this.db.transaction(['requests', 'attachments'], 'readwrite');
    await tx.objectStore('requests').add(item);
    for (const attachment of attachments) await tx.objectStore('attachments').put(attachment);
    await tx.done;
  }

  /** This phone's requests, oldest first (sent or waiting). */
  async requests(): Promise<PersonaRequestItem[]> {
    return (await this.db.getAll('requests')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Records a request's receipt; a repeated receipt, or one for an id not held, changes nothing. */
  async settleRequest(receipt: RequestReceipt, sent: { attachmentIds: string[] }): Promise<ReceiptOutcome> {
    const tx = this.db.transaction('requests', 'readwrite');
    const item = await tx.store.get(receipt.requestId);
    let outcome: ReceiptOutcome = 'unknown';
    if (item?.storedAt) outcome = 'alreadySettled';
    else if (item) {
      const refused = (item.attachmentIds?.length ?? 0) - sent.attachmentIds.length;
      const { attachmentIds: _queued, ...rest } = item;
      await tx.store.put({
        ...rest,
        ...(sent.attachmentIds.length > 0 ? { attachmentIds: sent.attachmentIds } : {}),
        ...(refused > 0 ? { photosRefused: refused } : {}),
        storedAt: receipt.storedAt,
        threadId: receipt.threadId,
        duplicate: receipt.duplicate,
      });
      outcome = 'settled';
    }
    await tx.done;
    return outcome;
  }

  // --- statements to the press ---

  async enqueueStatement(item: StatementItem): Promise<void> {
    await this.db.add('statements', item);
  }

  /** This phone's statements, oldest first (sent or waiting). */
  async statements(): Promise<StatementItem[]> {
    return (await this.db.getAll('statements')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Records a statement's receipt; a repeated receipt, or one for an id not held, changes nothing. */
  async settleStatement(receipt: StatementReceipt): Promise<ReceiptOutcome> {
    const tx = this.db.transaction('statements', 'readwrite');
    const item = await tx.store.get(receipt.statementId);
    let outcome: ReceiptOutcome = 'unknown';
    if (item?.storedAt) outcome = 'alreadySettled';
    else if (item) {
      await tx.store.put({ ...item, storedAt: receipt.storedAt, duplicate: receipt.duplicate });
      outcome = 'settled';
    }
    await tx.done;
    return outcome;
  }

  // --- evidence scans ---

  async enqueueScan(scan: StoredScan): Promise<void> {
    await this.db.add('scans', scan);
  }

  /** This phone's scans, oldest first (sent or waiting). */
  async scans(): Promise<StoredScan[]> {
    return (await this.db.getAll('scans')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  getScan(scanId: string): Promise<StoredScan | undefined> {
    return this.db.get('scans', scanId);
  }

  /** Records a scan's receipt; a repeated receipt, or one for an id not held, changes nothing. */
  async settleScan(receipt: EvidenceReceipt): Promise<ReceiptOutcome> {
    const tx = this.db.transaction('scans', 'readwrite');
    const scan = await tx.store.get(receipt.scanId);
    let outcome: ReceiptOutcome = 'unknown';
    if (scan?.receipt) outcome = 'alreadySettled';
    else if (scan) {
      await tx.store.put({ ...scan, receipt });
      outcome = 'settled';
    }
    await tx.done;
    return outcome;
  }

  // --- safety signals ---

  /** Signals in force, oldest first. */
  async getSignals(): Promise<StoredSignal[]> {
    return (await this.db.getAll('signals')).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  }

  /**
   * Stores a pushed signal. One already held keeps its local acknowledgement: the server's
   * `acknowledged: false` in a repeated push does not undo a tap made offline.
   */
  async putSignal(signal: SafetySignal): Promise<StoredSignal> {
    const tx = this.db.transaction('signals', 'readwrite');
    const held = await tx.store.get(signal.signalId);
    const stored: StoredSignal = {
      ...signal,
      acknowledged: signal.acknowledged || (held?.acknowledged ?? false),
      ackSent: signal.acknowledged || (held?.ackSent ?? false),
      // An acknowledged signal counts as delivered on the server: nothing to confirm.
      receivedSent: signal.acknowledged || (held?.receivedSent ?? false),
      receivedAt: held?.receivedAt ?? new Date().toISOString(),
    };
    await tx.store.put(stored);
    await tx.done;
    return stored;
  }

  /** Replaces the held signals with the server's list (GetSignals), keeping local acknowledgements. */
  async replaceSignals(signals: readonly SafetySignal[]): Promise<void> {
    const tx = this.db.transaction('signals', 'readwrite');
    const held = new Map((await tx.store.getAll()).map((s) => [s.signalId, s]));
    await tx.store.clear();
    for (const signal of signals) {
      const before = held.get(signal.signalId);
      await tx.store.put({
        ...signal,
        acknowledged: signal.acknowledged || (before?.acknowledged ?? false),
        ackSent: signal.acknowledged || (before?.ackSent ?? false),
        receivedSent: signal.acknowledged || (before?.receivedSent ?? false),
        receivedAt: before?.receivedAt ?? new Date().toISOString(),
      });
    }
    await tx.done;
  }

  async removeSignal(signalId: string): Promise<void> {
    await this.db.delete('signals', signalId);
  }

  async markSignalAcknowledged(signalId: string): Promise<void> {
    await this.updateSignal(signalId, (s) => (s.acknowledged ? null : { ...s, acknowledged: true }));
  }

  async markSignalAckSent(signalId: string): Promise<void> {
    await this.updateSignal(signalId, (s) => (s.ackSent ? null : { ...s, ackSent: true, acknowledged: true }));
  }

  /** Signals the server has not been told this phone holds. */
  async unconfirmedSignals(): Promise<StoredSignal[]> {
    // An acknowledgement the server took counts as delivered there too.
    return (await this.getSignals()).filter((s) => !s.receivedSent && !s.ackSent);
  }

  async markSignalsReceivedSent(signalIds: readonly string[]): Promise<void> {
    for (const signalId of signalIds) {
      await this.updateSignal(signalId, (s) => (s.receivedSent ? null : { ...s, receivedSent: true }));
    }
  }

  private async updateSignal(signalId: string, change: (s: StoredSignal) => StoredSignal | null): Promise<void> {
    const tx = this.db.transaction('signals', 'readwrite');
    const current = await tx.store.get(signalId);
    const next = current ? change(current) : null;
    if (next) await tx.store.put(next);
    await tx.done;
  }
}
