import { afterEach, describe, expect, it } from 'vitest';
import { initLanguage, type KeyValueStorage, setLanguage } from './i18n';
import type { UpcomingCueCards } from './types';
import { type HeldUpcoming, waitFor, waitText } from './upcoming';

class MemoryStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

afterEach(() => initLanguage(new MemoryStorage(), ['en']));

const MINUTE = 60_000;
const card = { injectNumber: '12', title: { en: 'The raid' }, dueAt: '01:30:00' };

function held(overrides: Partial<UpcomingCueCards> = {}, receivedAt = 0): HeldUpcoming {
  return {
    answer: {
      cards: [card],
      scenarioTime: '01:10:00',
      speed: 1,
      running: true,
      asOf: '2026-11-30T10:00:00Z',
      ...overrides,
    },
    receivedAt,
  };
}

describe('waitFor', () => {
  it('is exercise time to go at real-time speed', () => {
    expect(waitFor(card, held(), 0)).toEqual({ kind: 'in', ms: 20 * MINUTE });
  });

  it('shrinks with the clock speed: twenty exercise minutes at 2× are ten wall minutes', () => {
    expect(waitFor(card, held({ speed: 2 }), 0)).toEqual({ kind: 'in', ms: 10 * MINUTE });
  });

  it('counts down from when the phone got the answer, by its own clock', () => {
    expect(waitFor(card, held({ speed: 2 }, 1_000_000), 1_000_000 + 4 * MINUTE)).toEqual({
      kind: 'in',
      ms: 6 * MINUTE,
    });
  });

  it('is due once the wait has passed', () => {
    expect(waitFor(card, held({ speed: 4 }), 6 * MINUTE)).toEqual({ kind: 'due' });
  });

  it('is paused while the clock does not run, however long ago the answer came', () => {
    expect(waitFor(card, held({ running: false }), 3 * 60 * MINUTE)).toEqual({ kind: 'paused' });
  });
});

describe('waitText', () => {
  it('says "in about 10 minutes" in English', () => {
    initLanguage(new MemoryStorage(), ['en']);
    expect(waitText({ kind: 'in', ms: 9.6 * MINUTE }, 'en')).toBe('in about 10 minutes');
    expect(waitText({ kind: 'in', ms: 1.2 * MINUTE }, 'en')).toBe('in about 1 minute');
  });

  it('rounds to five minutes above an hour and names hours and minutes', () => {
    initLanguage(new MemoryStorage(), ['en']);
    expect(waitText({ kind: 'in', ms: 83 * MINUTE }, 'en')).toBe('in about 1 hour 25 minutes');
    expect(waitText({ kind: 'in', ms: 119 * MINUTE }, 'en')).toBe('in about 2 hours');
  });

  it('uses Russian plural forms', () => {
    initLanguage(new MemoryStorage(), ['en']);
    setLanguage('ru');
    expect(waitText({ kind: 'in', ms: 10 * MINUTE }, 'ru')).toBe('примерно через 10 минут');
    expect(waitText({ kind: 'in', ms: 3 * MINUTE }, 'ru')).toBe('примерно через 3 минуты');
    expect(waitText({ kind: 'in', ms: 81 * MINUTE }, 'ru')).toBe('примерно через 1 час 20 минут');
  });

  it('says the clock is paused, and "any moment" under a minute', () => {
    initLanguage(new MemoryStorage(), ['en']);
    expect(waitText({ kind: 'paused' }, 'en')).toBe('exercise clock paused');
    expect(waitText({ kind: 'in', ms: 20_000 }, 'en')).toBe('any moment now');
    expect(waitText({ kind: 'due' }, 'en')).toBe('any moment now');
  });
});
