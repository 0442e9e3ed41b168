import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from './outbox';
import type { Store, StoredMessage } from './store';
import {
  type ConnectionStatus,
  DeviceSync,
  foreverRetryPolicy,
  MAX_RECEIPTS_PER_CALL,
  MAX_RETRY_DELAY_MS,
  RECEIPT_DELAY_MAX_MS,
  RECEIPT_DELAY_MIN_MS,
  receiptDelay,
  retryDelay,
} from './sync';
import { deferred, FakeHub, FakeNetwork, message, messages, openTestStore } from './test/fakes';

interface Rig {
  hub: FakeHub;
  network: FakeNetwork;
  store: Store;
  outbox: Outbox;
  sync: DeviceSync;
  announced: string[];
  statuses: ConnectionStatus[];
}

const rigs: Rig[] = [];

async function rig(setup: (hub: FakeHub, store: Store) => unknown = () => {}, receiptWait = 0): Promise<Rig> {
  const hub = new FakeHub();
  const network = new FakeNetwork();
  const store = await openTestStore();
  const outbox = new Outbox(store);
  const announced: string[] = [];
  const statuses: ConnectionStatus[] = [];
  await setup(hub, store);
  const sync = new DeviceSync(hub, store, outbox, {
    network,
    retryDelay: () => 0,
    receiptDelay: () => receiptWait,
    onMessages: (added: StoredMessage[]) => announced.push(...added.map((m) => m.deliveryId)),
    onStatus: (s) => statuses.push(s),
  });
  const r = { hub, network, store, outbox, sync, announced, statuses };
  rigs.push(r);
  return r;
}

afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.sync.stop();
    r.store.close();
  }
});

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
    const errors: unknown[] = [];
    const hub = new FakeHub();
    const store = await openTestStore();
    const sync = new DeviceSync(hub, store, new Outbox(store), {
      network: new FakeNetwork(),
      onError: (e) => errors.push(e),
    });
    rigs.push({ hub, store, sync, network: new FakeNetwork(), outbox: new Outbox(store), announced: [], statuses: [] });
    await sync.start();

    hub.push({ sequence: 'one', deliveryId: 7 });
    await sync.whenIdle();

    expect(await store.getMessages()).toHaveLength(0);
    expect(errors).toHaveLength(1);
  });
});

describe('responses and acknowledgements', () => {
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

  it('an acknowledgement made offline is sent on reconnect', async () => {
    const { hub, store, sync } = await rig((h) => h.mailbox.push(message(1)));
    await sync.start();
    await sync.whenIdle();
    hub.drop();

    await sync.acknowledge('delivery-1');
    expect((await store.getMessage('delivery-1'))?.acknowledged).toBe(true);
    expect(hub.calls('Acknowledge')).toHaveLength(0);

    hub.reconnect();
    await vi.waitFor(async () => expect((await store.getMessage('delivery-1'))?.ackSent).toBe(true));
    expect(hub.calls('Acknowledge')).toEqual([[1]]);
  });
});

describe('receipts', () => {
  it('confirms the messages stored within the receipt delay in one Received call', async () => {
    const { hub, store, sync } = await rig(() => {}, 50);
    await sync.start();
    await sync.whenIdle();

    hub.push(message(1));
    hub.push(message(2));
    hub.push(message(3));
    await sync.whenIdle();
    expect(hub.calls('Received')).toEqual([]);
    expect(await store.getLastSequence()).toBe(3);

    await vi.waitFor(() => expect(hub.calls('Received')).toEqual([[[1, 2, 3]]]));
  });

  it('a confirmation lost with the connection is sent again after reconnecting', async () => {
    const { hub, sync } = await rig();
    await sync.start();
    await sync.whenIdle();
    hub.beforeAnswer = (method) => {
      if (method === 'Received') {
        hub.beforeAnswer = undefined;
        hub.drop();
        throw new Error('socket closed');
      }
    };

    hub.push(message(1));
    await sync.whenIdle();
    expect(hub.calls('Received')).toEqual([[[1]]]);

    hub.reconnect();
    await vi.waitFor(() => expect(hub.calls('Received')).toEqual([[[1]], [[1]]]));
  });

  it('never sends more sequences in one call than the server takes', async () => {
    const { hub, sync } = await rig((h) => h.mailbox.push(...messages(1, 1200)), 20);
    hub.beforeAnswer = undefined;

    await sync.start();
    await sync.whenIdle();

    await vi.waitFor(() => expect(hub.calls('Received').flatMap((c) => c[0] as number[])).toHaveLength(1200));
    expect(hub.calls('Received').length).toBeGreaterThanOrEqual(3);
    expect(hub.calls('Received').every((c) => (c[0] as number[]).length <= MAX_RECEIPTS_PER_CALL)).toBe(true);
  });

  it('confirms at once what is waiting when the page goes to the background', async () => {
    const hub = new FakeHub();
    const store = await openTestStore();
    let hide = (): void => {};
    const sync = new DeviceSync(hub, store, new Outbox(store), {
      network: new FakeNetwork(),
      receiptDelay: () => 60_000,
      page: { onHidden: (listener) => (hide = listener) },
    });
    rigs.push({ hub, store, sync, network: new FakeNetwork(), outbox: new Outbox(store), announced: [], statuses: [] });
    await sync.start();
    hub.push(message(1));
    await sync.whenIdle();
    expect(hub.calls('Received')).toEqual([]);

    hide();

    await vi.waitFor(() => expect(hub.calls('Received')).toEqual([[[1]]]));
  });

  it('waits between the minimum and the maximum receipt delay', () => {
    expect(receiptDelay(() => 0)).toBe(RECEIPT_DELAY_MIN_MS);
    expect(receiptDelay(() => 1)).toBe(RECEIPT_DELAY_MAX_MS);
    expect(receiptDelay(() => 0.5)).toBeGreaterThan(RECEIPT_DELAY_MIN_MS);
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
