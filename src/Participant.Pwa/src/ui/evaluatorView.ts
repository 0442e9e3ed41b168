import type { AppState } from '../app';
import { currentRating, exerciseTimeAt, inPlayFor, type ObservationDraft, parseSpan } from '../evaluator';
import { getLanguage, localize, t } from '../i18n';
import type { PhotoDraft } from '../outbox';
import { PhotoError, preparePhoto } from '../photo';
import type { StoredObservation } from '../store';
import { type EvaluatorBrief, type GeoPoint, RATINGS, type Rating } from '../types';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';

export interface EvaluatorActions {
  observe(draft: ObservationDraft): Promise<unknown>;
  refreshBrief(): Promise<void>;
}

/** "01:23:45" from milliseconds; days as "2d 01:23:45". */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Asks the phone where it is; nothing when it cannot say within a few seconds (indoors, refused). */
function locate(): Promise<GeoPoint | undefined> {
  const geolocation = globalThis.navigator?.geolocation;
  if (!geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) =>
    geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: p.coords.accuracy }),
      () => resolve(undefined),
      { enableHighAccuracy: true, timeout: 8_000, maximumAge: 60_000 },
    ),
  );
}

/**
 * The evaluator's screen: pick the team and site, rate each critical task P/S/M/U, or tap
 * "observed now" to note what happens with the inject in play at the site. Everything is kept on
 * the phone at once and sent when connected; a rating given again corrects the earlier one.
 */
