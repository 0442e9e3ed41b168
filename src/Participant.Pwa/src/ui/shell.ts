import { alertNewMessage, alertSignal, isMuted, onMutedChange, setMuted, unlockAudio } from '../alerts';
import type { App, AppState } from '../app';
import { getLanguage, localize, onLanguageChange, t } from '../i18n';
import { newestFirst, tidyCode, unreadCount } from '../model';
import type { PhotoDraft } from '../outbox';
import type { StoredMessage, StoredSignal } from '../store';
import { actorView } from './actorView';
import { connectionBar } from './connectionBar';
import { h, replaceChildren, type View } from './dom';
import { evaluatorView } from './evaluatorView';
import { inboxView } from './inboxView';
import { type JoinDraft, joinView } from './joinView';
import { languageSelect } from './languageSelect';
import { locationPrompt, locationSetting } from './locationConsent';
import { marking } from './marking';
import { messageView } from './messageView';
import { newsView } from './newsView';
import { offlineFilesSetting } from './offlineFiles';
import type { FormDraft } from './responseForm';
import { scanView } from './scanView';
import { signalBanner } from './signalBanner';
import { type Tab, tabBar, tabOfMessage } from './tabs';
import { personaPicker, threadsView, threadView } from './threadsView';

type Route =
  | { name: 'home' }
  | { name: 'message'; deliveryId: string }
  | { name: 'threads' }
  | { name: 'write' }
  | { name: 'thread'; personaId: string }
  | { name: 'news' }
  | { name: 'scan' }
  | { name: 'scanCode'; code: string };

export function parseRoute(hash: string): Route {
  const message = /^#\/message\/(.+)$/.exec(hash);
  if (message?.[1]) return { name: 'message', deliveryId: decodeURIComponent(message[1]) };
  const thread = /^#\/thread\/(.+)$/.exec(hash);
  if (thread?.[1]) return { name: 'thread', personaId: decodeURIComponent(thread[1]) };
  if (hash === '#/threads') return { name: 'threads' };
  if (hash === '#/write') return { name: 'write' };
  if (hash === '#/news') return { name: 'news' };
  // A label's QR code opens the app here: https://host/app/#/scan/CODE.
  const scan = /^#\/scan\/([^/]+)\/?$/.exec(hash);
  if (scan?.[1]) {
    try {
      return { name: 'scanCode', code: decodeURIComponent(scan[1]) };
    } catch {
      return { name: 'scanCode', code: '' };
    }
  }
  if (hash === '#/scan') return { name: 'scan' };
  return { name: 'home' };
}

/** Which tab a screen belongs to; a message opened belongs to its kind's tab. */
function tabOf(route: Route, state: AppState): Tab {
  if (route.name === 'threads' || route.name === 'write' || route.name === 'thread') return 'threads';
  if (route.name === 'news') return 'news';
  const message = route.name === 'message' ? state.messages.find((m) => m.deliveryId === route.deliveryId) : undefined;
  return message ? tabOfMessage(message) : 'inbox';
}

/**
 * The page: skip link, header, connection bar, the current screen and a live region. A full
 * rebuild happens only on a session, route or language change; data changes patch the screen.
 */
