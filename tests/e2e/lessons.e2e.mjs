export { tests } from '../unit/lessons/e2e/seed-lesson.e2e.mjs';
