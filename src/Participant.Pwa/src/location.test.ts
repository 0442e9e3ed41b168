import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app';
import { type GeolocationLike, LocationSharing, readPosition, toGeoPoint } from './location';
import type { Store } from './store';
import { FakeHub, FakeNetwork, message, openTestStore } from './test/fakes';
import type { GeoPoint, JoinResponse, RespondRequest } from './types';

/** A phone's geolocation that answers with wherever `position` is now, and counts the reads. */
class FakeGeolocation implements GeolocationLike {
  reads = 0;
  position: GeoPoint | 'refuse' | 'silent' = { latitude: 55.75, longitude: 37.61, accuracyMeters: 10 };

  getCurrentPosition(
    success: (position: { coords: { latitude: number; longitude: number; accuracy: number } }) => void,
    error?: (error: unknown) => void,
  ): void {
    this.reads++;
    const at = this.position;
    if (at === 'silent') return;
    if (at === 'refuse') {
      error?.({ code: 1 });
      return;
    }
    success({ coords: { latitude: at.latitude, longitude: at.longitude, accuracy: at.accuracyMeters ?? 0 } });
  }
}

class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

const joined = (overrides: Partial<JoinResponse> = {}): JoinResponse => ({
  token: 'jwt-1',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-1',
  exerciseId: 'drill',
  exerciseTitle: { en: 'Drill' },
  role: 'participant',
  recipientId: 'team-a',
  recipientName: { en: 'Team A' },
  languages: ['en', 'ru'],
  defaultLanguage: 'en',
  locationSharing: true,
  ...overrides,
});

const apps: App[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.leave();
  for (const store of stores.splice(0)) store.close();
});

async function joinedApp(response: JoinResponse, storage = new MemoryStorage()) {
  const hub = new FakeHub();
  hub.mailbox.push(message(1, { responseRequested: true }));
  const geolocation = new FakeGeolocation();
  const store = await openTestStore();
  stores.push(store);
  const app = await App.boot({
    store,
    network: new FakeNetwork(),
    createHub: () => hub,
    join: async () => response,
    location: new LocationSharing(storage, () => geolocation, 50),
  });
  apps.push(app);
  await app.join({ code: 'K7QM2XPA', displayName: 'Anna', agency: 'Police' });
  await vi.waitFor(() => expect(app.state.messages).toHaveLength(1));
  return { app, hub, geolocation, storage };
}

const sentLocations = (hub: FakeHub) => hub.calls('Respond').map((args) => (args[0] as RespondRequest).location);

describe('toGeoPoint', () => {
  it('keeps a point within the server ranges and drops one outside them', () => {
    expect(toGeoPoint(59.93, 30.31, 15)).toEqual({ latitude: 59.93, longitude: 30.31, accuracyMeters: 15 });
    expect(toGeoPoint(91, 30, 15)).toBeUndefined();
    expect(toGeoPoint(59, -181, 15)).toBeUndefined();
    expect(toGeoPoint(Number.NaN, 30, 15)).toBeUndefined();
    // A radius the server would refuse is left out; the point itself still counts.
    expect(toGeoPoint(59, 30, Number.POSITIVE_INFINITY)).toEqual({ latitude: 59, longitude: 30 });
  });
});

describe('LocationSharing.asked', () => {
  it('asks team phones of an exercise that asks, and no other', () => {
    expect(LocationSharing.asked({ locationSharing: true, role: 'participant' })).toBe(true);
    expect(LocationSharing.asked({ locationSharing: true, role: 'actor' })).toBe(false);
    expect(LocationSharing.asked({ locationSharing: true, role: 'evaluator' })).toBe(false);
    expect(LocationSharing.asked({ locationSharing: false, role: 'participant' })).toBe(false);
    expect(LocationSharing.asked({ role: 'participant' })).toBe(false);
  });
});

