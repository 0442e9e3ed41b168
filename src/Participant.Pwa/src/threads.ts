import type { PersonaRequestItem, StoredMessage } from './store';
import type { LocalizedText, PersonaRef } from './types';

// Pure view-model of the team's threads with personas, from what the store holds: the team's
// mailbox (replies, and every teammate's requests as `kind: "request"` entries) and this phone's
// own requests (which may still wait in the outbox).

export type ThreadEntryStatus = 'sending' | 'sent';

export interface ThreadEntry {
  /** A request's id, or a mailbox entry's deliveryId: stable across refreshes. */
  key: string;
  kind: 'request' | 'reply';
  text: LocalizedText;
  /** The writer (a teammate's name) or the persona; null for this phone's own request. */
  from: LocalizedText | null;
  at: string;
  /** Written on this phone. */
  mine: boolean;
  /** Own requests: still in the outbox, or confirmed by the server. Mailbox entries are sent. */
  status: ThreadEntryStatus;
  /** A mailbox entry's id, to mark it read; absent for an own request not yet in the mailbox. */
  deliveryId?: string;
  read: boolean;
  photos: number;
  /** The mailbox entry itself, for its attachments and classification line. */
  message?: StoredMessage;
}

export interface Thread {
  personaId: string;
  /** Null when only an own request names the persona and the join answer did not list it. */
  persona: PersonaRef | null;
  /** Oldest first. */
  entries: ThreadEntry[];
  unread: number;
  lastAt: string;
}

/** Whether a mailbox entry belongs in a thread rather than the inbox. */
export function isThreadMessage(message: StoredMessage): boolean {
  return message.kind === 'reply' || message.kind === 'request';
}

/** The persona a thread entry is with: from its persona, else from "{teamId}/{personaId}". */
export function personaOf(message: StoredMessage): string | null {
  if (message.persona?.id) return message.persona.id;
  const threadId = message.threadId ?? '';
  const slash = threadId.lastIndexOf('/');
  return slash >= 0 ? threadId.slice(slash + 1) : null;
}

function same(text: string): LocalizedText {
  // An own request is typed in one language and shown as typed, whatever the app's language.
  return { '': text };
}

/**
 * The threads, most recent activity first. A request this phone sent appears once: as its
 * mailbox entry once the team's mailbox has it (matched by requestId), as the outbox item until
 * then. Own entries never count as unread.
 */
export function buildThreads(
  messages: readonly StoredMessage[],
  ownRequests: readonly PersonaRequestItem[],
  personas: readonly PersonaRef[] = [],
): Thread[] {
  const own = new Map(ownRequests.map((r) => [r.requestId, r]));
  const inMailbox = new Set<string>();
  const byPersona = new Map<string, Thread>();
  const threadOf = (personaId: string, persona: PersonaRef | null | undefined): Thread => {
    let thread = byPersona.get(personaId);
    if (!thread) {
      thread = {
        personaId,
        persona: persona ?? personas.find((p) => p.id === personaId) ?? null,
        entries: [],
        unread: 0,
        lastAt: '',
      };
      byPersona.set(personaId, thread);
    }
    if (!thread.persona && persona) thread.persona = persona;
    return thread;
  };

  for (const message of messages) {
    if (!isThreadMessage(message)) continue;
    const personaId = personaOf(message);
    if (!personaId) continue;
    const requestId = message.kind === 'request' ? message.requestId : null;
    const mine = requestId ? own.has(requestId) : false;
    if (requestId) inMailbox.add(requestId);
    const ownItem = requestId ? own.get(requestId) : undefined;
    threadOf(personaId, message.persona).entries.push({
      key: message.deliveryId,
      kind: message.kind === 'request' ? 'request' : 'reply',
      text: ownItem ? same(ownItem.text) : message.message,
      from: mine ? null : message.from,
      at: message.firedAt,
      mine,
      status: 'sent',
      deliveryId: message.deliveryId,
      read: mine || message.read,
      photos: ownItem?.attachmentIds?.length ?? message.attachments?.length ?? 0,
      message,
    });
  }

  for (const request of ownRequests) {
    if (inMailbox.has(request.requestId)) continue;
    threadOf(request.personaId, null).entries.push({
      key: request.requestId,
      kind: 'request',
      text: same(request.text),
      from: null,
      at: request.storedAt ?? request.createdAt,
      mine: true,
      status: request.storedAt ? 'sent' : 'sending',
      read: true,
      photos: request.attachmentIds?.length ?? 0,
    });
  }

  const threads = [...byPersona.values()];
  for (const thread of threads) {
    thread.entries.sort((a, b) => a.at.localeCompare(b.at));
    thread.unread = thread.entries.filter((e) => !e.read).length;
    thread.lastAt = thread.entries.at(-1)?.at ?? '';
  }
  return threads.sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}

/** Unread entries over all threads: the Threads tab's count. */
export function threadsUnread(threads: readonly Thread[]): number {
  return threads.reduce((sum, thread) => sum + thread.unread, 0);
}
