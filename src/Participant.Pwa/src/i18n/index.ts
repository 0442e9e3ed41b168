import type { LocalizedText } from '../types';

export type Dictionary = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

// Every *.json beside this file is a language: adding a language is adding a file.
const files = import.meta.glob<Dictionary>('./*.json', { eager: true, import: 'default' });

export const dictionaries: ReadonlyMap<string, Dictionary> = new Map(
  Object.entries(files).map(([path, dict]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), dict]),
);

export const FALLBACK_LANGUAGE = 'en';
const STORAGE_KEY = 'scenarioengine.language';

export function availableLanguages(): string[] {
  return [...dictionaries.keys()].sort();
}

function defaultStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage can be blocked (private mode, sandboxed frames)
  }
}

let storage: KeyValueStorage | undefined = defaultStorage();
let current = FALLBACK_LANGUAGE;
const listeners = new Set<(lang: string) => void>();

/** Picks the saved language, else the first supported browser language, else English. */
export function initLanguage(
  store: KeyValueStorage | undefined = storage,
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): string {
  storage = store;
  const saved = readSaved();
  const browser = preferred.map((l) => l.toLowerCase().split('-')[0] ?? '').find((l) => dictionaries.has(l));
  current = saved && dictionaries.has(saved) ? saved : (browser ?? FALLBACK_LANGUAGE);
  applyToDocument();
  return current;
}

function readSaved(): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function getLanguage(): string {
  return current;
}

export function setLanguage(lang: string): void {
  if (!dictionaries.has(lang) || lang === current) return;
  current = lang;
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // the choice still holds for this page view
  }
  applyToDocument();
  for (const listener of listeners) listener(lang);
}

export function onLanguageChange(listener: (lang: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function applyToDocument(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

/** UI text for `key` in the current language; `{name}` placeholders are filled from params. */
export function t(key: string, params?: Params): string {
  const text = dictionaries.get(current)?.[key] ?? dictionaries.get(FALLBACK_LANGUAGE)?.[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

/** Scenario content: the device's language, else the exercise default, else whatever exists. */
export function localize(text: LocalizedText | undefined, defaultLanguage?: string): string {
  if (!text) return '';
  const pick = text[current] ?? (defaultLanguage ? text[defaultLanguage] : undefined);
  if (pick !== undefined) return pick;
  return Object.values(text)[0] ?? '';
}
