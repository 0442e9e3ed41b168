// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';
import { initLanguage, type KeyValueStorage } from '../i18n';
import type { Store } from '../store';
import { FakeHub, FakeNetwork, message, openTestStore } from '../test/fakes';
import type { DeliveredMessage, JoinResponse, StatementReceipt, StatementSubmission } from '../types';
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

const joined = (): JoinResponse => ({
  token: 'jwt',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Operation Harbour Light', ru: 'Операция «Огни гавани»' },
  role: 'participant',
  recipientId: 'team-a',
  recipientName: { en: 'Team A', ru: 'Группа А' },
  languages: ['en', 'ru'],
  defaultLanguage: 'en',
  personas: [],
});

/** A server that stores each statementId once and, like the real one, puts nothing in any mailbox until a controller decides. */
function serveStatements(hub: FakeHub): StatementSubmission[] {
  const stored: StatementSubmission[] = [];
  hub.extraMethods.set('PublishStatement', (arg) => {
    const statement = arg as StatementSubmission;
    const duplicate = stored.some((s) => s.statementId === statement.statementId);
    if (!duplicate) stored.push(statement);
    const receipt: StatementReceipt = {
      statementId: statement.statementId,
      storedAt: new Date().toISOString(),
      duplicate,
    };
    return receipt;
  });
  return stored;
}

const decided = (sequence: number, statementId: string, overrides: Partial<DeliveredMessage>): DeliveredMessage =>
  message(sequence, {
    deliveryId: `team-a|statement|${sequence}`,
    injectNumber: `S${sequence}`,
    statementId,
    from: { en: 'Team A', ru: 'Группа А' },
    firedAt: new Date().toISOString(),
    ...overrides,
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

async function joinAs(hub: FakeHub, network = new FakeNetwork()): Promise<void> {
  app = await App.boot({ store, network, createHub: () => hub, join: async () => joined() });
  unmount = mountShell(document.getElementById('app') as HTMLElement, app);
  for (const [testid, value] of [
    ['join-code', 'k7qm-2xpa'],
    ['join-name', 'Anna'],
  ] as const) {
    const input = $<HTMLInputElement>(testid);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  $('join-submit').click();
  await vi.waitFor(() => expect(document.querySelector('[data-testid="inbox"]')).not.toBeNull());
}

async function writeStatement(text: string): Promise<void> {
  location.hash = '#/news';
  await vi.waitFor(() => expect(document.querySelector('[data-testid="statement-form"]')).not.toBeNull());
  $<HTMLTextAreaElement>('statement-text').value = text;
  $('statement-form').dispatchEvent(new Event('submit', { cancelable: true }));
}

describe('News tab: the team publishes a statement', () => {
  it('written offline, it waits on the phone and is sent once with its id on reconnect, then shows as under review', async () => {
    const hub = new FakeHub();
    const stored = serveStatements(hub);
    const network = new FakeNetwork();
    await joinAs(hub, network);
    network.goOffline();
    await vi.waitFor(() => expect($('connection-state').textContent).toBe('Offline'));

    await writeStatement('The women found at the sauna are victims.');

    await vi.waitFor(() => expect($$('own-statement')).toHaveLength(1));
    expect($$('own-statement')[0]?.dataset.status).toBe('sending');
    expect($('statement-status').textContent).toBe('Waiting to send…');
    expect(hub.calls('PublishStatement')).toEqual([]);

    network.goOnline();
    await vi.waitFor(() => expect(stored).toHaveLength(1));
    await vi.waitFor(() => expect($$('own-statement')[0]?.dataset.status).toBe('review'));
    expect(stored[0]?.text).toBe('The women found at the sauna are victims.');
    expect(new Set(hub.calls('PublishStatement').map(([s]) => (s as StatementSubmission).statementId)).size).toBe(1);
    // Under review it is no article: the News list stays empty.
    expect($$('news-item')).toHaveLength(0);
  });

  it('becomes published when the approved article naming its id arrives, and the article is in the News by the team', async () => {
    const hub = new FakeHub();
    const stored = serveStatements(hub);
    await joinAs(hub);
    await writeStatement('We ask the press not to publish the photos.');
    await vi.waitFor(() => expect($$('own-statement')[0]?.dataset.status).toBe('review'));
    const statementId = stored[0]?.statementId ?? '';

    const article = decided(1, statementId, {
      kind: 'article',
      method: 'mediaReport',
      subject: { en: 'We ask the press not to publish the photos.', ru: 'We ask the press not to publish the photos.' },
    });
    hub.mailbox.push(article);
    hub.push(article);

    await vi.waitFor(() => expect($$('own-statement')[0]?.dataset.status).toBe('published'));
    expect($$('news-item')).toHaveLength(1);
    expect($('news-byline').textContent).toContain('Team A');
  });

  it('shows the reason when a controller rejects it, in the News and not in the inbox', async () => {
    const hub = new FakeHub();
    const stored = serveStatements(hub);
    await joinAs(hub);
    await writeStatement('Olga, 19, was rescued from the sauna.');
    await vi.waitFor(() => expect($$('own-statement')[0]?.dataset.status).toBe('review'));

    const rejection = decided(1, stored[0]?.statementId ?? '', {
      kind: 'statementRejected',
      method: 'document',
      subject: { en: 'Olga, 19, was rescued from the sauna.', ru: 'Olga, 19, was rescued from the sauna.' },
      message: { en: 'Names a victim.', ru: 'Называет пострадавшую.' },
    });
    hub.mailbox.push(rejection);
    hub.push(rejection);

    await vi.waitFor(() => expect($$('own-statement')[0]?.dataset.status).toBe('rejected'));
    expect($('statement-reason').textContent).toBe('Names a victim.');
    expect($('statement-status').textContent).toBe('Not approved');
    location.hash = '#/';
    await vi.waitFor(() => expect(document.querySelector('[data-testid="inbox"]')).not.toBeNull());
    expect($$('inbox-item')).toHaveLength(0);
  });

  it('refuses an empty statement without queuing anything', async () => {
    const hub = new FakeHub();
    serveStatements(hub);
    await joinAs(hub);

    await writeStatement('   ');

    await vi.waitFor(() => expect($('statement-problem').hidden).toBe(false));
    expect($('statement-problem').textContent).toBe('Write the statement first.');
    expect(await store.statements()).toEqual([]);
  });
});
