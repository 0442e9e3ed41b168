import type { Outbox, ResponseDraft, UploadAttachment } from './outbox';
import type { Store, StoredMessage } from './store';
import {
  type ControllerCallRequest,
  type DeliveredMessage,
  type DisclosureReport,
  type HelloRequest,
  isDeliveredMessage,
  isSafetySignal,
  isSyncResult,
  isTeamResponse,
  type RespondRequest,
  type TeamResponse,
} from './types';

/**
 * The part of @microsoft/signalr's HubConnection this module uses. HubConnection satisfies it
 * as is; unit tests drive sync with a fake of just this boundary.
 */
export interface HubLike {
  readonly state: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  on(method: string, handler: (...args: unknown[]) => void): void;
  onclose(callback: (error?: Error) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
}

/** The browser's view of the network: `navigator.onLine` and the online/offline events. */
export interface NetworkLike {
  isOnline(): boolean;
  onOnline(listener: () => void): void;
  onOffline(listener: () => void): void;
}

/** The page going to the background: the phone's browser may freeze or close it right after. */
export interface PageLike {
  onHidden(listener: () => void): void;
}

export const browserPage: PageLike = {
  onHidden: (listener) =>
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (globalThis.document?.visibilityState === 'hidden') listener();
    }),
};

export type ConnectionStatus = 'online' | 'reconnecting' | 'offline';

export const PAGE_SIZE = 200;
export const MAX_RETRY_DELAY_MS = 10_000;
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
 * Back-off for the n-th consecutive failed attempt: 0, 1, 2, 4, 8, then 10 s for ever, each
 * with up to 20 % jitter so a room of phones does not reconnect in lock-step after a restart.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  const base = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (attempt - 1));
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(base * (0.8 + 0.2 * random())));
}

/** The policy for `withAutomaticReconnect`: it never returns null, so it never gives up. */
export const foreverRetryPolicy = {
  nextRetryDelayInMilliseconds(context: { previousRetryCount: number }): number {
    return retryDelay(context.previousRetryCount);
  },
};

/**
 * True when a hub call failed because the server has no such method (an older server than the
 * protocol's issue-4 additions). Newer ASP.NET Core says "Method does not exist", older
 * "Unknown hub method 'X'".
 */
export function isMissingMethod(error: unknown): boolean {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /Method does not exist|Unknown hub method/i.test(text);
}

/**
 * True when the server refused the connection because this device was revoked: its hub throws
 * a HubException from OnConnectedAsync, which closes the connection with that message. A phone
 * that missed the Revoked push (it was offline) learns it this way on its next connect.
 */
export function isRevocation(error: unknown): boolean {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /device was revoked/i.test(text);
}

/** What a "need controller" call came to. */
export type ControllerCallOutcome = 'sent' | 'offline' | 'unsupported' | 'failed';

export const browserNetwork: NetworkLike = {
  isOnline: () => globalThis.navigator?.onLine ?? true,
  onOnline: (listener) => globalThis.addEventListener?.('online', listener),
  onOffline: (listener) => globalThis.addEventListener?.('offline', listener),
};

/**
 * One pass of a flush at a time: a call made while a pass runs shares that pass instead of
 * starting another that would send the same items twice.
 */
class SinglePass {
  private running: Promise<void> | null = null;

