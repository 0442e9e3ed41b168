// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { initLanguage, type KeyValueStorage } from '../i18n';
import type { Store } from '../store';
import { FakeHub, FakeNetwork, message, openTestStore } from '../test/fakes';
import type { DeliveredMessage, JoinResponse, PersonaRef, PersonaRequest, RequestReceipt } from '../types';
import { mountShell } from './shell';

class MemoryStorage implements KeyValueStorage {
  private readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

const bank: PersonaRef = {
  id: 'bank',
  name: { en: 'Northern Trust Bank', ru: 'Северный трастовый банк' },
  organisation: { en: 'Compliance desk', ru: 'Отдел комплаенса' },
  kind: 'bank',
  initials: 'NT',
  colour: '#1f6feb',
};

const joined = (): JoinResponse => ({
  token: 'jwt',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Operation Harbour Light, a multi-agency anti-trafficking drill', ru: 'Операция «Огни гавани»' },
  role: 'participant',
  recipientId: 'team-a',
  recipientName: { en: 'Team A', ru: 'Группа А' },
  languages: ['ru', 'en'],
  defaultLanguage: 'en',
  personas: [bank],
  classificationLine: { en: 'EXERCISE — EXERCISE — EXERCISE', ru: 'УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ' },
});

/** A server that stores each requestId once and puts each stored request in the team's mailbox, as the hub does. */
function serveRequests(hub: FakeHub): PersonaRequest[] {
  const stored: PersonaRequest[] = [];
  hub.extraMethods.set('Request', (arg) => {
    const request = arg as PersonaRequest;
    const duplicate = stored.some((r) => r.requestId === request.requestId);
    if (!duplicate) {
      stored.push(request);
      const entry = requestEntry(hub.mailbox.length + 1, request.requestId, request.text, { en: 'Anna · Police' });
      hub.mailbox.push(entry);
      hub.push(entry);
    }
    const receipt: RequestReceipt = {
      requestId: request.requestId,
      threadId: 'team-a/bank',
      storedAt: new Date().toISOString(),
      duplicate,
    };
    return receipt;
  });
  return stored;
}

function requestEntry(
  sequence: number,
  requestId: string,
  text: string,
  from: Record<string, string>,
): DeliveredMessage {
  return message(sequence, {
    deliveryId: `team-a|request|${requestId}`,
    kind: 'request',
    threadId: 'team-a/bank',
    persona: bank,
    requestId,
    from,
    message: { en: text, ru: text },
    firedAt: new Date().toISOString(),
  });
}

const reply = (sequence: number, text: string): DeliveredMessage =>
  message(sequence, {
    deliveryId: `team-a|reply|${sequence}`,
    kind: 'reply',
    threadId: 'team-a/bank',
    persona: bank,
    from: bank.name,
    message: { en: text, ru: text },
    firedAt: new Date(Date.now() + 60_000).toISOString(),
    classificationLine: { en: 'EXERCISE HARBOUR LIGHT', ru: 'УЧЕНИЯ «ОГНИ ГАВАНИ»' },
  });

let store: Store;
let app: App | undefined;
let unmount: (() => void) | undefined;

beforeEach(async () => {
  initLanguage(new MemoryStorage(), ['en']);
  history.replaceState(null, '', '/app/');
  document.body.innerHTML = '<div id="app"></div>';
  store = await openTestStore();
});

afterEach(async () => {
  unmount?.();
  await app?.close();
  app = undefined;
  store.close();
});

const $ = <T extends Element = HTMLElement>(testid: string): T => {
  const el = document.querySelector<T>(`[data-testid="${testid}"]`);
  if (!el) throw new Error(`no [data-testid="${testid}"]`);
  return el;
};
const $$ = (testid: string): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];

