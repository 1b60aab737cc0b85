'use client';
import { LANGUAGES, LEVELS } from '@aula/domain';
import { type ReactElement, useActionState, useEffect, useRef, useState } from 'react';
import { FormField } from '../../../shared/components/form-field.tsx';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { REQUEST_FIELDS, type RequestField, type RequestFormState } from '../course-request-form.ts';
import type { GenerationOptions } from '../estimate.ts';
import { requestCourseAction } from '../server/request-course-action.ts';
import { CostEstimate } from './cost-estimate.tsx';

/** A labelled select or textarea, read with its hint and problem like FormField's inputs. */
function Labelled({
  name,
  label,
  hint,
  problem,
  children,
}: {
  name: RequestField;
  label: string;
  hint?: string;
  problem?: string | undefined;
  children: (aria: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactElement;
}) {
  const describedBy = [problem ? `${name}-problem` : '', hint ? `${name}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={name}>{label}</label>
      {problem ? (
        <p id={`${name}-problem`} className="field__problem">
          {problem}
        </p>
      ) : null}
      {children({
        id: name,
        name,
        ...(problem ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint ? (
        <p id={`${name}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The course request. It posts to a server action (and works without JavaScript); the course API
 * validates, and after a refused submission focus goes to the first field at fault, or to the message.
 * The estimate below the fields follows the lesson count, provider and model as they change.
 */
export function RequestForm({
  options,
  initial,
}: {
  options: GenerationOptions;
  /** The values to start from (a failed run's request, to edit). */
  initial?: Partial<Record<RequestField, string>> | undefined;
}) {
  const { locale, t } = useDictionary();
  const r = t.studio.request;
  const [state, action, pending] = useActionState<RequestFormState, FormData>(
    requestCourseAction,
    initial ? { values: initial } : {},
  );
  const [lessonCount, setLessonCount] = useState(state.values?.lessonCount ?? '3');
  const [provider, setProvider] = useState(state.values?.provider ?? '');
  const [model, setModel] = useState(state.values?.model ?? '');
  const defaultModel = (provider && options.providers.find((each) => each.provider === provider)) || options.fallback;
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  // After a refused submission the fields are drawn again with what was sent; the estimate follows.
  useEffect(() => {
    setLessonCount(state.values?.lessonCount ?? '3');
    setProvider(state.values?.provider ?? '');
    setModel(state.values?.model ?? '');
  }, [state.values]);

  useEffect(() => {
    if (!state.attempt) return;
    const wrong = REQUEST_FIELDS.find((field) => state.problems?.[field]);
    const input = wrong ? formRef.current?.querySelector<HTMLElement>(`#${wrong}`) : null;
    (input ?? messageRef.current)?.focus();
  }, [state]);

  const v = state.values ?? {};
  const p = state.problems ?? {};
  // A new key per attempt, so the fields show what was sent (defaultValue is read on mount only).
  return (
    <form ref={formRef} action={action} noValidate className="form studio-form" key={state.attempt ?? 0}>
      {state.message ? (
        <div ref={messageRef} role="alert" tabIndex={-1} className="form__message">
          <p>{state.message}</p>
        </div>
      ) : null}
      <FormField
        name="topic"
        label={r.topic}
        hint={r.topicHint}
        problem={p.topic}
        required
        maxLength={200}
        defaultValue={v.topic}
      />
      <Labelled name="syllabus" label={r.syllabus} hint={r.syllabusHint} problem={p.syllabus}>
        {(aria) => <textarea {...aria} rows={6} defaultValue={v.syllabus} />}
      </Labelled>
      <FormField
        name="audience"
        label={r.audience}
        hint={r.audienceHint}
        problem={p.audience}
        maxLength={300}
        defaultValue={v.audience}
      />
      <div className="studio-form__row">
        <Labelled name="language" label={r.language} problem={p.language}>
          {(aria) => (
            <select {...aria} defaultValue={v.language ?? locale}>
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t.language.names[language]}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled name="level" label={r.level} problem={p.level}>
          {(aria) => (
            <select {...aria} defaultValue={v.level ?? 'beginner'}>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t.levels[level]}
                </option>
              ))}
            </select>
          )}
        </Labelled>
      </div>
      <div className="studio-form__row">
        <FormField
          name="lessonCount"
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          label={r.lessonCount}
          hint={r.lessonCountHint}
          problem={p.lessonCount}
          required
          defaultValue={v.lessonCount ?? '3'}
          onChange={(event) => setLessonCount(event.currentTarget.value)}
        />
        <FormField
          name="costCapUsd"
          inputMode="decimal"
          label={r.costCap}
          hint={r.costCapHint}
          problem={p.costCapUsd}
          defaultValue={v.costCapUsd}
        />
      </div>
      <div className="studio-form__row">
        <Labelled name="provider" label={r.provider} hint={r.providerHint} problem={p.provider}>
          {(aria) => (
            <select
              {...aria}
              defaultValue={v.provider ?? ''}
              onChange={(event) => setProvider(event.currentTarget.value)}
            >
              <option value="">{r.providerDefault(`${options.fallback.provider} · ${options.fallback.model}`)}</option>
              {options.providers.map((each) => (
                <option key={each.provider} value={each.provider}>
                  {each.provider}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <FormField
          name="model"
          label={r.model}
          hint={r.modelHint(defaultModel.model)}
          problem={p.model}
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          defaultValue={v.model}
          onChange={(event) => setModel(event.currentTarget.value)}
        />
      </div>
      <CostEstimate options={options} lessonCount={lessonCount} provider={provider} model={model} />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? r.pending : r.submit}
      </button>
    </form>
  );
}
