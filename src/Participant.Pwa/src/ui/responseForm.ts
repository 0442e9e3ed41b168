import { localize, t } from '../i18n';
import type { PhotoDraft, ResponseDraft } from '../outbox';
import { PhotoError, preparePhoto } from '../photo';
import type { StoredMessage } from '../store';
import type { ResponseField } from '../types';
import { h, replaceChildren } from './dom';

/** What the person has filled in so far; kept by the shell so a language switch loses nothing. */
export interface FormDraft {
  text: string;
  /** Answers by field id; a choice field holds the chosen option's id. */
  fields: Record<string, string>;
  photos: PhotoDraft[];
}

export function emptyDraft(): FormDraft {
  return { text: '', fields: {}, photos: [] };
}

export type DraftProblem = { key: string; field?: ResponseField };

/** What is missing before this draft may be sent; empty when it is ready. */
export function draftProblems(fields: readonly ResponseField[], draft: FormDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  for (const field of fields) {
    if (!field.required) continue;
    if (field.kind === 'photo') {
      if (draft.photos.length === 0) problems.push({ key: 'response.problem.photo', field });
    } else if (!draft.fields[field.id]?.trim()) {
      problems.push({ key: field.kind === 'choice' ? 'response.problem.choice' : 'response.problem.field', field });
    }
  }
  const hasAnything = draft.text.trim() || Object.values(draft.fields).some((v) => v.trim()) || draft.photos.length > 0;
  if (problems.length === 0 && !hasAnything) problems.push({ key: 'message.responseEmpty' });
  return problems;
}

/** The response as it goes to the outbox: answers by field id, and the first choice also as `choice`. */
export function toResponse(fields: readonly ResponseField[], draft: FormDraft): ResponseDraft {
  const answers: Record<string, string> = {};
  for (const field of fields) {
    const value = draft.fields[field.id];
    if (field.kind !== 'photo' && value?.trim()) answers[field.id] = value.trim();
  }
  const choiceField = fields.find((f) => f.kind === 'choice' && answers[f.id]);
  return {
    text: draft.text,
    ...(choiceField ? { choice: answers[choiceField.id] } : {}),
    fields: answers,
    photos: [...draft.photos],
  };
}

type Input = HTMLInputElement | HTMLTextAreaElement;

/**
 * The response form an inject asks for (issue 3's `responseForm`): text, choice, amount,
 * account, name, location and photo fields, plus a free-text comment. Without a form it is free
 * text with an optional photo.
 */
export function responseForm(
  message: StoredMessage,
  lang: string,
  draft: FormDraft,
  onSend: (response: ResponseDraft) => Promise<void>,
): HTMLFormElement {
  const fields = message.responseForm?.fields ?? [];
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'response-problem', hidden: true });
  const controls: HTMLElement[] = [];
  const focusable = new Map<string, HTMLElement>();
  const label = (field: ResponseField): string => localize(field.label, lang) || field.id;
  const required = (field: ResponseField) =>
    field.required ? h('span', { class: 'required' }, ` (${t('response.required')})`) : null;
  const inputs: Input[] = [];
  let photoPanel: { el: HTMLElement; focus: HTMLElement; clear(): void } | null = null;

  for (const field of fields) {
    const id = `field-${message.deliveryId}-${field.id}`;
    if (field.kind === 'choice') {
      const radios = field.choices.map((choice) =>
        h('input', {
          type: 'radio',
          name: id,
          value: choice.id,
          checked: draft.fields[field.id] === choice.id,
          'data-testid': 'response-choice',
          'data-field': field.id,
          onchange: () => (draft.fields[field.id] = choice.id),
        }),
      );
      if (radios[0]) focusable.set(field.id, radios[0]);
      controls.push(
        h(
          'fieldset',
          { class: 'choices', 'aria-required': field.required ? 'true' : null },
          h('legend', {}, label(field), required(field)),
          ...field.choices.map((choice, i) =>
            h('label', { class: 'choice' }, radios[i], h('span', {}, localize(choice.label, lang) || choice.id)),
          ),
        ),
      );
    } else if (field.kind === 'photo') {
      photoPanel ??= photoPicker(message.deliveryId, draft, `${label(field)}`, field.required);
      controls.push(photoPanel.el);
      focusable.set(field.id, photoPanel.focus);
    } else {
      const attrs = {
        id,
        name: field.id,
        required: field.required,
        'aria-required': field.required ? 'true' : null,
        maxlength: field.kind === 'text' ? 4000 : 500,
        'data-testid': 'response-field',
        'data-field': field.id,
        'data-kind': field.kind,
        oninput: () => (draft.fields[field.id] = input.value),
      };
      const input: Input =
        field.kind === 'text'
          ? h('textarea', { ...attrs, rows: 3 })
          : h('input', {
              ...attrs,
              type: 'text',
              inputmode: field.kind === 'amount' ? 'decimal' : null,
              autocomplete: field.kind === 'name' ? 'off' : null,
              autocapitalize: field.kind === 'account' ? 'characters' : null,
              spellcheck: field.kind === 'account' || field.kind === 'amount' ? 'false' : null,
              class: field.kind === 'account' ? 'mono' : null,
            });
      input.value = draft.fields[field.id] ?? '';
      inputs.push(input);
      focusable.set(field.id, input);
      controls.push(
        h(
          'div',
          { class: 'field' },
          h('label', { for: id }, label(field), required(field)),
          input,
          field.kind === 'location' ? locateButton(input, (value) => (draft.fields[field.id] = value)) : null,
        ),
      );
    }
  }

  const text = h('textarea', {
    id: `response-text`,
    'data-testid': 'response-text',
    rows: fields.length > 0 ? 2 : 4,
    maxlength: 4000,
    oninput: () => (draft.text = text.value),
  });
  text.value = draft.text;
  inputs.push(text);
  controls.push(
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'response-text' }, fields.length > 0 ? t('response.comment') : t('message.responseLabel')),
      text,
    ),
  );
  // Free text may come with a photo; a form offers one only when it has a photo field.
  if (fields.length === 0) {
    photoPanel = photoPicker(message.deliveryId, draft, t('response.photoAdd'), false);
    controls.push(photoPanel.el);
  }

  const send = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'response-send' },
    t('message.responseSend'),
  );
  const el: HTMLFormElement = h(
    'form',
    {
      class: 'respond',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const problems = draftProblems(fields, draft);
        if (problems.length > 0) {
          problem.textContent = problems
            .map((p) => t(p.key, p.field ? { field: label(p.field) } : undefined))
            .join(' ');
          problem.hidden = false;
          const first = problems[0]?.field;
          (first ? focusable.get(first.id) : text)?.focus();
          return;
        }
        problem.hidden = true;
        const response = toResponse(fields, draft);
        // Clear at once: the response is in the outbox (or comes back below if storing failed).
        const restore: FormDraft = { text: draft.text, fields: { ...draft.fields }, photos: [...draft.photos] };
        Object.assign(draft, emptyDraft());
        el.reset();
        for (const input of inputs) input.value = '';
        photoPanel?.clear();
        onSend(response).catch(() => {
          Object.assign(draft, restore);
          text.value = restore.text;
        });
      },
    },
    h('p', { class: 'notice' }, t('message.responseRequested')),
    ...controls,
    problem,
    send,
  );
  return el;
}

