'use client';
import { useActionState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type CompleteState, completeLessonAction } from '../server/lesson-actions.ts';

/** "Mark as read", or the fact that it is; the outcome is announced (aria-live). */
export function CompleteLesson({ lessonId, path, done }: { lessonId: string; path: string; done: boolean }) {
  const { t } = useDictionary();
  const [state, action, pending] = useActionState<CompleteState, FormData>(completeLessonAction, {});
  const read = done || state.done;
  return (
    <div className="complete">
      {read ? (
        <p className="complete__done">
          <span aria-hidden="true">✓ </span>
          {t.lesson.read}
        </p>
      ) : (
        <form action={action}>
          <input type="hidden" name="lessonId" value={lessonId} />
          <input type="hidden" name="path" value={path} />
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {pending ? t.lesson.marking : t.lesson.markRead}
          </button>
        </form>
      )}
      <p role="status" className="complete__message">
        {state.message ?? ''}
      </p>
    </div>
  );
}
