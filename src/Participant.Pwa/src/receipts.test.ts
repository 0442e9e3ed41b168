import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECEIPTS_PER_CALL, RECEIPT_DELAY_MAX_MS, RECEIPT_DELAY_MIN_MS, receiptDelay } from './receipts';
import { message, messages } from './test/fakes';
import { stopSyncRigs, syncRig } from './test/syncRig';

// Received: what the phone has stored, confirmed after a short random wait and in batches.

const rig = (setup?: Parameters<typeof syncRig>[0], receiptWait = 0) =>
  syncRig(setup, { receiptDelay: () => receiptWait });

afterEach(stopSyncRigs);

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
    let hide = (): void => {};
    const { hub, sync } = await syncRig(undefined, {
      receiptDelay: () => 60_000,
      page: { onHidden: (listener) => (hide = listener), onVisible: () => {} },
    });
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