export function mountShell(root: HTMLElement, app: App): () => void {
  const drafts = new Map<string, FormDraft>();
  const requestDrafts = new Map<string, { text: string; photos: PhotoDraft[] }>();
  const tabs = tabBar();
  const mark = h('div', { class: 'marking-bar' });
  const joinDraft: JoinDraft = { code: codeFromAddress(location.href), name: '', agency: '' };
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
  const consent = locationPrompt(app);
  /** The menu's location switch, repainted in place so an open menu stays open. */
  let locationButton: HTMLElement | null = null;
  let screen: View<AppState> | null = null;
  /** What the scan screen says about the last label opened by address, once. */
  let scanNotice: string | null = null;
  const behindBanner = [skip, mark, header, bar.el, tabs.el, consent.el, main];
  const signals = signalBanner(
    (signalId) => void app.acknowledgeSignal(signalId),
    (blocking) => {
      // While a signal waits for its acknowledgement nothing else can be reached, by touch or screen reader.
      for (const el of behindBanner) el.inert = blocking;
      if (!blocking) main.focus();
    },
  );

  /**
   * One line: the exercise title and a menu holding who this phone is, the language, the sound
   * and Leave. On a 390×844 phone the old header took a third of the screen (issue 14).
   */
  function renderHeader(state: AppState): void {
    const session = state.session;
    skip.textContent = t('app.skip');
    replaceChildren(mark, marking(session?.classificationLine, session?.defaultLanguage));
    if (!session) {
      replaceChildren(header, h('p', { class: 'brand' }, t('app.title')));
      return;
    }
    const mute = muteToggle();
    locationButton = locationSetting(app, state);
    const leave = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': 'leave-button',
        onclick: () => {
          const queued = app.state.outbox.length + app.state.requests.filter((r) => !r.storedAt).length;
          const question = queued > 0 ? t('header.leaveConfirmQueued', { count: queued }) : t('header.leaveConfirm');
          if (window.confirm(question)) void app.leave();
        },
      },
      t('header.leave'),
    );
    const title = localize(session.exerciseTitle, session.defaultLanguage);
    replaceChildren(
      header,
      h('p', { class: 'brand', title, 'data-testid': 'exercise-title' }, title),
      h(
        'details',
        { class: 'menu', 'data-testid': 'menu' },
        h('summary', { 'aria-label': t('header.menu'), 'data-testid': 'menu-button' }, '☰'),
        h(
          'div',
          { class: 'menu-panel' },
          h(
            'p',
            { class: 'recipient', 'data-testid': 'recipient' },
            t('header.recipient', {
              role: t(`role.${session.role}`),
              name: localize(session.recipientName, session.defaultLanguage),
            }),
            session.displayName ? ` · ${session.displayName}` : '',
          ),
          languageSelect('header-language'),
          app.attachments ? offlineFilesSetting(app.attachments, getLanguage()) : null,
          locationButton,
          mute,
          leave,
        ),
      ),
    );
  }

  function muteToggle(): HTMLButtonElement {
    const button = h('button', {
      type: 'button',
      class: 'secondary mute',
      'data-testid': 'mute-toggle',
      onclick: () => setMuted(!isMuted()),
    });
    const paint = (): void => {
      const muted = isMuted();
      button.setAttribute('aria-pressed', String(muted));
      button.dataset.muted = String(muted);
      button.textContent = muted ? t('header.muted') : t('header.sound');
      button.setAttribute('aria-label', t('header.muteLabel'));
    };
    paint();
    return button;
  }

  /**
   * A label opened by the phone's own camera (`#/scan/CODE`): queued once, then the address becomes
   * `#/scan` so a reload or a re-render does not scan again. Before joining the address waits.
   */
  function takeScanFromAddress(route: Route): Route {
    if (route.name !== 'scanCode' || app.state.session?.role !== 'participant') return route;
    history.replaceState(null, '', `${location.pathname}${location.search}#/scan`);
    scanNotice = null;
    app.scanEvidence(route.code).catch(() => {
      scanNotice = t('scan.result.notThisExercise');
      screen?.update(app.state);
    });
    return { name: 'scan' };
  }

  function scanScreen(): View<AppState> {
    return scanView(
      (code) => app.scanEvidence(code),
      () => {
        const said = scanNotice;
        scanNotice = null;
        return said;
      },
    );
  }

  /** The team's inbox, with the way to the evidence scanner above it. */
  function teamInbox(): View<AppState> {
    const inbox = inboxView((s) => newestFirst(s.messages.filter((m) => tabOfMessage(m) === 'inbox')));
    const link = h(
      'a',
      { class: 'button secondary scan-link', href: '#/scan', 'data-testid': 'scan-link' },
      t('scan.button'),
    );
    inbox.el.insertBefore(link, inbox.el.children[1] ?? null);
    return inbox;
  }

  function buildScreen(state: AppState): View<AppState> {
    if (!state.session) return joinView(state, joinDraft, (request) => app.join(request));
    const route = takeScanFromAddress(parseRoute(location.hash));
    if (state.session.role === 'participant' && route.name === 'scan') return scanScreen();
    if (state.session.role !== 'actor') {
      if (route.name === 'threads') return threadsView();
      if (route.name === 'write') return personaPicker(state);
      if (route.name === 'news') return newsView({ publish: (text) => app.publishStatement(text) });
      if (route.name === 'thread') {
        return threadView(route.personaId, state, {
          drafts: requestDrafts,
          request: (personaId, draft) => app.request(personaId, draft),
          markRead: (ids) => void app.markAllRead(ids),
        });
      }
    }
    if (route.name === 'message') {
      void app.markRead(route.deliveryId);
      return messageView(route.deliveryId, state, {
        drafts,
        acknowledge: (id) => void app.acknowledge(id),
        respond: (id, response) => app.respond(id, response),
        teamResponses: (id) => app.teamResponses(id),
        fetchAttachment: (sequence, attachmentId) => app.fetchAttachment(sequence, attachmentId),
      });
    }
    if (state.session.role === 'evaluator') {
      return evaluatorView({ observe: (draft) => app.observe(draft), refreshBrief: () => app.refreshBrief() });
    }
    if (state.session.role === 'actor') {
      return actorView({
        shown: (id) => void app.markRead(id),
        callController: (sequence) => app.callController(sequence),
        disclose: (id, gateId, teamId) => void app.disclose(id, gateId, teamId),
      });
    }
    // Replies and requests live in their threads, articles in the news, not in the inbox.
    if (state.session.role === 'participant') return teamInbox();
    return inboxView((s) => newestFirst(s.messages.filter((m) => tabOfMessage(m) === 'inbox')));
  }

  function showScreen(focus: boolean): void {
    const state = app.state;
    screen = buildScreen(state);
    screen.update(state);
    // Actors and evaluators have no team mailbox: no Inbox, Threads or News for them.
    const tabbed = state.session && state.session.role !== 'actor' && state.session.role !== 'evaluator';
    tabs.show(tabbed ? tabOf(parseRoute(location.hash), state) : null, state);
    replaceChildren(main, screen.el);
    if (!focus) return;
    const heading = main.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    (heading ?? main).focus();
  }

  function repaintLocationSetting(state: AppState): void {
    const fresh = locationSetting(app, state);
    if (locationButton && fresh) locationButton.replaceWith(fresh);
    locationButton = fresh ?? locationButton;
  }

  function render(): void {
    renderHeader(app.state);
    consent.update(app.state);
    bar.update(app.state);
    signals.update(app.state);
    showScreen(false);
    updateTitle(app.state);
  }

  function announce(added: StoredMessage[]): void {
    const lang = app.state.session?.defaultLanguage;
    const latest = newestFirst(added).slice(0, 3);
    live.textContent = latest.map((m) => t('inbox.announce', { subject: localize(m.subject, lang) })).join('. ');
    alertNewMessage();
  }

  function announceSignals(added: StoredSignal[]): void {
    if (added.some((s) => !s.acknowledged)) alertSignal();
  }

  function updateTitle(state: AppState): void {
    const unread = unreadCount(state.messages);
    document.title = unread > 0 ? `(${unread}) ${t('app.title')}` : t('app.title');
  }

  const unsubscribe = app.subscribe((state, event) => {
    if (event.type === 'session') {
      if (!state.session) {
        // Left or revoked: the old code is not offered again; name and agency stay typed in.
        joinDraft.code = '';
        history.replaceState(null, '', location.pathname);
      } else if (location.search) {
        history.replaceState(null, '', location.pathname + location.hash); // drop ?code= once used
      }
      render();
      return;
    }
    bar.update(state);
    signals.update(state);
    consent.update(state);
    repaintLocationSetting(state);
    tabs.update(state);
    screen?.update(state);
    updateTitle(state);
    if (event.type === 'messages' && event.added.length > 0) announce(event.added);
    if (event.type === 'signals' && event.added.length > 0) announceSignals(event.added);
  });
  const onHashChange = (): void => showScreen(true);
  window.addEventListener('hashchange', onHashChange);
  const offLanguage = onLanguageChange(() => {
    render();
    void app.sendHello();
  });
  const offMuted = onMutedChange(() => renderHeader(app.state));
  // Audio may start only from a gesture: the first tap anywhere unlocks the alert sound.
  const onGesture = (): void => unlockAudio();
  root.addEventListener('pointerdown', onGesture, { capture: true });
  root.addEventListener('keydown', onGesture, { capture: true });

  replaceChildren(root, skip, mark, header, bar.el, tabs.el, signals.strip, consent.el, main, live, signals.banner);
  render();
  return () => {
    unsubscribe();
    offLanguage();
    offMuted();
    root.removeEventListener('pointerdown', onGesture, { capture: true });
    root.removeEventListener('keydown', onGesture, { capture: true });
    window.removeEventListener('hashchange', onHashChange);
    root.replaceChildren();
  };
}

/**
 * A join code in the page address, as a QR code or a link can carry it: `?code=K7QM2XPA` or
 * `#join=K7QM2XPA`. Empty when there is none.
 */
export function codeFromAddress(href: string): string {
  try {
    const url = new URL(href);
    const fromHash = /(?:^#|&)(?:join|code)=([^&]+)/.exec(url.hash)?.[1];
    return tidyCode(decodeURIComponent(url.searchParams.get('code') ?? fromHash ?? ''));
  } catch {
    return '';
  }
}
