import { afterEach, describe, expect, it } from 'vitest';
import { initLanguage, type KeyValueStorage, setLanguage } from '../i18n';
import { formatMegabytes } from './offlineFiles';

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

describe('formatMegabytes', () => {
  it('shows a small file in kilobytes, never as 0 MB', () => {
    initLanguage(new MemoryStorage(), ['en']);
    expect(formatMegabytes(1706, 'en')).toBe('2 KB');
    expect(formatMegabytes(0, 'en')).toBe('0 KB');
  });

  it('shows megabytes with one decimal below ten, in the language of the menu', () => {
    initLanguage(new MemoryStorage(), ['en']);
    expect(formatMegabytes(3.25 * 1024 * 1024, 'en')).toBe('3.3 MB');
    expect(formatMegabytes(50 * 1024 * 1024, 'en')).toBe('50 MB');
    setLanguage('ru');
    expect(formatMegabytes(3.25 * 1024 * 1024, 'ru')).toBe('3,3 МБ');
  });
});
