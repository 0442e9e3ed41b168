import type { AppState } from '../app';
import { t } from '../i18n';
import type { StoredMessage } from '../store';
import { isThreadMessage, threadsUnread } from '../threads';
import { h } from './dom';
import { threadsOf } from './threadsView';

export type Tab = 'inbox' | 'threads' | 'news';

const TABS: readonly { tab: Tab; href: string; label: string }[] = [
  { tab: 'inbox', href: '#/', label: 'tabs.inbox' },
  { tab: 'threads', href: '#/threads', label: 'tabs.threads' },
  { tab: 'news', href: '#/news', label: 'tabs.news' },
];

/** Which tab a mailbox entry is shown under. */
export function tabOfMessage(message: StoredMessage): Tab {
  return message.kind === 'article' || message.kind === 'statementRejected'
    ? 'news'
    : isThreadMessage(message)
      ? 'threads'
      : 'inbox';
}

/** Unread counts per tab. */
export function tabCounts(state: AppState): Record<Tab, number> {
  return {
    inbox: state.messages.filter((m) => !m.read && tabOfMessage(m) === 'inbox').length,
    threads: threadsUnread(threadsOf(state)),
    news: state.messages.filter((m) => !m.read && tabOfMessage(m) === 'news').length,
  };
}

/** The tabs under the connection bar, each with its unread count; hidden for actors, evaluators and before joining. */
export function tabBar(): {
  el: HTMLElement;
  show(current: Tab | null, state: AppState): void;
  update(state: AppState): void;
} {
  const links = TABS.map(({ tab, href, label }) => {
    const count = h('span', { class: 'count', 'data-testid': `tab-count-${tab}` });
    const name = h('span', { class: 'tab-name' });
    const link = h('a', { href, class: 'tab', 'data-testid': `tab-${tab}` }, name, count);
    return { tab, label, link, name, count };
  });
  const el = h('nav', { class: 'tabs', hidden: true }, ...links.map((l) => l.link));
  const update = (state: AppState): void => {
    const counts = tabCounts(state);
    el.setAttribute('aria-label', t('tabs.label'));
    for (const { tab, label, name, count } of links) {
      name.textContent = t(label);
      count.textContent = counts[tab] > 0 ? String(counts[tab]) : '';
      count.hidden = counts[tab] === 0;
      count.setAttribute('aria-label', t('tabs.unread', { count: counts[tab] }));
    }
  };
  return {
    el,
    show(current, state) {
      el.hidden = current === null;
      for (const { tab, link } of links) {
        if (tab === current) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      update(state);
    },
    update,
  };
}
