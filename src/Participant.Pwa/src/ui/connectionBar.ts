import type { AppState } from '../app';
import { t } from '../i18n';
import { h, type View } from './dom';

export function connectionBar(): View<AppState> {
  const text = h('span', { class: 'conn-text', 'data-testid': 'connection-state' });
  const count = h('span', { class: 'conn-outbox', 'data-testid': 'outbox-count' });
  const requests = h('span', { class: 'conn-outbox', 'data-testid': 'requests-count' });
  const el = h(
    'div',
    { class: 'conn', role: 'status', 'aria-live': 'polite', 'aria-label': t('connection.label') },
    h('span', { class: 'conn-dot', 'aria-hidden': 'true' }),
    text,
    count,
    requests,
  );
  return {
    el,
    update(state) {
      el.dataset.state = state.status;
      el.setAttribute('aria-label', t('connection.label'));
      text.dataset.state = state.status;
      text.textContent = t(`connection.${state.status}`);
      const queued = state.outbox.length;
      count.dataset.count = String(queued);
      count.textContent = t('outbox.count', { count: queued });
      count.hidden = queued === 0;
      const waiting = state.requests.filter((r) => !r.storedAt).length;
      requests.dataset.count = String(waiting);
      requests.textContent = t('requests.count', { count: waiting });
      requests.hidden = waiting === 0;
    },
  };
}
