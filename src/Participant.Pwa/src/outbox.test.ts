import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import { Store } from './store';
import { type Deferred, deferred, openTestStore } from './test/fakes';
import type { RespondRequest, ResponseReceipt } from './types';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function outbox(): Promise<{ store: Store; outbox: Outbox }> {
  const store = await openTestStore();
  stores.push(store);
  let n = 0;
  return { store, outbox: new Outbox(store, () => `response-${++n}`) };
}

function receiptFor(request: RespondRequest, duplicate = false): ResponseReceipt {
  return { responseId: request.responseId, sequence: request.sequence, storedAt: '2026-11-24T10:00:00Z', duplicate };
}

const target = (sequence: number) => ({ deliveryId: `delivery-${sequence}`, sequence });

describe('Outbox', () => {
  it('gives each response its own client-made id', async () => {
    const store = await openTestStore();
    stores.push(store);
    const real = new Outbox(store);

    const a = await real.add(target(1), 'first');
    const b = await real.add(target(1), 'second');

    expect(a.responseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.responseId).not.toBe(a.responseId);
  });

  it('refuses an empty response and trims the text', async () => {
    const { outbox: box } = await outbox();

    await expect(box.add(target(1), '   ')).rejects.toThrow();
    expect((await box.add(target(1), '  on our way \n')).text).toBe('on our way');
  });

  it('sends oldest first, one at a time, each after the previous receipt', async () => {
    const { outbox: box } = await outbox();
    await box.add(target(3), 'a');
    await box.add(target(1), 'b');
    await box.add(target(2), 'c');
    const sent: string[] = [];
    const pending: Deferred<ResponseReceipt>[] = [];

    const flushing = box.flush((request) => {
      sent.push(request.text);
      const d = deferred<ResponseReceipt>();
      pending.push(d);
      void d.promise;
      return d.promise;
    });
    await until(() => pending.length === 1);
    expect(sent).toEqual(['a']);
    pending[0]?.resolve(receiptFor({ responseId: 'response-1', sequence: 3, text: 'a' }));
    await until(() => pending.length === 2);
    pending[1]?.resolve(receiptFor({ responseId: 'response-2', sequence: 1, text: 'b' }));
    await until(() => pending.length === 3);
    pending[2]?.resolve(receiptFor({ responseId: 'response-3', sequence: 2, text: 'c' }));
    await flushing;

    expect(sent).toEqual(['a', 'b', 'c']);
    expect(await box.count()).toBe(0);
  });

  it('keeps an item until its receipt arrives', async () => {
    const { store, outbox: box } = await outbox();
    await box.add(target(1), 'holding the perimeter');

    await box.flush(() => Promise.reject(new Error('connection lost')));
    expect((await box.items()).map((i) => i.responseId)).toEqual(['response-1']);

    await box.flush(async (request) => receiptFor(request));
    expect(await box.items()).toEqual([]);
    expect(await store.sentResponses('delivery-1')).toMatchObject([
      { responseId: 'response-1', text: 'holding the perimeter', duplicate: false },
    ]);
  });

  it('stops at a lost connection and resumes in the same order', async () => {
    const { outbox: box } = await outbox();
    for (const text of ['one', 'two', 'three']) await box.add(target(1), text);
    const sent: string[] = [];

    const first = await box.flush(async (request) => {
      sent.push(request.text);
      if (request.text === 'two') throw new Error('connection lost');
      return receiptFor(request);
    });
    expect(first).toEqual({ sent: 1, failed: 1, stopped: true });
    expect((await box.items()).map((i) => i.text)).toEqual(['two', 'three']);

    await box.flush(async (request) => {
      sent.push(request.text);
      return receiptFor(request);
    });
    expect(sent).toEqual(['one', 'two', 'two', 'three']);
    expect(await box.count()).toBe(0);
  });

  it('a refused item stays queued without holding up the rest when the connection is fine', async () => {
    const { outbox: box } = await outbox();
    for (const text of ['one', 'too long', 'three']) await box.add(target(1), text);

    const result = await box.flush(
      async (request) => {
        if (request.text === 'too long') throw new Error('HubException: response too long');
        return receiptFor(request);
      },
      () => true,
    );

    expect(result).toEqual({ sent: 2, failed: 1, stopped: false });
    expect((await box.items()).map((i) => i.text)).toEqual(['too long']);
  });

  it('a receipt marked duplicate settles the item: the server already had it', async () => {
    const { store, outbox: box } = await outbox();
    await box.add(target(1), 'sent twice');

    await box.flush(async (request) => receiptFor(request, true));

    expect(await box.count()).toBe(0);
    expect(await store.sentResponses('delivery-1')).toMatchObject([{ responseId: 'response-1', duplicate: true }]);
  });

  it('a repeated receipt changes nothing, and one for an unknown id is ignored', async () => {
    const { store, outbox: box } = await outbox();
    await box.add(target(1), 'first');
    await box.add(target(1), 'second');
    const receipt = receiptFor({ responseId: 'response-1', sequence: 1, text: 'first' });
    let changes = 0;
    box.onChange(() => changes++);

    expect(await box.settle(receipt)).toBe('settled');
    expect(await box.settle({ ...receipt, duplicate: true })).toBe('alreadySettled');
    expect(await box.settle({ ...receipt, responseId: 'never-queued' })).toBe('unknown');

    expect(changes).toBe(1);
    expect((await box.items()).map((i) => i.responseId)).toEqual(['response-2']);
    expect(await store.sentResponses('delivery-1')).toMatchObject([{ responseId: 'response-1', duplicate: false }]);
  });

  it('a receipt for a different response id does not settle the item sent', async () => {
    const { outbox: box } = await outbox();
    await box.add(target(1), 'mine');

    const result = await box.flush(async (request) => ({ ...receiptFor(request), responseId: 'someone-else' }));

    expect(result.failed).toBe(1);
    expect(await box.count()).toBe(1);
  });

  it('flushes started together send each item once', async () => {
    const { outbox: box } = await outbox();
    await box.add(target(1), 'one');
    await box.add(target(1), 'two');
    const sent: string[] = [];
    const send = async (request: RespondRequest) => {
      sent.push(request.responseId);
      return receiptFor(request);
    };

    await Promise.all([box.flush(send), box.flush(send), box.flush(send)]);

    expect(sent).toEqual(['response-1', 'response-2']);
  });

  it('an item queued during a flush is sent by that flush', async () => {
    const { outbox: box } = await outbox();
    await box.add(target(1), 'one');
    const sent: string[] = [];
    let added = false;

    await box.flush(async (request) => {
      sent.push(request.text);
      if (!added) {
        added = true;
        await box.add(target(1), 'two');
        void box.flush(async (r) => receiptFor(r));
      }
      return receiptFor(request);
    });

    expect(sent).toEqual(['one', 'two']);
    expect(await box.count()).toBe(0);
  });

  it('survives closing and reopening the database, in order', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = await Store.open(name);
    const box = new Outbox(first);
    await box.add(target(1), 'one');
    await box.add(target(2), 'two');
    first.close();

    const reopened = await Store.open(name);
    stores.push(reopened);
    expect((await new Outbox(reopened).items()).map((i) => i.text)).toEqual(['one', 'two']);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!condition()) throw new Error('condition not met');
}

describe('Outbox: choices, fields and photos', () => {
  const photo = (n: number) => ({ contentType: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, n]).buffer });

  it('sends the choice and the filled fields, dropping blank ones', async () => {
    const { outbox: box } = await outbox();
    await box.add(target(1), { text: '', choice: 'yes', fields: { plate: ' AB 123 ', people: '  ' } });
    const sent: RespondRequest[] = [];

    await box.flush(async (r) => {
      sent.push(r);
      return receiptFor(r);
    });

    expect(sent).toEqual([
      { responseId: 'response-1', sequence: 1, text: '', choice: 'yes', fields: { plate: 'AB 123' } },
    ]);
  });

  it('refuses a draft with no text, choice, field or photo', async () => {
    const { outbox: box } = await outbox();
    await expect(box.add(target(1), { text: ' ', fields: { plate: ' ' } })).rejects.toThrow('empty response');
  });

  it('uploads the photos first, then names them in the response, and forgets their bytes', async () => {
    const { store, outbox: box } = await outbox();
    await box.add(target(1), { text: 'the van', photos: [photo(1), photo(2)] });
    const uploaded: string[] = [];
    const sent: RespondRequest[] = [];

    const result = await box.flush(
      async (r) => {
        sent.push(r);
        return receiptFor(r);
      },
      () => false,
      async (a) => {
        uploaded.push(a.attachmentId);
        return 'uploaded';
      },
    );

    expect(result.sent).toBe(1);
    expect(uploaded).toEqual(['response-2', 'response-3']);
    expect(sent[0]?.attachmentIds).toEqual(['response-2', 'response-3']);
    const kept = await store.attachmentsOf('response-1');
    expect(kept.map((a) => [a.state, a.bytes.byteLength])).toEqual([
      ['uploaded', 0],
      ['uploaded', 0],
    ]);
  });

  it('keeps the response queued while an upload fails, and does not upload a photo twice', async () => {
    const { outbox: box } = await outbox();
    await box.add(target(1), { text: 'two photos', photos: [photo(1), photo(2)] });
    const uploads: string[] = [];
    let failSecond = true;
    const upload = async (a: { attachmentId: string }): Promise<'uploaded'> => {
      uploads.push(a.attachmentId);
      if (a.attachmentId === 'response-3' && failSecond) throw new Error('network');
      return 'uploaded';
    };
    const sent: RespondRequest[] = [];
    const send = async (r: RespondRequest) => {
      sent.push(r);
      return receiptFor(r);
    };

    expect((await box.flush(send, () => false, upload)).stopped).toBe(true);
    expect(sent).toHaveLength(0);
    expect(await box.count()).toBe(1);

    failSecond = false;
    await box.flush(send, () => false, upload);

    expect(uploads).toEqual(['response-2', 'response-3', 'response-3']);
    expect(sent.map((r) => r.attachmentIds)).toEqual([['response-2', 'response-3']]);
    expect(await box.count()).toBe(0);
  });

  it('sends the response without a photo the server refuses for good', async () => {
    const { store, outbox: box } = await outbox();
    await box.add(target(1), { text: 'huge photo', photos: [photo(1)] });
    const sent: RespondRequest[] = [];

    await box.flush(
      async (r) => {
        sent.push(r);
        return receiptFor(r);
      },
      () => false,
      async () => ({ refused: 413 }),
    );

    expect(sent).toEqual([{ responseId: 'response-1', sequence: 1, text: 'huge photo' }]);
    expect((await store.attachmentsOf('response-1'))[0]).toMatchObject({ state: 'rejected', rejectedStatus: 413 });
    const [settled] = await store.allSentResponses();
    expect(settled?.attachmentIds).toBeUndefined();
    expect(settled?.photosRefused).toBe(1);
  });
});
