import type { AppState } from '../app';
import { getLanguage, t } from '../i18n';
import type { LocationConsent } from '../location';
import { h } from './dom';

export interface LocationChoice {
  /** The exercise asks this phone (the join answer's `locationSharing`). */
  readonly locationAsked: boolean;
  setLocationConsent(consent: LocationConsent): Promise<void>;
}

/**
 * The one-time question, above every screen until answered: what is shared (the phone's position),
 * with whom (the control room), and when (only with a response or a scan, never in the background).
 */
export function locationPrompt(app: LocationChoice): { el: HTMLElement; update(state: AppState): void } {
  const el = h('section', {
    class: 'card location-prompt',
    'data-testid': 'location-consent',
    role: 'dialog',
    'aria-labelledby': 'location-consent-heading',
    hidden: true,
  });
  /** The language the question was last written in: a language change rewrites it. */
  let painted: string | null = null;
  const paint = (): void => {
    painted = getLanguage();
    el.replaceChildren(
      h('h2', { id: 'location-consent-heading', class: 'location-prompt-heading' }, t('location.prompt.heading')),
      h('p', {}, t('location.prompt.body')),
      h('p', { class: 'hint' }, t('location.prompt.change')),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', 'data-testid': 'location-share', onclick: () => void app.setLocationConsent('granted') },
          t('location.prompt.share'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'data-testid': 'location-decline',
            onclick: () => void app.setLocationConsent('declined'),
          },
          t('location.prompt.decline'),
        ),
      ),
    );
  };
  return {
    el,
    update(state) {
      const show = !!state.session && app.locationAsked && state.locationConsent === null;
      if (show && (el.hidden || painted !== getLanguage())) paint();
      el.hidden = !show;
    },
  };
}

/** The menu's switch for the same answer; null when the exercise does not ask. */
export function locationSetting(app: LocationChoice, state: AppState): HTMLElement | null {
  if (!app.locationAsked) return null;
  const on = state.locationConsent === 'granted';
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'location-toggle',
      'aria-pressed': String(on),
      'aria-label': t('location.menu.label'),
      onclick: () => void app.setLocationConsent(on ? 'declined' : 'granted'),
    },
    on ? t('location.menu.on') : t('location.menu.off'),
  );
}
