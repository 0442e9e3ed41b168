import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app';
import type { Store } from './store';
import { FakeHub, FakeNetwork, openTestStore } from './test/fakes';
import type { EvaluatorBrief, JoinResponse, ObservationRequest } from './types';

const evaluatorJoin: JoinResponse = {
  token: 'jwt-eval',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-e',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Harbour Light' },
  role: 'evaluator',
  recipientId: 'eval-1',
  recipientName: { en: 'Evaluator 1' },
  languages: ['en', 'ru'],
  defaultLanguage: 'en',
};

const brief: EvaluatorBrief = {
  evaluatorId: 'eval-1',
  name: { en: 'Evaluator 1' },
  teams: [{ id: 'team-a', name: { en: 'Team A' } }],
  sites: [],
  tasks: [],
  inPlay: [],
  scenarioTime: '00:30:00',
  speed: 1,
  running: true,
  asOf: new Date().toISOString(),
  recorded: [],
};

/** A server that stores each observation id once, as the hub does. */
function evaluatorServer(hub: FakeHub): Map<string, ObservationRequest> {
  const stored = new Map<string, ObservationRequest>();
  hub.supportReconcile();
  hub.extraMethods.set('GetEvaluatorBrief', () => brief);
  hub.extraMethods.set('Observe', (request) => {
    const r = request as ObservationRequest;
    const duplicate = stored.has(r.observationId);
    if (!duplicate) stored.set(r.observationId, r);
    return {
      observationId: r.observationId,
      sequence: stored.size,
      scenarioTime: '00:31:00',
      storedAt: new Date().toISOString(),
      duplicate,
    };
  });
  return stored;
}

const stores: Store[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.leave();
  for (const store of stores.splice(0)) store.close();
});

describe('App in evaluator mode', () => {
  it('fetches the brief on connect and keeps it for offline use', async () => {
    const hub = new FakeHub();
    evaluatorServer(hub);
    const store = await openTestStore();
    stores.push(store);
    const app = await App.boot({
      store,
      network: new FakeNetwork(),
      createHub: () => hub,
      join: async () => evaluatorJoin,
    });
    apps.push(app);

    await app.join({ code: 'EVAL2345', displayName: 'Irina', agency: 'NGO' });

    await vi.waitFor(() => expect(app.state.brief?.evaluatorId).toBe('eval-1'));
    expect((await store.getBrief())?.teams.map((t) => t.id)).toEqual(['team-a']);
  });

  it('keeps a rating made offline and sends it exactly once when back online', async () => {
    const hub = new FakeHub();
    const stored = evaluatorServer(hub);
    const network = new FakeNetwork();
    const store = await openTestStore();
    stores.push(store);
    const app = await App.boot({ store, network, createHub: () => hub, join: async () => evaluatorJoin });
    apps.push(app);
    await app.join({ code: 'EVAL2345', displayName: 'Irina', agency: 'NGO' });
    await vi.waitFor(() => expect(app.state.brief).not.toBeNull());

    network.goOffline();
    await vi.waitFor(() => expect(hub.state).toBe('Disconnected'));
    await app.observe({ teamId: 'team-a', criticalTaskId: 'identify-screen', rating: 'm', note: 'no interpreter' });
    await vi.waitFor(() => expect(app.state.observations).toHaveLength(1));
    const offline = hub.calls('Observe').length;
    network.goOnline();

    await vi.waitFor(() => expect(app.state.observations[0]?.receipt?.sequence).toBe(1));
    expect(offline).toBe(0);
    expect(hub.calls('Observe')).toHaveLength(1);
    expect([...stored.values()].map((o) => [o.rating, o.note])).toEqual([['m', 'no interpreter']]);
  });

  it('sends an observation again under the same id when its receipt was lost, and the server keeps one', async () => {
    const hub = new FakeHub();
    const stored = evaluatorServer(hub);
    let dropNext = true;
    hub.beforeAnswer = (method) => {
      if (method === 'Observe' && dropNext) {
        dropNext = false;
        // The server stores it, then the answer is lost with the socket.
        const answer = hub.extraMethods.get('Observe');
        return Promise.resolve().then(() => {
          answer?.(hub.invocations.at(-1)?.args[0]);
          hub.drop();
          throw new Error('socket closed');
        });
      }
      return undefined;
    };
    const store = await openTestStore();
    stores.push(store);
    const app = await App.boot({
      store,
      network: new FakeNetwork(),
      createHub: () => hub,
      join: async () => evaluatorJoin,
    });
    apps.push(app);
    await app.join({ code: 'EVAL2345', displayName: 'Irina', agency: 'NGO' });
    await vi.waitFor(() => expect(app.state.brief).not.toBeNull());

    await app.observe({ teamId: 'team-a', note: 'door chained' });
    await vi.waitFor(() => expect(hub.state).toBe('Reconnecting'));
    hub.reconnect();

    await vi.waitFor(() => expect(app.state.observations[0]?.receipt?.duplicate).toBe(true));
    const ids = hub.calls('Observe').map((args) => (args[0] as ObservationRequest).observationId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(stored.size).toBe(1);
  });
});
