import type { ReactNode } from 'react';
import './studio.css';

/** The studio's pages: the site's frame, with the studio's own styles (review layout, publish bar, cards). */
export default function StudioLayout({ children }: { children: ReactNode }) {
  return children;
}
