import { MessageFlushes } from './flushes';
import { HubCalls, isMissingMethod } from './hubCalls';
import type { Outbox, ResponseDraft, UploadAttachment } from './outbox';
import { Receipts, receiptDelay } from './receipts';
import type { RequestDraft, RequestOutbox } from './requests';
import { SafetySignals } from './signals';
import type { Store, StoredMessage } from './store';
import {
  type ControllerCallRequest,
  type DeliveredMessage,
  type HelloRequest,
  isDeliveredMessage,
  isReconcileResult,
  isResponsePage,
  isSyncResult,
  isTeamResponse,
  type PersonaRequest,
  type RespondRequest,
  type SyncResult,
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

/**
 * The page going to the background (the phone's browser may freeze or close it right after) and
 * coming back (a frozen page missed whatever was pushed meanwhile, with the socket still open).
 */
export interface PageLike {
  onHidden(listener: () => void): void;
  onVisible(listener: () => void): void;
}

const onVisibility = (state: DocumentVisibilityState, listener: () => void) =>
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (globalThis.document?.visibilityState === state) listener();
  });

export const browserPage: PageLike = {
  onHidden: (listener) => onVisibility('hidden', listener),
  onVisible: (listener) => onVisibility('visible', listener),
};

export type ConnectionStatus = 'online' | 'reconnecting' | 'offline';

export const PAGE_SIZE = 200;
export const MAX_RETRY_DELAY_MS = 10_000;
/** Records of the team's response log read per `GetResponsePage` call (the server serves at most 500). */
export const RESPONSE_PAGE_SIZE = 200;
/**
 * Back-off for the n-th consecutive failed attempt: 0, 1, 2, 4, 8, then 10 s for ever, each
 * with up to 20 % jitter so a room of phones does not reconnect in lock-step after a restart.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  const base = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (attempt - 1));
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(base * (0.8 + 0.2 * random())));
}

/** The protocol's longest quiet time between two reconciles of a connected phone. */
export const IDLE_RECONCILE_MAX_MS = 30_000;

/**
 * How long a connected phone waits after its last reconcile before reconciling again: 24 to 30 s.
 * The jitter keeps a room of phones that reconnected together after a restart from reconciling
 * in lock-step every 30 s.
 */
export function idleReconcileDelay(random: () => number = Math.random): number {
  return Math.round(IDLE_RECONCILE_MAX_MS * (0.8 + 0.2 * random()));
}

/** The policy for `withAutomaticReconnect`: it never returns null, so it never gives up. */
export const foreverRetryPolicy = {
  nextRetryDelayInMilliseconds(context: { previousRetryCount: number }): number {
    return retryDelay(context.previousRetryCount);
  },
};

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

export interface DeviceSyncOptions {
  pageSize?: number;
  network?: NetworkLike;
  retryDelay?: (attempt: number) => number;
  /** Milliseconds to wait before confirming stored messages; 0 confirms each at once. */
  receiptDelay?: () => number;
  /** Milliseconds of quiet after a reconcile before the next one; at most 30 s by the protocol. */
  idleReconcile?: () => number;
  /**
   * Confirmations still waiting are sent when the page goes to the background; the phone
   * reconciles when it comes back.
   */
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
  /** Requests to personas waiting for their receipts; without it `request` throws. */
  requests?: RequestOutbox;
  /** Runs last on every connect, after the mailbox and outbox: an evaluator's brief and observations. */
  whenConnected?: () => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * Keeps the phone's copy of its mailbox and its safety signals complete. The socket is only a
 * doorbell, and a push can be lost with the socket still open (a silo restart, a frozen page),
 * so the phone heals by itself: it reconciles (`Reconcile`: the signals in force and the mailbox
 * after the last contiguous sequence held, then Sync pages while there is more) on every
 * (re)connect, on `Resync`, after at most 30 s without a reconcile while connected, and when the
 * page becomes visible again. Pushes are de-duplicated by deliveryId, and a push that skips a
 * sequence makes a Sync instead of moving the cursor. Store work runs one job at a time, so a
 * push and a sync page never race on the cursor.
 *
 * This class holds the connection and the sync paging. What it hands on lives in modules of its
 * own, each called on every connect: `Received` confirmations (receipts.ts), acknowledgements,
 * `Seen` and disclosures (flushes.ts), and the safety signals with their acknowledgements
 * (signals.ts).
 */
export class DeviceSync {
  private lastSequence = 0;
  private queue: Promise<void> = Promise.resolve();
  private pendingSync: Promise<void> | null = null;
  private pendingReconcile: Promise<void> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private stopped = false;
  private connecting = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatus: ConnectionStatus | undefined;
  private connectedRun: Promise<void> = Promise.resolve();
  private readonly pageSize: number;
  private readonly network: NetworkLike;
  private readonly delay: (attempt: number) => number;
  private readonly idlePeriod: () => number;
  private readonly calls: HubCalls;
  private readonly receipts: Receipts;
  private readonly flushes: MessageFlushes;
  private readonly signals: SafetySignals;

