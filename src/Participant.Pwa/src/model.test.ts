import { describe, expect, it } from 'vitest';
import { cueCards, injects, isExpired, newestFirst, responsesFor, tidyCode, unreadCount } from './model';
import type { OutboxItem, SentResponse, StoredMessage } from './store';
import { message } from './test/fakes';

function stored(sequence: number, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { ...message(sequence), read: false, acknowledged: false, ackSent: false, storedAt: '', ...extra };
}

describe('view model', () => {
  it('lists newest first and splits cue cards from injects', () => {
    const all = [stored(1), stored(2, { kind: 'cueCard' }), stored(3), stored(4, { kind: 'cueCard' })];

    expect(newestFirst(all).map((m) => m.sequence)).toEqual([4, 3, 2, 1]);
    expect(injects(all).map((m) => m.sequence)).toEqual([3, 1]);
    expect(cueCards(all).map((m) => m.sequence)).toEqual([4, 2]);
    expect(unreadCount([stored(1), stored(2, { read: true })])).toBe(1);
  });

  it('shows a response as sending until its receipt, then received', () => {
    const queued: OutboxItem = {
      responseId: 'b',
      deliveryId: 'd',
      sequence: 1,
      text: 'two',
      createdAt: '2026-11-24T10:02:00Z',
    };
    const sent: SentResponse = {
      responseId: 'a',
      deliveryId: 'd',
      sequence: 1,
      text: 'one',
      createdAt: '2026-11-24T10:01:00Z',
      storedAt: '2026-11-24T10:01:01Z',
      duplicate: false,
    };

    expect(responsesFor('d', [queued], [sent]).map((r) => [r.text, r.status])).toEqual([
      ['one', 'received'],
      ['two', 'sending'],
    ]);
    expect(responsesFor('other', [queued], [sent])).toEqual([]);
  });

  it('tidies a typed join code and tells an expired token', () => {
    expect(tidyCode(' k7qm 2xpa ')).toBe('K7QM2XPA');
    expect(tidyCode('k7qm-2xpa')).toBe('K7QM-2XPA');
    expect(isExpired('2026-11-24T10:00:00Z', Date.parse('2026-11-24T10:00:01Z'))).toBe(true);
    expect(isExpired('2026-11-24T10:00:00Z', Date.parse('2026-11-24T09:59:59Z'))).toBe(false);
    expect(isExpired('not a date')).toBe(false);
  });
});
