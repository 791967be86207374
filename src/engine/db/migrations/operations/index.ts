// All migration operations, as `django.db.migrations` exposes them.

export * from './base';
export * from './fields';
export * from './models';
export * from './special';
