import { availableLanguages, dictionaries, getLanguage, setLanguage, t } from '../i18n';
import { h } from './dom';

/** Each language is listed by its own name ("Русский", "English"). */
export function languageSelect(id: string, testId = 'language-select'): HTMLElement {
  const select = h(
    'select',
    { id, 'data-testid': testId, onchange: () => setLanguage(select.value) },
    ...availableLanguages().map((lang) =>
      h(
        'option',
        { value: lang, lang, selected: lang === getLanguage() },
        dictionaries.get(lang)?.['language.name'] ?? lang,
      ),
    ),
  );
  return h('div', { class: 'field field-inline' }, h('label', { for: id }, t('language.label')), select);
}
