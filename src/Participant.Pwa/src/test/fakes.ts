import 'fake-indexeddb/auto';
import { Store } from '../store';
import type { HubLike, NetworkLike } from '../sync';
import type { DeliveredMessage, DisclosureRecord, DisclosureReport, RespondRequest, ResponseReceipt } from '../types';

export function message(sequence: number, overrides: Partial<DeliveredMessage> = {}): DeliveredMessage {
  return {
    sequence,
    deliveryId: `delivery-${sequence}`,
    injectNumber: `${sequence}`,
    kind: 'inject',
    from: { en: 'Fire control', ru: 'Пожарная охрана' },
    method: 'radio',
    subject: { en: `Subject ${sequence}`, ru: `Тема ${sequence}` },
    message: { en: `Body ${sequence}`, ru: `Текст ${sequence}` },
    firedAt: new Date(Date.UTC(2026, 10, 24, 9, sequence)).toISOString(),
    responseRequested: false,
    ...overrides,
  };
}

/** What the server answers to MarkDisclosed. */
export function disclosureRecord(report: unknown, gateOpen: boolean): DisclosureRecord {
  const { gateId, teamId, note } = report as DisclosureReport;
  return {
    actorId: 'actor-1',
    injectNumber: '7',
    gateId,
    teamId,
    note: note ?? null,
    at: '2026-11-24T10:00:00+00:00',
    scenarioTime: '02:20:00',
    gateOpen,
    deviceName: 'Olga · Actors',
  };
}

export function messages(from: number, to: number): DeliveredMessage[] {
  const list: DeliveredMessage[] = [];
  for (let s = from; s <= to; s++) list.push(message(s));
  return list;
}

