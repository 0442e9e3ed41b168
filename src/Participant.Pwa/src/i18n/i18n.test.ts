import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  availableLanguages,
  dictionaries,
  getLanguage,
  initLanguage,
  type KeyValueStorage,
  localize,
  setLanguage,
  t,
} from './index';

class MemoryStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

afterEach(() => {
  initLanguage(new MemoryStorage(), ['en']);
});

describe('language files', () => {
  const all = [...dictionaries.entries()];
  const allKeys = new Set(all.flatMap(([, dict]) => Object.keys(dict)));

  it('include English and Russian', () => {
    expect(availableLanguages()).toEqual(expect.arrayContaining(['en', 'ru']));
  });

  it.each(all)('%s has every key that any language has', (_lang, dict) => {
    const missing = [...allKeys].filter((key) => !(key in dict));
    expect(missing).toEqual([]);
  });

  it.each(all)('%s has no empty values', (_lang, dict) => {
    const empty = Object.entries(dict).filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(all)('%s uses the same {placeholders} as English', (_lang, dict) => {
    const english = dictionaries.get('en') ?? {};
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const different = Object.keys(english).filter(
      (key) => JSON.stringify(placeholders(dict[key] ?? '')) !== JSON.stringify(placeholders(english[key] ?? '')),
    );
    expect(different).toEqual([]);
  });

  it('has every key the code asks for, literal or built from a known set of values', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
      });
    const code = sources(join(__dirname, '..'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const literal = [...code.matchAll(/\bt\(\s*'([a-zA-Z0-9.]+)'/g)].map((m) => m[1] ?? '');
    // Keys built at run time, from every value their variable part can take.
    const families: Record<string, readonly string[]> = {
      'connection.': ['online', 'reconnecting', 'offline'],
      'join.': ['expired', 'revoked'],
      'join.scan.error.': ['denied', 'noCamera', 'insecure', 'failed'],
      'actor.call.': ['sent', 'offline', 'unsupported', 'failed'],
      'role.': ['participant', 'actor', 'evaluator'],
      'rating.': ['p', 's', 'm', 'u'],
      'method.': ['document', 'phoneCall', 'sms', 'email', 'radio', 'inPerson', 'mediaReport'],
      'response.': ['photoTooLarge', 'photoNotImage', 'problem.choice', 'problem.field', 'problem.photo'],
    };
    const built = Object.entries(families).flatMap(([prefix, values]) => values.map((v) => prefix + v));
    const signals = ['stop', 'endex', 'realEmergency'].flatMap((kind) => [
      `signal.${kind}.title`,
      `signal.${kind}.note`,
    ]);
    const english = dictionaries.get('en') ?? {};
    const missing = [...new Set([...literal, ...built, ...signals])].filter((key) => !(key in english));
    expect(literal.length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('Russian is really translated, not copied from English', () => {
    const en = dictionaries.get('en') ?? {};
    const ru = dictionaries.get('ru') ?? {};
    const cyrillic = Object.keys(en).filter((key) => /[а-яё]/i.test(ru[key] ?? ''));
    expect(cyrillic.length / Object.keys(en).length).toBeGreaterThan(0.9);
  });
});

describe('t', () => {
  it('fills {placeholders} and leaves unknown ones visible', () => {
    initLanguage(new MemoryStorage(), ['en']);
    expect(t('outbox.count', { count: 3 })).toBe('Responses waiting to send: 3');
    expect(t('outbox.count')).toBe('Responses waiting to send: {count}');
  });

  it('follows the chosen language', () => {
    initLanguage(new MemoryStorage(), ['en']);
    setLanguage('ru');
    expect(t('join.submit')).toBe('Подключиться');
  });

  it('returns the key for an unknown key, so a gap is visible rather than blank', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });
});

describe('language choice', () => {
  it('is saved and comes back on the next start', () => {
    const storage = new MemoryStorage();
    initLanguage(storage, ['en-GB']);
    setLanguage('ru');

    expect(initLanguage(storage, ['en-GB'])).toBe('ru');
  });

  it('defaults to the first supported browser language, else English', () => {
    expect(initLanguage(new MemoryStorage(), ['de-DE', 'ru-RU'])).toBe('ru');
    expect(initLanguage(new MemoryStorage(), ['de-DE'])).toBe('en');
  });

  it('ignores a language without a file', () => {
    initLanguage(new MemoryStorage(), ['en']);
    setLanguage('xx');
    expect(getLanguage()).toBe('en');
  });
});

describe('localize', () => {
  it("shows the device's language, else the exercise default, else any", () => {
    initLanguage(new MemoryStorage(), ['ru']);
    expect(localize({ en: 'Flood', ru: 'Наводнение' }, 'en')).toBe('Наводнение');
    expect(localize({ en: 'Flood', de: 'Hochwasser' }, 'de')).toBe('Hochwasser');
    expect(localize({ fr: 'Inondation' }, 'de')).toBe('Inondation');
    expect(localize(undefined)).toBe('');
  });
});
