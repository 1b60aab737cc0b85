import type { MetadataRoute } from 'next';
import { dictionary } from '../shared/i18n/dictionary.ts';

/** The web manifest (`/manifest.webmanifest`): the site's name, colours and icons for phones' home screens. */
export default function manifest(): MetadataRoute.Manifest {
  const { site } = dictionary('es');
  return {
    name: `${site.name} · ${site.tagline}`,
    short_name: site.name,
    description: site.tagline,
    lang: 'es',
    start_url: '/',
    scope: '/',
    display: 'browser',
    background_color: '#f7f5f0',
    theme_color: '#0f6b5c',
    icons: [
      { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
      { src: '/icons/icon-192.png', type: 'image/png', sizes: '192x192' },
      { src: '/icons/icon-512.png', type: 'image/png', sizes: '512x512' },
    ],
  };
}
