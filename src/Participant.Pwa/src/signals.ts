import { type HubCalls, SinglePass } from './hubCalls';
import type { Store } from './store';
import { isSafetySignal } from './types';

/** The server takes at most this many signal ids in one SignalsReceived call. */
export const MAX_SIGNALS_PER_CALL = 50;

/**
 * The safety signals in force (STOP, ENDEX, real emergency): pushed (`Signal`, `SignalCleared`),
 * reconciled (DeviceSync's `Reconcile`, or `GetSignals` on an older server: what the server no
 * longer lists was lifted while the push was lost), confirmed to the server (`SignalsReceived`, so
 * the control room sees each phone's signal delivered), and acknowledged on the phone at once,
 * the acknowledgement sent when connected (`AcknowledgeSignal`). Store work goes through
 * DeviceSync's queue, one job at a time.
 */
export class SafetySignals {
  private readonly acking = new SinglePass();
  private readonly confirming = new SinglePass();
  private confirmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hub: HubCalls,
    private readonly store: Store,
    private readonly enqueue: (job: () => Promise<void>) => Promise<void>,
    /** The held signals changed (pushed, cleared, reconciled or acknowledged). */
    private readonly changed: () => void,
    /**
     * Milliseconds to wait before confirming, as for messages (receipts.ts): a STOP reaches every
     * phone at once, and their confirmations must not crowd the server while it still pushes.
     */
    private readonly confirmDelay: () => number,
  ) {}

  /** Marks a signal acknowledged on the phone at once and tells the server when connected. */
  async acknowledge(signalId: string): Promise<void> {
    await this.enqueue(() => this.store.markSignalAcknowledged(signalId));
    this.changed();
    await this.flushAcks();
  }

  async flushAcks(): Promise<void> {
    return this.acking.run(async () => {
      for (const signal of await this.store.getSignals()) {
        if (!signal.acknowledged || signal.ackSent) continue;
        if (!this.hub.connected || this.hub.lacks('AcknowledgeSignal')) return;
        if (await this.hub.tryInvoke('AcknowledgeSignal', signal.signalId)) {
          await this.store.markSignalAckSent(signal.signalId);
          this.changed();
        }
      }
    });
  }

  /**
   * The signals in force, as the server listed them: keeps the new ones, lifts the held ones it no
   * longer lists. Runs inside a job of DeviceSync's queue (it does not queue itself).
   */
  async apply(inForce: readonly unknown[]): Promise<void> {
    await this.store.replaceSignals(inForce.filter(isSafetySignal).map((s) => ({ ...s, message: s.message ?? {} })));
    this.changed();
    this.confirmLater();
  }

  /**
   * `GetSignals`, for a server without `Reconcile`. Runs inside a job of DeviceSync's queue.
   * False when the server cannot say (the held signals are kept as they are).
   */
  async fetch(): Promise<boolean> {
    if (!this.hub.connected || this.hub.lacks('GetSignals')) return false;
    let result: unknown;
    try {
      result = await this.hub.invoke('GetSignals');
    } catch (error) {
      this.hub.noteFailure('GetSignals', error);
      return false;
    }
    if (!Array.isArray(result)) return false;
    await this.apply(result);
    return true;
  }

  /** `Signal`: a signal raised (or raised again). */
  onSignal(payload: unknown): void {
    if (!isSafetySignal(payload)) {
      this.hub.reportError(new Error('ignored a malformed Signal push'));
      return;
    }
    void this.enqueue(async () => {
      await this.store.putSignal({ ...payload, message: payload.message ?? {} });
      this.changed();
      this.confirmLater();
    });
  }

  /** `SignalCleared`: the controller lifted it. */
  onSignalCleared(signalId: unknown): void {
    if (typeof signalId !== 'string') return;
    void this.enqueue(async () => {
      await this.store.removeSignal(signalId);
      this.changed();
    });
  }

  /**
   * Tells the server which held signals it has not been told about (`SignalsReceived`), each once:
   * a signal is marked confirmed only after the call returned. What fails waits for the next
   * signal, reconcile or connect.
   */
  async flushReceived(): Promise<void> {
    clearTimeout(this.confirmTimer);
    this.confirmTimer = undefined;
    return this.confirming.run(async () => {
      // Read again after each call: a signal stored meanwhile goes in this pass, not the next.
      for (;;) {
        if (!this.hub.connected || this.hub.lacks('SignalsReceived')) return;
        const ids = (await this.store.unconfirmedSignals()).map((s) => s.signalId).slice(0, MAX_SIGNALS_PER_CALL);
        if (ids.length === 0) return;
        if (!(await this.hub.tryInvoke('SignalsReceived', ids))) return;
        await this.store.markSignalsReceivedSent(ids);
      }
    });
  }

  /** Stopping: a confirmation waiting on its timer is not sent. */
  stop(): void {
    clearTimeout(this.confirmTimer);
    this.confirmTimer = undefined;
  }

  private confirmLater(): void {
    const wait = this.confirmDelay();
    if (wait <= 0) void this.flushReceived();
    else if (this.confirmTimer === undefined) this.confirmTimer = setTimeout(() => void this.flushReceived(), wait);
  }
}
