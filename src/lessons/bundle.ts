// The course as bundled by Vite at build time: every file under lessons/ as raw text.
import { loadCourse, type LessonSources } from './load';
import type { Course } from './types';

const raw = import.meta.glob('/lessons/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function bundledSources(): LessonSources {
  const out: LessonSources = {};
  for (const [path, text] of Object.entries(raw)) out[path.replace(/^\/lessons\//, '')] = text;
  return out;
}

let course: Course | null = null;
export function bundledCourse(): Course {
  course ??= loadCourse(bundledSources());
  return course;
}
