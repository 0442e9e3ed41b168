import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import type { PhotoDraft } from '../outbox';
import { MAX_REQUEST_PHOTOS, MAX_REQUEST_TEXT, type RequestDraft } from '../requests';
import { buildThreads, type Thread, type ThreadEntry } from '../threads';
import type { PersonaRef } from '../types';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { messageHref } from './inboxView';
import { marking } from './marking';
import { photoPicker } from './responseForm';

export interface ThreadActions {
  request(personaId: string, draft: RequestDraft): Promise<void>;
  /** The thread is on screen: its unread entries are read. */
  markRead(deliveryIds: string[]): void;
  /** Unsent text and photos per persona, so a rebuild (language switch) does not lose them. */
  drafts: Map<string, { text: string; photos: PhotoDraft[] }>;
}

export function threadHref(personaId: string): string {
  return `#/thread/${encodeURIComponent(personaId)}`;
}

export function threadsOf(state: AppState): Thread[] {
  return buildThreads(state.messages, state.requests, state.session?.personas ?? []);
}

function avatar(persona: PersonaRef | null, fallback: string): HTMLElement {
  return h(
    'span',
    {
      class: 'avatar',
      'aria-hidden': 'true',
      'data-kind': persona?.kind ?? 'other',
      style: persona ? `background:${/^#[0-9a-f]{6}$/i.test(persona.colour) ? persona.colour : '#555'}` : null,
    },
    persona?.initials || fallback.slice(0, 2).toUpperCase(),
  );
}

function personaName(persona: PersonaRef | null, personaId: string, lang: string): string {
  return localize(persona?.name, lang) || personaId;
}

/** The team's threads, most recent first, and "Write to…". */
export function threadsView(): View<AppState> {
  const list = h('ul', { class: 'threads', 'data-testid': 'threads', 'aria-labelledby': 'threads-heading' });
  const empty = h('p', { class: 'empty' }, t('threads.empty'));
  const write = h(
    'a',
    { class: 'button primary write', href: '#/write', 'data-testid': 'write-to' },
    t('threads.write'),
  );
  const el = h(
    'section',
    { class: 'screen' },
    h('h1', { id: 'threads-heading' }, t('threads.heading')),
    write,
    list,
    empty,
  );
  return {
    el,
    update(state) {
      const lang = state.session?.defaultLanguage ?? 'en';
      const threads = threadsOf(state);
      replaceChildren(
        list,
        ...threads.map((thread) => {
          const last = thread.entries.at(-1);
          const name = personaName(thread.persona, thread.personaId, lang);
          return h(
            'li',
            {
              class: thread.unread > 0 ? 'thread-item unread' : 'thread-item',
              'data-testid': 'thread-item',
              'data-persona': thread.personaId,
            },
            h(
              'a',
              { class: 'thread-link', href: threadHref(thread.personaId) },
              avatar(thread.persona, name),
              h(
                'span',
                { class: 'thread-summary' },
                h(
                  'span',
                  { class: 'thread-name' },
                  name,
                  thread.unread > 0
                    ? h('span', { class: 'count', 'data-testid': 'thread-unread' }, String(thread.unread))
                    : null,
                ),
                last ? h('span', { class: 'thread-last' }, localize(last.text, lang)) : null,
              ),
            ),
          );
        }),
      );
      empty.hidden = threads.length > 0;
      // Writing needs someone to write to.
      write.hidden = (state.session?.personas ?? []).length === 0;
    },
  };
}

/** "Write to…": pick the persona; the thread screen then takes the text. */
export function personaPicker(state: AppState): View<AppState> {
  const lang = state.session?.defaultLanguage ?? 'en';
  const personas = state.session?.personas ?? [];
  const el = h(
    'section',
    { class: 'screen' },
    h('a', { class: 'back', href: '#/threads' }, `← ${t('threads.back')}`),
    h('h1', { id: 'write-heading' }, t('write.heading')),
    personas.length === 0
      ? h('p', { class: 'empty' }, t('write.none'))
      : h(
          'ul',
          { class: 'personas', 'data-testid': 'personas', 'aria-labelledby': 'write-heading' },
          ...personas.map((p) => {
            const name = personaName(p, p.id, lang);
            return h(
              'li',
              {},
              h(
                'a',
                { class: 'thread-link', href: threadHref(p.id), 'data-testid': 'persona', 'data-persona': p.id },
                avatar(p, name),
                h(
                  'span',
                  { class: 'thread-summary' },
                  h('span', { class: 'thread-name' }, name),
                  h('span', { class: 'thread-last' }, localize(p.organisation, lang)),
                ),
              ),
            );
          }),
        ),
  );
  return { el, update() {} };
}

