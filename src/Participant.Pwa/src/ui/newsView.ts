import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { newestFirst } from '../model';
import type { StoredMessage } from '../store';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { messageHref } from './inboxView';

export function articles(messages: readonly StoredMessage[]): StoredMessage[] {
  return newestFirst(messages.filter((m) => m.kind === 'article'));
}

/** When the article appeared in the simulated world: a seeded one carries its own date from before STARTEX. */
export function published(article: StoredMessage): string {
  return article.publishedAt ?? article.firedAt;
}

/** "City News · Maria Lebedeva": the channel and its author; without a channel, who wrote it and how. */
export function byline(article: StoredMessage, lang: string): string {
  const author = localize(article.from, lang);
  if (!article.channel) return `${author} · ${t(`method.${article.method}`)}`;
  const channel = localize(article.channel.name, lang);
  return author ? `${channel} · ${author}` : channel;
}

function articleItem(article: StoredMessage, lang: string): HTMLElement {
  const unread = !article.read;
  return h(
    'li',
    { class: unread ? 'inbox-item unread' : 'inbox-item', 'data-testid': 'news-item', 'data-unread': String(unread) },
    h(
      'a',
      { href: messageHref(article), 'data-delivery-id': article.deliveryId },
      h(
        'span',
        { class: 'inbox-line' },
        unread ? h('span', { class: 'badge' }, t('inbox.unread')) : null,
        h('span', { class: 'inbox-subject' }, localize(article.subject, lang)),
      ),
      h(
        'span',
        { class: 'inbox-meta', 'data-testid': 'news-byline' },
        `${byline(article, lang)} · `,
        h('time', { datetime: published(article) }, formatTime(published(article), getLanguage())),
      ),
    ),
  );
}

/** The simulated media feed: every article the team's mailbox holds, newest first. Opening one reports it seen. */
export function newsView(): View<AppState> {
  const list = h('ul', { class: 'inbox', 'data-testid': 'news', 'aria-labelledby': 'news-heading' });
  const empty = h('p', { class: 'empty' }, t('news.empty'));
  const el = h('section', { class: 'screen' }, h('h1', { id: 'news-heading' }, t('news.heading')), list, empty);
  return {
    el,
    update(state) {
      const lang = state.session?.defaultLanguage ?? 'en';
      const shown = articles(state.messages);
      replaceChildren(list, ...shown.map((a) => articleItem(a, lang)));
      empty.hidden = shown.length > 0;
    },
  };
}