export function evaluatorView(actions: EvaluatorActions): View<AppState> {
  let brief: EvaluatorBrief | null = null;
  let observations: StoredObservation[] = [];
  let teamId = '';
  let siteId = '';
  const photos: PhotoDraft[] = [];

  const clock = h('p', { class: 'exercise-time', 'data-testid': 'exercise-time' });
  const waiting = h('p', { class: 'hint', 'data-testid': 'observations-waiting', role: 'status' });
  const teamSelect = h('select', {
    id: 'eval-team',
    'data-testid': 'eval-team',
    onchange: () => {
      teamId = teamSelect.value;
      paint();
    },
  });
  const siteSelect = h('select', {
    id: 'eval-site',
    'data-testid': 'eval-site',
    onchange: () => {
      siteId = siteSelect.value;
      paint();
    },
  });
  const inPlay = h('p', { class: 'in-play', 'data-testid': 'in-play' });
  const note = h('textarea', { id: 'eval-note', rows: 3, 'data-testid': 'eval-note', maxlength: 2000 });
  const withLocation = h('input', { id: 'eval-location', type: 'checkbox', 'data-testid': 'eval-location' });
  const photoStatus = h('span', { class: 'hint', role: 'status', 'data-testid': 'eval-photo-status' });
  const photoInput = h('input', {
    id: 'eval-photo',
    type: 'file',
    accept: 'image/*',
    capture: 'environment',
    'data-testid': 'eval-photo',
    onchange: () => {
      const files = [...(photoInput.files ?? [])];
      photoInput.value = '';
      void Promise.all(files.map((f) => preparePhoto(f)))
        .then((prepared) => {
          photos.push(...prepared);
          photoStatus.textContent = t('eval.photos', { n: photos.length });
        })
        .catch((error: unknown) => {
          photoStatus.textContent =
            error instanceof PhotoError
              ? t(error.reason === 'tooLarge' ? 'response.photoTooLarge' : 'response.photoNotImage')
              : '';
        });
    },
  });
  const tasks = h('div', { class: 'eval-tasks', 'data-testid': 'eval-tasks' });
  const list = h('ol', { class: 'eval-observations', 'aria-label': t('eval.mine') });

  /** Turns what is filled in (note, photos, location) into a draft, and clears it for the next one. */
  async function take(extra: ObservationDraft): Promise<void> {
    const draft: ObservationDraft = {
      ...extra,
      ...(teamId ? { teamId } : {}),
      ...(siteId ? { siteId } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
      ...(photos.length > 0 ? { photos: [...photos] } : {}),
    };
    if (withLocation.checked) {
      const location = await locate();
      if (location) draft.location = location;
    }
    await actions.observe(draft);
    note.value = '';
    photos.length = 0;
    photoStatus.textContent = '';
  }

  const observedNow = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-testid': 'observed-now',
      onclick: () => {
        if (!note.value.trim() && photos.length === 0) {
          note.focus();
          return;
        }
        const current = brief ? inPlayFor(brief, siteId ? { siteId } : { teamId }) : undefined;
        void take(current ? { injectNumber: current.injectNumber } : {});
      },
    },
    t('eval.observedNow'),
  );

  function rate(taskId: string, rating: Rating): void {
    if (!teamId) return;
    const earlier = currentRating(brief, observations, teamId, taskId);
    const current = brief ? inPlayFor(brief, siteId ? { siteId } : { teamId }) : undefined;
    void take({
      criticalTaskId: taskId,
      rating,
      ...(earlier ? { corrects: earlier.observationId } : {}),
      ...(current ? { injectNumber: current.injectNumber } : {}),
    });
  }

  function paintTasks(lang: string): void {
    replaceChildren(
      tasks,
      ...(brief?.tasks ?? []).map((task) => {
        const now = teamId ? currentRating(brief, observations, teamId, task.id) : undefined;
        return h(
          'article',
          { class: 'eval-task', 'data-testid': 'eval-task', 'data-task': task.id },
          h('p', { class: 'hint' }, `${localize(task.objective, lang)} · ${localize(task.capability, lang)}`),
          h('h3', {}, localize(task.title, lang)),
          task.targets.length > 0
            ? h('ul', { class: 'hint' }, ...task.targets.map((target) => h('li', {}, localize(target, lang))))
            : null,
          h(
            'p',
            { class: 'task-rating', 'data-testid': 'task-rating', 'data-rating': now?.rating ?? '' },
            now ? t('eval.current', { rating: t(`rating.${now.rating}`) }) : t('eval.notRated'),
          ),
          h(
            'div',
            { class: 'rating-buttons', role: 'group', 'aria-label': t('eval.rate') },
            ...RATINGS.map((r) =>
              h(
                'button',
                {
                  type: 'button',
                  class: now?.rating === r ? 'rating chosen' : 'rating',
                  'data-testid': `rate-${r}`,
                  title: t(`rating.${r}`),
                  disabled: !teamId,
                  onclick: () => rate(task.id, r),
                },
                r.toUpperCase(),
              ),
            ),
          ),
        );
      }),
    );
  }

  function paintList(lang: string): void {
    const teamName = (id?: string) => localize(brief?.teams.find((x) => x.id === id)?.name, lang) || id || '';
    const taskName = (id?: string) => localize(brief?.tasks.find((x) => x.id === id)?.title, lang) || id || '';
    replaceChildren(
      list,
      ...[...observations].reverse().map((o) =>
        h(
          'li',
          {
            'data-testid': 'observation',
            'data-state': o.receipt ? 'sent' : 'queued',
            'data-rating': o.rating ?? '',
          },
          h(
            'span',
            { class: 'mono' },
            o.receipt ? formatSpan(parseSpan(o.receipt.scenarioTime)) : formatTime(o.observedAt, getLanguage()),
          ),
          ' ',
          [teamName(o.teamId), o.criticalTaskId ? taskName(o.criticalTaskId) : null, o.rating?.toUpperCase(), o.note]
            .filter(Boolean)
            .join(' · '),
          o.corrects ? ` (${t('eval.correction')})` : '',
          o.receipt ? ' ✓' : ` — ${t('response.sending')}`,
        ),
      ),
    );
    const queued = observations.filter((o) => !o.receipt).length;
    waiting.textContent = queued > 0 ? t('eval.waiting', { n: queued }) : '';
  }

  function paint(): void {
    const lang = getLanguage();
    const current = brief ? inPlayFor(brief, siteId ? { siteId } : { teamId }) : undefined;
    inPlay.textContent = current
      ? t('eval.inPlay', { number: current.injectNumber, subject: localize(current.subject, lang) })
      : t('eval.nothingInPlay');
    inPlay.dataset.inject = current?.injectNumber ?? '';
    paintTasks(lang);
    paintList(lang);
  }

  function tick(): void {
    clock.textContent = brief ? t('eval.exerciseTime', { time: formatSpan(exerciseTimeAt(brief, new Date())) }) : '';
  }

  const el = h(
    'section',
    { class: 'screen evaluator', 'data-testid': 'evaluator' },
    h('h1', {}, t('eval.heading')),
    clock,
    waiting,
    h('label', { for: 'eval-team' }, t('eval.team')),
    teamSelect,
    h('label', { for: 'eval-site' }, t('eval.site')),
    siteSelect,
    inPlay,
    h('label', { for: 'eval-note' }, t('eval.note')),
    note,
    h('div', { class: 'eval-extras' }, h('label', { for: 'eval-photo' }, t('eval.photo')), photoInput, photoStatus),
    h('div', { class: 'eval-extras' }, withLocation, h('label', { for: 'eval-location' }, t('eval.location'))),
    observedNow,
    h('h2', {}, t('eval.tasks')),
    tasks,
    h('h2', {}, t('eval.mine')),
    list,
  );
  const timer = setInterval(() => (el.isConnected ? tick() : clearInterval(timer)), 1000);
  // What is in play moves on while the evaluator watches: ask again whenever the screen is built.
  void actions.refreshBrief();

  return {
    el,
    update(state) {
      const lang = getLanguage();
      const briefChanged = state.brief !== brief;
      brief = state.brief;
      observations = state.observations;
      if (briefChanged && brief) {
        const teams = brief.teams;
        const sites = brief.sites;
        if (!teams.some((x) => x.id === teamId)) teamId = teams[0]?.id ?? '';
        if (siteId && !sites.some((x) => x.id === siteId)) siteId = '';
        replaceChildren(teamSelect, ...teams.map((x) => h('option', { value: x.id }, localize(x.name, lang) || x.id)));
        teamSelect.value = teamId;
        replaceChildren(
          siteSelect,
          h('option', { value: '' }, t('eval.noSite')),
          ...sites.map((x) => h('option', { value: x.id }, localize(x.name, lang) || x.id)),
        );
        siteSelect.value = siteId;
      }
      tick();
      paint();
    },
  };
}
