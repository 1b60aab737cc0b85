import { inject } from 'vitest';

export type Page = { status: number; html: string; text: string };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", nbsp: ' ' };

/** The visible text of an HTML document: no scripts or styles, tags dropped, entities decoded, spaces collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x27|#39|amp|lt|gt|quot|nbsp);/g, (_, name: string) => entities[name] ?? '')
    .replace(/\s+/g, ' ');
}

/** GET a page of the web app under test, optionally with the UI-language cookie. */
export async function getPage(path: string, { locale, base }: { locale?: string; base?: string } = {}): Promise<Page> {
  const res = await fetch(`${base ?? inject('web').url}${path}`, {
    headers: locale ? { cookie: `aula_locale=${locale}` } : {},
    redirect: 'manual',
  });
  const html = await res.text();
  return { status: res.status, html, text: visibleText(html) };
}
