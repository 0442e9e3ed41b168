import type { OutboxItem, SentResponse, StoredMessage } from './store';

// Pure view-model helpers: what the screens show, computed from what the store holds.

/** Newest first. The mailbox sequence is the order the server appended them in. */
export function newestFirst<T extends { sequence: number }>(messages: readonly T[]): T[] {
  return [...messages].sort((a, b) => b.sequence - a.sequence);
}

export function injects(messages: readonly StoredMessage[]): StoredMessage[] {
  return newestFirst(messages.filter((m) => m.kind !== 'cueCard'));
}

export function cueCards(messages: readonly StoredMessage[]): StoredMessage[] {
  return newestFirst(messages.filter((m) => m.kind === 'cueCard'));
}

export function unreadCount(messages: readonly StoredMessage[]): number {
  return messages.filter((m) => !m.read).length;
}

export type ResponseStatus = 'sending' | 'received';

export interface ResponseView {
  responseId: string;
  text: string;
  createdAt: string;
  status: ResponseStatus;
}

/** A message's responses, oldest first: received once a receipt came back, sending until then. */
export function responsesFor(
  deliveryId: string,
  outbox: readonly OutboxItem[],
  sent: readonly SentResponse[],
): ResponseView[] {
  const views: ResponseView[] = [
    ...sent
      .filter((r) => r.deliveryId === deliveryId)
      .map((r) => ({ responseId: r.responseId, text: r.text, createdAt: r.createdAt, status: 'received' as const })),
    ...outbox
      .filter((i) => i.deliveryId === deliveryId)
      .map((i) => ({ responseId: i.responseId, text: i.text, createdAt: i.createdAt, status: 'sending' as const })),
  ];
  return views.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Join codes are typed by hand: show them grouped, send them as typed (the server ignores dashes). */
export function tidyCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z-]/g, '');
}

export function isExpired(expiresAt: string, now: number = Date.now()): boolean {
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && at <= now;
}
