import Link from 'next/link';

export type Crumb = { label: string; href?: string; lang?: string };

/** "Courses / A course / A lesson": links up the way, the last crumb is the page itself. */
export function Breadcrumb({ label, crumbs }: { label: string; crumbs: Crumb[] }) {
  return (
    <nav aria-label={label} className="breadcrumb">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.href ?? crumb.label}>
            {index < crumbs.length - 1 && crumb.href ? (
              <Link href={crumb.href} lang={crumb.lang}>
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page" lang={crumb.lang}>
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
