'use client';
import { useEffect, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { estimateCourse, type GenerationOptions, lessonCountOf, type Price, type ProviderOption } from '../estimate.ts';

const TYPING_MS = 300;

/** The provider and model a request will use: what was chosen, else the configured defaults. */
export function chosenModel(options: GenerationOptions, provider: string, model: string): ProviderOption | null {
  const base = provider ? options.providers.find((each) => each.provider === provider) : options.fallback;
  if (!base) return null;
  const typed = model.trim();
  return typed && typed !== base.model ? { provider: base.provider, model: typed, price: UNPRICED } : base;
}
const UNPRICED: Price = { input: 0, output: 0, priced: false };

/**
 * Tokens and cost of the request as it stands, updated as the fields change and read out politely.
 * A typed model's price is asked from the server (which has the course API's `GET /aula/providers`
 * answer), once per name.
 */
export function CostEstimate({
  options,
  lessonCount,
  provider,
  model,
}: {
  options: GenerationOptions;
  lessonCount: string;
  provider: string;
  model: string;
}) {
  const { locale, t } = useDictionary();
  const r = t.studio.request;
  const choice = chosenModel(options, provider, model);
  const typed = choice && choice.price === UNPRICED ? `${choice.provider}:${choice.model}` : null;
  const [prices, setPrices] = useState<Record<string, Price>>({});

  useEffect(() => {
    if (!typed || prices[typed]) return;
    const [name, ...rest] = typed.split(':');
    const timer = setTimeout(async () => {
      try {
        const query = new URLSearchParams({ provider: name ?? '', model: rest.join(':') });
        const res = await fetch(`/api/studio/price?${query}`);
        if (!res.ok) return;
        const { price } = (await res.json()) as { price: Price };
        setPrices((known) => ({ ...known, [typed]: price }));
      } catch {
        // Without a price the estimate says the cost is unknown.
      }
    }, TYPING_MS);
    return () => clearTimeout(timer);
  }, [typed, prices]);

  const lessons = lessonCountOf(lessonCount);
  const price = typed ? prices[typed] : choice?.price;
  const number = (n: number) => n.toLocaleString(locale);
  let lines: string[];
  if (!choice) lines = [];
  else if (lessons === null) lines = [r.estimateNoLessons];
  else {
    const estimate = estimateCourse({ lessonCount: lessons, price: price ?? UNPRICED });
    const name = `${choice.provider} · ${choice.model}`;
    lines = [
      r.estimateTokens(number(estimate.tokensIn), number(estimate.tokensOut)),
      // Until a typed model's price arrives, only the tokens.
      price === undefined
        ? ''
        : estimate.costUsd === null
          ? r.estimateUnknown(name)
          : r.estimateCost(t.studio.cost(estimate.costUsd), name),
    ].filter(Boolean);
  }
  return (
    <section className="estimate" aria-labelledby="estimate-title">
      <h2 id="estimate-title" className="estimate__title">
        {r.estimateTitle}
      </h2>
      <div aria-live="polite" aria-atomic="true" className="estimate__figures">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <p className="estimate__note">{r.estimateNote}</p>
    </section>
  );
}
