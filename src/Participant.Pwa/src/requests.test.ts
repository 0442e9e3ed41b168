import { afterEach, describe, expect, it } from 'vitest';
import { RequestOutbox } from './requests';
import type { Store } from './store';
import { openTestStore } from './test/fakes';
import type { PersonaRequest, RequestReceipt } from './types';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function requestOutbox(): Promise<{ store: Store; box: RequestOutbox }> {
  const store = await openTestStore();
  stores.push(store);
  let n = 0;
  return { store, box: new RequestOutbox(store, () => `id-${++n}`) };
}

function receiptFor(request: PersonaRequest, duplicate = false): RequestReceipt {
  return {
    requestId: request.requestId,
    threadId: `team-a/${request.personaId}`,
    storedAt: '2026-11-24T10:00:00Z',
    duplicate,
  };
}

const photo = { contentType: 'image/jpeg', bytes: new Uint8Array([1, 2, 3]).buffer };

describe('RequestOutbox', () => {
  it('keeps a request written offline with its client-made id until its receipt comes back', async () => {
    const { store, box } = await requestOutbox();

    const item = await box.add('bank', { text: '  Statements for March, please  ' });

    expect(item).toMatchObject({ requestId: 'id-1', personaId: 'bank', text: 'Statements for March, please' });
    expect(await box.pending()).toHaveLength(1);
    const sent: PersonaRequest[] = [];
    expect(
      await box.flush(async (request) => {
        sent.push(request);
        return receiptFor(request);
      }),
    ).toBe(1);
    expect(sent).toEqual([{ requestId: 'id-1', personaId: 'bank', text: 'Statements for March, please' }]);
    expect(await box.pending()).toEqual([]);
    expect((await store.requests())[0]).toMatchObject({ storedAt: '2026-11-24T10:00:00Z', threadId: 'team-a/bank' });
  });

  it('resends the same requestId after a lost connection, so the server stores it once', async () => {
    const { box } = await requestOutbox();
    await box.add('bank', { text: 'Statements' });
    const ids: string[] = [];

    await box.flush(async (request) => {
      ids.push(request.requestId);
      throw new Error('connection lost');
    });
    expect(await box.pending()).toHaveLength(1);
    await box.flush(async (request) => {
      ids.push(request.requestId);
      return receiptFor(request, true);
    });

    expect(ids).toEqual(['id-1', 'id-1']);
    expect(await box.pending()).toEqual([]);
  });

  it('a receipt for another id leaves the request queued', async () => {
    const { box } = await requestOutbox();
    await box.add('bank', { text: 'Statements' });

    await box.flush(async (request) => receiptFor({ ...request, requestId: 'someone-else' }));

    expect(await box.pending()).toHaveLength(1);
  });

  it('sends oldest first and stops at the first failure when the connection is gone', async () => {
    const { box } = await requestOutbox();
    await box.add('bank', { text: 'one' });
    await box.add('prosecutor', { text: 'two' });
    const tried: string[] = [];

    const sent = await box.flush(async (request) => {
      tried.push(request.text);
      throw new Error('offline');
    });

    expect(sent).toBe(0);
    expect(tried).toEqual(['one']);
    expect((await box.pending()).map((r) => r.text)).toEqual(['one', 'two']);
  });

  it('uploads the photos first and names only those the server took', async () => {
    const { box } = await requestOutbox();
    await box.add('bank', { text: 'See the receipt', photos: [photo, photo] });
    const uploads: string[] = [];
    const sent: PersonaRequest[] = [];

    await box.flush(
      async (request) => {
        sent.push(request);
        return receiptFor(request);
      },
      () => false,
      async (attachment) => {
        uploads.push(attachment.attachmentId);
        return attachment.attachmentId === 'id-2' ? 'uploaded' : { refused: 413 };
      },
    );

    expect(uploads).toEqual(['id-2', 'id-3']);
    expect(sent[0]?.attachmentIds).toEqual(['id-2']);
  });

  it('refuses empty text and more than five photos before queueing anything', async () => {
    const { box } = await requestOutbox();

    await expect(box.add('bank', { text: '   ' })).rejects.toThrow();
    await expect(box.add('bank', { text: 'x', photos: Array(6).fill(photo) })).rejects.toThrow();
    expect(await box.pending()).toEqual([]);
  });
});
