import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { cueCards, injects } from '../model';
import type { StoredMessage } from '../store';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { messageList } from './inboxView';

function card(message: StoredMessage, lang: string, current: boolean): HTMLElement {
  return h(
    'article',
    {
      class: current ? 'cue-card current' : 'cue-card',
      'data-testid': current ? 'cue-card' : 'cue-card-earlier',
      'data-delivery-id': message.deliveryId,
    },
    h(current ? 'h2' : 'h3', {}, localize(message.subject, lang)),
    h('p', { class: 'cue-meta' }, h('time', { datetime: message.firedAt }, formatTime(message.firedAt, getLanguage()))),
    h('div', { class: 'body' }, localize(message.message, lang)),
  );
}

/** For actors: the newest cue card large, earlier ones below, other messages after. */
export function actorView(onShown: (deliveryId: string) => void): View<AppState> {
  const current = h('div', { class: 'cue-current', 'aria-live': 'polite' });
  const earlier = h('div', { class: 'cue-earlier' });
  const earlierHeading = h('h2', {}, t('actor.earlier'));
  const others = messageList('actor-inbox-heading', t('actor.otherMessages'));
  const el = h(
    'section',
    { class: 'screen' },
    h('h1', { class: 'visually-hidden' }, t('actor.heading')),
    current,
    earlierHeading,
    earlier,
    others.el,
  );
  return {
    el,
    update(state) {
      const lang = state.session?.defaultLanguage ?? 'en';
      const [newest, ...rest] = cueCards(state.messages);
      replaceChildren(
        current,
        h('p', { class: 'cue-label' }, t('actor.current')),
        newest ? card(newest, lang, true) : h('p', { class: 'empty' }, t('actor.empty')),
      );
      replaceChildren(earlier, ...rest.map((m) => card(m, lang, false)));
      earlierHeading.hidden = rest.length === 0;
      const other = injects(state.messages);
      others.update({ messages: other, defaultLanguage: lang });
      others.el.hidden = other.length === 0;
      if (newest && !newest.read) onShown(newest.deliveryId);
    },
  };
}
