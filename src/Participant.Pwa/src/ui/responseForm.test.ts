import { describe, expect, it } from 'vitest';
import type { ResponseField } from '../types';
import { formatWithin } from './messageView';
import { draftProblems, emptyDraft, toResponse } from './responseForm';

const field = (id: string, kind: ResponseField['kind'], required = false): ResponseField => ({
  id,
  kind,
  label: { en: id },
  required,
  choices: kind === 'choice' ? [{ id: 'yes', label: { en: 'Yes' } }] : [],
});

describe('response form rules', () => {
  it('a required photo field needs a photo; other required fields need a value', () => {
    const fields = [field('where', 'location', true), field('proof', 'photo', true), field('ok', 'choice', true)];
    expect(draftProblems(fields, emptyDraft()).map((p) => p.key)).toEqual([
      'response.problem.field',
      'response.problem.photo',
      'response.problem.choice',
    ]);
    const filled = {
      text: '',
      fields: { where: '59.9, 30.3', ok: 'yes' },
      photos: [{ contentType: 'image/jpeg', bytes: new ArrayBuffer(1) }],
    };
    expect(draftProblems(fields, filled)).toEqual([]);
  });

  it('free text alone may not be empty', () => {
    expect(draftProblems([], emptyDraft()).map((p) => p.key)).toEqual(['message.responseEmpty']);
    expect(draftProblems([], { ...emptyDraft(), text: 'seen' })).toEqual([]);
  });

  it('sends answers by field id, the choice also as `choice`, and no answer for a photo field', () => {
    const fields = [field('ok', 'choice'), field('sum', 'amount'), field('proof', 'photo')];
    const draft = { text: 'note', fields: { ok: 'yes', sum: ' 1200 ', proof: 'ignored', stray: 'x' }, photos: [] };
    expect(toResponse(fields, draft)).toEqual({
      text: 'note',
      choice: 'yes',
      fields: { ok: 'yes', sum: '1200' },
      photos: [],
    });
  });
});

describe('formatWithin', () => {
  it.each([
    ['00:30:00', '30 min'],
    ['02:15:00', '2 h 15 min'],
    ['1.04:00:00', '1 d 4 h'],
    ['00:00:00', '0 min'],
    ['soon', null],
  ])('%s → %s', (value, shown) => {
    expect(formatWithin(value)).toBe(shown);
  });
});
