import { inject } from 'vitest';

const web = () => inject('web').url;

/**
 * The server action form on a page, as a browser without JavaScript posts it: every field the page
 * rendered in the form (React's hidden action fields included), plus `fields`.
 */
export async function actionForm(path: string, cookie: string, has: string, fields: Record<string, string>) {
  const html = await (await fetch(`${web()}${path}`, { headers: { cookie } })).text();
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(has));
  if (!form) throw new Error(`no form with ${has} on ${path}`);
  const body = new FormData();
  for (const [, input] of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(input ?? '')?.[1];
    const value = /\bvalue="([^"]*)"/.exec(input ?? '')?.[1] ?? '';
    if (name && !(name in fields)) body.append(decode(name), decode(value));
  }
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
