import type { ServerResponse } from 'node:http';
import { sendText, sleep } from './respond.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * A tiny web for reference checks, under `/web/<kind>/<anything>`:
 * ok (200 page), login-redirect (302 → /web/login), login, parked (200 "for sale"), missing (404),
 * file (a PDF), loop (redirects forever), slow (answers after 2 s), redirect (302 to `?to=`),
 * entities (a title written with HTML entities: "Introducción & práctica").
 */
export async function answerWeb(res: ServerResponse, kind: string, rest: string, query: URLSearchParams) {
  const html = 'text/html; charset=utf-8';
  switch (kind) {
    case 'ok':
      return sendText(res, 200, html, page(`Reference: ${rest || 'home'}`, `<h1>${rest}</h1><p>Useful content.</p>`));
    case 'login-redirect':
      return sendText(res, 302, html, '', { location: `/web/login?next=${encodeURIComponent(`/web/ok/${rest}`)}` });
    case 'login':
      return sendText(
        res,
        200,
        html,
        page('Sign in', `<form method="post"><input name="user"><input type="password" name="password"></form>`),
      );
    case 'parked':
      return sendText(res, 200, html, page(rest || 'example.com', '<h1>This domain is for sale</h1><p>Buy now.</p>'));
    case 'missing':
      return sendText(res, 404, html, page('Not Found', '<h1>404</h1>'));
    case 'file':
      return sendText(res, 200, 'application/pdf', '%PDF-1.4 emulated');
    case 'loop': {
      const n = Number(query.get('n') ?? 0) + 1;
      return sendText(res, 302, html, '', { location: `/web/loop/${rest}?n=${n}` });
    }
    case 'redirect':
      return sendText(res, 302, html, '', { location: query.get('to') ?? '/web/ok/home' });
    case 'entities':
      return sendText(res, 200, html, page('Introducci&oacute;n &amp; pr&#225;ctica', '<p>Useful content.</p>'));
    case 'slow':
      await sleep(2000);
      return sendText(res, 200, html, page('Slow page', '<p>Finally.</p>'));
    default:
      return sendText(res, 404, html, page('Not Found', '<h1>404</h1>'));
  }
}
