import { afterEach, describe, expect, it } from 'vitest';
import { type Session, Store } from './store';
import { message, messages, openTestStore } from './test/fakes';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function store(): Promise<Store> {
  const s = await openTestStore();
  stores.push(s);
  return s;
}

const session: Session = {
  token: 'jwt',
  expiresAt: '2026-11-25T09:00:00Z',
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Flood', ru: 'Наводнение' },
  role: 'participant',
  recipientId: 'team-a',
  recipientName: { en: 'Team A', ru: 'Команда А' },
  languages: ['ru', 'en'],
  defaultLanguage: 'ru',
  displayName: 'Anna',
  agency: 'Police',
  joinedAt: '2026-11-24T09:00:00Z',
};

describe('Store', () => {
  it('stores a deliveryId once, within a batch and across batches, and says which were new', async () => {
    const s = await store();

    const first = await s.addMessages([message(1), message(2), message(1)]);
    const second = await s.addMessages(messages(1, 3));

    expect(first.map((m) => m.deliveryId)).toEqual(['delivery-1', 'delivery-2']);
    expect(second.map((m) => m.deliveryId)).toEqual(['delivery-3']);
    expect(await s.getMessages()).toHaveLength(3);
  });

  it('keeps local flags when a held message arrives again', async () => {
    const s = await store();
    await s.addMessages([message(1)]);
    await s.markRead('delivery-1');
    await s.markAcknowledged('delivery-1');

    await s.addMessages([message(1)]);

    expect(await s.getMessage('delivery-1')).toMatchObject({ read: true, acknowledged: true, ackSent: false });
  });

  it('lists messages by sequence whatever the arrival order', async () => {
    const s = await store();
    await s.addMessages([message(3), message(1)]);
    await s.addMessages([message(2)]);

    expect((await s.getMessages()).map((m) => m.sequence)).toEqual([1, 2, 3]);
  });

  it('tracks acknowledgements not yet sent', async () => {
    const s = await store();
    await s.addMessages(messages(1, 3));
    await s.markAcknowledged('delivery-1');
    await s.markAcknowledged('delivery-2');
    await s.markAckSent('delivery-1');

    expect((await s.pendingAcks()).map((m) => m.deliveryId)).toEqual(['delivery-2']);
    expect((await s.getMessage('delivery-2'))?.read).toBe(true);
  });

  it('keeps the last sequence and the session across a reopen', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = await Store.open(name);
    expect(await first.getLastSequence()).toBe(0);
    await first.setLastSequence(42);
    await first.saveSession(session);
    first.close();

    const reopened = await Store.open(name);
    stores.push(reopened);
    expect(await reopened.getLastSequence()).toBe(42);
    expect(await reopened.getSession()).toEqual(session);
  });

  it('clear forgets the session, messages, cursor and outbox', async () => {
    const s = await store();
    await s.saveSession(session);
    await s.addMessages(messages(1, 2));
    await s.setLastSequence(2);
    await s.enqueue({ responseId: 'r1', deliveryId: 'delivery-1', sequence: 1, text: 'x', createdAt: '' });

    await s.clear();

    expect(await s.getSession()).toBeUndefined();
    expect(await s.getMessages()).toEqual([]);
    expect(await s.getLastSequence()).toBe(0);
    expect(await s.outboxCount()).toBe(0);
  });
});
