import { type HubCalls, SinglePass } from './hubCalls';
import type { Store } from './store';
import { isSafetySignal } from './types';

/**
 * The safety signals in force (STOP, ENDEX, real emergency): pushed (`Signal`, `SignalCleared`),
 * asked for on every connect (`GetSignals`: what the server no longer lists was lifted while the
 * phone was away), and acknowledged on the phone at once, the acknowledgement sent when connected
 * (`AcknowledgeSignal`). Store work goes through DeviceSync's queue, one job at a time.
 */
export class SafetySignals {
  private readonly acking = new SinglePass();

  constructor(
    private readonly hub: HubCalls,
    private readonly store: Store,
    private readonly enqueue: (job: () => Promise<void>) => Promise<void>,
    /** The held signals changed (pushed, cleared, refreshed or acknowledged). */
    private readonly changed: () => void,
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

  /** Asks the server which signals are in force; what it no longer lists was lifted meanwhile. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.hub.connected || this.hub.lacks('GetSignals')) return;
      let result: unknown;
      try {
        result = await this.hub.invoke('GetSignals');
      } catch (error) {
        this.hub.noteFailure('GetSignals', error);
        return;
      }
      if (!Array.isArray(result)) return;
      await this.store.replaceSignals(result.filter(isSafetySignal).map((s) => ({ ...s, message: s.message ?? {} })));
      this.changed();
    });
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
}
