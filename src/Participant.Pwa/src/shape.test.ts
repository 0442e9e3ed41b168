import { describe, expect, it } from 'vitest';
import { aheadOfServer, arrayOf, integer, object, oneOf, optional, problems, string } from './shape';
import { message } from './test/fakes';
import { isDeliveredMessage, isSafetySignal, isSyncResult } from './types';

interface Probe {
  id: string;
  count: number;
  colour: string;
  size?: string;
  later?: string;
}

const probe = object<Probe>('Probe', {
  id: string,
  count: integer,
  colour: oneOf(['red', 'blue'], 'open'),
  size: optional(oneOf(['s', 'm'])),
  later: aheadOfServer(string),
});

describe('shapes', () => {
  it('the app ignores a field it does not know; the contract test names it', () => {
    const value = { id: 'a', count: 1, colour: 'red', extra: true };

    expect(problems(probe, value)).toEqual([]);
    expect(problems(probe, value, { strict: true })).toEqual(['$.extra: Probe has no field "extra"']);
  });

  it('an open enum takes an unknown value in the app, not in the contract test; a closed one never', () => {
    expect(problems(probe, { id: 'a', count: 1, colour: 'green' })).toEqual([]);
    expect(problems(probe, { id: 'a', count: 1, colour: 'green' }, { strict: true })).toEqual([
      '$.colour: "green" is not one of "red", "blue"',
    ]);
    expect(problems(probe, { id: 'a', count: 1, colour: 'red', size: 'xl' })).toEqual([
      '$.size: "xl" is not one of "s", "m"',
    ]);
  });

  it('says where a required field is missing or of the wrong type', () => {
    expect(
      problems(arrayOf(probe), [
        { id: 'a', count: 1.5, colour: 'red' },
        { count: 2, colour: 'red' },
      ]),
    ).toEqual(['$[0].count: expected an integer, got 1.5', '$[1].id: expected a string, got undefined']);
  });

  it('knows which fields it declares and which the server does not send yet', () => {
    expect(probe.keys).toEqual(['id', 'count', 'colour', 'size', 'later']);
    expect(probe.aheadOfServer).toEqual(['later']);
  });
});

describe('guards', () => {
  it('keep a message from a newer server: an extra field and a delivery method the app does not know', () => {
    expect(isDeliveredMessage({ ...message(1), method: 'carrierPigeon', priority: 'high' })).toBe(true);
  });

  it('drop a message without what the app needs to show it', () => {
    const { subject: _subject, ...withoutSubject } = message(1);

    expect(isDeliveredMessage(withoutSubject)).toBe(false);
    expect(isDeliveredMessage({ ...message(1), kind: 'memo' })).toBe(false);
  });

  it('keep a safety signal without its message or acknowledged flag', () => {
    expect(isSafetySignal({ signalId: 's1', kind: 'stop', issuedAt: '2026-11-24T10:00:00Z' })).toBe(true);
  });

  it('accept a sync page with a bad message in it: the page is kept, the message is dropped by the caller', () => {
    expect(isSyncResult({ messages: [message(1), { sequence: 'two' }], lastSequence: 2, hasMore: false })).toBe(true);
  });
});
