import { Outbox } from '../outbox';
import type { Store } from '../store';
import { type ConnectionStatus, DeviceSync, type DeviceSyncOptions } from '../sync';
import type { HelloRequest } from '../types';
import { FakeHub, FakeNetwork, openTestStore } from './fakes';

/** A DeviceSync on a fake hub, a fake network and a fresh store, with what it reported. */
export interface SyncRig {
  hub: FakeHub;
  network: FakeNetwork;
  store: Store;
  outbox: Outbox;
  sync: DeviceSync;
  /** deliveryIds announced by onMessages, in order. */
  announced: string[];
  statuses: ConnectionStatus[];
  errors: unknown[];
  signalChanges: number;
  revoked: number;
}

/** What the rigs of the issue-4 tests say in Hello. */
export const testHello: HelloRequest = { appVersion: '1.2.3', batteryLevel: 0.5, batteryLow: false, language: 'ru' };

const rigs: SyncRig[] = [];

/**
 * Builds a rig; `setup` fills the fake server before the sync exists. Reconnects are immediate;
 * `options` overrides anything else (receipt delay, Hello, page). Stopped by `stopSyncRigs`.
 */
export async function syncRig(
  setup: (hub: FakeHub, store: Store) => unknown = () => {},
  options: DeviceSyncOptions = {},
): Promise<SyncRig> {
  const hub = new FakeHub();
  const network = new FakeNetwork();
  const store = await openTestStore();
  const outbox = new Outbox(store);
  await setup(hub, store);
  const r: SyncRig = {
    hub,
    network,
    store,
    outbox,
    sync: undefined as unknown as DeviceSync,
    announced: [],
    statuses: [],
    errors: [],
    signalChanges: 0,
    revoked: 0,
  };
  r.sync = new DeviceSync(hub, store, outbox, {
    network,
    retryDelay: () => 0,
    onMessages: (added) => r.announced.push(...added.map((m) => m.deliveryId)),
    onStatus: (s) => r.statuses.push(s),
    onSignals: () => r.signalChanges++,
    onRevoked: () => r.revoked++,
    onError: (e) => r.errors.push(e),
    ...options,
  });
  rigs.push(r);
  return r;
}

/** For afterEach: stops every rig built since the last call and closes its store. */
export async function stopSyncRigs(): Promise<void> {
  for (const r of rigs.splice(0)) {
    await r.sync.stop();
    r.store.close();
  }
}
