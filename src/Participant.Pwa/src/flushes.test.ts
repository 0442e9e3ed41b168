import { afterEach, describe, expect, it, vi } from 'vitest';
import { disclosureRecord, message } from './test/fakes';
import { stopSyncRigs, syncRig, testHello } from './test/syncRig';
import type { DisclosureReport } from './types';

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
    expect(hub.calls('MarkDisclosed')).toEqual([
      [{ sequence: 1, gateId: 'passport', teamId: 'team-a', disclosureId: expect.any(String) }],
    ]);
    expect((await store.getMessage('delivery-1'))?.disclosed?.passport?.[0]?.gateOpen).toBe(false);
  });

  it('a disclosure whose answer was lost is sent again with the same disclosureId', async () => {
    let answers = 0;
    const { hub, store, sync } = await rig((h) => {
      h.extraMethods.set('MarkDisclosed', (report) => disclosureRecord(report, true));
      h.mailbox.push(message(1, { kind: 'cueCard' }));
    });
    hub.beforeAnswer = (method) => {
      // The server stores the first report, but the connection drops before its answer arrives.
      if (method === 'MarkDisclosed' && answers++ === 0) {
        hub.drop();
        throw new Error('Invocation canceled due to the underlying connection being closed.');
      }
    };
    await sync.start();
    await sync.whenIdle();

    await sync.disclose('delivery-1', 'passport', 'team-a');
    expect((await store.getMessage('delivery-1'))?.disclosed?.passport?.[0]?.sent).toBe(false);
    hub.reconnect();
    await vi.waitFor(async () =>
      expect((await store.getMessage('delivery-1'))?.disclosed?.passport?.[0]?.sent).toBe(true),
    );

    const ids = hub.calls('MarkDisclosed').map((args) => (args[0] as DisclosureReport).disclosureId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('two disclosures of one gate to two teams carry different ids', async () => {
    const { hub, sync } = await rig((h) => {
      h.extraMethods.set('MarkDisclosed', (report) => disclosureRecord(report, true));
      h.mailbox.push(message(1, { kind: 'cueCard' }));
    });
    await sync.start();
    await sync.whenIdle();

    await sync.disclose('delivery-1', 'passport', 'team-a');
    await sync.disclose('delivery-1', 'passport', 'team-b');

    const ids = hub.calls('MarkDisclosed').map((args) => (args[0] as DisclosureReport).disclosureId);
    expect(new Set(ids).size).toBe(2);
  });
});
