// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JoinError } from '../api';
import { App } from '../app';
import { dictionaries, initLanguage, type KeyValueStorage } from '../i18n';
import type { Store } from '../store';
import type { JoinResponse } from '../types';
import { FakeHub, FakeNetwork, deferred, message, openTestStore } from '../test/fakes';
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

const joined = (role: JoinResponse['role'] = 'participant'): JoinResponse => ({
  token: 'jwt',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'River flood', ru: 'Паводок' },
  role,
  recipientId: 'team-a',
  recipientName: { en: 'Team A', ru: 'Команда А' },
  languages: ['ru', 'en'],
  defaultLanguage: 'en',
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

async function mount(hub: FakeHub, join: () => Promise<JoinResponse> = async () => joined()): Promise<App> {
  app = await App.boot({ store, network: new FakeNetwork(), createHub: () => hub, join });
  unmount = mountShell(document.getElementById('app') as HTMLElement, app);
  return app;
}

async function joinAs(hub: FakeHub, join?: () => Promise<JoinResponse>): Promise<void> {
  await mount(hub, join);
  type('join-code', 'k7qm-2xpa');
  type('join-name', 'Anna');
  type('join-agency', 'Police');
  $('join-submit').click();
  await vi.waitFor(() => expect(document.querySelector('[data-testid="inbox"]')).not.toBeNull());
}

describe('UI shell', () => {
  it('shows a labelled join form with a language choice', async () => {
    await mount(new FakeHub());

    for (const id of ['join-code', 'join-name', 'join-agency', 'language-select']) {
      const control = $(id);
      expect(document.querySelector(`label[for="${control.id}"]`), id).not.toBeNull();
    }
    expect($('join-submit').textContent).toBe('Join');
    expect($('connection-state').textContent).toBe('Online');
  });

  it('asks for the code and name before calling the server', async () => {
    const join = vi.fn(async () => joined());
    await mount(new FakeHub(), join);

    $('join-submit').click();

    expect($('join-error').hidden).toBe(false);
    expect($('join-error').textContent).toBe('Fill in the join code and your name.');
    expect(join).not.toHaveBeenCalled();
  });

  it("shows the server's detail when a code is refused", async () => {
    await mount(new FakeHub(), async () => {
      throw new JoinError('server', 404, 'No exercise uses this code.');
    });
    type('join-code', 'WRONG');
    type('join-name', 'Anna');

    $('join-submit').click();

    await vi.waitFor(() => expect($('join-error').textContent).toBe('No exercise uses this code.'));
    expect(($('join-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('after joining lists messages newest first with unread ones marked', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1), message(2, { responseRequested: true }));

    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(2));

    expect($$('inbox-item').map((li) => li.querySelector('.inbox-subject')?.textContent)).toEqual(['Subject 2', 'Subject 1']);
    expect($$('inbox-item').every((li) => li.dataset.unread === 'true')).toBe(true);
    expect(document.body.textContent).toContain('Participant: Team A');
    expect($('announcer').textContent).toContain('New message: Subject 2');
  });

  it('a message can be acknowledged and answered; the answer shows sending, then received', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1, { responseRequested: true }));
    const gate = deferred<void>();
    hub.beforeAnswer = (method) => (method === 'Respond' ? gate.promise : undefined);
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));

    location.hash = '#/message/delivery-1';
    await vi.waitFor(() => expect($('message-view').textContent).toContain('Body 1'));
    expect($('message-view').textContent).toContain('Radio');

    $('ack-button').click();
    await vi.waitFor(() => expect($('ack-button').dataset.state).toBe('sent'));
    expect(hub.calls('Acknowledge')).toEqual([[1]]);

    type('response-text', 'Two crews on the way');
    $('response-send').click();
    await vi.waitFor(() => expect($('response-status').textContent).toBe('Sending…'));
    expect($('outbox-count').hidden).toBe(false);
    gate.resolve();
    await vi.waitFor(() => expect($('response-status').dataset.status).toBe('received'));
    expect($('outbox-count').hidden).toBe(true);
    expect(($('response-text') as HTMLTextAreaElement).value).toBe('');

    location.hash = '#/';
    await vi.waitFor(() => expect($$('inbox-item')[0]?.dataset.unread).toBe('false'));
  });

  it('switches every string to Russian, with content in Russian too', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1));
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));

    const select = $<HTMLSelectElement>('language-select');
    select.value = 'ru';
    select.dispatchEvent(new Event('change'));

    expect($('connection-state').textContent).toBe('На связи');
    expect(document.querySelector('h1')?.textContent).toBe('Сообщения');
    expect($$('inbox-item')[0]?.textContent).toContain('Тема 1');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('never shows a raw translation key', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1, { responseRequested: true }), message(2, { kind: 'cueCard' }));
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(2));
    location.hash = '#/message/delivery-1';
    await vi.waitFor(() => expect(document.querySelector('[data-testid="message-view"]')).not.toBeNull());

    const keys = [...(dictionaries.get('en') ? Object.keys(dictionaries.get('en') ?? {}) : [])];
    const text = document.body.textContent ?? '';
    expect(keys.filter((key) => text.includes(key))).toEqual([]);
  });

  it('an actor sees the newest cue card large and earlier ones below', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(
      message(1, { kind: 'cueCard', subject: { en: 'Call the hotline' } }),
      message(2, { kind: 'cueCard', subject: { en: 'Arrive angry at the gate' } }),
    );
    await mount(hub, async () => joined('actor'));
    type('join-code', 'ACTOR1');
    type('join-name', 'Boris');
    $('join-submit').click();

    await vi.waitFor(() => expect($('cue-card').textContent).toContain('Arrive angry at the gate'));
    expect($$('cue-card-earlier').map((c) => c.querySelector('h3')?.textContent)).toEqual(['Call the hotline']);
    expect(document.body.textContent).toContain('Actor: Team A');
  });
});
