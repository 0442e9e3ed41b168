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
  choice?: string;
  fields?: Record<string, string>;
  photos: number;
  photosRefused: number;
  createdAt: string;
  status: ResponseStatus;
}

function view(r: SentResponse | OutboxItem, status: ResponseStatus): ResponseView {
  return {
    responseId: r.responseId,
    text: r.text,
    ...(r.choice ? { choice: r.choice } : {}),
    ...(r.fields ? { fields: r.fields } : {}),
    photos: r.attachmentIds?.length ?? 0,
    photosRefused: 'photosRefused' in r ? (r.photosRefused ?? 0) : 0,
    createdAt: r.createdAt,
    status,
  };
}

/** A message's responses, oldest first: received once a receipt came back, sending until then. */
export function responsesFor(
  deliveryId: string,
  outbox: readonly OutboxItem[],
  sent: readonly SentResponse[],
): ResponseView[] {
  const views: ResponseView[] = [
    ...sent.filter((r) => r.deliveryId === deliveryId).map((r) => view(r, 'received')),
    ...outbox.filter((i) => i.deliveryId === deliveryId).map((i) => view(i, 'sending')),
  ];
  return views.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Join codes are typed by hand: show them grouped, send them as typed (the server ignores dashes). */
export function tidyCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z-]/g, '');
}

/** Cue cards split for the actor: the one to play now, those released for later, and earlier ones. */
export function cueCardTimeline(
  messages: readonly StoredMessage[],
  now: number = Date.now(),
): { current: StoredMessage | undefined; upcoming: StoredMessage[]; previous: StoredMessage[] } {
  const cards = cueCards(messages);
  const isUpcoming = (m: StoredMessage): boolean => m.playAt !== undefined && Date.parse(m.playAt) > now;
  const upcoming = cards.filter(isUpcoming).sort((a, b) => Date.parse(a.playAt ?? '') - Date.parse(b.playAt ?? ''));
  const [current, ...previous] = cards.filter((m) => !isUpcoming(m));
  return { current, upcoming, previous };
}

export function isExpired(expiresAt: string, now: number = Date.now()): boolean {
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && at <= now;
}