function type(testid: string, value: string): void {
  const input = $<HTMLInputElement>(testid);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function joinAs(hub: FakeHub, network = new FakeNetwork()): Promise<void> {
  app = await App.boot({ store, network, createHub: () => hub, join: async () => joined() });
  unmount = mountShell(document.getElementById('app') as HTMLElement, app);
  type('join-code', 'k7qm-2xpa');
  type('join-name', 'Anna');
  $('join-submit').click();
  await vi.waitFor(() => expect(document.querySelector('[data-testid="inbox"]')).not.toBeNull());
}

describe('UI: compact chrome, tabs and threads', () => {
  it('shows the title on one line, settings behind a menu, the marking, and tabs with unread counts', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1), message(2), reply(3, 'Statements attached.'));
    await joinAs(hub);

    await vi.waitFor(() => expect($('tab-count-inbox').textContent).toBe('2'));
    expect($('tab-count-threads').textContent).toBe('1');
    expect($('exercise-title').textContent).toContain('Operation Harbour Light');
    expect($('marking').textContent).toBe('EXERCISE — EXERCISE — EXERCISE');
    const menu = $<HTMLDetailsElement>('menu');
    expect(menu.open).toBe(false);
    for (const id of ['language-select', 'mute-toggle', 'leave-button', 'recipient']) {
      expect(menu.contains($(id)), id).toBe(true);
    }
    // Replies live in their thread, not in the inbox.
    expect($$('inbox-item')).toHaveLength(2);
    expect($('tab-inbox').getAttribute('aria-current')).toBe('page');

    const select = $<HTMLSelectElement>('language-select');
    select.value = 'ru';
    select.dispatchEvent(new Event('change'));
    expect($('tab-inbox').textContent).toContain('Входящие');
    expect($('tab-threads').textContent).toContain('Переписка');
    expect($('marking').textContent).toBe('УЧЕНИЯ — УЧЕНИЯ — УЧЕНИЯ');
  });

  it('a request written offline waits in the outbox and is sent once, with its id, on reconnect; it shows once', async () => {
    const hub = new FakeHub();
    const stored = serveRequests(hub);
    const network = new FakeNetwork();
    await joinAs(hub, network);
    network.goOffline();
    await vi.waitFor(() => expect($('connection-state').textContent).toBe('Offline'));

    location.hash = '#/write';
    await vi.waitFor(() => expect($$('persona')).toHaveLength(1));
    $('persona').click();
    location.hash = '#/thread/bank';
    await vi.waitFor(() => expect(document.querySelector('[data-testid="request-text"]')).not.toBeNull());
    type('request-text', 'Please send the statements of account 4471.');
    $('request-form').dispatchEvent(new Event('submit', { cancelable: true }));

    await vi.waitFor(() => expect($$('thread-entry')).toHaveLength(1));
    expect($$('thread-entry')[0]?.dataset.status).toBe('sending');
    expect($('requests-count').hidden).toBe(false);
    expect(hub.calls('Request')).toEqual([]);

    network.goOnline();
    await vi.waitFor(() => expect(stored).toHaveLength(1));
    await vi.waitFor(() => expect($$('thread-entry')[0]?.dataset.status).toBe('sent'));
    await vi.waitFor(() => expect(hub.mailbox).toHaveLength(1));
    // The team's mailbox entry for it has arrived; the phone still shows it once.
    await vi.waitFor(() => expect((app?.state.messages ?? []).some((m) => m.kind === 'request')).toBe(true));
    expect($$('thread-entry')).toHaveLength(1);
    expect($$('thread-entry')[0]?.dataset.mine).toBe('true');
    expect($('requests-count').hidden).toBe(true);
    expect(stored[0]).toMatchObject({ personaId: 'bank', text: 'Please send the statements of account 4471.' });
    expect(new Set(hub.calls('Request').map(([r]) => (r as PersonaRequest).requestId)).size).toBe(1);
  });

  it("shows a teammate's request and the persona's reply in the thread, and opening it clears the count", async () => {
    const hub = new FakeHub();
    hub.mailbox.push(
      requestEntry(1, 'r-boris', 'Any transfers to Limassol?', { en: 'Boris · Customs' }),
      reply(2, 'Two, on 3 and 9 March.'),
    );
    await joinAs(hub);
    await vi.waitFor(() => expect($('tab-count-threads').textContent).toBe('2'));

    location.hash = '#/threads';
    await vi.waitFor(() => expect($$('thread-item')).toHaveLength(1));
    expect($('thread-unread').textContent).toBe('2');
    location.hash = '#/thread/bank';
    await vi.waitFor(() => expect($$('thread-entry')).toHaveLength(2));

    const [asked, answered] = $$('thread-entry');
    expect(asked?.dataset.mine).toBe('false');
    expect(asked?.textContent).toContain('Boris · Customs');
    expect(answered?.dataset.kind).toBe('reply');
    expect(answered?.querySelector('[data-testid="marking"]')?.textContent).toBe('EXERCISE HARBOUR LIGHT');
    await vi.waitFor(() => expect($('tab-count-threads').hidden).toBe(true));
  });

  it("links a teammate's request photos to the message page, which shows them", async () => {
    const hub = new FakeHub();
    hub.mailbox.push({
      ...requestEntry(1, 'r-photo', 'The receipt we found.', { en: 'Boris · Customs' }),
      attachments: [{ id: 'photo-1', fileName: 'photo-1', contentType: 'image/jpeg', size: 2048, title: {} }],
    });
    await joinAs(hub);

    location.hash = '#/thread/bank';
    await vi.waitFor(() => expect($$('entry-photos')).toHaveLength(1));
    expect($('entry-photos').getAttribute('href')).toBe('#/message/team-a%7Crequest%7Cr-photo');
    $('entry-photos').click();
    await vi.waitFor(() => expect($$('attachment')).toHaveLength(1));
    expect($('attachment').dataset.contentType).toBe('image/jpeg');
  });

  it('puts articles in the News tab with their own unread count, and opening one reports it seen', async () => {
    const hub = new FakeHub();
    hub.supportSafetyMethods();
    hub.mailbox.push(
      message(1),
      message(2, {
        kind: 'article',
        method: 'mediaReport',
        subject: { en: 'Raid at the harbour', ru: 'Рейд в порту' },
      }),
      message(3, { kind: 'article', method: 'social', subject: { en: '#harbour trending', ru: '#гавань в тренде' } }),
    );
    await joinAs(hub);
    await vi.waitFor(() => expect($('tab-count-news').textContent).toBe('2'));
    expect($('tab-count-inbox').textContent).toBe('1');
    expect($$('inbox-item')).toHaveLength(1);

    location.hash = '#/news';
    await vi.waitFor(() => expect($$('news-item')).toHaveLength(2));
    expect($('tab-news').getAttribute('aria-current')).toBe('page');
    expect($$('news-item')[0]?.textContent).toContain('Social media');
    location.hash = '#/message/delivery-2';
    await vi.waitFor(() => expect($('message-view').textContent).toContain('Raid at the harbour'));
    expect($('tab-news').getAttribute('aria-current')).toBe('page');

    await vi.waitFor(() => expect(hub.calls('Seen')).toEqual([[2]]));
    expect($('tab-count-news').textContent).toBe('1');
  });

  it('shows the channel and its author on each article, and a seeded one under its own date from before STARTEX', async () => {
    const hub = new FakeHub();
    hub.supportSafetyMethods();
    const reporter: PersonaRef = {
      ...bank,
      id: 'reporter',
      name: { en: 'Maria, reporter', ru: 'Мария, корреспондент' },
      kind: 'press',
    };
    hub.mailbox.push(
      message(1, {
        kind: 'article',
        method: 'mediaReport',
        injectNumber: 'H-old-raid',
        from: reporter.name,
        persona: reporter,
        channel: { id: 'gazette', name: { en: 'City Gazette', ru: 'Городская газета' }, kind: 'newspaper' },
        subject: { en: 'Sauna under scrutiny', ru: 'Сауна под подозрением' },
        publishedAt: '2026-11-21T06:00:00Z',
      }),
      message(2, {
        kind: 'article',
        method: 'social',
        from: reporter.name,
        persona: reporter,
        channel: { id: 'chat', name: { en: 'City chat', ru: 'Городской чат' }, kind: 'social' },
        subject: { en: 'Police at the sauna', ru: 'Полиция у сауны' },
      }),
    );
    await joinAs(hub);

    location.hash = '#/news';
    await vi.waitFor(() => expect($$('news-item')).toHaveLength(2));
    const bylines = $$('news-byline').map((b) => b.textContent ?? '');
    expect(bylines[0]).toContain('City chat · Maria, reporter');
    expect(bylines[1]).toContain('City Gazette · Maria, reporter');
    expect($$('news-item')[1]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-21T06:00:00Z');
    location.hash = '#/message/delivery-1';
    await vi.waitFor(() => expect($('article-channel').textContent).toBe('City Gazette'));
    expect($('message-from').textContent).toBe('Maria, reporter');
    expect($('message-time').getAttribute('datetime')).toBe('2026-11-21T06:00:00Z');
    expect($('message-view').textContent).toContain('Published');
  });
});
