import { parseSpan } from './evaluator';
import { t } from './i18n';
import type { UpcomingCueCard, UpcomingCueCards } from './types';

/** The server's answer and when this phone got it, by this phone's clock. */
export interface HeldUpcoming {
  answer: UpcomingCueCards;
  /** Milliseconds since the epoch on the phone: the wait counts from here, not from `asOf`, so a phone clock that is off by minutes does not matter. */
  receivedAt: number;
}

export type Wait = { kind: 'paused' } | { kind: 'due' } | { kind: 'in'; ms: number };

/**
 * How long, in wall time, until a card is released: exercise time still to go divided by the
 * clock's speed, less the wall time since the answer came. A stopped clock brings nothing closer.
 */
export function waitFor(card: UpcomingCueCard, held: HeldUpcoming, now: number): Wait {
  const { answer } = held;
  if (!answer.running || answer.speed <= 0) return { kind: 'paused' };
  const scenarioLeft = parseSpan(card.dueAt) - parseSpan(answer.scenarioTime);
  const ms = scenarioLeft / answer.speed - Math.max(0, now - held.receivedAt);
  return ms <= 0 ? { kind: 'due' } : { kind: 'in', ms };
}

const MINUTE = 60_000;

function units(value: number, unit: 'hour' | 'minute', lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * "in about 10 minutes", "примерно через 1 час 20 минут": rounded to the minute under an hour and
 * to five minutes above, since the clock may still be paused or re-timed; under a minute, "any
 * moment now". Plural forms come from Intl, so Russian gets "1 минуту", "3 минуты", "5 минут".
 */
export function waitText(wait: Wait, lang: string): string {
  if (wait.kind === 'paused') return t('upcoming.paused');
  if (wait.kind === 'due' || wait.ms < MINUTE) return t('upcoming.anyMoment');
  const minutes = wait.ms < 60 * MINUTE ? Math.round(wait.ms / MINUTE) : Math.round(wait.ms / (5 * MINUTE)) * 5;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const duration =
    hours === 0
      ? units(minutes, 'minute', lang)
      : rest === 0
        ? units(hours, 'hour', lang)
        : `${units(hours, 'hour', lang)} ${units(rest, 'minute', lang)}`;
  return t('upcoming.in', { duration });
}
