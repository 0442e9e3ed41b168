import type { App, AppState } from '../app';
import { localize, onLanguageChange, t } from '../i18n';
import { newestFirst, unreadCount } from '../model';
import type { StoredMessage } from '../store';
import { actorView } from './actorView';
import { connectionBar } from './connectionBar';
import { h, replaceChildren, type View } from './dom';
import { inboxView } from './inboxView';
import { joinView, type JoinDraft } from './joinView';
import { languageSelect } from './languageSelect';
import { messageView } from './messageView';

type Route = { name: 'home' } | { name: 'message'; deliveryId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/message\/(.+)$/.exec(hash);
  return match?.[1] ? { name: 'message', deliveryId: decodeURIComponent(match[1]) } : { name: 'home' };
}

/**
 * The page: skip link, header, connection bar, the current screen and a live region. A full
 * rebuild happens only on a session, route or language change; data changes patch the screen.
 */
export function mountShell(root: HTMLElement, app: App): () => void {
  const drafts = new Map<string, string>();
  const joinDraft: JoinDraft = { code: '', name: '', agency: '' };
  const bar = connectionBar();
  const header = h('header', { class: 'top' });
  const main = h('main', { id: 'main', tabindex: '-1' });
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'announcer' });
  const skip = h('a', {
    class: 'skip',
    href: '#main',
    onclick: (event) => {
      event.preventDefault();
      main.focus();
    },
  });
  let screen: View<AppState> | null = null;

  function renderHeader(state: AppState): void {
    const session = state.session;
    skip.textContent = t('app.skip');
    if (!session) {
      replaceChildren(header, h('p', { class: 'brand' }, t('app.title')));
      return;
    }
    const leave = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': 'leave-button',
        onclick: () => {
          const queued = app.state.outbox.length;
          const question = queued > 0 ? t('header.leaveConfirmQueued', { count: queued }) : t('header.leaveConfirm');
          if (window.confirm(question)) void app.leave();
        },
      },
      t('header.leave'),
    );
    replaceChildren(
      header,
      h(
        'div',
        { class: 'who' },
        h('p', { class: 'brand' }, localize(session.exerciseTitle, session.defaultLanguage)),
        h(
          'p',
          { class: 'recipient', 'data-testid': 'recipient' },
          t('header.recipient', {
            role: t(`role.${session.role}`),
            name: localize(session.recipientName, session.defaultLanguage),
          }),
          session.displayName ? ` · ${session.displayName}` : '',
        ),
      ),
      h('div', { class: 'tools' }, languageSelect('header-language'), leave),
    );
  }

  function buildScreen(state: AppState): View<AppState> {
    if (!state.session) return joinView(state, joinDraft, (request) => app.join(request));
    const route = parseRoute(location.hash);
    if (route.name === 'message') {
      void app.markRead(route.deliveryId);
      return messageView(route.deliveryId, state, {
        drafts,
        acknowledge: (id) => void app.acknowledge(id),
        respond: (id, text) => app.respond(id, text),
      });
    }
    if (state.session.role === 'actor') return actorView((id) => void app.markRead(id));
    return inboxView((s) => newestFirst(s.messages));
  }

  function showScreen(focus: boolean): void {
    const state = app.state;
    screen = buildScreen(state);
    screen.update(state);
    replaceChildren(main, screen.el);
    if (!focus) return;
    const heading = main.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    (heading ?? main).focus();
  }

  function render(): void {
    renderHeader(app.state);
    bar.update(app.state);
    showScreen(false);
    updateTitle(app.state);
  }

  function announce(added: StoredMessage[]): void {
    const lang = app.state.session?.defaultLanguage;
    const latest = newestFirst(added).slice(0, 3);
    live.textContent = latest.map((m) => t('inbox.announce', { subject: localize(m.subject, lang) })).join('. ');
    navigator.vibrate?.(200);
  }

  function updateTitle(state: AppState): void {
    const unread = unreadCount(state.messages);
    document.title = unread > 0 ? `(${unread}) ${t('app.title')}` : t('app.title');
  }

  const unsubscribe = app.subscribe((state, event) => {
    if (event.type === 'session') {
      if (!state.session) history.replaceState(null, '', location.pathname);
      render();
      return;
    }
    bar.update(state);
    screen?.update(state);
    updateTitle(state);
    if (event.type === 'messages' && event.added.length > 0) announce(event.added);
  });
  const onHashChange = (): void => showScreen(true);
  window.addEventListener('hashchange', onHashChange);
  const offLanguage = onLanguageChange(() => render());

  replaceChildren(root, skip, header, bar.el, main, live);
  render();
  return () => {
    unsubscribe();
    offLanguage();
    window.removeEventListener('hashchange', onHashChange);
    root.replaceChildren();
  };
}
