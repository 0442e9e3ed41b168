import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import type { StoredMessage } from '../store';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';

export function messageHref(message: StoredMessage): string {
  return `#/message/${encodeURIComponent(message.deliveryId)}`;
}

export function inboxItem(message: StoredMessage, defaultLanguage: string): HTMLElement {
  const unread = !message.read;
  const from = localize(message.from, defaultLanguage);
  return h(
    'li',
    { class: unread ? 'inbox-item unread' : 'inbox-item', 'data-testid': 'inbox-item', 'data-unread': String(unread) },
    h(
      'a',
      { href: messageHref(message), 'data-delivery-id': message.deliveryId },
      h(
        'span',
        { class: 'inbox-line' },
        unread ? h('span', { class: 'badge' }, t('inbox.unread')) : null,
        h('span', { class: 'inbox-subject' }, localize(message.subject, defaultLanguage)),
      ),
      h(
        'span',
        { class: 'inbox-meta' },
        `${from ? `${from} · ` : ''}${t(`method.${message.method}`)} · `,
        h('time', { datetime: message.firedAt }, formatTime(message.firedAt, getLanguage())),
      ),
      message.responseRequested ? h('span', { class: 'tag' }, t('inbox.responseRequested')) : null,
    ),
  );
}

/** A list of messages, newest first; rebuilt on every change (it holds no input). */
export function messageList(
  headingId: string,
  heading: string,
): View<{ messages: StoredMessage[]; defaultLanguage: string }> {
  const list = h('ul', { class: 'inbox', 'data-testid': 'inbox', 'aria-labelledby': headingId });
  const empty = h('p', { class: 'empty' }, t('inbox.empty'));
  const el = h('section', { class: 'screen' }, h('h1', { id: headingId }, heading), list, empty);
  return {
    el,
    update({ messages, defaultLanguage }) {
      replaceChildren(list, ...messages.map((m) => inboxItem(m, defaultLanguage)));
      empty.hidden = messages.length > 0;
    },
  };
}

export function inboxView(select: (state: AppState) => StoredMessage[]): View<AppState> {
  const list = messageList('inbox-heading', t('inbox.heading'));
  return {
    el: list.el,
    update(state) {
      list.update({ messages: select(state), defaultLanguage: state.session?.defaultLanguage ?? 'en' });
    },
  };
}
