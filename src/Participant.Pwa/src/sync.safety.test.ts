import { afterEach, describe, expect, it, vi } from 'vitest';
import { isMissingMethod } from './hubCalls';
import { type FakeHub, message } from './test/fakes';
import { stopSyncRigs, syncRig, testHello } from './test/syncRig';

// The issue-4 additions of the device protocol that stay with the connection: Hello, going
// offline, Revoked, Resync, and the calls the server may not have yet. Seen is in
// flushes.test.ts, the safety signals in signals.test.ts.

const rig = (setup?: (hub: FakeHub) => void) => syncRig(setup, { hello: () => testHello });

afterEach(stopSyncRigs);

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
