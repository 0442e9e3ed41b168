import { afterEach, describe, expect, it } from 'vitest';
import { currentRating, exerciseTimeAt, inPlayFor, ObservationOutbox, parseSpan } from './evaluator';
import type { Store } from './store';
import { openTestStore } from './test/fakes';
import type { EvaluatorBrief, ObservationReceipt, ObservationRequest } from './types';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function outbox(now = () => new Date('2026-11-24T10:00:00Z')): Promise<{ store: Store; box: ObservationOutbox }> {
  const store = await openTestStore();
  stores.push(store);
  let n = 0;
  return { store, box: new ObservationOutbox(store, () => `obs-${++n}`, now) };
}

function receiptFor(request: ObservationRequest, sequence: number, duplicate = false): ObservationReceipt {
  return {
    observationId: request.observationId,
    sequence,
    scenarioTime: '01:10:00',
    storedAt: '2026-11-24T10:05:00Z',
    duplicate,
  };
}

const brief: EvaluatorBrief = {
  evaluatorId: 'eval-1',
  name: { en: 'Evaluator 1' },
  teams: [
    { id: 'team-a', name: { en: 'Team A' } },
    { id: 'team-c', name: { en: 'Team C' } },
  ],
  sites: [{ id: 'sauna', name: { en: 'Sauna' } }],
  tasks: [],
  inPlay: [
    { injectNumber: '6', subject: { en: 'Newest, team C' }, firedAt: '2026-11-24T10:04:00Z', teams: ['team-c'] },
    {
      injectNumber: '4',
      subject: { en: 'Minivan' },
      firedAt: '2026-11-24T10:02:00Z',
      teams: ['team-a'],
      siteId: 'sauna',
    },
    { injectNumber: '1', subject: { en: 'Tip-off' }, firedAt: '2026-11-24T10:00:00Z', teams: ['team-a'] },
  ],
  scenarioTime: '01:00:00',
  speed: 2,
  running: true,
  asOf: '2026-11-24T10:00:00Z',
  recorded: [
    {
      observationId: 'server-1',
      teamId: 'team-a',
      criticalTaskId: 'identify-screen',
      rating: 'm',
      scenarioTime: '00:50:00',
    },
  ],
};

