// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../app';
import { initLanguage, setLanguage } from '../i18n';
import type { LocationConsent } from '../location';
import { locationPrompt, locationSetting } from './locationConsent';

function stateWith(consent: LocationConsent | null): AppState {
  return { session: { exerciseId: 'drill' }, locationConsent: consent } as unknown as AppState;
}

class Choice {
  answers: LocationConsent[] = [];
  constructor(readonly locationAsked: boolean) {}
  async setLocationConsent(consent: LocationConsent): Promise<void> {
    this.answers.push(consent);
  }
}

afterEach(() => setLanguage('en'));

describe('the location question', () => {
  it('shows until answered, says what is shared and when, and records the tap', () => {
    initLanguage(undefined, ['en']);
    const choice = new Choice(true);
    const prompt = locationPrompt(choice);

    prompt.update(stateWith(null));
    expect(prompt.el.hidden).toBe(false);
    expect(prompt.el.textContent).toContain('never in the background');
    (prompt.el.querySelector('[data-testid=location-share]') as HTMLButtonElement).click();
    expect(choice.answers).toEqual(['granted']);

    prompt.update(stateWith('granted'));
    expect(prompt.el.hidden).toBe(true);
  });

  it('is rewritten in the language chosen while it shows', () => {
    initLanguage(undefined, ['en']);
    const prompt = locationPrompt(new Choice(true));
    prompt.update(stateWith(null));

    setLanguage('ru');
    prompt.update(stateWith(null));

    expect(prompt.el.textContent).toContain('никогда в фоне');
  });

  it('neither the question nor the menu switch appear when the exercise does not ask', () => {
    const choice = new Choice(false);
    const prompt = locationPrompt(choice);
    prompt.update(stateWith(null));

    expect(prompt.el.hidden).toBe(true);
    expect(locationSetting(choice, stateWith(null))).toBeNull();
  });

  it('the menu switch turns the answer over', () => {
    const choice = new Choice(true);
    const on = locationSetting(choice, stateWith('granted'));
    const off = locationSetting(choice, stateWith('declined'));

    expect(on?.getAttribute('aria-pressed')).toBe('true');
    on?.click();
    off?.click();
    expect(choice.answers).toEqual(['declined', 'granted']);
  });
});
