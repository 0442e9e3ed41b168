import { afterEach, describe, expect, it } from 'vitest';
import { RESPONSE_PAGE_SIZE } from './sync';
import type { FakeHub } from './test/fakes';
import { stopSyncRigs, syncRig } from './test/syncRig';
import type { TeamResponse } from './types';

// The team's responses to one message come in pages of the team's whole response log
// (`GetResponsePage`, issue 12): the app follows every page, keeps each response once, and falls
// back to `GetResponses` on a server from before the paging.

afterEach(stopSyncRigs);

const response = (n: number, sequence: number): TeamResponse => ({
  responseId: `r${n}`,
  sequence,
  deviceId: `d${n % 3}`,
  deviceName: `Device ${n % 3}`,
  text: `response ${n}`,
  storedAt: '2026-11-24T10:00:00Z',
});

/** A team log as the server keeps it: responses to messages 1 and 2, interleaved, positions 1…count. */
const teamLog = (count: number) => Array.from({ length: count }, (_, i) => response(i + 1, (i % 2) + 1));

/** Serves `log` as the server does: at most `maxCount` records after `after`, filtered by message. */
function servePages(hub: FakeHub, log: TeamResponse[]): void {
  hub.extraMethods.set('GetResponsePage', (sequence, after, maxCount) => {
    const from = after as number;
    const records = log.slice(from, from + Math.min(maxCount as number, 500));
    return {
      responses: records.filter((r) => r.sequence === sequence),
      next: from + records.length,
      hasMore: from + records.length < log.length,
    };
  });
}

describe('the team responses, page by page', () => {
  it('follows every page of a log longer than one and gets each response to the message once', async () => {
    const log = teamLog(RESPONSE_PAGE_SIZE * 2 + 37);
    const { hub, sync } = await syncRig((h) => {
      h.supportReconcile();
      servePages(h, log);
    });
    await sync.start();
    await sync.whenIdle();

    const responses = await sync.teamResponses(2);

    expect(responses?.map((r) => r.responseId)).toEqual(log.filter((r) => r.sequence === 2).map((r) => r.responseId));
    expect(hub.calls('GetResponsePage').map(([, after]) => after)).toEqual([
      0,
      RESPONSE_PAGE_SIZE,
      RESPONSE_PAGE_SIZE * 2,
    ]);
    expect(
      hub.calls('GetResponsePage').every(([sequence, , max]) => sequence === 2 && max === RESPONSE_PAGE_SIZE),
    ).toBe(true);
    expect(hub.calls('GetResponses')).toEqual([]);
  });

  it('goes on past a page with no response to the message', async () => {
    // The first page holds only responses to message 1.
    const log = [...Array.from({ length: RESPONSE_PAGE_SIZE }, (_, i) => response(i + 1, 1)), response(999, 2)];
    const { sync } = await syncRig((h) => {
      h.supportReconcile();
      servePages(h, log);
    });
    await sync.start();
    await sync.whenIdle();

    expect((await sync.teamResponses(2))?.map((r) => r.responseId)).toEqual(['r999']);
  });

  it('keeps a response once when two pages carry it, and drops a malformed one', async () => {
    const { hub, sync } = await syncRig((h) => h.supportReconcile());
    const pages = [
      { responses: [response(1, 1), { nonsense: true }], next: 5, hasMore: true },
      { responses: [response(1, 1), response(2, 1)], next: 9, hasMore: false },
    ];
    hub.extraMethods.set('GetResponsePage', () => pages.shift());
    await sync.start();
    await sync.whenIdle();

    expect((await sync.teamResponses(1))?.map((r) => r.responseId)).toEqual(['r1', 'r2']);
    expect(hub.calls('GetResponsePage').map(([, after]) => after)).toEqual([0, 5]);
  });

  it('stops with nothing to show when the cursor does not move on, instead of asking for ever', async () => {
    const { hub, sync } = await syncRig((h) => h.supportReconcile());
    hub.extraMethods.set('GetResponsePage', (_sequence, after) => ({ responses: [], next: after, hasMore: true }));
    await sync.start();
    await sync.whenIdle();

    expect(await sync.teamResponses(1)).toBeNull();
    expect(hub.calls('GetResponsePage')).toHaveLength(1);
  });

  it('asks an older server for all of them at once with GetResponses', async () => {
    const { hub, sync, errors } = await syncRig((h) => {
      h.supportReconcile();
      h.extraMethods.set('GetResponses', () => [response(1, 3), response(2, 3)]);
    });
    await sync.start();
    await sync.whenIdle();

    expect((await sync.teamResponses(3))?.map((r) => r.responseId)).toEqual(['r1', 'r2']);
    expect((await sync.teamResponses(3))?.map((r) => r.responseId)).toEqual(['r1', 'r2']);
    expect(hub.calls('GetResponsePage')).toHaveLength(1); // known missing after the first try
    expect(errors).toEqual([]);
  });
});
