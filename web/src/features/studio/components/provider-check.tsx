'use client';
import type { CallCheck } from '@aula/llm';
import { useActionState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { checkProvidersAction, type ProviderCheckState } from '../server/check-providers-action.ts';
import { StudioTable } from './studio-table.tsx';

/** The button, then one row per provider and model: structured call, streamed call, price; failures in full. */
export function ProviderCheckPanel() {
  const { t } = useDictionary();
  const p = t.studio.providers;
  const [state, action, pending] = useActionState<ProviderCheckState>(checkProvidersAction, {});
  const cell = (c: CallCheck) => (c.ok ? p.ok(c.latencyMs) : p.failed);
  const failures = (state.checks ?? []).flatMap((c) =>
    (['structured', 'stream'] as const).flatMap((kind) => {
      const r = c[kind];
      return r.ok
        ? []
        : [
            {
              key: `${c.provider}:${c.model}:${kind}`,
              label: `${c.provider} ${c.model} (${p[kind]})`,
              message: r.message,
            },
          ];
    }),
  );
  return (
    <section aria-labelledby="provider-check" className="provider-check">
      <h2 id="provider-check" className="sr-only">
        {p.title}
      </h2>
      <form action={action}>
        <button type="submit" className="button" disabled={pending}>
          {pending ? p.checking : p.check}
        </button>
      </form>
      {state.message ? <p role="alert">{state.message}</p> : null}
      {state.checks ? (
        <StudioTable live caption={p.title} columns={[p.provider, p.model, p.usedFor, p.structured, p.stream, p.price]}>
          {state.checks.map((c) => (
            <tr key={`${c.provider}:${c.model}`}>
              <th scope="row">{c.provider}</th>
              <td data-label={p.model}>{c.model}</td>
              <td data-label={p.usedFor}>{c.tasks.map((task) => p.tasks[task]).join(', ')}</td>
              <td data-label={p.structured}>{cell(c.structured)}</td>
              <td data-label={p.stream}>{cell(c.stream)}</td>
              <td data-label={p.price}>{c.price.priced ? p.perMillion(c.price.input, c.price.output) : p.unpriced}</td>
            </tr>
          ))}
        </StudioTable>
      ) : null}
      {failures.length > 0 ? (
        <ul className="provider-failures">
          {failures.map((f) => (
            <li key={f.key}>
              <strong>{f.label}:</strong> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
