import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from './outbox';
import type { Store } from './store';
import { DeviceSync, isMissingMethod } from './sync';
import { FakeHub, FakeNetwork, message, openTestStore } from './test/fakes';
import type { SafetySignal } from './types';

// The issue-4 additions of the device protocol: Hello, Seen, safety signals, Revoked, and the
// calls the server may not have yet.

interface Rig {
  hub: FakeHub;
  network: FakeNetwork;
  store: Store;
  sync: DeviceSync;
  errors: unknown[];
  signalChanges: number;
  revoked: number;
}

const rigs: Rig[] = [];

async function rig(setup: (hub: FakeHub) => void = () => {}): Promise<Rig> {
  const hub = new FakeHub();
  const network = new FakeNetwork();
  const store = await openTestStore();
  setup(hub);
  const r: Rig = {
    hub,
    network,
    store,
    sync: undefined as unknown as DeviceSync,
    errors: [],
    signalChanges: 0,
    revoked: 0,
  };
  r.sync = new DeviceSync(hub, store, new Outbox(store), {
    network,
    retryDelay: () => 0,
    hello: () => ({ appVersion: '1.2.3', batteryLevel: 0.5, batteryLow: false, language: 'ru' }),
    onSignals: () => r.signalChanges++,
    onRevoked: () => r.revoked++,
    onError: (e) => r.errors.push(e),
  });
  rigs.push(r);
  return r;
}

afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.sync.stop();
    r.store.close();
  }
});

const stop = (id: string, acknowledged = false): SafetySignal => ({
  signalId: id,
  kind: 'stop',
  message: { en: 'Stop all play', ru: 'Остановить игру' },
  issuedAt: '2026-11-24T10:00:00Z',
  acknowledged,
});

