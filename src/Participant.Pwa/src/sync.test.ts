import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from './store';
import { foreverRetryPolicy, MAX_RETRY_DELAY_MS, retryDelay } from './sync';
import { deferred, type FakeHub, message, messages } from './test/fakes';
import { stopSyncRigs, syncRig } from './test/syncRig';

const rig = (setup?: (hub: FakeHub, store: Store) => unknown, receiptWait = 0) =>
  syncRig(setup, { receiptDelay: () => receiptWait });

afterEach(stopSyncRigs);

describe('connect', () => {
  it('pages through Sync from the held sequence until hasMore is false', async () => {
    const { hub, store, sync } = await rig((h) => h.mailbox.push(...messages(1, 450)));

    await sync.start();
    await sync.whenIdle();

    expect(hub.calls('Sync')).toEqual([
      [0, 200],
      [200, 200],
      [400, 200],
    ]);
    expect(await store.getLastSequence()).toBe(450);
    expect((await store.getMessages()).map((m) => m.sequence)).toEqual(messages(1, 450).map((m) => m.sequence));
  });

  it('calls Received with the sequences of a page only after the page is stored', async () => {
    const { hub, store, sync } = await rig((h) => h.mailbox.push(...messages(1, 3)));
    const heldWhenReceived: boolean[] = [];
    hub.beforeAnswer = async (method, args) => {
      if (method !== 'Received') return;
      for (const sequence of args[0] as number[]) heldWhenReceived.push(await store.hasMessage(`delivery-${sequence}`));
    };

    await sync.start();
    await sync.whenIdle();

    expect(hub.calls('Received')).toEqual([[[1, 2, 3]]]);
    expect(heldWhenReceived).toEqual([true, true, true]);
  });

  it('resumes from the sequence held in storage, not from zero', async () => {
    const { hub, sync } = await rig(async (h, s) => {
      h.mailbox.push(...messages(1, 5));
      await s.addMessages(messages(1, 3));
      await s.setLastSequence(3);
    });

    await sync.start();
    await sync.whenIdle();

    expect(hub.calls('Sync')).toEqual([[3, 200]]);
    expect(sync.heldSequence).toBe(5);
  });

  it('syncs again from the held sequence after an automatic reconnect', async () => {
    const { hub, store, sync, announced } = await rig((h) => h.mailbox.push(...messages(1, 2)));
    await sync.start();
    await sync.whenIdle();

    hub.drop();
    hub.mailbox.push(...messages(3, 4)); // fired while the socket was down: no push reached us
    hub.reconnect();
    await vi.waitFor(() => expect(hub.calls('Sync')).toHaveLength(2));
    await sync.whenIdle();

    expect(hub.calls('Sync')[1]).toEqual([2, 200]);
    expect(await store.getLastSequence()).toBe(4);
    expect(announced).toEqual(['delivery-1', 'delivery-2', 'delivery-3', 'delivery-4']);
  });

  it('keeps retrying a first connection that fails', async () => {
    const { hub, sync } = await rig((h) => {
      h.failStarts = 3;
      h.mailbox.push(message(1));
    });

    await sync.start();
    await vi.waitFor(() => expect(hub.state).toBe('Connected'));
    await vi.waitFor(() => expect(sync.heldSequence).toBe(1));

    expect(hub.startCalls).toBe(4);
  });

  it('starts again when the connection closes for good', async () => {
    const { hub, sync } = await rig();
    await sync.start();

    await hub.stop(); // as if the server closed the connection
    await vi.waitFor(() => expect(hub.state).toBe('Connected'));

    expect(hub.startCalls).toBe(2);
  });

  it('reconnects at once when the browser comes back online, cutting the back-off short', async () => {
    const { hub, network, sync } = await rig();
    await sync.start();
    hub.drop();
    network.goOffline();

    hub.mailbox.push(message(1));
    network.goOnline();
    await vi.waitFor(() => expect(hub.state).toBe('Connected'));
    await vi.waitFor(() => expect(sync.heldSequence).toBe(1));
  });

  it('reports online, reconnecting and offline', async () => {
    const { hub, network, sync, statuses } = await rig();
    await sync.start();
    hub.drop();
    network.goOffline();
    network.goOnline();
    await vi.waitFor(() => expect(hub.state).toBe('Connected'));

    expect(statuses[0]).toBe('reconnecting');
    expect(statuses).toContain('online');
    expect(statuses).toContain('offline');
    expect(statuses.at(-1)).toBe('online');
  });
});

