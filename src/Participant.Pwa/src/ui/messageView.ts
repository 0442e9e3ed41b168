import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { responsesFor } from '../model';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';

export interface MessageActions {
  acknowledge(deliveryId: string): void;
  respond(deliveryId: string, text: string): Promise<void>;
  /** Unsent text per message, so a rebuild (language switch) does not lose it. */
  drafts: Map<string, string>;
}

/**
 * One message. Built once per visit and patched on updates: a push arriving while someone
 * types must not rebuild the textarea under their fingers.
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
  const field = (label: string, value: Node | string): HTMLElement[] => [h('dt', {}, label), h('dd', {}, value)];

  const ack = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'ack-button',
    onclick: () => actions.acknowledge(deliveryId),
  });

  const statuses = h('ul', { class: 'responses', 'aria-live': 'polite', 'aria-label': t('message.responses') });
  let respondForm: HTMLElement | null = null;
  if (message.responseRequested) {
    const text = h('textarea', {
      id: 'response-text',
      'data-testid': 'response-text',
      rows: 4,
      maxlength: 4000,
      oninput: () => actions.drafts.set(deliveryId, text.value),
    });
    text.value = actions.drafts.get(deliveryId) ?? '';
    const problem = h('p', { class: 'error', role: 'alert', hidden: true });
    const send = h('button', { type: 'submit', class: 'primary', 'data-testid': 'response-send' }, t('message.responseSend'));
    respondForm = h(
      'form',
      {
        class: 'respond',
        onsubmit: (event) => {
          event.preventDefault();
          if (!text.value.trim()) {
            problem.textContent = t('message.responseEmpty');
            problem.hidden = false;
            text.focus();
            return;
          }
          problem.hidden = true;
          const value = text.value;
          text.value = '';
          actions.drafts.delete(deliveryId);
          actions.respond(deliveryId, value).catch(() => {
            text.value = value; // not even queued (storage failed): give the text back
          });
        },
      },
      h('p', { class: 'notice' }, t('message.responseRequested')),
      h('label', { for: 'response-text' }, t('message.responseLabel')),
      text,
      problem,
      send,
    );
  }

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
        ...field(t('message.from'), localize(message.from, lang)),
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
      statuses,
    ),
  );

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
      replaceChildren(
        statuses,
        ...responsesFor(deliveryId, next.outbox, next.sent).map((r) =>
          h(
            'li',
            { class: `response ${r.status}`, 'data-response-id': r.responseId },
            h('span', { class: 'response-text' }, r.text),
            h(
              'span',
              { class: 'response-status', 'data-testid': 'response-status', 'data-status': r.status },
              r.status === 'received' ? `✓ ${t('response.received')}` : t('response.sending'),
            ),
          ),
        ),
      );
    },
  };
}
