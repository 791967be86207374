// Pure diagram generation (no DOM): engine data in, mermaid text out.
export * from './escape';
export * from './palette';
export * from './er';
export * from './graph';
export * from './diff';