  constructor(
    private readonly hub: HubLike,
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly options: DeviceSyncOptions = {},
  ) {
    this.pageSize = Math.min(500, options.pageSize ?? PAGE_SIZE);
    this.network = options.network ?? browserNetwork;
    this.delay = options.retryDelay ?? retryDelay;
    this.idlePeriod = options.idleReconcile ?? idleReconcileDelay;
    this.calls = new HubCalls(hub, this.network, (error) => this.options.onError?.(error));
    this.receipts = new Receipts(this.calls, options.receiptDelay ?? receiptDelay);
    this.flushes = new MessageFlushes(this.calls, store, (message) => this.options.onMessageChanged?.(message));
    this.signals = new SafetySignals(
      this.calls,
      store,
      (job) => this.enqueue(job),
      () => this.options.onSignals?.(),
      options.receiptDelay ?? receiptDelay,
    );
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
    this.hub.on('Signal', (signal) => this.signals.onSignal(signal));
    this.hub.on('SignalCleared', (signalId) => this.signals.onSignalCleared(signalId));
    this.hub.on('Revoked', () => this.options.onRevoked?.());
    // The server may have lost pushes (a silo restarted): its grains are the truth, so reconcile.
    this.hub.on('Resync', () => void this.requestReconcile());
    this.hub.onreconnecting(() => {
      clearTimeout(this.idleTimer);
      this.emitStatus();
    });
    this.hub.onreconnected(() => void this.onConnected());
    this.hub.onclose((error) => {
      clearTimeout(this.idleTimer);
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
    const page = this.options.page ?? browserPage;
    page.onHidden(() => void this.receipts.flush());
    page.onVisible(() => {
      if (this.calls.connected) void this.requestReconcile();
    });
    this.emitStatus();
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    this.receipts.stop();
    this.signals.stop();
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

  /**
   * Heals what a lost push left out: the signals in force and the mailbox after what is held, in
   * one `Reconcile` (then Sync while there is more); `GetSignals` and Sync on a server without
   * it. Coalesces with a queued one; while one is queued or running the idle timer is off, and
   * it starts again when this one has finished.
   */
  requestReconcile(): Promise<void> {
    if (this.pendingReconcile) return this.pendingReconcile;
    clearTimeout(this.idleTimer);
    const job = this.enqueue(async () => {
      this.pendingReconcile = null;
      try {
        await this.reconcile();
      } finally {
        this.armIdleTimer();
      }
    });
    this.pendingReconcile = job;
    return job;
  }

  /** Marks a message acknowledged on the phone at once and tells the server when connected. */
  acknowledge(deliveryId: string): Promise<void> {
    return this.flushes.acknowledge(deliveryId);
  }

  /** Queues a response; it is sent now if connected, else on the next connect. */
  async respond(target: { deliveryId: string; sequence: number }, response: string | ResponseDraft): Promise<void> {
    await this.outbox.add(target, response);
    void this.flushOutbox();
  }

  private async flushOutbox(): Promise<void> {
    if (!this.calls.connected) return;
    await this.outbox.flush(
      (request: RespondRequest) => this.hub.invoke('Respond', request),
      (error) => {
        this.options.onError?.(error);
        // A refusal of one response must not hold up the others; a lost connection ends the pass.
        return this.calls.connected;
      },
      this.options.upload,
    );
  }

  /** Queues a request to a persona; it is sent now if connected, else on the next connect. */
  async request(personaId: string, draft: RequestDraft): Promise<void> {
    if (!this.options.requests) throw new Error('no request outbox');
    await this.options.requests.add(personaId, draft);
    void this.flushRequests();
  }

  private async flushRequests(): Promise<void> {
    const requests = this.options.requests;
    if (!requests || !this.calls.connected || this.calls.lacks('Request')) return;
    await requests.flush(
      (request: PersonaRequest) => this.hub.invoke('Request', request),
      (error) => {
        // An older server without Request keeps the requests queued for a newer one.
        this.calls.noteFailure('Request', error);
        return this.calls.connected && !this.calls.lacks('Request');
      },
      this.options.upload,
    );
  }

  /** The person opened a message: tell the server (now, or on the next connect). */
  seen(deliveryId: string): Promise<void> {
    return this.flushes.seen(deliveryId);
  }

  /** The actor disclosed a gated fact to a team: kept on the phone at once, reported when connected. */
  disclose(deliveryId: string, gateId: string, teamId: string): Promise<void> {
    return this.flushes.disclose(deliveryId, gateId, teamId);
  }

  /** Marks a signal acknowledged on the phone at once and tells the server when connected. */
  acknowledgeSignal(signalId: string): Promise<void> {
    return this.signals.acknowledge(signalId);
  }

  /** Presence: app version, battery, language. Sent after every connect and when they change. */
  async sendHello(): Promise<void> {
    const hello = this.options.hello;
    if (!hello || !this.calls.connected || this.calls.lacks('Hello')) return;
    await this.calls.tryInvoke('Hello', await hello());
  }

  /** Connected and the browser has a network: only then does anything go out. */
  get connected(): boolean {
    return this.calls.connected;
  }

  /** A hub call for a module of its own (the evaluator's); it fails when not connected. */
  invoke(method: string, ...args: unknown[]): Promise<unknown> {
    if (!this.calls.connected) return Promise.reject(new Error(`not connected: ${method} waits`));
    return this.calls.invoke(method, ...args);
  }

  // --- calls the server may not have yet ---

  /**
   * The one-tap "need controller" call. Not queued when offline: a call for help that arrives
   * twenty minutes late misleads more than it helps, so the person is told to use the radio.
   */
  async callController(request: ControllerCallRequest): Promise<ControllerCallOutcome> {
    if (!this.calls.connected) return 'offline';
    try {
      await this.hub.invoke('CallController', request);
      return 'sent';
    } catch (error) {
      this.options.onError?.(error);
      return isMissingMethod(error) ? 'unsupported' : this.calls.connected ? 'failed' : 'offline';
    }
  }

  /**
   * The team's responses to one message, from every device; null when the server cannot say.
   * Follows `GetResponsePage` to the end of the team's log, each response once; a server
   * without it gets `GetResponses`.
   */
  async teamResponses(sequence: number): Promise<TeamResponse[] | null> {
    if (!this.calls.connected) return null;
    if (!this.calls.lacks('GetResponsePage')) {
      const paged = await this.pagedTeamResponses(sequence);
      if (paged !== 'unsupported') return paged;
    }
    if (this.calls.lacks('GetResponses')) return null;
    try {
      const result = await this.hub.invoke('GetResponses', sequence);
      return Array.isArray(result) ? result.filter(isTeamResponse) : null;
    } catch (error) {
      this.calls.noteFailure('GetResponses', error);
      return null;
    }
  }

  private async pagedTeamResponses(sequence: number): Promise<TeamResponse[] | null | 'unsupported'> {
    const responses = new Map<string, TeamResponse>();
    let after = 0;
    for (;;) {
      let page: unknown;
      try {
        page = await this.hub.invoke('GetResponsePage', sequence, after, RESPONSE_PAGE_SIZE);
      } catch (error) {
        this.calls.noteFailure('GetResponsePage', error);
        return isMissingMethod(error) ? 'unsupported' : null;
      }
      if (!isResponsePage(page)) return null;
      for (const response of page.responses) {
        if (isTeamResponse(response) && !responses.has(response.responseId))
          responses.set(response.responseId, response);
      }
      if (!page.hasMore) return [...responses.values()];
      // A cursor that does not move on would ask for the same page for ever.
      if (page.next <= after) return null;
      after = page.next;
    }
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
    this.calls.forgetMissing();
    this.emitStatus();
    const run = this.afterConnect().catch((error: unknown) => this.options.onError?.(error));
    this.connectedRun = run;
    return run;
  }

  private async afterConnect(): Promise<void> {
    // Safety first: the reconcile stores a STOP in force before the injects it catches up on.
    const steps = [
      () => this.sendHello(),
      () => this.requestReconcile(),
      () => this.signals.flushAcks(),
      () => this.signals.flushReceived(),
      () => this.receipts.flush(),
      () => this.flushes.flushAcks(),
      () => this.flushes.flushSeen(),
      () => this.flushes.flushDisclosures(),
      () => this.flushOutbox(),
      () => this.flushRequests(),
      () => this.options.whenConnected?.() ?? Promise.resolve(),
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

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.stopped || !this.calls.connected) return;
    this.idleTimer = setTimeout(() => {
      if (!this.stopped && this.calls.connected) void this.requestReconcile();
    }, this.idlePeriod());
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
    await this.receipts.confirm([message.sequence]);
  }

  /** Runs inside a queue job (requestReconcile). */
  private async reconcile(): Promise<void> {
    if (!this.calls.connected) return;
    if (!this.calls.lacks('Reconcile')) {
      const after = this.lastSequence;
      let result: unknown;
      try {
        result = await this.hub.invoke('Reconcile', after, this.pageSize);
      } catch (error) {
        this.calls.noteFailure('Reconcile', error);
        if (!this.calls.lacks('Reconcile')) return; // not a missing method: the next trigger retries
      }
      if (!this.calls.lacks('Reconcile')) {
        if (!isReconcileResult(result)) throw new Error('malformed Reconcile result');
        await this.signals.apply(result.signals);
        if ((await this.storePage(after, result.mailbox)) !== null) await this.syncAll();
        return;
      }
    }
    // A server before issue 12: the same in two calls, signals first.
    await this.signals.fetch();
    await this.syncAll();
  }

  private async syncAll(): Promise<void> {
    let after = this.lastSequence;
    for (;;) {
      const result = await this.hub.invoke('Sync', after, this.pageSize);
      if (!isSyncResult(result)) throw new Error('malformed Sync result');
      const next = await this.storePage(after, result);
      if (next === null) return;
      after = next;
    }
  }

  /** Stores a mailbox page (of Sync or Reconcile); returns where the next page starts, or null at the end. */
  private async storePage(after: number, result: SyncResult): Promise<number | null> {
    const messages = result.messages.filter(isDeliveredMessage);
    const added = await this.store.addMessages(messages);
    const highest = messages.reduce((max, m) => Math.max(max, m.sequence), after);
    // With more to come, trust only what arrived; on the last page the server's lastSequence
    // also covers sequences it will never send.
    const next = result.hasMore ? highest : Math.max(highest, result.lastSequence);
    if (next > this.lastSequence) await this.setLastSequence(next);
    if (added.length > 0) this.options.onMessages?.(added);
    if (messages.length > 0) await this.receipts.confirm(messages.map((m) => m.sequence));
    return result.hasMore && next > after ? next : null;
  }

  private async setLastSequence(sequence: number): Promise<void> {
    await this.store.setLastSequence(sequence);
    this.lastSequence = sequence;
  }
}