describe('presence', () => {
  it('says Hello with version, battery and language on every connect', async () => {
    const { hub, sync } = await rig((h) => h.supportSafetyMethods());
    await sync.start();
    hub.drop();
    hub.reconnect();
    await vi.waitFor(() => expect(hub.calls('Hello')).toHaveLength(2));

    expect(hub.calls('Hello')[0]).toEqual([
      { appVersion: '1.2.3', batteryLevel: 0.5, batteryLow: false, language: 'ru' },
    ]);
  });

  it('goes on without complaint when the server has none of the new methods', async () => {
    const { hub, sync, errors } = await rig((h) => h.mailbox.push(message(1)));
    await sync.start();
    await sync.whenIdle();
    await sync.seen('delivery-1');
    await sync.sendHello();

    expect(hub.calls('Hello')).toHaveLength(1); // tried once on connect, then known missing
    expect(hub.calls('Seen')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

describe('Seen', () => {
  it('tells the server a message was opened, once', async () => {
    const { hub, store, sync } = await rig((h) => {
      h.supportSafetyMethods();
      h.mailbox.push(message(1));
    });
    await sync.start();
    await sync.whenIdle();

    await sync.seen('delivery-1');
    await sync.seen('delivery-1');

    expect(hub.calls('Seen')).toEqual([[1]]);
    expect(await store.getMessage('delivery-1')).toMatchObject({ read: true, seenSent: true });
  });

  it('a message opened offline is reported Seen on reconnect', async () => {
    const { hub, network, store, sync } = await rig((h) => {
      h.supportSafetyMethods();
      h.mailbox.push(message(1));
    });
    await sync.start();
    await sync.whenIdle();
    network.goOffline();

    await sync.seen('delivery-1');
    expect(hub.calls('Seen')).toHaveLength(0);

    network.goOnline();
    await vi.waitFor(async () => expect((await store.getMessage('delivery-1'))?.seenSent).toBe(true));
    expect(hub.calls('Seen')).toEqual([[1]]);
  });
});

describe('safety signals', () => {
  it('asks for the signals in force on connect and keeps them', async () => {
    const { store, sync } = await rig((h) => h.supportSafetyMethods(() => [stop('s1')]));
    await sync.start();
    await sync.whenIdle();

    expect((await store.getSignals()).map((s) => [s.signalId, s.acknowledged])).toEqual([['s1', false]]);
  });

  it('stores a pushed signal at once and removes it when cleared', async () => {
    const { hub, store, sync } = await rig((h) => h.supportSafetyMethods());
    await sync.start();
    await sync.whenIdle();

    hub.send('Signal', stop('s1'));
    await vi.waitFor(async () => expect(await store.getSignals()).toHaveLength(1));
    hub.send('SignalCleared', 's1');
    await vi.waitFor(async () => expect(await store.getSignals()).toHaveLength(0));
  });

  it('a signal lifted while the phone was away disappears on reconnect', async () => {
    let inForce = [stop('s1')];
    const { hub, store, sync } = await rig((h) => h.supportSafetyMethods(() => inForce));
    await sync.start();
    await sync.whenIdle();
    hub.drop();
    inForce = [];
    hub.reconnect();

    await vi.waitFor(async () => expect(await store.getSignals()).toHaveLength(0));
  });

  it('an acknowledgement made offline is kept through a refresh and sent on reconnect', async () => {
    const { hub, network, store, sync } = await rig((h) => h.supportSafetyMethods(() => [stop('s1')]));
    await sync.start();
    await sync.whenIdle();
    network.goOffline();

    await sync.acknowledgeSignal('s1');
    expect(hub.calls('AcknowledgeSignal')).toHaveLength(0);
    expect((await store.getSignals())[0]).toMatchObject({ acknowledged: true, ackSent: false });

    network.goOnline();
    await vi.waitFor(async () => expect((await store.getSignals())[0]?.ackSent).toBe(true));
    expect(hub.calls('AcknowledgeSignal')).toEqual([['s1']]);
    expect((await store.getSignals())[0]?.acknowledged).toBe(true);
  });

  it('ignores a malformed signal', async () => {
    const { hub, store, sync, errors } = await rig((h) => h.supportSafetyMethods());
    await sync.start();
    hub.send('Signal', { signalId: 'x', kind: 'party' });
    await sync.whenIdle();

    expect(await store.getSignals()).toHaveLength(0);
    expect(errors).toHaveLength(1);
  });
});

describe('disclosures', () => {
  it('a disclosure made offline is kept once per team and reported with MarkDisclosed on reconnect', async () => {
    const { hub, network, store, sync } = await rig((h) => {
      h.extraMethods.set('MarkDisclosed', () => ({ gateOpen: false }));
      h.mailbox.push(
        message(1, {
          kind: 'cueCard',
          disclosures: [{ id: 'passport', fact: { en: 'The passport' }, condition: {}, afterInject: '5' }],
        }),
      );
    });
    await sync.start();
    await sync.whenIdle();
    network.goOffline();

    await sync.disclose('delivery-1', 'passport', 'team-a');
    await sync.disclose('delivery-1', 'passport', 'team-a');
    expect((await store.getMessage('delivery-1'))?.disclosed?.passport).toHaveLength(1);

    network.goOnline();
    await vi.waitFor(async () =>
      expect((await store.getMessage('delivery-1'))?.disclosed?.passport?.[0]?.sent).toBe(true),
    );
    expect(hub.calls('MarkDisclosed')).toEqual([[{ sequence: 1, gateId: 'passport', teamId: 'team-a' }]]);
    expect((await store.getMessage('delivery-1'))?.disclosed?.passport?.[0]?.gateOpen).toBe(false);
  });
});

describe('offline', () => {
  it('closes the connection when the browser goes offline and queues responses until it is back', async () => {
    const { hub, network, store, sync } = await rig((h) => h.mailbox.push(message(1, { responseRequested: true })));
    await sync.start();
    await sync.whenIdle();

    network.goOffline();
    await vi.waitFor(() => expect(hub.state).toBe('Disconnected'));
    await sync.respond({ deliveryId: 'delivery-1', sequence: 1 }, 'one');
    await sync.respond({ deliveryId: 'delivery-1', sequence: 1 }, 'two');
    expect(await store.outboxCount()).toBe(2);
    const startsWhileOffline = hub.startCalls;

    network.goOnline();
    await vi.waitFor(async () => expect(await store.outboxCount()).toBe(0));
    expect(hub.startCalls).toBe(startsWhileOffline + 1);
    expect([...hub.storedResponses.values()].map((r) => r.text)).toEqual(['one', 'two']);
  });
});

describe('revocation and calls the server may lack', () => {
  it('syncs when the server says Resync (pushes may have been lost)', async () => {
    const { hub, store, sync } = await rig();
    await sync.start();
    await sync.whenIdle();
    hub.mailbox.push(message(1), message(2)); // appended while the doorbell was broken

    hub.send('Resync');

    await vi.waitFor(async () => expect((await store.getMessages()).map((m) => m.sequence)).toEqual([1, 2]));
  });

  it('reports Revoked', async () => {
    const r = await rig();
    await r.sync.start();
    r.hub.send('Revoked');
    expect(r.revoked).toBe(1);
  });

  it('treats a connection refused for revocation as Revoked, and stops reconnecting', async () => {
    const r = await rig();
    await r.sync.start();
    const starts = r.hub.startCalls;

    r.hub.closeWithError(
      'Server returned an error on close: Connection closed with an error. HubException: This device was revoked. Join again with a join code from your controller.',
    );

    expect(r.revoked).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.hub.startCalls).toBe(starts);
  });

  it('a "need controller" call says whether it went through', async () => {
    const { hub, network, sync } = await rig();
    await sync.start();
    expect(await sync.callController({ callId: 'c1', sequence: 3 })).toBe('unsupported');

    hub.extraMethods.set('CallController', () => undefined);
    expect(await sync.callController({ callId: 'c2', sequence: 3 })).toBe('sent');
    expect(hub.calls('CallController').at(-1)).toEqual([{ callId: 'c2', sequence: 3 }]);

    network.goOffline();
    expect(await sync.callController({ callId: 'c3' })).toBe('offline');
  });

  it('the team responses are null when the server cannot give them', async () => {
    const { hub, sync } = await rig();
    await sync.start();
    expect(await sync.teamResponses(1)).toBeNull();

    hub.drop();
    hub.reconnect(); // a newer server after a restart
    hub.extraMethods.set('GetResponses', () => [
      {
        responseId: 'r1',
        sequence: 1,
        deviceId: 'd2',
        deviceName: 'Boris',
        text: 'On it',
        storedAt: '2026-11-24T10:00:00Z',
      },
      { nonsense: true },
    ]);
    await vi.waitFor(() => expect(hub.state).toBe('Connected'));
    await sync.whenIdle();
    expect((await sync.teamResponses(1))?.map((r) => r.deviceName)).toEqual(['Boris']);
  });

  it('recognises both ways SignalR says a method is missing', () => {
    expect(
      isMissingMethod(
        new Error("Failed to invoke 'Seen' due to an error on the server. HubException: Method does not exist."),
      ),
    ).toBe(true);
    expect(isMissingMethod(new Error("Unknown hub method 'Seen'"))).toBe(true);
    expect(isMissingMethod(new Error('An unexpected error occurred invoking Seen'))).toBe(false);
  });
});
