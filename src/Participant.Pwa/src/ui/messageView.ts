import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { type ResponseView, responsesFor } from '../model';
import type { ResponseDraft } from '../outbox';
import type { StoredMessage } from '../store';
import type { TeamResponse } from '../types';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { marking } from './marking';
import { emptyDraft, type FormDraft, responseForm } from './responseForm';

export interface MessageActions {
  acknowledge(deliveryId: string): void;
  respond(deliveryId: string, response: ResponseDraft): Promise<void>;
  /** The team's responses from the server (every device); null when it cannot say. */
  teamResponses(deliveryId: string): Promise<TeamResponse[] | null>;
  /** A message's attachment, fetched with the device token. */
  fetchAttachment(sequence: number, attachmentId: string): Promise<Blob>;
  /** Unsent drafts per message, so a rebuild (language switch) does not lose them. */
  drafts: Map<string, FormDraft>;
}

/** A response's answers as label → value, choice ids shown as their labels. */
function fieldLines(
  message: StoredMessage,
  fields: Record<string, string> | null | undefined,
  lang: string,
): HTMLElement | null {
  const entries = Object.entries(fields ?? {});
  if (entries.length === 0) return null;
  const form = message.responseForm?.fields ?? [];
  const show = (id: string, value: string): [string, string] => {
    const field = form.find((f) => f.id === id);
    const choice = field?.kind === 'choice' ? field.choices.find((c) => c.id === value) : undefined;
    return [localize(field?.label, lang) || id, choice ? localize(choice.label, lang) || value : value];
  };
  return h(
    'dl',
    { class: 'response-fields' },
    ...entries.flatMap(([id, value]) => {
      const [label, shown] = show(id, value);
      return [h('dt', {}, label), h('dd', {}, shown)];
    }),
  );
}

