// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_RECONCILE_MAX_MS, idleReconcileDelay } from './sync';
import { deferred, type FakeHub, message } from './test/fakes';
import { stopSyncRigs, syncRig, testHello } from './test/syncRig';
import type { SafetySignal } from './types';

// The phone heals by itself (issue 12 §1): it reconciles its safety signals and its mailbox on
// Resync, on an idle timer while connected (≤ 30 s) and when the page becomes visible again, and
// confirms every signal it holds with SignalsReceived. The page is happy-dom's document, wired
// through the app's own browserPage; only setTimeout is faked (fake-indexeddb runs on setImmediate).

const rig = (setup?: (hub: FakeHub) => void) => syncRig(setup, { hello: () => testHello, receiptDelay: () => 0 });

const stop = (id: string): SafetySignal => ({
  signalId: id,
  kind: 'stop',
  message: { en: 'Stop all play', ru: 'Остановить игру' },
  issuedAt: '2026-11-24T10:00:00Z',
  acknowledged: false,
});

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  await stopSyncRigs();
  vi.useRealTimers();
});

describe('the idle reconcile', () => {
  it('waits 24 to 30 s after the last reconcile, never longer', () => {
    expect(idleReconcileDelay(() => 0)).toBe(24_000);
    expect(idleReconcileDelay(() => 1)).toBe(IDLE_RECONCILE_MAX_MS);
    expect(IDLE_RECONCILE_MAX_MS).toBeLessThanOrEqual(30_000);
  });

  it('reconciles once nothing was reconciled for at most 30 s while connected', async () => {
    const { hub, sync } = await rig((h) => h.supportReconcile());
    await sync.start();
    await sync.whenIdle();
    expect(hub.calls('Reconcile')).toEqual([[0, 200]]); // on connect

    await vi.advanceTimersByTimeAsync(23_999);
    expect(hub.calls('Reconcile')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS - 23_999);
    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(2));
    await sync.whenIdle();

    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS);
    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(3));
  });

  it('does not start another while one is still waiting for its answer, and counts again from its end', async () => {
    const { hub, sync } = await rig((h) => h.supportReconcile());
    await sync.start();
    await sync.whenIdle();
    const held = deferred<void>();
    hub.beforeAnswer = (method) => (method === 'Reconcile' ? held.promise : undefined);

    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS);
    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(3 * IDLE_RECONCILE_MAX_MS); // the server is slow: busy all along
    expect(hub.calls('Reconcile')).toHaveLength(2);

    hub.beforeAnswer = undefined;
    held.resolve();
    await sync.whenIdle();
    await vi.advanceTimersByTimeAsync(23_999);
    expect(hub.calls('Reconcile')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS - 23_999);
    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(3));
  });

  it('stays off while the connection is down', async () => {
    const { hub, sync } = await rig((h) => h.supportReconcile());
    await sync.start();
    await sync.whenIdle();
    hub.drop();

    await vi.advanceTimersByTimeAsync(3 * IDLE_RECONCILE_MAX_MS);

    expect(hub.calls('Reconcile')).toHaveLength(1);
  });

  it('shows a STOP whose push was lost, and an inject, at the next idle reconcile', async () => {
    let inForce: SafetySignal[] = [];
    const r = await rig((h) => h.supportReconcile(() => inForce));
    const { hub, store, sync } = r;
    await sync.start();
    await sync.whenIdle();

    // Raised and fired while the server's notification to this web node was lost: no push.
    inForce = [stop('s1')];
    hub.mailbox.push(message(1));
    expect(await store.getSignals()).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS);
    await vi.waitFor(async () => expect((await store.getSignals()).map((s) => s.signalId)).toEqual(['s1']));
    await sync.whenIdle();
    expect((await store.getMessages()).map((m) => m.sequence)).toEqual([1]);
    expect(hub.calls('Received')).toEqual([[[1]]]);
    expect(r.signalChanges).toBeGreaterThan(0); // the app was told to show it

    // Lifted, the clear lost too: the next idle reconcile lifts it on the phone.
    inForce = [];
    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS);
    await vi.waitFor(async () => expect(await store.getSignals()).toHaveLength(0));
  });
});