describe('pushes', () => {
  it('a push that arrives before the sync is stored once and announced once', async () => {
    const { hub, store, sync, announced } = await rig((h) => {
      h.mailbox.push(...messages(1, 3));
      // Right at connect the server pushes 2; the Sync that follows returns 1, 2 and 3.
      h.onStarted = () => h.push(message(2));
    });

    await sync.start();
    await sync.whenIdle();

    expect(hub.calls('Sync')[0]).toEqual([0, 200]);
    expect(announced).toEqual(['delivery-2', 'delivery-1', 'delivery-3']);
    expect(await store.getMessages()).toHaveLength(3);
    expect(await store.getLastSequence()).toBe(3);
  });

  it('a push that arrives while a Sync page is in flight is stored once', async () => {
    const gate = deferred<void>();
    const { hub, store, sync, announced } = await rig((h) => {
      h.mailbox.push(...messages(1, 2));
      h.beforeAnswer = (method) => (method === 'Sync' ? gate.promise : undefined);
    });

    const started = sync.start();
    await vi.waitFor(() => expect(hub.calls('Sync')).toHaveLength(1));
    hub.push(message(2));
    gate.resolve();
    await started;
    await sync.whenIdle();

    expect(announced).toEqual(['delivery-1', 'delivery-2']);
    expect(await store.getMessages()).toHaveLength(2);
  });

  it('a repeated push of a held message is ignored but still acknowledged as received', async () => {
    const { hub, store, sync, announced } = await rig((h) => h.mailbox.push(...messages(1, 2)));
    await sync.start();
    await sync.whenIdle();
    await store.markRead('delivery-2');

    hub.push(message(2, { subject: { en: 'changed' } }));
    await sync.whenIdle();

    expect(announced).toEqual(['delivery-1', 'delivery-2']);
    const held = await store.getMessage('delivery-2');
    expect(held?.read).toBe(true);
    expect(held?.subject).toEqual({ en: 'Subject 2', ru: 'Тема 2' });
    expect(hub.calls('Received').at(-1)).toEqual([[2]]);
  });

  it('the next contiguous push moves the cursor without a Sync', async () => {
    const { hub, sync, announced } = await rig((h) => h.mailbox.push(...messages(1, 2)));
    await sync.start();
    await sync.whenIdle();

    hub.mailbox.push(message(3));
    hub.push(message(3));
    await sync.whenIdle();

    expect(sync.heldSequence).toBe(3);
    expect(hub.calls('Sync')).toHaveLength(1);
    expect(announced.at(-1)).toBe('delivery-3');
  });

  it('a push with a gap triggers a Sync from the held sequence that fills the gap', async () => {
    const { hub, store, sync, announced } = await rig((h) => h.mailbox.push(...messages(1, 2)));
    await sync.start();
    await sync.whenIdle();

    hub.mailbox.push(...messages(3, 5)); // pushes for 3 and 4 were lost
    hub.push(message(5));
    await vi.waitFor(() => expect(hub.calls('Sync')).toHaveLength(2));
    await sync.whenIdle();

    expect(hub.calls('Sync')[1]).toEqual([2, 200]);
    expect(sync.heldSequence).toBe(5);
    expect(await store.getLastSequence()).toBe(5);
    expect([...announced].sort()).toEqual(['delivery-1', 'delivery-2', 'delivery-3', 'delivery-4', 'delivery-5']);
  });

  it('a push with a gap shows the message but does not move the cursor past the gap', async () => {
    const { hub, store, sync } = await rig((h) => h.mailbox.push(...messages(1, 2)));
    await sync.start();
    await sync.whenIdle();
    hub.beforeAnswer = (method) => {
      if (method === 'Sync') throw new Error('server busy');
    };

    hub.mailbox.push(...messages(3, 5));
    hub.push(message(5));
    await vi.waitFor(() => expect(hub.calls('Sync')).toHaveLength(2));
    await sync.whenIdle();

    expect(await store.hasMessage('delivery-5')).toBe(true);
    expect(sync.heldSequence).toBe(2);
    expect(await store.getLastSequence()).toBe(2);
  });

  it('drops a malformed push without storing it', async () => {
    const { hub, store, sync, errors } = await syncRig();
    await sync.start();

    hub.push({ sequence: 'one', deliveryId: 7 });
    await sync.whenIdle();

    expect(await store.getMessages()).toHaveLength(0);
    expect(errors).toHaveLength(1);
  });
});

describe('responses', () => {
  it('a response written offline is sent after reconnect and leaves the outbox on its receipt', async () => {
    const { hub, outbox, sync } = await rig((h) => h.mailbox.push(message(1, { responseRequested: true })));
    await sync.start();
    await sync.whenIdle();
    hub.drop();

    await sync.respond({ deliveryId: 'delivery-1', sequence: 1 }, 'Two crews on the way');
    expect(hub.calls('Respond')).toHaveLength(0);
    expect(await outbox.count()).toBe(1);

    hub.reconnect();
    await vi.waitFor(async () => expect(await outbox.count()).toBe(0));
    expect(hub.calls('Respond')).toHaveLength(1);
    expect([...hub.storedResponses.values()].map((r) => r.text)).toEqual(['Two crews on the way']);
  });
});

describe('retry policy', () => {
  it('never gives up and never waits more than 10 s', () => {
    for (let retry = 0; retry < 1000; retry++) {
      const delay = foreverRetryPolicy.nextRetryDelayInMilliseconds({ previousRetryCount: retry });
      expect(delay).not.toBeNull();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    }
  });

  it('retries at once first, then backs off', () => {
    expect(retryDelay(0, () => 1)).toBe(0);
    expect(retryDelay(1, () => 1)).toBe(1000);
    expect(retryDelay(3, () => 1)).toBe(4000);
    expect(retryDelay(20, () => 1)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelay(20, () => 0)).toBe(8000);
  });
});
