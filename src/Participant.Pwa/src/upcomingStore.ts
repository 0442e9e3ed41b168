import type { KeyValueStorage } from './i18n';
import { isUpcomingCueCards } from './types';
import type { HeldUpcoming } from './upcoming';

/**
 * The last answer to GetUpcomingCueCards, kept in localStorage per exercise and actor so "next:"
 * still counts down after a reload with no connection. A few hundred bytes: not worth a store in
 * the app's IndexedDB, whose version the other features move.
 */
export class UpcomingStore {
  constructor(private readonly storage: KeyValueStorage & { removeItem(key: string): void }) {}

  private static key(exerciseId: string, recipientId: string): string {
    return `scenarioengine.upcoming.${exerciseId}.${recipientId}`;
  }

  load(exerciseId: string, recipientId: string): HeldUpcoming | null {
    try {
      const raw = this.storage.getItem(UpcomingStore.key(exerciseId, recipientId));
      if (!raw) return null;
      const held = JSON.parse(raw) as { answer?: unknown; receivedAt?: unknown };
      return isUpcomingCueCards(held.answer) && typeof held.receivedAt === 'number'
        ? { answer: held.answer, receivedAt: held.receivedAt }
        : null;
    } catch {
      return null;
    }
  }

  save(exerciseId: string, recipientId: string, held: HeldUpcoming): void {
    try {
      this.storage.setItem(UpcomingStore.key(exerciseId, recipientId), JSON.stringify(held));
    } catch {
      // Storage full or denied: the phone still shows what it got until the page goes.
    }
  }

  forget(exerciseId: string, recipientId: string): void {
    this.storage.removeItem(UpcomingStore.key(exerciseId, recipientId));
  }
}
