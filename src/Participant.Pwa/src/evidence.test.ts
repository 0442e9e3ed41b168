import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { evidenceCodeFromText, ScanOutbox } from './evidence';
import { Store } from './store';
import { openTestStore } from './test/fakes';
import type { EvidenceReceipt, EvidenceScan } from './types';
import { parseRoute } from './ui/shell';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function scanOutbox(): Promise<{ store: Store; box: ScanOutbox }> {
  const store = await openTestStore();
  stores.push(store);
  let n = 0;
  return { store, box: new ScanOutbox(store, () => `scan-${++n}`) };
}

function found(scan: EvidenceScan, duplicate = false): EvidenceReceipt {
  return {
    scanId: scan.scanId,
    outcome: 'found',
    item: { en: 'Cash ledger', ru: 'Журнал' },
    sequence: 7,
    storedAt: '2026-12-01T00:10:00Z',
    duplicate,
  };
}

describe('evidenceCodeFromText', () => {
  it('reads the code from a label link, the app address the camera opened, or a bare code', () => {
    expect(evidenceCodeFromText('https://drill.example/app/#/scan/K7QM-2XPA-9ZZT')).toBe('K7QM-2XPA-9ZZT');
    expect(evidenceCodeFromText('#/scan/k7qm2xpa')).toBe('k7qm2xpa');
    expect(evidenceCodeFromText('  K7QM2XPA9ZZT \n')).toBe('K7QM2XPA9ZZT');
  });

  it('refuses a join link, another link, an empty code and text that is no code', () => {
    expect(evidenceCodeFromText('https://drill.example/app/?code=K7QM2XPA')).toBeNull();
    expect(evidenceCodeFromText('https://example.com/scan')).toBeNull();
    expect(evidenceCodeFromText('https://drill.example/app/#/scan/')).toBeNull();
    expect(evidenceCodeFromText('AB 123 C')).toBeNull();
    expect(evidenceCodeFromText('---')).toBeNull();
    expect(evidenceCodeFromText('A'.repeat(65))).toBeNull();
  });
});

describe('parseRoute', () => {
  it('opens the scan screen for #/scan and queues the code of #/scan/CODE', () => {
    expect(parseRoute('#/scan')).toEqual({ name: 'scan' });
    expect(parseRoute('#/scan/K7QM%2D2XPA')).toEqual({ name: 'scanCode', code: 'K7QM-2XPA' });
    expect(parseRoute('#/scan/%E0%A4%A')).toEqual({ name: 'scanCode', code: '' });
  });
});

describe('ScanOutbox', () => {
  it('keeps a scan made offline with its client-made id, sends it once and keeps the receipt', async () => {
    const { store, box } = await scanOutbox();

    await box.add('https://drill.example/app/#/scan/LEDGER01');

    expect(await box.pending()).toEqual([expect.objectContaining({ scanId: 'scan-1', code: 'LEDGER01' })]);
    const sent: EvidenceScan[] = [];
    const send = async (scan: EvidenceScan) => {
      sent.push(scan);
      return found(scan);
    };
    expect(await box.flush(send)).toBe(1);
    expect(await box.flush(send)).toBe(0);
    expect(sent).toEqual([{ scanId: 'scan-1', code: 'LEDGER01' }]);
    expect(await box.pending()).toEqual([]);
    const [kept] = await store.scans();
    expect(kept?.receipt).toMatchObject({ outcome: 'found', sequence: 7 });
  });

  it('retries a scan whose send failed with the same id, and a repeated receipt changes nothing', async () => {
    const { store, box } = await scanOutbox();
    await box.add('LEDGER01');
    await box.add('PASSPORT');

    const lost = await box.flush(async () => {
      throw new Error('connection lost');
    });
    expect(lost).toBe(0);
    expect((await box.pending()).map((s) => s.scanId)).toEqual(['scan-1', 'scan-2']);

    const sent: string[] = [];
    await box.flush(async (scan) => {
      sent.push(scan.scanId);
      return found(scan);
    });
    expect(sent).toEqual(['scan-1', 'scan-2']);
    expect(await box.settle(found({ scanId: 'scan-1', code: 'LEDGER01' }, true))).toBe('alreadySettled');
    expect((await store.scans()).map((s) => s.receipt?.duplicate)).toEqual([false, false]);
  });

  it('leaves a scan queued when the answer is not its receipt', async () => {
    const { box } = await scanOutbox();
    await box.add('LEDGER01');

    expect(
      await box.flush(async () => ({ scanId: 'another', outcome: 'found', storedAt: 'x', duplicate: false })),
    ).toBe(0);
    expect(await box.pending()).toHaveLength(1);
  });

  it('refuses text that is no evidence code', async () => {
    const { box } = await scanOutbox();
    await expect(box.add('https://drill.example/app/?code=K7QM2XPA')).rejects.toThrow('not an evidence code');
    expect(await box.pending()).toEqual([]);
  });
});

describe('Store version 6', () => {
  it('adds the scans store to a phone upgraded mid-exercise and keeps what version 5 held', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = await openDB(name, 5, {
      upgrade(database) {
        for (const store of ['session', 'meta', 'evaluator']) database.createObjectStore(store);
        database.createObjectStore('messages', { keyPath: 'deliveryId' }).createIndex('bySequence', 'sequence');
        database
          .createObjectStore('outbox', { keyPath: 'order', autoIncrement: true })
          .createIndex('byResponseId', 'responseId', { unique: true });
        database.createObjectStore('responses', { keyPath: 'responseId' }).createIndex('byDeliveryId', 'deliveryId');
        database
          .createObjectStore('attachments', { keyPath: 'attachmentId' })
          .createIndex('byResponseId', 'responseId');
        database.createObjectStore('signals', { keyPath: 'signalId' });
        database.createObjectStore('requests', { keyPath: 'requestId' });
        database.createObjectStore('observations', { keyPath: 'observationId' });
        database.createObjectStore('statements', { keyPath: 'statementId' });
      },
    });
    await old.put('requests', {
      requestId: 'r-1',
      personaId: 'bank',
      text: 'Statements',
      createdAt: '2026-12-01T00:00:00Z',
    });
    old.close();

    const store = await Store.open(name);
    stores.push(store);

    expect((await store.requests()).map((r) => r.requestId)).toEqual(['r-1']);
    await new ScanOutbox(store, () => 'scan-1').add('LEDGER01');
    expect((await store.scans()).map((s) => s.code)).toEqual(['LEDGER01']);
  });
});
