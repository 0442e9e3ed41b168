import type { Outbox } from './outbox';
import type { Store, StoredMessage } from './store';
import { isDeliveredMessage, isSyncResult, type DeliveredMessage, type RespondRequest } from './types';

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

export type ConnectionStatus = 'online' | 'reconnecting' | 'offline';

export const PAGE_SIZE = 200;
export const MAX_RETRY_DELAY_MS = 10_000;

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

export const browserNetwork: NetworkLike = {
  isOnline: () => globalThis.navigator?.onLine ?? true,
  onOnline: (listener) => globalThis.addEventListener?.('online', listener),
  onOffline: (listener) => globalThis.addEventListener?.('offline', listener),
};

export interface DeviceSyncOptions {
  pageSize?: number;
  network?: NetworkLike;
  retryDelay?: (attempt: number) => number;
  /** Messages stored for the first time (never called twice for one deliveryId). */
  onMessages?: (added: StoredMessage[]) => void;
  /** A stored message's local flags changed. */
  onMessageChanged?: (message: StoredMessage) => void;
  onStatus?: (status: ConnectionStatus) => void;
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
  private acking: Promise<void> | null = null;
  private started = false;
  private stopped = false;
  private connecting = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatus: ConnectionStatus | undefined;
  private readonly pageSize: number;
  private readonly network: NetworkLike;
  private readonly delay: (attempt: number) => number;

  constructor(
    private readonly hub: HubLike,
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly options: DeviceSyncOptions = {},
  ) {
    this.pageSize = Math.min(500, options.pageSize ?? PAGE_SIZE);
    this.network = options.network ?? browserNetwork;
    this.delay = options.retryDelay ?? retryDelay;
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
    this.hub.onreconnecting(() => this.emitStatus());
    this.hub.onreconnected(() => void this.onConnected());
    this.hub.onclose(() => {
      this.emitStatus();
      if (!this.stopped) this.scheduleConnect();
    });
    this.network.onOnline(() => void this.onOnline());
    this.network.onOffline(() => this.emitStatus());
    this.emitStatus();
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.hub.stop();
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
  async respond(target: { deliveryId: string; sequence: number }, text: string): Promise<void> {
    await this.outbox.add(target, text);
    void this.flushOutbox();
  }

  async flushOutbox(): Promise<void> {
    if (this.hub.state !== 'Connected') return;
    await this.outbox.flush(
      (request: RespondRequest) => this.hub.invoke('Respond', request),
      (error) => {
        this.options.onError?.(error);
        // A refusal of one response must not hold up the others; a lost connection ends the pass.
        return this.hub.state === 'Connected';
      },
    );
  }

  async flushAcks(): Promise<void> {
    if (this.acking) return this.acking;
    this.acking = (async () => {
      for (const message of await this.store.pendingAcks()) {
        if (this.hub.state !== 'Connected') return;
        try {
          await this.hub.invoke('Acknowledge', message.sequence);
          const updated = await this.store.markAckSent(message.deliveryId);
          if (updated) this.options.onMessageChanged?.(updated);
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    })().finally(() => {
      this.acking = null;
    });
    return this.acking;
  }

  // --- connection ---

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting || this.hub.state !== 'Disconnected') return;
    clearTimeout(this.retryTimer);
    this.connecting = true;
    try {
      await this.hub.start();
    } catch (error) {
      this.connecting = false;
      this.options.onError?.(error);
      this.emitStatus();
      this.scheduleConnect();
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

  private async onConnected(): Promise<void> {
    this.attempt = 0;
    this.emitStatus();
    await this.requestSync();
    await this.flushAcks();
    await this.flushOutbox();
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
    await this.hub.invoke('Received', [message.sequence]);
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
      if (messages.length > 0) await this.hub.invoke('Received', messages.map((m) => m.sequence));
      if (!result.hasMore || next <= after) return;
      after = next;
    }
  }

  private async setLastSequence(sequence: number): Promise<void> {
    await this.store.setLastSequence(sequence);
    this.lastSequence = sequence;
  }
}
