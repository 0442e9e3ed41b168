import { afterEach, describe, expect, it, vi } from 'vitest';
import { disclosureRecord, message } from './test/fakes';
import { stopSyncRigs, syncRig, testHello } from './test/syncRig';

// What the person did to a message, kept on the phone and told to the server when connected:
// Acknowledge, Seen, MarkDisclosed.

const rig = (setup?: Parameters<typeof syncRig>[0]) => syncRig(setup, { hello: () => testHello });

afterEach(stopSyncRigs);

describe('acknowledgements', () => {
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

describe('disclosures', () => {
  it('a disclosure made offline is kept once per team and reported with MarkDisclosed on reconnect', async () => {
    const { hub, network, store, sync } = await rig((h) => {
      h.extraMethods.set('MarkDisclosed', (report) => disclosureRecord(report, false));
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
