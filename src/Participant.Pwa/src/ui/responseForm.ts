import { localize, t } from '../i18n';
import type { PhotoDraft, ResponseDraft } from '../outbox';
import { PhotoError, preparePhoto } from '../photo';
import type { StoredMessage } from '../store';
import type { ResponseField, ResponseForm } from '../types';
import { h, replaceChildren } from './dom';

/** What the person has filled in so far; kept by the shell so a language switch loses nothing. */
export interface FormDraft {
  text: string;
  choice?: string;
  fields: Record<string, string>;
  photos: PhotoDraft[];
}

export function emptyDraft(): FormDraft {
  return { text: '', fields: {}, photos: [] };
}

/** What is missing before this draft may be sent, as i18n keys with params; empty when ready. */
export function draftProblems(form: ResponseForm, draft: FormDraft): { key: string; field?: ResponseField }[] {
  const problems: { key: string; field?: ResponseField }[] = [];
  if ((form.choices?.length ?? 0) > 0 && !draft.choice) problems.push({ key: 'response.problem.choice' });
  for (const field of form.fields ?? []) {
    if (field.required && !draft.fields[field.name]?.trim()) problems.push({ key: 'response.problem.field', field });
  }
  if (form.photo === 'required' && draft.photos.length === 0) problems.push({ key: 'response.problem.photo' });
  const hasAnything =
    draft.text.trim() || draft.choice || Object.values(draft.fields).some((v) => v.trim()) || draft.photos.length > 0;
  if (problems.length === 0 && !hasAnything) problems.push({ key: 'message.responseEmpty' });
  return problems;
}

const INPUT_TYPES: Record<NonNullable<ResponseField['kind']>, string> = {
  text: 'text',
  number: 'number',
  date: 'date',
  time: 'time',
};

/**
 * The response form an inject asks for: a choice (radio buttons), structured fields, free text
 * and photos from the camera. Without `responseForm` on the message it is free text plus an
 * optional photo, which is what the first protocol offered.
 */
export function responseForm(
  message: StoredMessage,
  lang: string,
  draft: FormDraft,
  onSend: (response: ResponseDraft) => Promise<void>,
): HTMLFormElement {
  const form: ResponseForm = message.responseForm ?? {};
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'response-problem', hidden: true });
  const controls: HTMLElement[] = [];
  const label = (field: ResponseField): string => localize(field.label, lang) || field.name;

  let choiceInputs: HTMLInputElement[] = [];
  if (form.choices && form.choices.length > 0) {
    choiceInputs = form.choices.map((choice) =>
      h('input', {
        type: 'radio',
        name: `choice-${message.deliveryId}`,
        value: choice.id,
        checked: draft.choice === choice.id,
        'data-testid': 'response-choice',
        onchange: () => (draft.choice = choice.id),
      }),
    );
    controls.push(
      h(
        'fieldset',
        { class: 'choices' },
        h('legend', {}, t('response.choose')),
        ...form.choices.map((choice, i) => h('label', { class: 'choice' }, choiceInputs[i], h('span', {}, localize(choice.label, lang)))),
      ),
    );
  }

  const fieldInputs = (form.fields ?? []).map((field) => {
    const id = `field-${field.name}`;
    const input = h('input', {
      id,
      name: field.name,
      type: INPUT_TYPES[field.kind ?? 'text'],
      required: field.required === true,
      'aria-required': field.required ? 'true' : null,
      inputmode: field.kind === 'number' ? 'decimal' : null,
      maxlength: 500,
      'data-testid': 'response-field',
      'data-field': field.name,
      value: draft.fields[field.name] ?? '',
      oninput: () => (draft.fields[field.name] = input.value),
    });
    controls.push(
      h(
        'div',
        { class: 'field' },
        h('label', { for: id }, label(field), field.required ? h('span', { class: 'required' }, ` (${t('response.required')})`) : null),
        input,
      ),
    );
    return input;
  });

  let text: HTMLTextAreaElement | null = null;
  if (form.text !== false) {
    text = h('textarea', {
      id: 'response-text',
      'data-testid': 'response-text',
      rows: 4,
      maxlength: 4000,
      oninput: () => text && (draft.text = text.value),
    });
    text.value = draft.text;
    controls.push(h('div', { class: 'field' }, h('label', { for: 'response-text' }, t('message.responseLabel')), text));
  }

  if (form.photo !== false) {
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
      id: `photo-${message.deliveryId}`,
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
                photoProblem.textContent = t(error instanceof PhotoError && error.reason === 'tooLarge' ? 'response.photoTooLarge' : 'response.photoNotImage');
                photoProblem.hidden = false;
              },
            ),
          ),
        ).then(renderThumbs);
      },
    });
    controls.push(
      h(
        'div',
        { class: 'field' },
        picker,
        h(
          'label',
          { for: picker.id, class: 'button secondary', 'data-testid': 'response-photo' },
          form.photo === 'required' ? t('response.photoRequired') : t('response.photoAdd'),
        ),
        photoProblem,
        thumbs,
      ),
    );
    renderThumbs();
  }

  const send = h('button', { type: 'submit', class: 'primary', 'data-testid': 'response-send' }, t('message.responseSend'));
  const el = h(
    'form',
    {
      class: 'respond',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const problems = draftProblems(form, draft);
        if (problems.length > 0) {
          problem.textContent = problems.map((p) => t(p.key, p.field ? { field: label(p.field) } : undefined)).join(' ');
          problem.hidden = false;
          (choiceInputs[0] ?? fieldInputs.find((i) => i.required && !i.value.trim()) ?? text)?.focus();
          return;
        }
        problem.hidden = true;
        const sending: ResponseDraft = {
          text: draft.text,
          ...(draft.choice ? { choice: draft.choice } : {}),
          fields: { ...draft.fields },
          photos: [...draft.photos],
        };
        // Clear at once: the response is in the outbox (or comes back below if storing failed).
        const restore = { ...draft, fields: { ...draft.fields }, photos: [...draft.photos] };
        Object.assign(draft, emptyDraft());
        el.reset();
        if (text) text.value = '';
        for (const input of fieldInputs) input.value = '';
        el.querySelector<HTMLElement>('[data-testid="response-photos"]')?.replaceChildren();
        onSend(sending).catch(() => {
          Object.assign(draft, restore);
          if (text) text.value = restore.text;
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
