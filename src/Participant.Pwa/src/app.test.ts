import { afterEach, describe, expect, it, vi } from 'vitest';
import { App, type AppEvent } from './app';
import type { Store } from './store';
import { FakeHub, FakeNetwork, message, openTestStore } from './test/fakes';
import type { JoinResponse } from './types';

const joined = (overrides: Partial<JoinResponse> = {}): JoinResponse => ({
  token: 'jwt-1',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Flood' },
  role: 'participant',
  recipientId: 'team-a',
  recipientName: { en: 'Team A' },
  languages: ['en', 'ru'],
  defaultLanguage: 'ru',
  ...overrides,
});

const apps: App[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.leave();
  for (const store of stores.splice(0)) store.close();
});

async function boot(hub: FakeHub, response: JoinResponse | (() => JoinResponse) = joined(), store?: Store) {
  const s = store ?? (await openTestStore());
  stores.push(s);
  const tokens: string[] = [];
  const app = await App.boot({
    store: s,
    network: new FakeNetwork(),
    createHub: (token) => {
      tokens.push(token());
      return hub;
    },
    join: async () => (typeof response === 'function' ? response() : response),
  });
  apps.push(app);
  return { app, store: s, tokens };
}

const request = { code: 'K7QM2XPA', displayName: 'Anna', agency: 'Police' };

describe('App', () => {
  it('joins, connects with the token and shows what the mailbox holds', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1), message(2));
    const { app, tokens } = await boot(hub);
    const events: AppEvent['type'][] = [];
    app.subscribe((_s, e) => events.push(e.type));

    await app.join(request);
    await vi.waitFor(() => expect(app.state.messages).toHaveLength(2));

    expect(tokens).toEqual(['jwt-1']);
    expect(app.state.session).toMatchObject({ displayName: 'Anna', recipientId: 'team-a' });
    expect(app.state.status).toBe('online');
    expect(events).toContain('messages');
  });

  it('a response shows as queued, then as sent once the receipt is in', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1, { responseRequested: true }));
    const { app } = await boot(hub);
    await app.join(request);
    await vi.waitFor(() => expect(app.state.messages).toHaveLength(1));

    await app.respond('delivery-1', 'On it');

    await vi.waitFor(() => expect(app.state.sent.map((r) => r.text)).toEqual(['On it']));
    expect(app.state.outbox).toEqual([]);
  });

  it('a phone whose token expired opens on the join screen and keeps its messages for the same mailbox', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1));
    const store = await openTestStore();
    const first = await boot(hub, joined(), store);
    await first.app.join(request);
    await vi.waitFor(() => expect(first.app.state.messages).toHaveLength(1));
    await first.app.close();
    apps.splice(0);
    const held = await store.getSession();
    if (held) await store.saveSession({ ...held, expiresAt: '2000-01-01T00:00:00Z' });

    const second = await boot(hub, joined({ token: 'jwt-2' }), store);
    expect(second.app.state.session).toBeNull();
    expect(second.app.state.notice).toBe('expired');

    await second.app.join(request);
    expect(second.app.state.messages.map((m) => m.deliveryId)).toEqual(['delivery-1']);
    expect(second.tokens).toEqual(['jwt-2']);
  });

  it('joining another mailbox starts from an empty phone', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1));
    const responses = [joined(), joined({ recipientId: 'team-b' })];
    const { app, store } = await boot(hub, () => responses.shift() ?? joined());
    await app.join(request);
    await vi.waitFor(() => expect(app.state.messages).toHaveLength(1));
    await store.enqueue({ responseId: 'r', deliveryId: 'delivery-1', sequence: 1, text: 'x', createdAt: '' });
    hub.mailbox.length = 0;

    await app.join(request);

    expect(app.state.session?.recipientId).toBe('team-b');
    expect(app.state.messages).toEqual([]);
    expect(app.state.outbox).toEqual([]);
    expect(await store.getLastSequence()).toBe(0);
  });

  it('leaving forgets the session and everything held', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1));
    const { app, store } = await boot(hub);
    await app.join(request);
    await vi.waitFor(() => expect(app.state.messages).toHaveLength(1));

    await app.leave();

    expect(app.state.session).toBeNull();
    expect(await store.getSession()).toBeUndefined();
    expect(await store.getMessages()).toEqual([]);
  });
});