  run(pass: () => Promise<void>): Promise<void> {
    if (this.running) return this.running;
    this.running = pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

export interface DeviceSyncOptions {
  pageSize?: number;
  network?: NetworkLike;
  retryDelay?: (attempt: number) => number;
  /** Milliseconds to wait before confirming stored messages; 0 confirms each at once. */
  receiptDelay?: () => number;
  /** Confirmations still waiting are sent when the page goes to the background. */
  page?: PageLike;
  /** Messages stored for the first time (never called twice for one deliveryId). */
  onMessages?: (added: StoredMessage[]) => void;
  /** A stored message's local flags changed. */
  onMessageChanged?: (message: StoredMessage) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** The held safety signals changed (pushed, cleared, refreshed or acknowledged). */
  onSignals?: () => void;
  /** The server revoked this device: the session is over. */
  onRevoked?: () => void;
  /** What `Hello` says; without it no Hello is sent. */
  hello?: () => Promise<HelloRequest> | HelloRequest;
  /** Uploads a queued response's photos before the response is sent. */
  upload?: UploadAttachment;
  onError?: (error: unknown) => void;
}

/**
 * Keeps the phone's copy of its mailbox complete. The socket is only a doorbell: every
 * (re)connect pages through Sync from the last contiguous sequence held, pushes are
 * de-duplicated by deliveryId, and a push that skips a sequence makes a Sync instead of
 * moving the cursor. Store work runs one job at a time, so a push and a sync page never race
 * on the cursor.
 */
export class DeviceSync {
  private lastSequence = 0;
  private queue: Promise<void> = Promise.resolve();
  private pendingSync: Promise<void> | null = null;
  private readonly acking = new SinglePass();
  private started = false;
  private stopped = false;
  private connecting = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatus: ConnectionStatus | undefined;
  /** Methods this connection's server lacks; forgotten on reconnect (the server may be newer). */
  private readonly missing = new Set<string>();
  private readonly seeing = new SinglePass();
  private readonly disclosing = new SinglePass();
  private connectedRun: Promise<void> = Promise.resolve();
  private readonly signalAcking = new SinglePass();
  private readonly pageSize: number;
  private readonly network: NetworkLike;
  private readonly delay: (attempt: number) => number;
  private readonly receiptWait: () => number;
  /** Stored but not yet confirmed to the server; kept across a lost connection. */
  private readonly unconfirmed = new Set<number>();
  private receiptTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly confirming = new SinglePass();

  constructor(
    private readonly hub: HubLike,
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly options: DeviceSyncOptions = {},
  ) {
    this.pageSize = Math.min(500, options.pageSize ?? PAGE_SIZE);
    this.network = options.network ?? browserNetwork;
    this.delay = options.retryDelay ?? retryDelay;
    this.receiptWait = options.receiptDelay ?? receiptDelay;
  }

  get status(): ConnectionStatus {
    if (!this.network.isOnline()) return 'offline';
    return this.hub.state === 'Connected' ? 'online' : 'reconnecting';
  }

  /** The highest sequence up to which every message is held. */
  get heldSequence(): number {
    return this.lastSequence;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.lastSequence = await this.store.getLastSequence();
    this.hub.on('Deliver', (message) => this.onDeliver(message));
    this.hub.on('Signal', (signal) => this.onSignal(signal));
    this.hub.on('SignalCleared', (signalId) => this.onSignalCleared(signalId));
    this.hub.on('Revoked', () => this.options.onRevoked?.());
    // The server may have lost pushes (a silo restarted): the mailbox is the truth, so sync.
    this.hub.on('Resync', () => void this.requestSync());
    this.hub.onreconnecting(() => this.emitStatus());
    this.hub.onreconnected(() => void this.onConnected());
    this.hub.onclose((error) => {
      this.emitStatus();
      if (this.stopped) return;
      if (isRevocation(error)) {
        this.options.onRevoked?.();
        return;
      }
      this.scheduleConnect();
    });
    this.network.onOnline(() => void this.onOnline());
    this.network.onOffline(() => void this.onOffline());
    (this.options.page ?? browserPage).onHidden(() => void this.flushReceipts());
    this.emitStatus();
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.receiptTimer);
    await this.hub.stop();
    await this.connectedRun;
    await this.whenIdle();
  }

  /** Resolves when queued store work (pushes, sync pages) has finished. */
  async whenIdle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }

  /** Pages through Sync until the server says there is no more. Coalesces with a queued one. */
  requestSync(): Promise<void> {
    if (this.pendingSync) return this.pendingSync;
    const job = this.enqueue(async () => {
      this.pendingSync = null;
      await this.syncAll();
    });
    this.pendingSync = job;
    return job;
  }

  /** Marks a message acknowledged on the phone at once and tells the server when connected. */
  async acknowledge(deliveryId: string): Promise<void> {
    const message = await this.store.markAcknowledged(deliveryId);
    if (message) this.options.onMessageChanged?.(message);
    await this.flushAcks();
  }