/** "30 min", "2 h 15 min", "1 d 4 h" from the protocol's "hh:mm:ss" or "d.hh:mm:ss". */
export function formatWithin(value: string): string | null {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return null;
  const [days, hours, minutes] = [Number(match[1] ?? 0), Number(match[2]), Number(match[3])];
  const parts = [
    days ? t('time.days', { n: days }) : '',
    hours ? t('time.hours', { n: hours }) : '',
    minutes || (!days && !hours) ? t('time.minutes', { n: minutes }) : '',
  ].filter(Boolean);
  return parts.join(' ');
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * A message's attachments: photos shown inline, other files opened on a tap. Each is fetched with
 * the device token (an <img src> cannot carry it), or read from the phone's cache when held.
 */
function attachmentList(
  message: StoredMessage,
  lang: string,
  fetchAttachment: MessageActions['fetchAttachment'],
): HTMLElement | null {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return null;
  return h(
    'section',
    { class: 'attachments', 'aria-labelledby': 'attachments-heading', 'data-testid': 'attachments' },
    h('h2', { id: 'attachments-heading' }, t('message.attachments')),
    h(
      'ul',
      {},
      ...attachments.map((a) => {
        const title = localize(a.title, lang) || a.fileName;
        const status = h('span', { class: 'hint', role: 'status' });
        const item = h('li', { class: 'attachment', 'data-testid': 'attachment', 'data-content-type': a.contentType });
        const load = (): Promise<string | null> =>
          fetchAttachment(message.sequence, a.id).then(
            (blob) => URL.createObjectURL(blob),
            () => {
              status.textContent = t('message.attachmentUnavailable');
              return null;
            },
          );
        if (a.contentType.startsWith('image/')) {
          const img = h('img', { alt: title, class: 'attachment-image' });
          void load().then((url) => {
            if (url) img.src = url;
          });
          replaceChildren(item, h('figure', {}, img, h('figcaption', {}, title)), status);
        } else {
          const open = h(
            'button',
            {
              type: 'button',
              class: 'secondary attachment-open',
              onclick: () => {
                status.textContent = t('message.attachmentLoading');
                void load().then((url) => {
                  if (!url) return;
                  status.textContent = '';
                  const link = h('a', { href: url, download: a.fileName, target: '_blank', rel: 'noopener' });
                  link.click();
                });
              },
            },
            `${title} (${formatSize(a.size)})`,
          );
          replaceChildren(item, open, status);
        }
        return item;
      }),
    ),
  );
}

/** What a response says: choice, fields, text, photos. */
function responseBody(
  message: StoredMessage,
  lang: string,
  r: { text?: string | null; fields?: Record<string, string> | null; photos: number; photosRefused?: number },
): HTMLElement {
  return h(
    'div',
    { class: 'response-body' },
    fieldLines(message, r.fields, lang),
    r.text ? h('p', { class: 'response-text' }, r.text) : null,
    r.photos > 0 ? h('p', { class: 'response-photos' }, t('response.photoCount', { count: r.photos })) : null,
    (r.photosRefused ?? 0) > 0
      ? h('p', { class: 'error' }, t('response.photoRefused', { count: r.photosRefused ?? 0 }))
      : null,
  );
}

function ownResponse(message: StoredMessage, lang: string, r: ResponseView): HTMLElement {
  return h(
    'li',
    { class: `response ${r.status}`, 'data-response-id': r.responseId },
    responseBody(message, lang, r),
    h(
      'span',
      { class: 'response-status', 'data-testid': 'response-status', 'data-status': r.status },
      r.status === 'received' ? `✓ ${t('response.received')}` : t('response.sending'),
    ),
  );
}

/**
 * One message. Built once per visit and patched on updates: a push arriving while someone
 * types must not rebuild the form under their fingers.
 */
export function messageView(deliveryId: string, state: AppState, actions: MessageActions): View<AppState> {
  const message = state.messages.find((m) => m.deliveryId === deliveryId);
  const article = state.messages.find((m) => m.deliveryId === deliveryId)?.kind === 'article';
  const back = article
    ? h('a', { class: 'back', href: '#/news' }, `← ${t('news.back')}`)
    : h('a', { class: 'back', href: '#/' }, `← ${t('message.back')}`);
  if (!message) {
    return {
      el: h('section', { class: 'screen' }, back, h('p', { role: 'alert' }, t('message.notFound'))),
      update() {},
    };
  }
  const lang = state.session?.defaultLanguage ?? 'en';
  const ownDevice = state.session?.deviceId;
  const field = (label: string, value: Node | string): HTMLElement[] => [h('dt', {}, label), h('dd', {}, value)];

  const ack = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'ack-button',
    onclick: () => actions.acknowledge(deliveryId),
  });

  const statuses = h('ul', { class: 'responses', 'aria-live': 'polite', 'aria-labelledby': 'own-responses-heading' });
  const ownHeading = h('h2', { id: 'own-responses-heading' }, t('message.responses'));
  let draft = actions.drafts.get(deliveryId);
  if (!draft) {
    draft = emptyDraft();
    actions.drafts.set(deliveryId, draft);
  }
  const respondForm = message.responseRequested
    ? responseForm(message, lang, draft, (response) => actions.respond(deliveryId, response))
    : null;

  // Teammates' responses come from the server when it can give them; this phone's own are below.
  const team = h('section', {
    class: 'team-responses',
    'data-testid': 'team-responses',
    hidden: true,
    'aria-labelledby': 'team-heading',
  });
  const showTeam = (responses: TeamResponse[]): void => {
    const others = responses.filter((r) => r.deviceId !== ownDevice);
    team.hidden = others.length === 0;
    replaceChildren(
      team,
      h('h2', { id: 'team-heading' }, t('message.teamResponses')),
      h(
        'ul',
        { class: 'responses' },
        ...others.map((r) =>
          h(
            'li',
            { class: 'response team', 'data-testid': 'team-response' },
            h(
              'p',
              { class: 'response-by' },
              h('strong', {}, r.deviceName),
              ' · ',
              h('time', { datetime: r.storedAt }, formatTime(r.storedAt, getLanguage())),
            ),
            responseBody(message, lang, { ...r, photos: r.attachmentIds?.length ?? 0 }),
          ),
        ),
      ),
    );
  };
  const loadTeam = (): void => {
    void actions.teamResponses(deliveryId).then(
      (list) => list && showTeam(list),
      () => undefined,
    );
  };
  if (message.responseRequested) loadTeam();

  const el = h(
    'section',
    { class: 'screen' },
    back,
    h(
      'article',
      { class: 'message', 'data-testid': 'message-view', 'aria-labelledby': 'message-subject' },
      marking(message.classificationLine, lang),
      h('h1', { id: 'message-subject' }, localize(message.subject, lang)),
      h(
        'dl',
        { class: 'meta' },
        ...(message.channel
          ? field(
              t('news.channel'),
              h('span', { 'data-testid': 'article-channel' }, localize(message.channel.name, lang)),
            )
          : []),
        ...(localize(message.from, lang)
          ? field(
              message.kind === 'article' ? t('news.author') : t('message.from'),
              h('span', { 'data-testid': 'message-from' }, localize(message.from, lang)),
            )
          : []),
        ...field(t('message.method'), t(`method.${message.method}`)),
        ...field(
          message.kind === 'article' ? t('news.published') : t('message.time'),
          h(
            'time',
            { datetime: message.publishedAt ?? message.firedAt, 'data-testid': 'message-time' },
            formatTime(message.publishedAt ?? message.firedAt, getLanguage()),
          ),
        ),
        ...(message.responseRequested && message.respondWithin && formatWithin(message.respondWithin)
          ? field(
              t('message.respondWithin'),
              h('span', { 'data-testid': 'respond-within' }, formatWithin(message.respondWithin) ?? ''),
            )
          : []),
      ),
      h('h2', { class: 'visually-hidden' }, t('message.body')),
      h('div', { class: 'body' }, localize(message.message, lang)),
      message.anonymous ? h('p', { class: 'hint', 'data-testid': 'hotwash-anonymous' }, t('message.anonymous')) : null,
      attachmentList(message, lang, actions.fetchAttachment),
      ack,
      respondForm,
      ownHeading,
      statuses,
      team,
    ),
  );

  let receivedBefore = -1;
  return {
    el,
    update(next) {
      const current = next.messages.find((m) => m.deliveryId === deliveryId);
      if (!current) return;
      ack.disabled = current.acknowledged;
      ack.dataset.state = current.ackSent ? 'sent' : current.acknowledged ? 'pending' : 'none';
      ack.textContent = current.ackSent
        ? `✓ ${t('message.acknowledged')}`
        : current.acknowledged
          ? t('message.ackSending')
          : t('message.acknowledge');
      const own = responsesFor(deliveryId, next.outbox, next.sent);
      ownHeading.hidden = own.length === 0;
      replaceChildren(statuses, ...own.map((r) => ownResponse(current, lang, r)));
      // A new receipt, or the connection back: the team's list may have grown.
      const received = own.filter((r) => r.status === 'received').length;
      if (message.responseRequested && received !== receivedBefore && receivedBefore !== -1) loadTeam();
      receivedBefore = received;
    },
  };
}