describe('the other reconcile triggers', () => {
  it('reconciles when the page becomes visible again, not when it is hidden', async () => {
    const { hub, store, sync } = await rig((h) => h.supportReconcile());
    await sync.start();
    await sync.whenIdle();
    hub.mailbox.push(message(1)); // pushed while the page was frozen: lost

    setVisibility('hidden');
    await sync.whenIdle();
    expect(hub.calls('Reconcile')).toHaveLength(1);

    setVisibility('visible');
    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(2));
    await sync.whenIdle();
    expect(hub.calls('Reconcile')[1]).toEqual([0, 200]);
    expect((await store.getMessages()).map((m) => m.sequence)).toEqual([1]);
  });

  it('reconciles on Resync: signals and mailbox in one call', async () => {
    let inForce: SafetySignal[] = [];
    const { hub, store, sync } = await rig((h) => h.supportReconcile(() => inForce));
    await sync.start();
    await sync.whenIdle();
    inForce = [stop('s1')];
    hub.mailbox.push(message(1), message(2));

    hub.send('Resync');

    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(2));
    await sync.whenIdle();
    expect(hub.calls('Sync')).toEqual([]);
    expect(hub.calls('GetSignals')).toEqual([]);
    expect((await store.getSignals()).map((s) => s.signalId)).toEqual(['s1']);
    expect((await store.getMessages()).map((m) => m.sequence)).toEqual([1, 2]);
  });

  it('pages on with Sync when the reconcile says there is more', async () => {
    const { hub, store, sync } = await rig((h) => {
      h.supportReconcile();
      for (let s = 1; s <= 450; s++) h.mailbox.push(message(s));
    });
    await sync.start();
    await sync.whenIdle();

    expect(hub.calls('Reconcile')).toEqual([[0, 200]]);
    expect(hub.calls('Sync')).toEqual([
      [200, 200],
      [400, 200],
    ]);
    expect(await store.getLastSequence()).toBe(450);
  });

  it('falls back to GetSignals and Sync on a server without Reconcile', async () => {
    let inForce: SafetySignal[] = [];
    const { hub, store, sync, errors } = await rig((h) => h.supportSafetyMethods(() => inForce));
    await sync.start();
    await sync.whenIdle();
    inForce = [stop('s1')];
    hub.mailbox.push(message(1));

    hub.send('Resync');
    await vi.waitFor(() => expect(hub.calls('Sync')).toHaveLength(2));
    await sync.whenIdle();

    expect(hub.calls('Reconcile')).toHaveLength(1); // tried once on connect, then known missing
    expect(hub.calls('GetSignals')).toHaveLength(2);
    expect((await store.getSignals()).map((s) => s.signalId)).toEqual(['s1']);
    expect((await store.getMessages()).map((m) => m.sequence)).toEqual([1]);
    expect(errors).toEqual([]);
  });
});

describe('SignalsReceived', () => {
  it('confirms each signal once, whether it came by push, by reconcile or both', async () => {
    let inForce: SafetySignal[] = [];
    const { hub, sync } = await rig((h) => h.supportReconcile(() => inForce));
    await sync.start();
    await sync.whenIdle();

    inForce = [stop('s1')];
    hub.send('Signal', stop('s1'));
    await vi.waitFor(() => expect(hub.calls('SignalsReceived')).toEqual([[['s1']]]));
    hub.send('Signal', stop('s1')); // pushed again
    hub.send('Resync');
    await vi.waitFor(() => expect(hub.calls('Reconcile')).toHaveLength(2));
    await sync.whenIdle();

    inForce = [stop('s1'), { ...stop('s2'), kind: 'endex' }];
    await vi.advanceTimersByTimeAsync(IDLE_RECONCILE_MAX_MS);
    await vi.waitFor(() => expect(hub.calls('SignalsReceived')).toHaveLength(2));
    await sync.whenIdle();

    expect(hub.calls('SignalsReceived')).toEqual([[['s1']], [['s2']]]);
  });

  it('waits a moment before confirming, so a room of phones does not answer a STOP at once', async () => {
    const { hub, sync } = await syncRig((h) => h.supportReconcile(), {
      hello: () => testHello,
      receiptDelay: () => 500,
    });
    await sync.start();
    await sync.whenIdle();

    hub.send('Signal', stop('s1'));
    await sync.whenIdle();
    expect(hub.calls('SignalsReceived')).toEqual([]);

    await vi.advanceTimersByTimeAsync(500);
    await vi.waitFor(() => expect(hub.calls('SignalsReceived')).toEqual([[['s1']]]));
  });

  it('a confirmation lost with the connection is sent after the reconnect', async () => {
    let inForce: SafetySignal[] = [];
    const { hub, store, sync } = await rig((h) => h.supportReconcile(() => inForce));
    await sync.start();
    await sync.whenIdle();
    inForce = [stop('s1')];
    hub.beforeAnswer = (method) => {
      if (method !== 'SignalsReceived') return;
      hub.beforeAnswer = undefined;
      hub.drop();
      throw new Error('Invocation canceled due to the underlying connection being closed.');
    };

    hub.send('Signal', stop('s1'));
    await vi.waitFor(() => expect(hub.state).toBe('Reconnecting'));
    expect(hub.calls('SignalsReceived')).toHaveLength(1);
    expect((await store.getSignals())[0]?.receivedSent).toBeFalsy();

    hub.reconnect();
    await vi.waitFor(async () => expect((await store.getSignals())[0]?.receivedSent).toBe(true));
    expect(hub.calls('SignalsReceived')).toEqual([[['s1']], [['s1']]]);
  });

  it('does not confirm a signal the server already counts as acknowledged', async () => {
    const { hub, sync } = await rig((h) => h.supportReconcile(() => [{ ...stop('s1'), acknowledged: true }]));
    await sync.start();
    await sync.whenIdle();

    expect(hub.calls('SignalsReceived')).toEqual([]);
  });
});