describe('readPosition', () => {
  it('gives up after its own timeout when the phone never answers', async () => {
    const geolocation = new FakeGeolocation();
    geolocation.position = 'silent';
    const started = Date.now();
    await expect(readPosition(geolocation, 30)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('location with responses', () => {
  it('reads nothing and sends nothing while the user has not answered the question', async () => {
    const { app, hub, geolocation } = await joinedApp(joined());
    expect(app.locationAsked).toBe(true);
    expect(app.state.locationConsent).toBeNull();

    await app.respond('delivery-1', 'On it');

    await vi.waitFor(() => expect(app.state.sent).toHaveLength(1));
    expect(geolocation.reads).toBe(0);
    expect(sentLocations(hub)).toEqual([undefined]);
  });

  it('reads nothing when the user said no', async () => {
    const { app, hub, geolocation } = await joinedApp(joined());
    await app.setLocationConsent('declined');

    await app.respond('delivery-1', 'On it');

    await vi.waitFor(() => expect(app.state.sent).toHaveLength(1));
    expect(geolocation.reads).toBe(0);
    expect(sentLocations(hub)).toEqual([undefined]);
  });

  it('reads nothing when the exercise does not ask, whatever the phone held from before', async () => {
    const storage = new MemoryStorage();
    storage.setItem('scenarioengine.location.drill', 'granted');
    const { app, hub, geolocation } = await joinedApp(joined({ locationSharing: false }), storage);
    expect(app.locationAsked).toBe(false);

    await app.setLocationConsent('granted');
    await app.respond('delivery-1', 'On it');

    await vi.waitFor(() => expect(app.state.sent).toHaveLength(1));
    expect(geolocation.reads).toBe(0);
    expect(sentLocations(hub)).toEqual([undefined]);
  });

  it('keeps the position of the tap with the queued response and sends that same one on every retry', async () => {
    const { app, hub, geolocation } = await joinedApp(joined());
    await app.setLocationConsent('granted');
    const readsBeforeTap = geolocation.reads;
    geolocation.position = { latitude: 60.1, longitude: 30.2, accuracyMeters: 8 };
    let failures = 1;
    hub.beforeAnswer = (method) => {
      if (method === 'Respond' && failures-- > 0) throw new Error('connection lost');
    };

    await app.respond('delivery-1', 'Van at the north gate');
    await vi.waitFor(() => expect(hub.calls('Respond')).toHaveLength(1));
    expect(app.state.outbox[0]?.location).toEqual({ latitude: 60.1, longitude: 30.2, accuracyMeters: 8 });

    // The phone moves on; the retry still says where the response was written.
    geolocation.position = { latitude: 61, longitude: 31, accuracyMeters: 5 };
    hub.drop();
    hub.reconnect();

    await vi.waitFor(() => expect(app.state.sent).toHaveLength(1));
    expect(sentLocations(hub)).toEqual([
      { latitude: 60.1, longitude: 30.2, accuracyMeters: 8 },
      { latitude: 60.1, longitude: 30.2, accuracyMeters: 8 },
    ]);
    expect(geolocation.reads - readsBeforeTap).toBe(1);
  });

  it('sends without a location when the phone refuses or cannot say', async () => {
    const { app, hub, geolocation } = await joinedApp(joined());
    await app.setLocationConsent('granted');
    geolocation.position = 'silent';

    await app.respond('delivery-1', 'Indoors, no fix');

    await vi.waitFor(() => expect(app.state.sent).toHaveLength(1));
    expect(sentLocations(hub)).toEqual([undefined]);
  });

  it('the menu can take the answer back: the next response goes without a location', async () => {
    const { app, hub, geolocation } = await joinedApp(joined());
    await app.setLocationConsent('granted');
    await app.setLocationConsent('declined');
    const reads = geolocation.reads;

    await app.respond('delivery-1', 'On it');

    await vi.waitFor(() => expect(app.state.sent).toHaveLength(1));
    expect(geolocation.reads).toBe(reads);
    expect(sentLocations(hub)).toEqual([undefined]);
  });
});

describe('location with evidence scans', () => {
  it('a scan keeps the position of the moment it was scanned, across a retry', async () => {
    const { app, hub, geolocation } = await joinedApp(joined());
    await app.setLocationConsent('granted');
    geolocation.position = { latitude: 55.1, longitude: 37.2, accuracyMeters: 20 };
    let failures = 1;
    hub.extraMethods.set('ScanEvidence', (scan) => {
      if (failures-- > 0) throw new Error('connection lost');
      const { scanId } = scan as { scanId: string };
      return { scanId, outcome: 'notYet', storedAt: '2026-11-24T09:00:00Z', duplicate: false };
    });

    await app.scanEvidence('7KQ2M9XW4RTB8HNC3VPD');
    await vi.waitFor(() => expect(hub.calls('ScanEvidence')).toHaveLength(1));
    geolocation.position = { latitude: 1, longitude: 2, accuracyMeters: 3 };
    hub.drop();
    hub.reconnect();

    await vi.waitFor(() => expect(app.state.scans[0]?.receipt).toBeDefined());
    const sent = hub.calls('ScanEvidence').map((args) => (args[0] as { location?: GeoPoint }).location);
    expect(sent).toEqual([
      { latitude: 55.1, longitude: 37.2, accuracyMeters: 20 },
      { latitude: 55.1, longitude: 37.2, accuracyMeters: 20 },
    ]);
  });

  it('a label that is no evidence code reads no position', async () => {
    const { app, geolocation } = await joinedApp(joined());
    await app.setLocationConsent('granted');
    const reads = geolocation.reads;

    await expect(app.scanEvidence('https://example.org/not-a-label')).rejects.toThrow();
    expect(geolocation.reads).toBe(reads);
  });
});
