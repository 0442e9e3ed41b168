import { localize, t } from '../i18n';
import type { LocalizedText } from '../types';
import { h } from './dom';

/**
 * The exercise marking ("EXERCISE — EXERCISE — EXERCISE") the scenario sets, so nothing on the
 * screen passes for real traffic. Without one from the server the app's own default shows.
 */
export function markingText(line: LocalizedText | undefined, defaultLanguage?: string): string {
  return localize(line && Object.keys(line).length > 0 ? line : undefined, defaultLanguage) || t('marking.default');
}

export function marking(line: LocalizedText | undefined, defaultLanguage?: string): HTMLElement {
  return h('p', { class: 'marking', 'data-testid': 'marking' }, markingText(line, defaultLanguage));
}
