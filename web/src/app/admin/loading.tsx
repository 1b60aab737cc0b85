'use client';
import { LoadingIntro } from '../../shared/components/loading.tsx';
import { useDictionary } from '../../shared/i18n/locale-context.tsx';

/** Shown while the panel asks each host's agent for its status (a host that does not answer takes up to 4 s). */
export default function AdminLoading() {
  const { t } = useDictionary();
  return (
    <div aria-busy="true" className="container">
      <LoadingIntro title={t.admin.title} text={t.admin.loading} />
    </div>
  );
}
