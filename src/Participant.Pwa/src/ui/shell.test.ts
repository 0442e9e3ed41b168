// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JoinError } from '../api';
import { App } from '../app';
import { dictionaries, initLanguage, type KeyValueStorage } from '../i18n';
import type { Store } from '../store';
import { deferred, disclosureRecord, FakeHub, FakeNetwork, message, openTestStore } from '../test/fakes';
import type { JoinResponse } from '../types';
import { codeFromAddress, mountShell } from './shell';

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

    expect($$('inbox-item').map((li) => li.querySelector('.inbox-subject')?.textContent)).toEqual([
      'Subject 2',
      'Subject 1',
    ]);
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

describe('UI: safety signals, presence, forms, actors', () => {
  const signal = (kind: 'stop' | 'endex' | 'realEmergency', id = `sig-${kind}`) => ({
    signalId: id,
    kind,
    message: { en: 'All players to the car park', ru: 'Все игроки на парковку' },
    issuedAt: '2026-11-24T10:00:00Z',
    acknowledged: false,
  });

  it('a STOP covers the screen until acknowledged, then stays as a strip until cleared', async () => {
    const hub = new FakeHub();
    hub.supportSafetyMethods();
    await joinAs(hub);

    hub.send('Signal', signal('stop'));
    await vi.waitFor(() => expect($('signal-banner').hidden).toBe(false));
    expect($('signal-banner').dataset.kind).toBe('stop');
    expect($('signal-banner').getAttribute('role')).toBe('alertdialog');
    expect($('signal-banner').textContent).toContain('STOP');
    expect($('signal-message').textContent).toBe('All players to the car park');
    expect(document.querySelector('main')?.inert).toBe(true);

    $('signal-ack').click();
    await vi.waitFor(() => expect($('signal-banner').hidden).toBe(true));
    expect(document.querySelector('main')?.inert).toBe(false);
    expect($('signal-strip').hidden).toBe(false);
    await vi.waitFor(() => expect(hub.calls('AcknowledgeSignal')).toEqual([['sig-stop']]));

    hub.send('SignalCleared', 'sig-stop');
    await vi.waitFor(() => expect($('signal-strip').hidden).toBe(true));
  });

  it('a real emergency says it is not part of the exercise, in Russian too', async () => {
    const hub = new FakeHub();
    hub.supportSafetyMethods(() => [signal('realEmergency')]);
    await joinAs(hub);

    await vi.waitFor(() => expect($('signal-banner').hidden).toBe(false));
    expect($('signal-banner').textContent).toContain('NOT part of the exercise');
    const select = document.querySelector<HTMLSelectElement>('#header-language');
    if (!select) throw new Error('no header language select');
    select.value = 'ru';
    select.dispatchEvent(new Event('change'));
    expect($('signal-banner').textContent).toContain('НЕ часть учения');
    expect($('signal-message').textContent).toBe('Все игроки на парковку');
  });

  it('says Hello with the app version after connecting', async () => {
    const hub = new FakeHub();
    hub.supportSafetyMethods();
    app = await App.boot({
      store,
      network: new FakeNetwork(),
      createHub: () => hub,
      join: async () => joined(),
      hello: () => ({ appVersion: 'test-1' }),
    });
    unmount = mountShell(document.getElementById('app') as HTMLElement, app);
    type('join-code', 'K7QM2XPA');
    type('join-name', 'Anna');
    $('join-submit').click();

    await vi.waitFor(() => expect(hub.calls('Hello')).toEqual([[{ appVersion: 'test-1' }]]));
  });

  it('reports Seen when a message is opened', async () => {
    const hub = new FakeHub();
    hub.supportSafetyMethods();
    hub.mailbox.push(message(1));
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));

    location.hash = '#/message/delivery-1';
    await vi.waitFor(() => expect(hub.calls('Seen')).toEqual([[1]]));
  });

  it('goes back to the join screen, saying why, when the phone is revoked', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1));
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));

    hub.send('Revoked');

    await vi.waitFor(() => expect($('join-notice').textContent).toContain('removed from the exercise'));
    expect(await store.getSession()).toBeUndefined();
    expect(await store.getMessages()).toEqual([]);
  });

  it('the mute switch is a labelled toggle that remembers its state', async () => {
    await joinAs(new FakeHub());
    const before = $('mute-toggle').getAttribute('aria-pressed');

    $('mute-toggle').click();

    expect($('mute-toggle').getAttribute('aria-pressed')).toBe(before === 'true' ? 'false' : 'true');
    expect($('mute-toggle').getAttribute('aria-label')).toBe('Sound for new messages');
    $('mute-toggle').click();
    expect($('mute-toggle').getAttribute('aria-pressed')).toBe(before);
  });

  it('answers a form with a choice and fields, keyed by field id', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(
      message(1, {
        responseRequested: true,
        respondWithin: '00:30:00',
        responseForm: {
          fields: [
            {
              id: 'decision',
              kind: 'choice',
              label: { en: 'Decision', ru: 'Решение' },
              required: true,
              choices: [
                { id: 'raid', label: { en: 'Raid now', ru: 'Штурм' } },
                { id: 'watch', label: { en: 'Keep watching', ru: 'Наблюдать' } },
              ],
            },
            { id: 'plate', kind: 'account', label: { en: 'Plate number', ru: 'Номер' }, required: true, choices: [] },
            { id: 'amount', kind: 'amount', label: { en: 'Cash seen', ru: 'Наличные' }, required: false, choices: [] },
          ],
        },
      }),
    );
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));
    location.hash = '#/message/delivery-1';
    await vi.waitFor(() => expect($$('response-choice')).toHaveLength(2));
    expect($('respond-within').textContent).toBe('30 min');

    $('response-send').click();
    expect($('response-problem').textContent).toBe('Choose one of the options. Fill in “Plate number”.');

    const watch = $$('response-choice')[1] as HTMLInputElement;
    watch.checked = true;
    watch.dispatchEvent(new Event('change'));
    const plate = document.querySelector<HTMLInputElement>('[data-field="plate"]');
    if (!plate) throw new Error('no plate field');
    plate.value = 'AB 123 C';
    plate.dispatchEvent(new Event('input'));
    $('response-send').click();

    await vi.waitFor(() => expect($('response-status').dataset.status).toBe('received'));
    expect([...hub.storedResponses.values()]).toEqual([
      expect.objectContaining({ choice: 'watch', fields: { decision: 'watch', plate: 'AB 123 C' }, text: '' }),
    ]);
    expect($('message-view').textContent).toContain('Keep watching');
    expect($('message-view').textContent).toContain('Plate number');
  });

  it("shows teammates' responses when the server can give them", async () => {
    const hub = new FakeHub();
    hub.mailbox.push(message(1, { responseRequested: true }));
    hub.extraMethods.set('GetResponses', () => [
      {
        responseId: 'r-own',
        sequence: 1,
        deviceId: 'device-1',
        deviceName: 'Anna',
        text: 'mine',
        storedAt: '2026-11-24T10:00:00Z',
      },
      {
        responseId: 'r-2',
        sequence: 1,
        deviceId: 'device-2',
        deviceName: 'Boris',
        text: 'Van left north',
        storedAt: '2026-11-24T10:01:00Z',
      },
    ]);
    await joinAs(hub);
    await vi.waitFor(() => expect($$('inbox-item')).toHaveLength(1));

    location.hash = '#/message/delivery-1';

    await vi.waitFor(() => expect($$('team-response')).toHaveLength(1));
    expect($('team-responses').textContent).toContain('Boris');
    expect($('team-responses').textContent).toContain('Van left north');
  });

  it('an actor sees upcoming cards apart and can call the controller in one tap', async () => {
    const hub = new FakeHub();
    hub.extraMethods.set('CallController', () => undefined);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    hub.mailbox.push(
      message(1, { kind: 'cueCard', subject: { en: 'Call the hotline' } }),
      message(2, { kind: 'cueCard', subject: { en: 'Hide the passport' }, playAt: later }),
    );
    await mount(hub, async () => joined('actor'));
    type('join-code', 'ACTOR1');
    type('join-name', 'Boris');
    $('join-submit').click();

    await vi.waitFor(() => expect($('cue-card').textContent).toContain('Call the hotline'));
    expect($$('cue-card-upcoming').map((c) => c.querySelector('h3')?.textContent)).toEqual(['Hide the passport']);

    $('need-controller').click();
    await vi.waitFor(() => expect($('call-result').dataset.outcome).toBe('sent'));
    expect(hub.calls('CallController')).toEqual([[expect.objectContaining({ sequence: 1 })]]);
  });

  it('an actor marks a gated fact as disclosed to a team, once per team', async () => {
    const hub = new FakeHub();
    hub.extraMethods.set('MarkDisclosed', (report) => disclosureRecord(report, true));
    hub.mailbox.push(
      message(1, {
        kind: 'cueCard',
        subject: { en: 'Hide the passport' },
        disclosures: [
          {
            id: 'passport',
            fact: { en: 'The boss keeps your passport' },
            condition: { en: 'asked about documents' },
            afterInject: null,
          },
        ],
      }),
    );
    const teams = [
      { id: 'team-a', name: { en: 'Team A' } },
      { id: 'team-b', name: { en: 'Team B' } },
    ];
    await mount(hub, async () => ({ ...joined('actor'), teams }));
    type('join-code', 'ACTOR1');
    type('join-name', 'Boris');
    $('join-submit').click();
    await vi.waitFor(() => expect($$('disclosure')).toHaveLength(1));
    expect($('disclosure').textContent).toContain('Condition: asked about documents');

    const select = $<HTMLSelectElement>('disclosure-team');
    select.value = 'team-b';
    $('disclosure-mark').click();

    await vi.waitFor(() => expect($('disclosure-record').dataset.sent).toBe('true'));
    expect($('disclosure-record').textContent).toContain('Disclosed to Team B');
    expect($('disclosure').dataset.state).toBe('disclosed');
    expect([...$<HTMLSelectElement>('disclosure-team').options].map((o) => o.value)).toEqual(['team-a']);
    expect(hub.calls('MarkDisclosed')).toEqual([
      [{ sequence: 1, gateId: 'passport', teamId: 'team-b', disclosureId: expect.any(String) }],
    ]);
  });

  it('without the team list the actor is told to report disclosures by radio', async () => {
    const hub = new FakeHub();
    hub.mailbox.push(
      message(1, {
        kind: 'cueCard',
        disclosures: [{ id: 'debt', fact: { en: 'You owe 3000 euro' }, condition: {}, afterInject: '7' }],
      }),
    );
    await mount(hub, async () => joined('actor'));
    type('join-code', 'ACTOR1');
    type('join-name', 'Boris');
    $('join-submit').click();

    await vi.waitFor(() => expect($('disclosure').textContent).toContain('by radio'));
    expect($('disclosure').textContent).toContain('Not before inject 7');
    expect(document.querySelector('[data-testid="disclosure-mark"]')).toBeNull();
  });

  it('takes a join code from the address a QR code opened', () => {
    expect(codeFromAddress('https://drill.example/app/?code=k7qm-2xpa')).toBe('K7QM-2XPA');
    expect(codeFromAddress('https://drill.example/app/#join=K7QM2XPA')).toBe('K7QM2XPA');
    expect(codeFromAddress('https://drill.example/app/')).toBe('');
  });
});
