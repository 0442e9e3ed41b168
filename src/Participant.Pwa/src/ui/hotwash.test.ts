// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { initLanguage, type KeyValueStorage } from '../i18n';
import type { Store } from '../store';
import { FakeHub, FakeNetwork, message, openTestStore } from '../test/fakes';
import type { DeliveredMessage, JoinResponse } from '../types';
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

const joined: JoinResponse = {
  token: 'jwt',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Harbour Light', ru: 'Огни гавани' },
  role: 'participant',
  recipientId: 'team-a',
  recipientName: { en: 'Team A', ru: 'Группа А' },
  languages: ['ru', 'en'],
  defaultLanguage: 'en',
};

/** The sample scenario's hotwash as the server sends it after ENDEX (see HotwashTests on the server side). */
const hotwash = (sequence: number): DeliveredMessage =>
  message(sequence, {
    kind: 'hotwash',
    injectNumber: 'HOTWASH',
    from: {},
    method: 'document',
    subject: { en: 'Hotwash: how did it go?', ru: 'Разбор по горячим следам: как всё прошло?' },
    message: { en: 'Two minutes, anonymous.', ru: 'Две минуты, анонимно.' },
    responseRequested: true,
    anonymous: true,
    responseForm: {
      fields: [
        {
          id: 'overall',
          kind: 'choice',
          required: true,
          label: { en: 'How well did your team work with the other agencies?', ru: 'Насколько хорошо…' },
          choices: [
            { id: '5', label: { en: 'Very well', ru: 'Очень хорошо' } },
            { id: '1', label: { en: 'Very badly', ru: 'Очень плохо' } },
          ],
        },
        {
          id: 'strength',
          kind: 'text',
          required: false,
          label: { en: 'What worked best?', ru: 'Что получилось лучше всего?' },
          choices: [],
        },
        {
          id: 'improve',
          kind: 'text',
          required: false,
          label: { en: 'What must change before a real operation?', ru: 'Что нужно изменить до настоящей операции?' },
          choices: [],
        },
      ],
    },
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

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function field(id: string): HTMLTextAreaElement {
  const el = document.querySelector<HTMLTextAreaElement>(`[data-testid="response-field"][data-field="${id}"]`);
  if (!el) throw new Error(`no field ${id}`);
  return el;
}

function choose(value: string): void {
  const radio = document.querySelector<HTMLInputElement>(`[data-testid="response-choice"][value="${value}"]`);
  if (!radio) throw new Error(`no choice ${value}`);
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Joins as team A's phone with the hotwash in its mailbox, and opens it. */
async function openHotwash(hub: FakeHub, network = new FakeNetwork()): Promise<void> {
  hub.supportReconcile();
  hub.mailbox.push(hotwash(4));
  app = await App.boot({ store, network, createHub: () => hub, join: async () => joined });
  unmount = mountShell(document.getElementById('app') as HTMLElement, app);
  type($('join-code'), 'k7qm-2xpa');
  type($('join-name'), 'Anna');
  $('join-submit').click();
  await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));
  location.hash = '#/message/delivery-4';
  await vi.waitFor(() => expect(document.querySelector('[data-testid="message-view"]')).not.toBeNull());
}

describe('hotwash form on the phone', () => {
  it('says the answers are anonymous and asks the scenario questions, the choice first', async () => {
    await openHotwash(new FakeHub());

    expect($('message-view').querySelector('h1')?.textContent).toBe('Hotwash: how did it go?');
    expect($('hotwash-anonymous').textContent).toBe('Your answers are stored without your name, device or team.');
    expect($('message-view').querySelector('legend')?.textContent).toContain(
      'How well did your team work with the other agencies?',
    );
    expect($$('response-choice').map((r) => (r as HTMLInputElement).value)).toEqual(['5', '1']);
    expect($$('response-field').map((f) => f.dataset.field)).toEqual(['strength', 'improve']);
  });

  it('refuses to send without the required rating and sends nothing', async () => {
    const hub = new FakeHub();
    await openHotwash(hub);
    type(field('improve'), 'Interpreters earlier');

    $('response-send').click();

    expect($('response-problem').hidden).toBe(false);
    expect($('response-problem').textContent).toBe('Choose one of the options.');
    expect(document.activeElement).toBe(document.querySelector('[data-testid="response-choice"]'));
    expect(hub.calls('Respond')).toEqual([]);
    expect(field('improve').value).toBe('Interpreters earlier');
  });

  it('sends the answers by question id to the hotwash delivery once, and shows them received', async () => {
    const hub = new FakeHub();
    await openHotwash(hub);
    choose('5');
    type(field('strength'), 'Joint briefing');
    type(field('improve'), 'Interpreters earlier');

    $('response-send').click();

    await vi.waitFor(() => expect($('response-status').dataset.status).toBe('received'));
    const sent = hub.calls('Respond').map((args) => args[0] as { sequence: number; fields: Record<string, string> });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.sequence).toBe(4);
    expect(sent[0]?.fields).toEqual({ overall: '5', strength: 'Joint briefing', improve: 'Interpreters earlier' });
    expect(hub.storedResponses.size).toBe(1);
  });

  it('answered offline, waits in the outbox and is sent exactly once when the phone is back', async () => {
    const hub = new FakeHub();
    const network = new FakeNetwork();
    await openHotwash(hub, network);
    network.goOffline();
    await vi.waitFor(() => expect(hub.state).toBe('Disconnected'));
    choose('1');
    type(field('improve'), 'Radio channels were confused');

    $('response-send').click();

    await vi.waitFor(() => expect($('response-status').dataset.status).not.toBe('received'));
    expect($('outbox-count').hidden).toBe(false);
    expect(hub.calls('Respond')).toEqual([]);
    network.goOnline();
    await vi.waitFor(() => expect($('response-status').dataset.status).toBe('received'));
    expect(hub.calls('Respond')).toHaveLength(1);
    expect([...hub.storedResponses.values()].map((r) => r.fields)).toEqual([
      { overall: '1', improve: 'Radio channels were confused' },
    ]);
    expect($('outbox-count').hidden).toBe(true);
  });

  it('reads in Russian, labels and choices included', async () => {
    await openHotwash(new FakeHub());

    const select = $<HTMLSelectElement>('language-select');
    select.value = 'ru';
    select.dispatchEvent(new Event('change'));

    await vi.waitFor(() =>
      expect($('message-view').querySelector('h1')?.textContent).toBe('Разбор по горячим следам: как всё прошло?'),
    );
    expect($('hotwash-anonymous').textContent).not.toBe('Your answers are stored without your name, device or team.');
    expect($('message-view').textContent).toContain('Очень хорошо');
    expect($('message-view').textContent).toContain('Что нужно изменить до настоящей операции?');
  });
});
