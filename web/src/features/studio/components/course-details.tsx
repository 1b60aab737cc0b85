'use client';
import { CourseEdit, ObjectivesEdit } from '@aula/domain';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { useEdit } from '../hooks/use-edit.ts';
import { EditStatus, SaveBar } from './edit-parts.tsx';
import { LastEdit, type LastEditView } from './last-edit.tsx';

type Saved = { title: string; summary: string | null; by: string | null; at: string | null };

/**
 * The course's title and summary, editable here as lessons are: saved in Directus with the staff
 * member's token (who and when recorded), shown to students only once the course is published.
 */
export function CourseDetails({
  courseId,
  language,
  title,
  summary,
  lastEdit,
}: {
  courseId: string;
  language: string;
  title: string;
  summary: string | null;
  lastEdit: LastEditView;
}) {
  const { t } = useDictionary();
  const f = t.studio.flow;
  const router = useRouter();
  const [saved, setSaved] = useState({ title, summary, lastEdit });
  const { draft, setDraft, message, saving, messageRef, save } = useEdit<{ title: string; summary: string }>();
  const [problems, setProblems] = useState<{ title?: boolean; summary?: boolean }>({});
  const id = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);

  async function submit() {
    if (!draft) return;
    const parsed = CourseEdit.safeParse(draft);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
      setProblems({ title: fields.has('title'), summary: fields.has('summary') });
      titleRef.current?.focus();
      return;
    }
    await save<Saved>(`/api/studio/courses/${courseId}`, parsed.data, {
      refused: (answer) =>
        setProblems({ title: answer.fields.includes('title'), summary: answer.fields.includes('summary') }),
      saved: (data) => {
        setSaved({ title: data.title, summary: data.summary, lastEdit: { by: data.by, at: data.at } });
        setProblems({});
        // The page's heading (and the publish bar's question) show the title too: read the page again.
        router.refresh();
      },
    });
  }

  return (
    <section className="course-details" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{f.details}</h2>
      <div className="review__tools">
        <LastEdit edit={saved.lastEdit} />
        {draft ? null : (
          <button
            ref={editRef}
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              setDraft({ title: saved.title, summary: saved.summary ?? '' });
              requestAnimationFrame(() => titleRef.current?.focus());
            }}
          >
            {f.editDetails}
          </button>
        )}
      </div>
      <EditStatus message={message} messageRef={messageRef} />
      {draft ? (
        <div className="course-details__form">
          <div className={problems.title ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${id}-t`}>{f.courseTitle}</label>
            {problems.title ? (
              <p id={`${id}-tp`} className="field__problem">
                {f.problems.title}
              </p>
            ) : null}
            <input
              ref={titleRef}
              id={`${id}-t`}
              lang={language}
              value={draft.title}
              maxLength={200}
              aria-invalid={problems.title || undefined}
              aria-describedby={problems.title ? `${id}-tp` : undefined}
              onChange={(event) => setDraft({ ...draft, title: event.target.value })}
            />
          </div>
          <div className={problems.summary ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${id}-s`}>{f.summary}</label>
            {problems.summary ? (
              <p id={`${id}-sp`} className="field__problem">
                {f.problems.summary}
              </p>
            ) : null}
            <textarea
              id={`${id}-s`}
              lang={language}
              rows={4}
              value={draft.summary}
              aria-invalid={problems.summary || undefined}
              aria-describedby={problems.summary ? `${id}-sp` : `${id}-note`}
              onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
            />
            <p id={`${id}-note`} className="field__hint">
              {f.draftNote}
            </p>
          </div>
          <SaveBar
            saving={saving}
            onSave={submit}
            onCancel={() => {
              setDraft(null);
              setProblems({});
              requestAnimationFrame(() => editRef.current?.focus());
            }}
          />
        </div>
      ) : (
        <dl className="course-details__view">
          <dt>{f.courseTitle}</dt>
          <dd lang={language}>{saved.title}</dd>
          <dt>{f.summary}</dt>
          <dd lang={language}>{saved.summary || f.noSummary}</dd>
        </dl>
      )}
    </section>
  );
}

/** A lesson's objectives, edited one per line. */
export function ObjectivesEditor({
  lessonId,
  language,
  objectives,
}: {
  lessonId: string;
  language: string;
  objectives: string[];
}) {
  const { t } = useDictionary();
  const f = t.studio.flow;
  const [saved, setSaved] = useState(objectives);
  const { draft, setDraft, message, saving, messageRef, save } = useEdit<string>();
  const [problem, setProblem] = useState(false);
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);

  async function submit() {
    if (draft === null) return;
    const body = {
      objectives: draft
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    if (!ObjectivesEdit.safeParse(body).success) {
      setProblem(true);
      inputRef.current?.focus();
      return;
    }
    await save<{ objectives: string[] | null }>(`/api/studio/lessons/${lessonId}/objectives`, body, {
      refused: () => setProblem(true),
      saved: (data) => {
        setSaved(data.objectives ?? []);
        setProblem(false);
      },
    });
  }

  return (
    <div className="review__objectives">
      <h3>{f.objectives}</h3>
      {draft === null ? (
        <>
          {saved.length > 0 ? (
            <ul lang={language}>
              {saved.map((objective) => (
                <li key={objective}>{objective}</li>
              ))}
            </ul>
          ) : (
            <p>{f.noObjectives}</p>
          )}
          <p>
            <button
              ref={editRef}
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                setDraft(saved.join('\n'));
                requestAnimationFrame(() => inputRef.current?.focus());
              }}
            >
              {f.editObjectives}
            </button>
          </p>
        </>
      ) : (
        <div className={problem ? 'field field--invalid' : 'field'}>
          <label htmlFor={`${id}-o`}>{f.objectivesLabel}</label>
          {problem ? (
            <p id={`${id}-op`} className="field__problem">
              {f.problems.objectives}
            </p>
          ) : null}
          <textarea
            ref={inputRef}
            id={`${id}-o`}
            lang={language}
            rows={4}
            value={draft}
            aria-invalid={problem || undefined}
            aria-describedby={problem ? `${id}-op` : undefined}
            onChange={(event) => setDraft(event.target.value)}
          />
          <SaveBar
            saving={saving}
            onSave={submit}
            onCancel={() => {
              setDraft(null);
              setProblem(false);
              requestAnimationFrame(() => editRef.current?.focus());
            }}
          />
        </div>
      )}
      <EditStatus message={message} messageRef={messageRef} />
    </div>
  );
}
