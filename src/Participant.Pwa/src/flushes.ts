import { type HubCalls, SinglePass } from './hubCalls';
import type { Store, StoredMessage } from './store';
import { type DisclosureReport, isDisclosureRecord } from './types';

/**
 * What the person did to a message: acknowledged it, opened it (`Seen`), disclosed a gated fact
 * of a cue card. Each is kept on the phone at once and told to the server when connected; a
 * flush sends what the store still holds as unsent, so what was done offline goes on the next
 * connect.
 */
export class MessageFlushes {
  private readonly acking = new SinglePass();
  private readonly seeing = new SinglePass();
  private readonly disclosing = new SinglePass();

  constructor(
    private readonly hub: HubCalls,
    private readonly store: Store,
    /** A stored message's local flags changed. */
    private readonly changed: (message: StoredMessage) => void,
  ) {}

  /** Marks a message acknowledged on the phone at once and tells the server when connected. */
  async acknowledge(deliveryId: string): Promise<void> {
    const message = await this.store.markAcknowledged(deliveryId);
    if (message) this.changed(message);
    await this.flushAcks();
  }

  async flushAcks(): Promise<void> {
    return this.acking.run(async () => {
      for (const message of await this.store.pendingAcks()) {
        if (!this.hub.connected) return;
        try {
          await this.hub.invoke('Acknowledge', message.sequence);
          const updated = await this.store.markAckSent(message.deliveryId);
          if (updated) this.changed(updated);
        } catch (error) {
          this.hub.reportError(error);
        }
      }
    });
  }

  /** The person opened a message: tell the server (now, or on the next connect). */
  async seen(deliveryId: string): Promise<void> {
    const message = await this.store.markRead(deliveryId);
    if (message) this.changed(message);
    await this.flushSeen();
  }

  async flushSeen(): Promise<void> {
    return this.seeing.run(async () => {
      for (const message of await this.store.pendingSeen()) {
        if (!this.hub.connected || this.hub.lacks('Seen')) return;
        if (await this.hub.tryInvoke('Seen', message.sequence)) await this.store.markSeenSent(message.deliveryId);
      }
    });
  }

  /** The actor disclosed a gated fact to a team: kept on the phone at once, reported when connected. */
  async disclose(deliveryId: string, gateId: string, teamId: string): Promise<void> {
    const message = await this.store.markDisclosed(deliveryId, gateId, teamId, new Date().toISOString());
    if (message) this.changed(message);
    await this.flushDisclosures();
  }

  async flushDisclosures(): Promise<void> {
    return this.disclosing.run(async () => {
      for (const { message, gateId, teamId, disclosureId } of await this.store.pendingDisclosures()) {
        if (!this.hub.connected || this.hub.lacks('MarkDisclosed')) return;
        // The id made at the tap: a report whose answer was lost is stored once when sent again.
        const report: DisclosureReport = {
          sequence: message.sequence,
          gateId,
          teamId,
          ...(disclosureId === undefined ? {} : { disclosureId }),
        };
        try {
          const record = await this.hub.invoke('MarkDisclosed', report);
          const gateOpen = isDisclosureRecord(record) ? record.gateOpen : undefined;
          const updated = await this.store.markDisclosedSent(message.deliveryId, gateId, teamId, gateOpen);
          if (updated) this.changed(updated);
        } catch (error) {
          this.hub.noteFailure('MarkDisclosed', error);
        }
      }
    });
  }
}