/** A teammate's photos are on the request's mailbox entry: the message page shows them (fetched with the device token). */
function photoLine(entry: ThreadEntry): HTMLElement | null {
  if (entry.photos === 0) return null;
  const text = t('response.photoCount', { count: entry.photos });
  return entry.message?.attachments?.length
    ? h('p', { class: 'hint' }, h('a', { href: messageHref(entry.message), 'data-testid': 'entry-photos' }, text))
    : h('p', { class: 'hint' }, text);
}

function entryItem(entry: ThreadEntry, lang: string): HTMLElement {
  const status =
    entry.mine && entry.status === 'sending'
      ? t('thread.sending')
      : entry.mine
        ? `✓ ${t('thread.sent')}`
        : localize(entry.from ?? undefined, lang);
  return h(
    'li',
    {
      class: `bubble ${entry.kind}${entry.mine ? ' mine' : ''}${entry.read ? '' : ' unread'}`,
      'data-testid': 'thread-entry',
      'data-kind': entry.kind,
      'data-status': entry.status,
      'data-mine': String(entry.mine),
    },
    marking(entry.message?.classificationLine, lang),
    h('p', { class: 'bubble-text' }, localize(entry.text, lang)),
    photoLine(entry),
    h(
      'p',
      { class: 'bubble-meta' },
      h('span', { 'data-testid': 'entry-status' }, status),
      ' · ',
      h('time', { datetime: entry.at }, formatTime(entry.at, getLanguage())),
    ),
  );
}

/** One thread with a persona, and the box to write in it. Patched on updates, never rebuilt while typing. */
export function threadView(personaId: string, state: AppState, actions: ThreadActions): View<AppState> {
  const lang = state.session?.defaultLanguage ?? 'en';
  const known = (state.session?.personas ?? []).find((p) => p.id === personaId) ?? null;
  const heading = h('h1', { id: 'thread-heading' }, personaName(known, personaId, lang));
  const entries = h('ol', { class: 'thread', 'data-testid': 'thread', 'aria-labelledby': 'thread-heading' });
  const empty = h('p', { class: 'empty' }, t('thread.empty'));
  let draft = actions.drafts.get(personaId);
  if (!draft) {
    draft = { text: '', photos: [] };
    actions.drafts.set(personaId, draft);
  }
  const held = draft;
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const text = h('textarea', {
    id: `request-${personaId}`,
    rows: 3,
    maxlength: MAX_REQUEST_TEXT,
    'data-testid': 'request-text',
    oninput: () => {
      held.text = text.value;
    },
  });
  text.value = held.text;
  const photos = photoPicker(`request-${personaId}`, held, t('response.photoAdd'), false);
  const send = h('button', { type: 'submit', class: 'primary', 'data-testid': 'request-send' }, t('thread.send'));
  const form = h(
    'form',
    {
      class: 'composer',
      'data-testid': 'request-form',
      onsubmit: (event) => {
        event.preventDefault();
        problem.hidden = true;
        if (!held.text.trim()) {
          problem.textContent = t('thread.emptyText');
          problem.hidden = false;
          text.focus();
          return;
        }
        if (held.photos.length > MAX_REQUEST_PHOTOS) {
          problem.textContent = t('thread.tooManyPhotos', { count: MAX_REQUEST_PHOTOS });
          problem.hidden = false;
          return;
        }
        const request: RequestDraft = { text: held.text, photos: [...held.photos] };
        send.disabled = true;
        void actions.request(personaId, request).then(
          () => {
            held.text = '';
            held.photos.length = 0;
            text.value = '';
            photos.clear();
            send.disabled = false;
          },
          () => {
            problem.textContent = t('thread.failed');
            problem.hidden = false;
            send.disabled = false;
          },
        );
      },
    },
    h('label', { for: text.id }, t('thread.label', { name: personaName(known, personaId, lang) })),
    text,
    photos.el,
    problem,
    send,
  );
  const el = h(
    'section',
    { class: 'screen' },
    h('a', { class: 'back', href: '#/threads' }, `← ${t('threads.back')}`),
    heading,
    entries,
    empty,
    form,
  );
  return {
    el,
    update(next) {
      const thread = threadsOf(next).find((th) => th.personaId === personaId);
      heading.textContent = personaName(thread?.persona ?? known, personaId, lang);
      replaceChildren(entries, ...(thread?.entries ?? []).map((e) => entryItem(e, lang)));
      empty.hidden = (thread?.entries.length ?? 0) > 0;
      const unread = (thread?.entries ?? []).filter((e) => !e.read && e.deliveryId).map((e) => e.deliveryId ?? '');
      if (unread.length > 0) actions.markRead(unread);
    },
  };
}
