import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app';
import { AttachmentCache, attachmentKey, type CachedFile, DEFAULT_BUDGET, evictionPlan } from './attachmentCache';
import type { Store } from './store';
import { FakeHub, FakeNetwork, message, openTestStore } from './test/fakes';
import type { JoinResponse } from './types';

const file = (key: string, size: number, lastUsed: number): CachedFile => ({ key, size, lastUsed });
const bytes = (n: number, type = 'application/pdf'): Blob => new Blob([new Uint8Array(n)], { type });

describe('evictionPlan', () => {
  it('drops nothing while the new file fits beside the held ones', () => {
    expect(evictionPlan([file('a', 40, 1), file('b', 40, 2)], 100, 20)).toEqual([]);
  });

  it('drops the least recently used first, and only as many as needed', () => {
    const held = [file('new', 30, 30), file('old', 30, 10), file('middle', 30, 20)];
    expect(evictionPlan(held, 100, 30)).toEqual(['old']);
    expect(evictionPlan(held, 100, 60)).toEqual(['old', 'middle']);
  });

  it('refuses a file larger than the whole budget without dropping anything', () => {
    expect(evictionPlan([file('a', 10, 1)], 100, 101)).toBeNull();
  });

  it('shrinks a held set to a smaller budget', () => {
    expect(evictionPlan([file('a', 60, 1), file('b', 60, 2)], 70)).toEqual(['a']);
  });
});

const caches: AttachmentCache[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
});

async function openCache(): Promise<{ cache: AttachmentCache; tick: (ms: number) => void }> {
  let now = 1_000;
  const cache = await AttachmentCache.open(`attachments-${crypto.randomUUID()}`, () => now);
  caches.push(cache);
  return { cache, tick: (ms) => (now += ms) };
}

describe('AttachmentCache', () => {
  it('keeps a file with its type and reports its size against the default budget', async () => {
    const { cache } = await openCache();

    expect(await cache.put('1/a', bytes(1500, 'image/png'))).toBe(true);

    const blob = await cache.get('1/a');
    expect(blob?.size).toBe(1500);
    expect(blob?.type).toBe('image/png');
    expect(await cache.usage()).toEqual({ used: 1500, budget: DEFAULT_BUDGET, files: 1 });
  });

  it('evicts the least recently opened file, not the oldest stored, when the budget is reached', async () => {
    const { cache, tick } = await openCache();
    await cache.setBudget(3000);
    await cache.put('1/first', bytes(1000));
    tick(10);
    await cache.put('2/second', bytes(1000));
    tick(10);
    await cache.put('3/third', bytes(1000));
    tick(10);
    await cache.get('1/first'); // opened again: now the most recently used

    await cache.put('4/fourth', bytes(1000));

    expect(await cache.has('1/first')).toBe(true);
    expect(await cache.has('2/second')).toBe(false);
    expect(await cache.has('3/third')).toBe(true);
    expect(await cache.has('4/fourth')).toBe(true);
    expect((await cache.usage()).used).toBe(3000);
  });

  it('does not keep a file larger than the budget and keeps what it held', async () => {
    const { cache } = await openCache();
    await cache.setBudget(2000);
    await cache.put('1/a', bytes(1000));

    expect(await cache.put('2/huge', bytes(2001))).toBe(false);

    expect(await cache.has('2/huge')).toBe(false);
    expect(await cache.has('1/a')).toBe(true);
  });

  it('a smaller budget set in the menu drops files at once and is remembered', async () => {
    const { cache, tick } = await openCache();
    await cache.put('1/a', bytes(1000));
    tick(1);
    await cache.put('2/b', bytes(1000));
    const changes = vi.fn();
    cache.onChange(changes);

    await cache.setBudget(1500);

    expect(await cache.usage()).toEqual({ used: 1000, budget: 1500, files: 1 });
    expect(await cache.has('2/b')).toBe(true);
    expect(changes).toHaveBeenCalled();
  });
});

describe('App with an attachment cache', () => {
  const joined: JoinResponse = {
    token: 'jwt-1',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    deviceId: 'device-1',
    exerciseId: 'sample',
    exerciseTitle: { en: 'Flood' },
    role: 'participant',
    recipientId: 'team-a',
    recipientName: { en: 'Team A' },
    languages: ['en'],
    defaultLanguage: 'en',
  };
  const withAttachment = message(1, {
    attachments: [
      { id: 'plan', fileName: 'plan.pdf', contentType: 'application/pdf', size: 700, title: { en: 'Plan' } },
    ],
  });
  const stores: Store[] = [];
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.leave();
    for (const store of stores.splice(0)) store.close();
  });

  async function boot(fetchAttachment: (token: string, sequence: number, id: string) => Promise<Blob>) {
    const hub = new FakeHub();
    hub.mailbox.push(withAttachment);
    const store = await openTestStore();
    stores.push(store);
    const { cache } = await openCache();
    const app = await App.boot({
      store,
      network: new FakeNetwork(),
      createHub: () => hub,
      join: async () => joined,
      fetchAttachment,
      attachments: cache,
    });
    apps.push(app);
    return { app, cache };
  }

  it('downloads a received message attachment with the device token and opens it later without the network', async () => {
    const fetched: string[] = [];
    let online = true;
    const { app, cache } = await boot(async (token, sequence, id) => {
      if (!online) throw new Error('offline');
      fetched.push(`${token} ${sequence}/${id}`);
      return bytes(700);
    });

    await app.join({ code: 'K7QM2XPA', displayName: 'Anna', agency: 'Police' });
    await vi.waitFor(async () => expect(await cache.has(attachmentKey(1, 'plan'))).toBe(true));
    online = false;

    const blob = await app.fetchAttachment(1, 'plan');

    expect(blob.size).toBe(700);
    expect(fetched).toEqual(['jwt-1 1/plan']);
  });

  it('forgets the cached files when the phone leaves the exercise', async () => {
    const { app, cache } = await boot(async () => bytes(700));
    await app.join({ code: 'K7QM2XPA', displayName: 'Anna', agency: 'Police' });
    await vi.waitFor(async () => expect(await cache.has(attachmentKey(1, 'plan'))).toBe(true));

    await app.leave();

    expect((await cache.usage()).files).toBe(0);
  });
});
