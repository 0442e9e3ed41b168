import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { waitFor, waitText } from '../upcoming';
import { h, replaceChildren, type View } from './dom';

const TICK_MS = 15_000;

/**
 * "Next: The raid, in about 10 minutes" under the actor's current card, from the server's list of
 * upcoming cards; the rest as "Later: …". Counts down on its own (offline too) and says when the
 * exercise clock is paused. Cards the phone already holds are not announced again.
 */
export function nextCueLine(now: () => number = Date.now): View<AppState> {
  const el = h('section', { class: 'cue-next', 'data-testid': 'cue-next', hidden: true, 'aria-live': 'polite' });
  let last: AppState | null = null;
  let tick: ReturnType<typeof setInterval> | undefined;
  const paint = (state: AppState): void => {
    const held = state.upcoming;
    const have = new Set(state.messages.filter((m) => m.kind === 'cueCard').map((m) => m.injectNumber));
    const cards = held?.answer.cards.filter((c) => !have.has(c.injectNumber)) ?? [];
    el.hidden = !held || cards.length === 0;
    if (!held || cards.length === 0) {
      replaceChildren(el);
      return;
    }
    const lang = getLanguage();
    const defaultLanguage = state.session?.defaultLanguage;
    const [first, ...later] = cards;
    if (!first) return;
    const wait = waitFor(first, held, now());
    el.dataset.wait = wait.kind;
    replaceChildren(
      el,
      h(
        'p',
        { class: 'cue-next-line', 'data-testid': 'cue-next-line' },
        h('strong', {}, t('upcoming.next', { title: localize(first.title, defaultLanguage) })),
        ', ',
        h('span', { 'data-testid': 'cue-next-wait' }, waitText(wait, lang)),
      ),
      later.length > 0
        ? h(
            'ul',
            { class: 'cue-later' },
            ...later.map((c) =>
              h(
                'li',
                { 'data-testid': 'cue-later' },
                t('upcoming.later', { title: localize(c.title, defaultLanguage) }),
                ', ',
                waitText(waitFor(c, held, now()), lang),
              ),
            ),
          )
        : null,
    );
  };
  return {
    el,
    update(state) {
      last = state;
      paint(state);
      if (tick === undefined) {
        tick = setInterval(() => {
          if (!el.isConnected) {
            clearInterval(tick);
            tick = undefined;
            return;
          }
          if (last) paint(last);
        }, TICK_MS);
      }
    },
  };
}
