import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeHub } from './test/fakes';
import { stopSyncRigs, syncRig, testHello } from './test/syncRig';
import type { SafetySignal } from './types';

const rig = (setup?: (hub: FakeHub) => void) => syncRig(setup, { hello: () => testHello });

afterEach(stopSyncRigs);

const stop = (id: string, acknowledged = false): SafetySignal => ({
  signalId: id,
  kind: 'stop',
  message: { en: 'Stop all play', ru: 'Остановить игру' },
  issuedAt: '2026-11-24T10:00:00Z',
  acknowledged,
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