/** A fresh database per test; fake-indexeddb keeps them all in memory. */
export function openTestStore(): Promise<Store> {
  return Store.open(`test-${crypto.randomUUID()}`);
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface Invocation {
  method: string;
  args: unknown[];
}

/**
 * Stands in for the SignalR HubConnection and, behind it, a server mailbox that behaves as the
 * device protocol says: Sync pages by sequence, Respond stores each responseId once.
 */
export class FakeHub implements HubLike {
  state = 'Disconnected';
  readonly mailbox: DeliveredMessage[] = [];
  readonly invocations: Invocation[] = [];
  readonly storedResponses = new Map<string, RespondRequest>();
  startCalls = 0;
  /** How many of the next start() calls fail. */
  failStarts = 0;
  /** Called (and awaited) before a method is answered; may throw to fail the call. */
  beforeAnswer: ((method: string, args: unknown[]) => Promise<void> | void) | undefined;
  /** Called inside start(), once the connection counts as up. */
  onStarted: (() => void) | undefined;
  /** Methods beyond the first protocol (Hello, Seen, GetSignals…), answered by these. */
  readonly extraMethods = new Map<string, (...args: unknown[]) => unknown>();

  private readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  private readonly closeCallbacks: ((error?: Error) => void)[] = [];
  private readonly reconnectingCallbacks: ((error?: Error) => void)[] = [];
  private readonly reconnectedCallbacks: ((id?: string) => void)[] = [];

  async start(): Promise<void> {
    this.startCalls++;
    if (this.state !== 'Disconnected') throw new Error(`start() while ${this.state}`);
    if (this.failStarts > 0) {
      this.failStarts--;
      throw new Error('server unreachable');
    }
    this.state = 'Connected';
    this.onStarted?.();
  }

  async stop(): Promise<void> {
    if (this.state === 'Disconnected') return;
    this.state = 'Disconnected';
    for (const callback of this.closeCallbacks) callback();
  }

  async invoke(method: string, ...args: unknown[]): Promise<unknown> {
    if (this.state !== 'Connected') throw new Error(`invoke ${method} while ${this.state}`);
    this.invocations.push({ method, args });
    await this.beforeAnswer?.(method, args);
    switch (method) {
      case 'Sync':
        return this.sync(args[0] as number, args[1] as number);
      case 'Received':
      case 'Acknowledge':
        return undefined;
      case 'Respond':
        return this.respond(args[0] as RespondRequest);
      default:
        if (this.extraMethods.has(method)) return this.extraMethods.get(method)?.(...args);
        // What SignalR says for a method the server's hub lacks.
        throw new Error(
          `Failed to invoke '${method}' due to an error on the server. HubException: Method does not exist.`,
        );
    }
  }

  on(method: string, handler: (...args: unknown[]) => void): void {
    this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler]);
  }

  onclose(callback: (error?: Error) => void): void {
    this.closeCallbacks.push(callback);
  }

  onreconnecting(callback: (error?: Error) => void): void {
    this.reconnectingCallbacks.push(callback);
  }

  onreconnected(callback: (id?: string) => void): void {
    this.reconnectedCallbacks.push(callback);
  }

  // --- test controls ---

  /** The server pushes a message over the socket. */
  push(payload: unknown): void {
    this.send('Deliver', payload);
  }

  /** The server calls any client method. */
  send(method: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(method) ?? []) handler(...args);
  }

  /** Answers the issue-4 methods as a server that has them: Hello, Seen, signals. */
  supportSafetyMethods(signals: () => unknown[] = () => []): void {
    this.extraMethods.set('Hello', () => undefined);
    this.extraMethods.set('Seen', () => undefined);
    this.extraMethods.set('GetSignals', () => signals());
    this.extraMethods.set('AcknowledgeSignal', () => undefined);
  }

  /**
   * Answers the issue-12 methods as a server that has them: `Reconcile` (the signals in force and
   * the first mailbox page) and `SignalsReceived`; the issue-4 ones too.
   */
  supportReconcile(signals: () => unknown[] = () => []): void {
    this.supportSafetyMethods(signals);
    this.extraMethods.set('Reconcile', (after, max) => ({
      signals: signals(),
      mailbox: this.sync(after as number, max as number),
    }));
    this.extraMethods.set('SignalsReceived', () => undefined);
  }

  /** The server closes the connection with an error (as SignalR does when OnConnectedAsync throws). */
  closeWithError(message: string): void {
    this.state = 'Disconnected';
    for (const callback of this.closeCallbacks) callback(new Error(message));
  }

  /** The socket drops; SignalR's automatic reconnect starts. */
  drop(): void {
    this.state = 'Reconnecting';
    for (const callback of this.reconnectingCallbacks) callback(new Error('socket closed'));
  }

  /** The automatic reconnect succeeds. */
  reconnect(): void {
    this.state = 'Connected';
    for (const callback of this.reconnectedCallbacks) callback('connection-2');
  }

  calls(method: string): unknown[][] {
    return this.invocations.filter((i) => i.method === method).map((i) => i.args);
  }

  private sync(after: number, max: number): unknown {
    const newer = this.mailbox.filter((m) => m.sequence > after).sort((a, b) => a.sequence - b.sequence);
    const page = newer.slice(0, max);
    const last = page.at(-1)?.sequence ?? Math.max(after, ...this.mailbox.map((m) => m.sequence));
    return { messages: page, lastSequence: last, hasMore: newer.length > page.length };
  }

  private respond(request: RespondRequest): ResponseReceipt {
    const duplicate = this.storedResponses.has(request.responseId);
    if (!duplicate) this.storedResponses.set(request.responseId, request);
    return { responseId: request.responseId, sequence: request.sequence, storedAt: '2026-11-24T09:00:00Z', duplicate };
  }
}

export class FakeNetwork implements NetworkLike {
  online = true;
  private readonly onlineListeners: (() => void)[] = [];
  private readonly offlineListeners: (() => void)[] = [];

  isOnline(): boolean {
    return this.online;
  }

  onOnline(listener: () => void): void {
    this.onlineListeners.push(listener);
  }

  onOffline(listener: () => void): void {
    this.offlineListeners.push(listener);
  }

  goOffline(): void {
    this.online = false;
    for (const listener of this.offlineListeners) listener();
  }

  goOnline(): void {
    this.online = true;
    for (const listener of this.onlineListeners) listener();
  }
}
