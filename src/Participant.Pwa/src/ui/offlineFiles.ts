import { BUDGET_CHOICES } from '../attachmentCache';
import { t } from '../i18n';
import { h } from './dom';

/** What the menu needs of the attachment cache. */
export interface OfflineFilesLike {
  usage(): Promise<{ used: number; budget: number; files: number }>;
  setBudget(bytes: number): Promise<void>;
  onChange(listener: () => void): () => void;
}

/** Bytes as the menu shows them, localised: "740 KB", "3.2 MB", "3,2 МБ". */
export function formatMegabytes(bytes: number, lang: string): string {
  if (bytes < 1024 * 1024) {
    return t('offline.kilobytes', { size: new Intl.NumberFormat(lang).format(Math.ceil(bytes / 1024)) });
  }
  const mb = bytes / 1024 / 1024;
  const text = new Intl.NumberFormat(lang, { maximumFractionDigits: mb >= 10 ? 0 : 1 }).format(mb);
  return t('offline.megabytes', { size: text });
}

/**
 * The menu's line on files kept for offline use: how much they take of the budget, and a choice
 * of budget. Repaints when the cache changes, until the menu that holds it is rebuilt.
 */
export function offlineFilesSetting(cache: OfflineFilesLike, lang: string): HTMLElement {
  const usage = h('p', { class: 'hint', 'data-testid': 'offline-usage' });
  const select = h(
    'select',
    {
      id: 'offline-budget',
      'data-testid': 'offline-budget',
      onchange: () => void cache.setBudget(Number(select.value)),
    },
    ...BUDGET_CHOICES.map((bytes) => h('option', { value: bytes }, formatMegabytes(bytes, lang))),
  );
  const el = h(
    'div',
    { class: 'offline-files' },
    h('div', { class: 'field' }, h('label', { for: 'offline-budget' }, t('offline.budget')), select),
    usage,
  );
  const paint = async (): Promise<void> => {
    const { used, budget } = await cache.usage();
    select.value = String(budget);
    usage.textContent = t('offline.usage', {
      used: formatMegabytes(used, lang),
      budget: formatMegabytes(budget, lang),
    });
    usage.dataset.used = String(used);
    usage.dataset.budget = String(budget);
  };
  const off = cache.onChange(() => {
    if (!el.isConnected) {
      off();
      return;
    }
    void paint();
  });
  void paint();
  return el;
}
