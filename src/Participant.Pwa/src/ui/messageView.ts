import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { responsesFor, type ResponseView } from '../model';
import type { ResponseDraft } from '../outbox';
import type { StoredMessage } from '../store';
import type { TeamResponse } from '../types';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { emptyDraft, responseForm, type FormDraft } from './responseForm';

export interface MessageActions {
  acknowledge(deliveryId: string): void;
  respond(deliveryId: string, response: ResponseDraft): Promise<void>;
  /** The team's responses from the server (every device); null when it cannot say. */
  teamResponses(deliveryId: string): Promise<TeamResponse[] | null>;
  /** Unsent drafts per message, so a rebuild (language switch) does not lose them. */
  drafts: Map<string, FormDraft>;
}

function choiceLabel(message: StoredMessage, choice: string | null | undefined, lang: string): string | null {
  if (!choice) return null;
  const option = message.responseForm?.choices?.find((c) => c.id === choice);
  return option ? localize(option.label, lang) || choice : choice;
}

function fieldLines(message: StoredMessage, fields: Record<string, string> | null | undefined, lang: string): HTMLElement | null {
  const entries = Object.entries(fields ?? {});
  if (entries.length === 0) return null;
  const labelOf = (name: string): string =>
    localize(message.responseForm?.fields?.find((f) => f.name === name)?.label, lang) || name;
  return h('dl', { class: 'response-fields' }, ...entries.flatMap(([name, value]) => [h('dt', {}, labelOf(name)), h('dd', {}, value)]));
}

/** What a response says: choice, fields, text, photos. */
function responseBody(
  message: StoredMessage,
  lang: string,
  r: { text?: string | null; choice?: string | null; fields?: Record<string, string> | null; photos: number; photosRefused?: number },
): HTMLElement {
  const choice = choiceLabel(message, r.choice, lang);
  return h(
    'div',
    { class: 'response-body' },
    choice ? h('p', { class: 'response-choice' }, h('strong', {}, choice)) : null,
    fieldLines(message, r.fields, lang),
    r.text ? h('p', { class: 'response-text' }, r.text) : null,
    r.photos > 0 ? h('p', { class: 'response-photos' }, t('response.photoCount', { count: r.photos })) : null,
    (r.photosRefused ?? 0) > 0 ? h('p', { class: 'error' }, t('response.photoRefused', { count: r.photosRefused ?? 0 })) : null,
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
  const back = h('a', { class: 'back', href: '#/' }, `← ${t('message.back')}`);
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
  const team = h('section', { class: 'team-responses', 'data-testid': 'team-responses', hidden: true, 'aria-labelledby': 'team-heading' });
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
            h('p', { class: 'response-by' }, h('strong', {}, r.deviceName), ' · ', h('time', { datetime: r.storedAt }, formatTime(r.storedAt, getLanguage()))),
            responseBody(message, lang, { ...r, photos: r.attachmentIds?.length ?? 0 }),
          ),
        ),
      ),
    );
  };
  const loadTeam = (): void => {
    void actions.teamResponses(deliveryId).then((list) => list && showTeam(list), () => undefined);
  };
  if (message.responseRequested) loadTeam();

  const el = h(
    'section',
    { class: 'screen' },
    back,
    h(
      'article',
      { class: 'message', 'data-testid': 'message-view', 'aria-labelledby': 'message-subject' },
      h('h1', { id: 'message-subject' }, localize(message.subject, lang)),
      h(
        'dl',
        { class: 'meta' },
        ...(localize(message.from, lang) ? field(t('message.from'), localize(message.from, lang)) : []),
        ...field(t('message.method'), t(`method.${message.method}`)),
        ...field(
          t('message.time'),
          h('time', { datetime: message.firedAt }, formatTime(message.firedAt, getLanguage())),
        ),
      ),
      h('h2', { class: 'visually-hidden' }, t('message.body')),
      h('div', { class: 'body' }, localize(message.message, lang)),
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
