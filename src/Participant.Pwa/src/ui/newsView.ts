import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { newestFirst } from '../model';
import { MAX_STATEMENT_TEXT } from '../statements';
import type { StatementItem, StoredMessage } from '../store';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { messageHref } from './inboxView';

export function articles(messages: readonly StoredMessage[]): StoredMessage[] {
  return newestFirst(messages.filter((m) => m.kind === 'article'));
}

/** When the article appeared in the simulated world: a seeded one carries its own date from before STARTEX. */
export function published(article: StoredMessage): string {
  return article.publishedAt ?? article.firedAt;
}

/** "City News · Maria Lebedeva": the channel and its author; without a channel, who wrote it and how. */
export function byline(article: StoredMessage, lang: string): string {
  const author = localize(article.from, lang);
  if (!article.channel) return `${author} · ${t(`method.${article.method}`)}`;
  const channel = localize(article.channel.name, lang);
  return author ? `${channel} · ${author}` : channel;
}

function articleItem(article: StoredMessage, lang: string): HTMLElement {
  const unread = !article.read;
  return h(
    'li',
    { class: unread ? 'inbox-item unread' : 'inbox-item', 'data-testid': 'news-item', 'data-unread': String(unread) },
    h(
      'a',
      { href: messageHref(article), 'data-delivery-id': article.deliveryId },
      h(
        'span',
        { class: 'inbox-line' },
        unread ? h('span', { class: 'badge' }, t('inbox.unread')) : null,
        h('span', { class: 'inbox-subject' }, localize(article.subject, lang)),
      ),
      h(
        'span',
        { class: 'inbox-meta', 'data-testid': 'news-byline' },
        `${byline(article, lang)} · `,
        h('time', { datetime: published(article) }, formatTime(published(article), getLanguage())),
      ),
    ),
  );
}

export type StatementStatus = 'sending' | 'review' | 'published' | 'rejected';

/** Where a statement written on this phone stands: the server's answer comes only as mailbox entries naming its id. */
export function statementStatus(statement: StatementItem, messages: readonly StoredMessage[]): StatementStatus {
  if (!statement.storedAt) return 'sending';
  const outcome = messages.find((m) => m.statementId === statement.statementId);
  if (!outcome) return 'review';
  return outcome.kind === 'statementRejected' ? 'rejected' : 'published';
}

export interface NewsActions {
  publish: (text: string) => Promise<void>;
}

function statementItem(statement: StatementItem, messages: readonly StoredMessage[], lang: string): HTMLElement {
  const status = statementStatus(statement, messages);
  const rejection = messages.find((m) => m.statementId === statement.statementId && m.kind === 'statementRejected');
  return h(
    'li',
    { class: 'statement', 'data-testid': 'own-statement', 'data-status': status },
    h('p', {}, statement.text),
    h('p', { class: 'hint', 'data-testid': 'statement-status' }, t(`statement.${status}`)),
    rejection ? h('p', { class: 'hint', 'data-testid': 'statement-reason' }, localize(rejection.message, lang)) : null,
  );
}

/** A rejection of a statement another phone of the team wrote: the team is told, not only its writer. */
function rejectionItem(message: StoredMessage, lang: string): HTMLElement {
  return h(
    'li',
    { class: message.read ? 'inbox-item' : 'inbox-item unread', 'data-testid': 'statement-rejected' },
    h(
      'a',
      { href: messageHref(message), 'data-delivery-id': message.deliveryId },
      h('span', { class: 'inbox-subject' }, `${t('statement.rejected')}: ${localize(message.subject, lang)}`),
      h('span', { class: 'inbox-meta' }, localize(message.message, lang)),
    ),
  );
}

function statementForm(actions: NewsActions): HTMLElement {
  const text = h('textarea', {
    id: 'statement-text',
    rows: 3,
    maxlength: MAX_STATEMENT_TEXT,
    'data-testid': 'statement-text',
  }) as HTMLTextAreaElement;
  const problem = h('p', { class: 'hint', role: 'alert', 'data-testid': 'statement-problem', hidden: true });
  const publish = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'statement-publish' },
    t('statement.publish'),
  );
  return h(
    'form',
    {
      class: 'statement-form',
      'data-testid': 'statement-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!text.value.trim()) {
          problem.textContent = t('statement.empty');
          problem.hidden = false;
          return;
        }
        problem.hidden = true;
        publish.setAttribute('disabled', '');
        actions.publish(text.value).then(
          () => {
            text.value = '';
            publish.removeAttribute('disabled');
          },
          () => {
            problem.textContent = t('statement.failed');
            problem.hidden = false;
            publish.removeAttribute('disabled');
          },
        );
      },
    },
    h('label', { for: 'statement-text' }, t('statement.label')),
    h('p', { class: 'hint' }, t('statement.help')),
    text,
    problem,
    publish,
  );
}

/**
 * The simulated media feed: every article the team's mailbox holds, newest first (opening one
 * reports it seen); then the team's statements to the press, which a controller approves before
 * anyone else sees them.
 */
export function newsView(actions?: NewsActions): View<AppState> {
  const list = h('ul', { class: 'inbox', 'data-testid': 'news', 'aria-labelledby': 'news-heading' });
  const empty = h('p', { class: 'empty' }, t('news.empty'));
  const own = h('ul', { class: 'responses', 'data-testid': 'own-statements', 'aria-labelledby': 'statements-heading' });
  const statements = h(
    'section',
    { class: 'statements' },
    h('h2', { id: 'statements-heading' }, t('statement.heading')),
    actions ? statementForm(actions) : null,
    own,
  );
  const el = h(
    'section',
    { class: 'screen' },
    h('h1', { id: 'news-heading' }, t('news.heading')),
    list,
    empty,
    statements,
  );
  return {
    el,
    update(state) {
      const lang = state.session?.defaultLanguage ?? 'en';
      const shown = articles(state.messages);
      replaceChildren(list, ...shown.map((a) => articleItem(a, lang)));
      empty.hidden = shown.length > 0;
      const mine = new Set(state.statements.map((s) => s.statementId));
      const teammates = state.messages.filter((m) => m.kind === 'statementRejected' && !mine.has(m.statementId ?? ''));
      replaceChildren(
        own,
        ...[...state.statements].reverse().map((s) => statementItem(s, state.messages, lang)),
        ...newestFirst(teammates).map((m) => rejectionItem(m, lang)),
      );
    },
  };
}
