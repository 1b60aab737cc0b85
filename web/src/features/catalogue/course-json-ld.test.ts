import { describe, expect, it } from 'vitest';
import { courseJsonLd, scriptSafeJson } from './course-json-ld.ts';

describe('scriptSafeJson', () => {
  it('cannot close the script tag, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script> <!-- & \u2028' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('courseJsonLd', () => {
  it('describes a Course with its provider, language and image', () => {
    const data = courseJsonLd({
      title: 'Python',
      summary: 'Desde cero',
      language: 'es',
      url: 'https://aula.example/cursos/python',
      image: 'https://aula.example/cursos/python/portada?w=1200',
      siteName: 'Aula',
      siteUrl: 'https://aula.example',
    });
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'Python',
      description: 'Desde cero',
      inLanguage: 'es',
      image: 'https://aula.example/cursos/python/portada?w=1200',
      provider: { '@type': 'Organization', name: 'Aula' },
    });
  });
});
