import { describe, expect, it } from 'vitest';
import type { PersonaRequestItem, StoredMessage } from './store';
import { message } from './test/fakes';
import { buildThreads, threadsUnread } from './threads';
import type { PersonaRef } from './types';

const bank: PersonaRef = {
  id: 'bank',
  name: { en: 'Northern Trust Bank' },
  organisation: { en: 'Bank' },
  kind: 'bank',
  initials: 'NT',
  colour: '#1f6feb',
};

function stored(sequence: number, overrides: Partial<StoredMessage>): StoredMessage {
  return {
    ...message(sequence),
    read: false,
    acknowledged: false,
    ackSent: false,
    storedAt: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}

const reply = (sequence: number, at: string, read = false) =>
  stored(sequence, {
    kind: 'reply',
    threadId: 'team-a/bank',
    persona: bank,
    firedAt: at,
    read,
    message: { en: `reply ${sequence}` },
  });

const teamRequest = (sequence: number, requestId: string, at: string) =>
  stored(sequence, {
    kind: 'request',
    threadId: 'team-a/bank',
    persona: bank,
    requestId,
    from: { en: 'Boris · Customs' },
    firedAt: at,
    message: { en: `request ${requestId}` },
  });

const own = (requestId: string, createdAt: string, storedAt?: string): PersonaRequestItem => ({
  requestId,
  personaId: 'bank',
  text: `mine ${requestId}`,
  createdAt,
  ...(storedAt ? { storedAt, threadId: 'team-a/bank' } : {}),
});

describe('threads', () => {
  it('puts requests and replies with one persona in one thread, oldest first', () => {
    const threads = buildThreads(
      [reply(3, '2026-11-24T10:10:00Z'), teamRequest(2, 'r-boris', '2026-11-24T10:05:00Z')],
      [own('r-mine', '2026-11-24T10:00:00Z')],
      [bank],
    );

    expect(threads).toHaveLength(1);
    expect(threads[0]?.persona?.initials).toBe('NT');
    expect(threads[0]?.entries.map((e) => [e.kind, e.mine, e.status])).toEqual([
      ['request', true, 'sending'],
      ['request', false, 'sent'],
      ['reply', false, 'sent'],
    ]);
  });

  it("shows this phone's own request once when the team's mailbox entry for it arrives", () => {
    const threads = buildThreads(
      [teamRequest(5, 'r-mine', '2026-11-24T10:01:00Z')],
      [own('r-mine', '2026-11-24T10:00:00Z', '2026-11-24T10:01:00Z')],
    );

    const entries = threads[0]?.entries ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ mine: true, read: true, from: null, text: { '': 'mine r-mine' } });
  });

  it("counts unread replies and teammates' requests, never the phone's own", () => {
    const threads = buildThreads(
      [
        reply(1, '2026-11-24T10:00:00Z', true),
        reply(2, '2026-11-24T10:02:00Z'),
        teamRequest(3, 'r-boris', '2026-11-24T10:03:00Z'),
        teamRequest(4, 'r-mine', '2026-11-24T10:04:00Z'),
      ],
      [own('r-mine', '2026-11-24T10:04:00Z', '2026-11-24T10:04:00Z')],
    );

    expect(threadsUnread(threads)).toBe(2);
  });

  it('keeps injects out of threads and lists the most recently active thread first', () => {
    const prosecutor = { ...bank, id: 'prosecutor', name: { en: 'Prosecutor' } };
    const threads = buildThreads(
      [
        stored(1, { kind: 'inject' }),
        reply(2, '2026-11-24T10:00:00Z'),
        stored(3, {
          kind: 'reply',
          threadId: 'team-a/prosecutor',
          persona: prosecutor,
          firedAt: '2026-11-24T11:00:00Z',
        }),
      ],
      [],
    );

    expect(threads.map((t) => t.personaId)).toEqual(['prosecutor', 'bank']);
  });
});