  /** Queues a response; it is sent now if connected, else on the next connect. */
  async respond(target: { deliveryId: string; sequence: number }, response: string | ResponseDraft): Promise<void> {
    await this.outbox.add(target, response);
    void this.flushOutbox();
  }

  /** Connected and the browser has a network: only then is anything sent. */
  private get connected(): boolean {
    return this.hub.state === 'Connected' && this.network.isOnline();
  }

  async flushOutbox(): Promise<void> {
    if (!this.connected) return;
    await this.outbox.flush(
      (request: RespondRequest) => this.hub.invoke('Respond', request),
      (error) => {
        this.options.onError?.(error);
        // A refusal of one response must not hold up the others; a lost connection ends the pass.
        return this.connected;
      },
      this.options.upload,
    );
  }

  async flushAcks(): Promise<void> {
    return this.acking.run(async () => {
      for (const message of await this.store.pendingAcks()) {
        if (!this.connected) return;
        try {
          await this.hub.invoke('Acknowledge', message.sequence);
          const updated = await this.store.markAckSent(message.deliveryId);
          if (updated) this.options.onMessageChanged?.(updated);
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    });
  }

  /** The person opened a message: tell the server (now, or on the next connect). */
  async seen(deliveryId: string): Promise<void> {
    const message = await this.store.markRead(deliveryId);
    if (message) this.options.onMessageChanged?.(message);
    await this.flushSeen();
  }

  async flushSeen(): Promise<void> {
    return this.seeing.run(async () => {
      for (const message of await this.store.pendingSeen()) {
        if (!this.connected || this.missing.has('Seen')) return;
        if (await this.tryInvoke('Seen', message.sequence)) await this.store.markSeenSent(message.deliveryId);
      }
    });
  }

  /** The actor disclosed a gated fact to a team: kept on the phone at once, reported when connected. */
  async disclose(deliveryId: string, gateId: string, teamId: string): Promise<void> {
    const message = await this.store.markDisclosed(deliveryId, gateId, teamId, new Date().toISOString());
    if (message) this.options.onMessageChanged?.(message);
    await this.flushDisclosures();
  }

  async flushDisclosures(): Promise<void> {
    return this.disclosing.run(async () => {
      for (const { message, gateId, teamId } of await this.store.pendingDisclosures()) {
        if (!this.connected || this.missing.has('MarkDisclosed')) return;
        const report: DisclosureReport = { sequence: message.sequence, gateId, teamId };
        try {
          const record = await this.hub.invoke('MarkDisclosed', report);
          const gateOpen = (record as { gateOpen?: unknown } | null)?.gateOpen;
          const updated = await this.store.markDisclosedSent(
            message.deliveryId,
            gateId,
            teamId,
            typeof gateOpen === 'boolean' ? gateOpen : undefined,
          );
          if (updated) this.options.onMessageChanged?.(updated);
        } catch (error) {
          this.noteFailure('MarkDisclosed', error);
        }
      }
    });
  }

  /** Presence: app version, battery, language. Sent after every connect and when they change. */
  async sendHello(): Promise<void> {
    const hello = this.options.hello;
    if (!hello || !this.connected || this.missing.has('Hello')) return;
    await this.tryInvoke('Hello', await hello());
  }

  // --- safety signals ---

  /** Marks a signal acknowledged on the phone at once and tells the server when connected. */
  async acknowledgeSignal(signalId: string): Promise<void> {
    await this.enqueue(() => this.store.markSignalAcknowledged(signalId));
    this.options.onSignals?.();
    await this.flushSignalAcks();
  }

  async flushSignalAcks(): Promise<void> {
    return this.signalAcking.run(async () => {
      for (const signal of await this.store.getSignals()) {
        if (!signal.acknowledged || signal.ackSent) continue;
        if (!this.connected || this.missing.has('AcknowledgeSignal')) return;
        if (await this.tryInvoke('AcknowledgeSignal', signal.signalId)) {
          await this.store.markSignalAckSent(signal.signalId);
          this.options.onSignals?.();
        }
      }
    });
  }

  /** Asks the server which signals are in force; what it no longer lists was lifted meanwhile. */
  private refreshSignals(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.connected || this.missing.has('GetSignals')) return;
      let result: unknown;
      try {
        result = await this.hub.invoke('GetSignals');
      } catch (error) {
        this.noteFailure('GetSignals', error);
        return;
      }
      if (!Array.isArray(result)) return;
      await this.store.replaceSignals(result.filter(isSafetySignal).map((s) => ({ ...s, message: s.message ?? {} })));
      this.options.onSignals?.();
    });
  }

  private onSignal(payload: unknown): void {
    if (!isSafetySignal(payload)) {
      this.options.onError?.(new Error('ignored a malformed Signal push'));
      return;
    }
    void this.enqueue(async () => {
      await this.store.putSignal({ ...payload, message: payload.message ?? {} });
      this.options.onSignals?.();
    });
  }

  private onSignalCleared(signalId: unknown): void {
    if (typeof signalId !== 'string') return;
    void this.enqueue(async () => {
      await this.store.removeSignal(signalId);
      this.options.onSignals?.();
    });
  }

  // --- calls the server may not have yet ---

  /**
   * The one-tap "need controller" call. Not queued when offline: a call for help that arrives
   * twenty minutes late misleads more than it helps, so the person is told to use the radio.
   */
  async callController(request: ControllerCallRequest): Promise<ControllerCallOutcome> {
    if (!this.connected) return 'offline';
    try {
      await this.hub.invoke('CallController', request);
      return 'sent';
    } catch (error) {
      this.options.onError?.(error);
      return isMissingMethod(error) ? 'unsupported' : this.connected ? 'failed' : 'offline';
    }
  }

  /** The team's responses to one message, from every device; null when the server cannot say. */
  async teamResponses(sequence: number): Promise<TeamResponse[] | null> {
    if (!this.connected || this.missing.has('GetResponses')) return null;
    try {
      const result = await this.hub.invoke('GetResponses', sequence);
      return Array.isArray(result) ? result.filter(isTeamResponse) : null;
    } catch (error) {
      this.noteFailure('GetResponses', error);
      return null;
    }
  }

  /** Invokes a method the server may lack; a missing method is remembered, not retried. */
  private async tryInvoke(method: string, ...args: unknown[]): Promise<boolean> {
    try {
      await this.hub.invoke(method, ...args);
      return true;
    } catch (error) {
      this.noteFailure(method, error);
      return false;
    }
  }

  private noteFailure(method: string, error: unknown): void {
    if (isMissingMethod(error)) this.missing.add(method);
    else this.options.onError?.(error);
  }

  // --- connection ---

  private async connect(): Promise<void> {
    // The browser knows it has no network: wait for its online event instead of failing on a timer.
    if (!this.network.isOnline()) return;
    if (this.stopped || this.connecting || this.hub.state !== 'Disconnected') return;
    clearTimeout(this.retryTimer);
    this.connecting = true;
    try {
      await this.hub.start();
    } catch (error) {
      this.connecting = false;
      this.options.onError?.(error);
      this.emitStatus();
      if (isRevocation(error)) this.options.onRevoked?.();
      else this.scheduleConnect();
      return;
    }
    this.connecting = false;
    await this.onConnected();
  }

  private scheduleConnect(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.delay(this.attempt++));
  }

  private onConnected(): Promise<void> {
    this.attempt = 0;
    this.missing.clear();
    this.emitStatus();
    const run = this.afterConnect().catch((error: unknown) => this.options.onError?.(error));
    this.connectedRun = run;
    return run;
  }

  private async afterConnect(): Promise<void> {
    // Safety first: a STOP in force outranks catching up on injects.
    const steps = [
      () => this.sendHello(),
      () => this.refreshSignals(),
      () => this.flushSignalAcks(),
      () => this.requestSync(),
      () => this.flushReceipts(),
      () => this.flushAcks(),
      () => this.flushSeen(),
      () => this.flushDisclosures(),
      () => this.flushOutbox(),
    ];
    for (const step of steps) {
      if (this.stopped) return;
      await step();
    }
  }

  /**
   * The browser lost its network. Chromium keeps an open WebSocket looking alive for a long
   * while after that (and its offline emulation never closes one), so close it now: the app
   * then says "offline", queues what the person does, and reconnects on the online event.
   */
  private async onOffline(): Promise<void> {
    this.emitStatus();
    if (this.stopped || this.hub.state === 'Disconnected') return;
    await this.hub.stop().catch((error: unknown) => this.options.onError?.(error));
  }

  /** The browser says the network is back: retry now instead of waiting out the back-off. */
  private async onOnline(): Promise<void> {
    this.emitStatus();
    if (this.stopped) return;
    this.attempt = 0;
    if (this.hub.state === 'Disconnected') {
      await this.connect();
    } else if (this.hub.state === 'Reconnecting') {
      // The automatic reconnect may be sleeping up to 10 s; stopping fires onclose, which
      // schedules an immediate attempt.
      await this.hub.stop();
    }
  }

  private emitStatus(): void {
    const status = this.status;
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    this.options.onStatus?.(status);
  }

  // --- messages ---

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job).catch((error: unknown) => this.options.onError?.(error));
    this.queue = run;
    return run;
  }

  private onDeliver(payload: unknown): void {
    if (!isDeliveredMessage(payload)) {
      this.options.onError?.(new Error('ignored a malformed Deliver push'));
      return;
    }
    void this.enqueue(() => this.handlePush(payload));
  }

  private async handlePush(message: DeliveredMessage): Promise<void> {
    const added = await this.store.addMessages([message]);
    if (added.length > 0) this.options.onMessages?.(added);
    if (message.sequence === this.lastSequence + 1) {
      await this.setLastSequence(message.sequence);
    } else if (message.sequence > this.lastSequence + 1) {
      // Something between was missed: keep the cursor where the held run ends and let Sync fill in.
      void this.requestSync();
    }
    await this.confirmReceived([message.sequence]);
  }

  private async syncAll(): Promise<void> {
    let after = this.lastSequence;
    for (;;) {
      const result = await this.hub.invoke('Sync', after, this.pageSize);
      if (!isSyncResult(result)) throw new Error('malformed Sync result');
      const messages = result.messages.filter(isDeliveredMessage);
      const added = await this.store.addMessages(messages);
      const highest = messages.reduce((max, m) => Math.max(max, m.sequence), after);
      // With more to come, trust only what arrived; on the last page the server's lastSequence
      // also covers sequences it will never send.
      const next = result.hasMore ? highest : Math.max(highest, result.lastSequence);
      if (next > this.lastSequence) await this.setLastSequence(next);
      if (added.length > 0) this.options.onMessages?.(added);
      if (messages.length > 0) await this.confirmReceived(messages.map((m) => m.sequence));
      if (!result.hasMore || next <= after) return;
      after = next;
    }
  }

  /** Called once the messages are stored: a confirmation never runs ahead of the phone's copy. */
  private async confirmReceived(sequences: number[]): Promise<void> {
    for (const sequence of sequences) this.unconfirmed.add(sequence);
    const wait = this.receiptWait();
    if (wait <= 0) {
      await this.flushReceipts();
    } else if (this.receiptTimer === undefined) {
      this.receiptTimer = setTimeout(() => void this.flushReceipts(), wait);
    }
  }

  /** Confirms every stored message not yet confirmed; what fails stays for the next connect. */
  async flushReceipts(): Promise<void> {
    clearTimeout(this.receiptTimer);
    this.receiptTimer = undefined;
    return this.confirming.run(async () => {
      while (this.unconfirmed.size > 0 && this.connected) {
        const batch = [...this.unconfirmed].sort((a, b) => a - b).slice(0, MAX_RECEIPTS_PER_CALL);
        try {
          await this.hub.invoke('Received', batch);
        } catch (error) {
          this.options.onError?.(error);
          return;
        }
        for (const sequence of batch) this.unconfirmed.delete(sequence);
      }
    });
  }

  private async setLastSequence(sequence: number): Promise<void> {
    await this.store.setLastSequence(sequence);
    this.lastSequence = sequence;
  }
}