describe('ObservationOutbox', () => {
  it('keeps a rating on the phone with its own id and the time it was seen', async () => {
    const { box } = await outbox();

    const kept = await box.add({
      teamId: 'team-a',
      criticalTaskId: 'identify-screen',
      rating: 's',
      note: '  slow start ',
    });

    expect(kept).toMatchObject({
      observationId: 'obs-1',
      observedAt: '2026-11-24T10:00:00.000Z',
      rating: 's',
      note: 'slow start',
    });
    expect((await box.pending()).map((o) => o.observationId)).toEqual(['obs-1']);
  });

  it('refuses an observation with no rating, no note and no photo', async () => {
    const { box } = await outbox();

    await expect(box.add({ teamId: 'team-a', note: '   ' })).rejects.toThrow();
    expect(await box.pending()).toEqual([]);
  });

  it('sends what was written offline oldest first, once each, and keeps the receipts', async () => {
    let clock = Date.parse('2026-11-24T10:00:00Z');
    const { box, store } = await outbox(() => {
      clock += 1000;
      return new Date(clock);
    });
    await box.add({ teamId: 'team-a', criticalTaskId: 't1', rating: 'p' });
    await box.add({ teamId: 'team-a', note: 'enters without interpreter', injectNumber: '4' });
    await box.add({ teamId: 'team-a', criticalTaskId: 't1', rating: 's', corrects: 'obs-1' });
    const sent: ObservationRequest[] = [];

    const result = await box.flush(async (request) => {
      sent.push(request);
      return receiptFor(request, sent.length);
    });
    const again = await box.flush(async (request) => {
      sent.push(request);
      return receiptFor(request, 99);
    });

    expect(result).toEqual({ sent: 3, failed: 0, stopped: false });
    expect(again.sent).toBe(0);
    expect(sent.map((r) => r.observationId)).toEqual(['obs-1', 'obs-2', 'obs-3']);
    expect(sent[2]).toMatchObject({ corrects: 'obs-1', rating: 's' });
    expect(sent[0]).not.toHaveProperty('order');
    expect((await store.observations()).map((o) => o.receipt?.sequence)).toEqual([1, 2, 3]);
  });

  it('keeps an observation whose receipt never came and sends it again under the same id', async () => {
    const { box } = await outbox();
    await box.add({ teamId: 'team-a', criticalTaskId: 't1', rating: 'u' });
    const ids: string[] = [];

    const lost = await box.flush(async (request) => {
      ids.push(request.observationId);
      throw new Error('connection lost before the receipt');
    });
    const retried = await box.flush(async (request) => {
      ids.push(request.observationId);
      return receiptFor(request, 1, true);
    });

    expect(lost).toEqual({ sent: 0, failed: 1, stopped: true });
    expect(retried.sent).toBe(1);
    expect(ids).toEqual(['obs-1', 'obs-1']);
    expect(await box.pending()).toEqual([]);
  });

  it('does not settle an observation on a receipt for another id', async () => {
    const { box } = await outbox();
    await box.add({ teamId: 'team-a', note: 'x' });

    const result = await box.flush(async (request) => ({ ...receiptFor(request, 1), observationId: 'someone-else' }));

    expect(result.failed).toBe(1);
    expect(await box.pending()).toHaveLength(1);
  });

  it('uploads a photo before sending and names it, and a refused photo is left out', async () => {
    const { box } = await outbox();
    await box.add({
      teamId: 'team-a',
      note: 'door chained',
      photos: [
        { contentType: 'image/jpeg', bytes: new Uint8Array([1, 2]).buffer },
        { contentType: 'image/jpeg', bytes: new Uint8Array([3]).buffer },
      ],
    });
    const uploads: string[] = [];
    const sent: ObservationRequest[] = [];

    await box.flush(
      async (request) => {
        sent.push(request);
        return receiptFor(request, 1);
      },
      () => false,
      async (attachment) => {
        uploads.push(attachment.attachmentId);
        return uploads.length === 1 ? 'uploaded' : { refused: 415 };
      },
    );

    expect(uploads).toEqual(['obs-2', 'obs-3']);
    expect(sent[0]?.attachmentIds).toEqual(['obs-2']);
  });

  it('shares one run between concurrent flushes, so nothing goes twice', async () => {
    const { box } = await outbox();
    await box.add({ teamId: 'team-a', note: 'one' });
    let calls = 0;
    const send = async (request: ObservationRequest) => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return receiptFor(request, 1);
    };

    await Promise.all([box.flush(send), box.flush(send), box.flush(send)]);

    expect(calls).toBe(1);
  });
});

describe('the evaluator brief on the phone', () => {
  it('runs exercise time on from the last brief at its speed', () => {
    expect(exerciseTimeAt(brief, new Date('2026-11-24T10:01:00Z'))).toBe(parseSpan('01:02:00'));
    expect(exerciseTimeAt({ ...brief, running: false }, new Date('2026-11-24T11:00:00Z'))).toBe(parseSpan('01:00:00'));
  });

  it('reads server time spans with days and fractions', () => {
    expect(parseSpan('1.02:03:04.5')).toBe((((24 + 2) * 60 + 3) * 60 + 4.5) * 1000);
    expect(parseSpan('nonsense')).toBe(0);
  });

  it('finds the inject in play at a site, else the newest for the team', () => {
    expect(inPlayFor(brief, { siteId: 'sauna' })?.injectNumber).toBe('4');
    expect(inPlayFor(brief, { teamId: 'team-a' })?.injectNumber).toBe('4');
    expect(inPlayFor(brief, { teamId: 'team-c' })?.injectNumber).toBe('6');
    expect(inPlayFor(brief, { siteId: 'farm' })).toBeUndefined();
  });

  it('takes the newest local rating over the server one, so a correction names the right id', async () => {
    const { box, store } = await outbox();

    const before = currentRating(brief, await store.observations(), 'team-a', 'identify-screen');
    await box.add({ teamId: 'team-a', criticalTaskId: 'identify-screen', rating: 'p', corrects: 'server-1' });
    const after = currentRating(brief, await store.observations(), 'team-a', 'identify-screen');

    expect(before).toEqual({ rating: 'm', observationId: 'server-1' });
    expect(after).toEqual({ rating: 'p', observationId: 'obs-1' });
  });
});