/** "Use my location" for a location field: fills in latitude, longitude and accuracy. */
function locateButton(input: Input, set: (value: string) => void): HTMLElement | null {
  if (!globalThis.navigator?.geolocation) return null;
  const status = h('span', { class: 'hint', role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'response-locate',
      onclick: () => {
        status.textContent = t('response.locating');
        navigator.geolocation.getCurrentPosition(
          (position) => {
            const { latitude, longitude, accuracy } = position.coords;
            input.value = `${latitude.toFixed(5)}, ${longitude.toFixed(5)} (±${Math.round(accuracy)} m)`;
            set(input.value);
            status.textContent = '';
          },
          () => (status.textContent = t('response.locationFailed')),
          { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
        );
      },
    },
    t('response.useLocation'),
  );
  return h('div', { class: 'locate' }, button, status);
}

/** The camera/gallery picker with thumbnails. `capture` opens the back camera on phones. */
export function photoPicker(
  key: string,
  draft: { photos: PhotoDraft[] },
  caption: string,
  isRequired: boolean,
): { el: HTMLElement; focus: HTMLElement; clear(): void } {
  const thumbs = h('ul', { class: 'photos', 'aria-label': t('response.photos'), 'data-testid': 'response-photos' });
  const photoProblem = h('p', { class: 'error', role: 'alert', hidden: true });
  const renderThumbs = (): void => {
    replaceChildren(
      thumbs,
      ...draft.photos.map((photo, i) => {
        const url = URL.createObjectURL(new Blob([photo.bytes], { type: photo.contentType }));
        return h(
          'li',
          { class: 'photo' },
          h('img', { src: url, alt: t('response.photoAlt', { n: i + 1 }), onload: () => URL.revokeObjectURL(url) }),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': t('response.photoRemove', { n: i + 1 }),
              onclick: () => {
                draft.photos.splice(i, 1);
                renderThumbs();
              },
            },
            '✕',
          ),
        );
      }),
    );
  };
  const picker = h('input', {
    id: `photo-${key}`,
    type: 'file',
    accept: 'image/*',
    capture: 'environment',
    class: 'visually-hidden',
    'data-testid': 'response-photo-input',
    onchange: () => {
      const files = [...(picker.files ?? [])];
      picker.value = '';
      photoProblem.hidden = true;
      void Promise.all(
        files.map((file) =>
          preparePhoto(file).then(
            (photo) => draft.photos.push(photo),
            (error: unknown) => {
              photoProblem.textContent = t(
                error instanceof PhotoError && error.reason === 'tooLarge'
                  ? 'response.photoTooLarge'
                  : 'response.photoNotImage',
              );
              photoProblem.hidden = false;
            },
          ),
        ),
      ).then(renderThumbs);
    },
  });
  renderThumbs();
  const el = h(
    'div',
    { class: 'field' },
    picker,
    h(
      'label',
      { for: picker.id, class: 'button secondary', 'data-testid': 'response-photo' },
      caption,
      isRequired ? h('span', { class: 'required' }, ` (${t('response.required')})`) : null,
    ),
    photoProblem,
    thumbs,
  );
  return { el, focus: picker, clear: () => thumbs.replaceChildren() };
}
